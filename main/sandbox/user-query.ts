/**
 * The subset of Auth0 user search v3 (Lucene query syntax) the sandbox understands.
 *
 * Supported: free text (`alice`, `"alice smith"`: case-insensitive substring of email, name or
 * user_id — a sandbox simplification of Auth0's tokenized match); `field:value`, `field:"phrase"`;
 * dotted paths through objects and arrays (`identities.connection:"google-oauth2"`);
 * `email.domain:example.com`; wildcards `*` / `?` in values (`name:jo*`, `email:*@example.com`;
 * a leading wildcard needs at least 3 literal characters, as in Auth0); `field:*` (field present);
 * ranges `logins_count:[1 TO 10]`, `created_at:{2024-01-01 TO *]`; `AND`, `OR`, `NOT`, `-term`,
 * parentheses. Juxtaposed terms are OR-ed (the Lucene default; Auth0's docs do not say otherwise),
 * and a negated clause among them excludes (`a -b` = a but not b), as in Lucene.
 * Normalized fields (email, name, given_name, family_name, nickname) compare case-insensitively,
 * every other field case-sensitively, as Auth0 documents.
 */

/** A parsed query. */
export type QueryNode =
  | { kind: 'and' | 'or'; left: QueryNode; right: QueryNode }
  | { kind: 'not'; node: QueryNode }
  | { kind: 'term'; field: string | null; value: string; phrase: boolean }
  | {
      kind: 'range'
      field: string
      lower: string | null
      upper: string | null
      includeLower: boolean
      includeUpper: boolean
    }

/** A query the sandbox cannot parse; the server answers 400 `invalid_query_string`. */
export class UserQueryError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UserQueryError'
  }
}

type Token = { type: '(' | ')' | 'AND' | 'OR' | 'NOT' } | { type: 'node'; node: QueryNode }

const MATCH_ALL: QueryNode = { kind: 'term', field: null, value: '*', phrase: false }

const CASE_INSENSITIVE = new Set([
  'email',
  'email.domain',
  'name',
  'given_name',
  'family_name',
  'nickname',
])
const FREE_TEXT_FIELDS = ['email', 'name', 'user_id'] as const

const isSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r'

const tokenize = (q: string): Token[] => {
  const tokens: Token[] = []
  let i = 0

  const readQuoted = (): string => {
    i++ // opening quote
    let out = ''
    while (i < q.length && q[i] !== '"') {
      if (q[i] === '\\' && i + 1 < q.length) i++
      out += q[i]
      i++
    }
    if (q[i] !== '"') throw new UserQueryError('Unterminated quoted phrase')
    i++
    return out
  }

  const readWord = (stopAtColon: boolean): string => {
    let out = ''
    while (i < q.length) {
      const c = q[i] as string
      if (isSpace(c) || c === '(' || c === ')' || (stopAtColon && c === ':')) break
      if (c === '\\' && i + 1 < q.length) {
        out += q[i + 1]
        i += 2
        continue
      }
      out += c
      i++
    }
    return out
  }

  const readRange = (field: string): QueryNode => {
    const includeLower = q[i] === '['
    let end = i + 1
    while (end < q.length && q[end] !== ']' && q[end] !== '}') end++
    if (end >= q.length) throw new UserQueryError('Unterminated range')
    const body = q.slice(i + 1, end).trim()
    const includeUpper = q[end] === ']'
    i = end + 1
    const parts = body.split(/\s+TO\s+/)
    if (parts.length !== 2) throw new UserQueryError(`Invalid range for ${field}`)
    const unquote = (s: string): string | null => (s === '*' ? null : s.replace(/^"(.*)"$/, '$1'))
    return {
      kind: 'range',
      field,
      lower: unquote(parts[0] as string),
      upper: unquote(parts[1] as string),
      includeLower,
      includeUpper,
    }
  }

  while (i < q.length) {
    const c = q[i] as string
    if (isSpace(c)) {
      i++
      continue
    }
    if (c === '(' || c === ')') {
      tokens.push({ type: c })
      i++
      continue
    }
    if (c === '&' && q[i + 1] === '&') {
      tokens.push({ type: 'AND' })
      i += 2
      continue
    }
    if (c === '|' && q[i + 1] === '|') {
      tokens.push({ type: 'OR' })
      i += 2
      continue
    }
    if ((c === '-' || c === '!') && i + 1 < q.length && !isSpace(q[i + 1])) {
      tokens.push({ type: 'NOT' })
      i++
      continue
    }
    if (c === '+') {
      i++
      continue
    }
    if (c === '"') {
      tokens.push({
        type: 'node',
        node: { kind: 'term', field: null, value: readQuoted(), phrase: true },
      })
      continue
    }
    const word = readWord(true)
    if (q[i] === ':') {
      i++
      const field = word
      if (!/^[A-Za-z_][\w.]*$/.test(field)) throw new UserQueryError(`Invalid field name: ${field}`)
      const next = q[i]
      if (next === '"') {
        tokens.push({
          type: 'node',
          node: { kind: 'term', field, value: readQuoted(), phrase: true },
        })
      } else if (next === '[' || next === '{') {
        tokens.push({ type: 'node', node: readRange(field) })
      } else if (next === undefined || isSpace(next) || next === '(' || next === ')') {
        throw new UserQueryError(`Missing value for field ${field}`)
      } else {
        tokens.push({
          type: 'node',
          node: { kind: 'term', field, value: readWord(false), phrase: false },
        })
      }
      continue
    }
    if (word === 'AND' || word === 'OR' || word === 'NOT') {
      tokens.push({ type: word })
      continue
    }
    if (word === '') throw new UserQueryError(`Unexpected character: ${c}`)
    tokens.push({ type: 'node', node: { kind: 'term', field: null, value: word, phrase: false } })
  }
  return tokens
}

