/**
 * The subset of Auth0's log search syntax (Lucene, `GET /api/v2/logs?q=…`) the Sandbox understands.
 *
 * Supported: `field:value` (case-insensitive exact match; a trailing `*` makes it a prefix match,
 * `ip:198.51.100.*`), `field:"quoted value"` (case-insensitive exact), `field:(a OR b OR "c")`,
 * date ranges `date:[FROM TO]` (inclusive) and `date:{FROM TO}` (exclusive), either bound `*`,
 * bounds ISO-8601 dates or date-times; terms joined by whitespace or `AND` are all required (Auth0
 * documents AND between fields). Fields: `type`, `ip`, `user_id`, `user_name`, `client_id`,
 * `client_name`, `connection`, `connection_id`, `description`, `log_id`, `date`. Anything else
 * (a bare word, `OR` between terms, `NOT`, an unknown field) is refused with a
 * {@link LogQueryError}, which the route turns into Auth0's 400 `invalid_query_string`.
 */

/** One required clause of a parsed query. */
export type LogClause =
  | { kind: 'values'; field: LogField; values: { value: string; prefix: boolean }[] }
  | { kind: 'range'; field: 'date'; from: number | null; to: number | null; inclusive: boolean }

/** The fields a query may name. */
export const LOG_FIELDS = [
  'type',
  'ip',
  'user_id',
  'user_name',
  'client_id',
  'client_name',
  'connection',
  'connection_id',
  'description',
  'log_id',
  'date',
] as const

/** A searchable log field. */
export type LogField = (typeof LOG_FIELDS)[number]

/** A query outside the supported subset. */
export class LogQueryError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LogQueryError'
  }
}

const isField = (name: string): name is LogField => (LOG_FIELDS as readonly string[]).includes(name)

const parseDate = (raw: string): number | null => {
  if (raw === '*') return null
  const ms = Date.parse(raw)
  if (Number.isNaN(ms)) throw new LogQueryError(`Invalid date in range: ${raw}`)
  return ms
}

/** Parses `q`; an empty query is an empty list (matches everything). @throws LogQueryError */
export const parseLogQuery = (q: string): LogClause[] => {
  const clauses: LogClause[] = []
  let i = 0
  const skipSpace = () => {
    while (i < q.length && /\s/.test(q[i] as string)) i++
  }
  const readQuoted = (): string => {
    const end = q.indexOf('"', i + 1)
    if (end < 0) throw new LogQueryError('Unterminated quoted value')
    const value = q.slice(i + 1, end)
    i = end + 1
    return value
  }
  const readWord = (stops: RegExp): string => {
    const start = i
    while (i < q.length && !stops.test(q[i] as string)) i++
    return q.slice(start, i)
  }
  const bare = (word: string) =>
    word.endsWith('*') ? { value: word.slice(0, -1), prefix: true } : { value: word, prefix: false }

  skipSpace()
  let expectTerm = true
  while (i < q.length) {
    const word = readWord(/[\s:]/)
    if (q[i] !== ':') {
      if (word === 'AND' && !expectTerm) {
        expectTerm = true
        skipSpace()
        continue
      }
      throw new LogQueryError(
        word === 'OR' || word === 'NOT'
          ? `${word} between terms is not supported; use field:(a OR b)`
          : `Expected field:value, found "${word}"`,
      )
    }
    if (!isField(word)) throw new LogQueryError(`Unknown log field: ${word}`)
    i++ // ':'
    const c = q[i]
    if (c === '[' || c === '{') {
      if (word !== 'date') throw new LogQueryError(`Ranges are only supported on date`)
      const close = c === '[' ? ']' : '}'
      const end = q.indexOf(close, i)
      if (end < 0) throw new LogQueryError('Unterminated range')
      const parts = q
        .slice(i + 1, end)
        .trim()
        .split(/\s+TO\s+/)
      if (parts.length !== 2) throw new LogQueryError('Expected a range like [FROM TO]')
      clauses.push({
        kind: 'range',
        field: 'date',
        from: parseDate(parts[0] as string),
        to: parseDate(parts[1] as string),
        inclusive: c === '[',
      })
      i = end + 1
    } else if (c === '(') {
      i++
      const values: { value: string; prefix: boolean }[] = []
      let expectValue = true
      for (;;) {
        skipSpace()
        if (i >= q.length) throw new LogQueryError('Unterminated group')
        if (q[i] === ')') {
          i++
          break
        }
        if (q[i] === '"') {
          if (!expectValue) throw new LogQueryError('Expected OR between values')
          values.push({ value: readQuoted(), prefix: false })
          expectValue = false
          continue
        }
        const value = readWord(/[\s)]/)
        if (value === 'OR' && !expectValue) expectValue = true
        else if (expectValue && value !== '' && value !== 'OR' && value !== 'AND') {
          values.push(bare(value))
          expectValue = false
        } else throw new LogQueryError(`Only OR is supported inside a group, found "${value}"`)
      }
      if (values.length === 0 || expectValue) throw new LogQueryError('Empty or incomplete group')
      clauses.push({ kind: 'values', field: word, values })
    } else if (c === '"') {
      clauses.push({
        kind: 'values',
        field: word,
        values: [{ value: readQuoted(), prefix: false }],
      })
    } else {
      const value = readWord(/\s/)
      if (value === '') throw new LogQueryError(`Missing value for ${word}`)
      clauses.push({ kind: 'values', field: word, values: [bare(value)] })
    }
    expectTerm = false
    skipSpace()
  }
  if (expectTerm && clauses.length > 0) throw new LogQueryError('Query ends with AND')
  return clauses
}

/** Whether a log record satisfies every clause. */
export const matchesLogQuery = (
  clauses: readonly LogClause[],
  record: Readonly<Record<string, unknown>>,
): boolean =>
  clauses.every((clause) => {
    const raw = record[clause.field]
    if (clause.kind === 'range') {
      const ms = typeof raw === 'string' ? Date.parse(raw) : NaN
      if (Number.isNaN(ms)) return false
      const lowOk =
        clause.from === null || (clause.inclusive ? ms >= clause.from : ms > clause.from)
      const highOk = clause.to === null || (clause.inclusive ? ms <= clause.to : ms < clause.to)
      return lowOk && highOk
    }
    if (typeof raw !== 'string') return false
    const text = raw.toLowerCase()
    return clause.values.some(({ value, prefix }) =>
      prefix ? text.startsWith(value.toLowerCase()) : text === value.toLowerCase(),
    )
  })