/**
 * Parses a `q` parameter. Returns null for a query that matches every user (empty or `*`).
 *
 * @throws UserQueryError on syntax the sandbox does not understand.
 */
export const parseUserQuery = (q: string): QueryNode | null => {
  const trimmed = q.trim()
  if (trimmed === '' || trimmed === '*' || trimmed === '*:*') return null
  const tokens = tokenize(trimmed)
  let pos = 0

  // Lucene semantics for one level of clauses: optional (OR-ed) clauses, at least one of which must
  // match, and prohibited ones (`-x`, `NOT x`) none of which may match.
  const parseOr = (): QueryNode => {
    const optional: QueryNode[] = []
    const prohibited: QueryNode[] = []
    const add = (node: QueryNode): void => {
      if (node.kind === 'not') prohibited.push(node.node)
      else optional.push(node)
    }
    add(parseAnd())
    while (pos < tokens.length && tokens[pos]?.type !== ')') {
      if (tokens[pos]?.type === 'OR') pos++
      add(parseAnd())
    }
    const anyOf = (nodes: QueryNode[]): QueryNode | null =>
      nodes.reduce<QueryNode | null>(
        (left, right) => (left === null ? right : { kind: 'or', left, right }),
        null,
      )
    const positive = anyOf(optional) ?? MATCH_ALL
    const negative = anyOf(prohibited)
    return negative === null
      ? positive
      : { kind: 'and', left: positive, right: { kind: 'not', node: negative } }
  }
  const parseAnd = (): QueryNode => {
    let left = parseUnary()
    while (tokens[pos]?.type === 'AND') {
      pos++
      left = { kind: 'and', left, right: parseUnary() }
    }
    return left
  }
  const parseUnary = (): QueryNode => {
    const token = tokens[pos]
    if (token === undefined) throw new UserQueryError('Unexpected end of query')
    if (token.type === 'NOT') {
      pos++
      return { kind: 'not', node: parseUnary() }
    }
    if (token.type === '(') {
      pos++
      const inner = parseOr()
      if (tokens[pos]?.type !== ')') throw new UserQueryError('Missing closing parenthesis')
      pos++
      return inner
    }
    if (token.type === 'node') {
      pos++
      return token.node
    }
    throw new UserQueryError(`Unexpected ${token.type}`)
  }

  const root = parseOr()
  if (pos !== tokens.length) throw new UserQueryError('Unbalanced parenthesis')
  validate(root)
  return root
}

const validate = (node: QueryNode): void => {
  switch (node.kind) {
    case 'and':
    case 'or':
      validate(node.left)
      validate(node.right)
      return
    case 'not':
      validate(node.node)
      return
    case 'range':
      return
    case 'term': {
      if (node.field === null || node.phrase || node.value === '*') return
      const leading = /^[*?]+/.exec(node.value)
      if (leading !== null && node.value.replace(/[*?]/g, '').length < 3) {
        throw new UserQueryError('Suffix wildcard searches need at least 3 literal characters')
      }
    }
  }
}

/** Values found at a dotted path; arrays are flattened (`identities.connection`). */
const valuesAt = (record: unknown, path: string): unknown[] => {
  if (path === 'email.domain') {
    return valuesAt(record, 'email')
      .filter((v): v is string => typeof v === 'string' && v.includes('@'))
      .map((v) => v.slice(v.lastIndexOf('@') + 1))
  }
  let current: unknown[] = [record]
  for (const key of path.split('.')) {
    const next: unknown[] = []
    for (const value of current) {
      const items = Array.isArray(value) ? (value as unknown[]) : [value]
      for (const item of items) {
        if (item !== null && typeof item === 'object' && key in item) {
          next.push((item as Record<string, unknown>)[key])
        }
      }
    }
    current = next
  }
  return current.flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [v]))
}

const escapeRegExp = (s: string): string => s.replace(/[.+^${}()|[\]\\]/g, '\\$&')

const wildcardRegExp = (value: string, anchored: boolean, insensitive: boolean): RegExp => {
  const body = escapeRegExp(value).replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(anchored ? `^${body}$` : body, insensitive ? 'is' : 's')
}

const scalarText = (v: unknown): string | null =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : null

const compareValues = (a: string, b: string): number => {
  const na = Number(a)
  const nb = Number(b)
  if (a.trim() !== '' && b.trim() !== '' && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb
  return a < b ? -1 : a > b ? 1 : 0
}

const matchTerm = (node: Extract<QueryNode, { kind: 'term' }>, user: unknown): boolean => {
  if (node.field === null) {
    if (node.value === '*') return true
    const re = wildcardRegExp(node.value, false, true)
    return FREE_TEXT_FIELDS.some((f) =>
      valuesAt(user, f).some((v) => {
        const text = scalarText(v)
        return text !== null && re.test(text)
      }),
    )
  }
  const insensitive = CASE_INSENSITIVE.has(node.field)
  const texts = valuesAt(user, node.field)
    .map(scalarText)
    .filter((t): t is string => t !== null)
  if (node.value === '*' && !node.phrase) return texts.some((t) => t !== '')
  if (!node.phrase && /[*?]/.test(node.value)) {
    const re = wildcardRegExp(node.value, true, insensitive)
    return texts.some((t) => re.test(t))
  }
  const wanted = insensitive ? node.value.toLowerCase() : node.value
  const tokenized = node.field !== 'email' && insensitive
  return texts.some((t) => {
    const text = insensitive ? t.toLowerCase() : t
    if (text === wanted) return true
    // Name-like fields are tokenized text in Auth0: a word or an in-order phrase matches.
    return tokenized && ` ${text.split(/\s+/).join(' ')} `.includes(` ${wanted} `)
  })
}

const matchRange = (node: Extract<QueryNode, { kind: 'range' }>, user: unknown): boolean =>
  valuesAt(user, node.field)
    .map(scalarText)
    .some((t) => {
      if (t === null) return false
      if (node.lower !== null) {
        const c = compareValues(t, node.lower)
        if (c < 0 || (c === 0 && !node.includeLower)) return false
      }
      if (node.upper !== null) {
        const c = compareValues(t, node.upper)
        if (c > 0 || (c === 0 && !node.includeUpper)) return false
      }
      return true
    })

/** Whether a user record matches a parsed query (null matches everything). */
export const matchesUserQuery = (node: QueryNode | null, user: unknown): boolean => {
  if (node === null) return true
  switch (node.kind) {
    case 'and':
      return matchesUserQuery(node.left, user) && matchesUserQuery(node.right, user)
    case 'or':
      return matchesUserQuery(node.left, user) || matchesUserQuery(node.right, user)
    case 'not':
      return !matchesUserQuery(node.node, user)
    case 'term':
      return matchTerm(node, user)
    case 'range':
      return matchRange(node, user)
  }
}

/** Parses once and returns a predicate. @throws UserQueryError */
export const compileUserQuery = (q: string): ((user: unknown) => boolean) => {
  const node = parseUserQuery(q)
  return (user) => matchesUserQuery(node, user)
}
