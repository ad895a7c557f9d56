import { randomUUID } from 'node:crypto'
import { appendFile, mkdir, open, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { ActivityEntry } from '../../../preload/contract'
import { AppFailure } from '../../../core/result'

/** Activity-log entry types live in the contract (the renderer shows them). */
export type { ActivityEntry } from '../../../preload/contract'

/** How an action ended, or `started` for one still running when it was logged. */
export type ActivityStatus = ActivityEntry['outcome']['status']
/** The tenant's environment; `sandbox` is the embedded local tenant. */
export type ActivityEnvironment = ActivityEntry['environment']
/** What an action achieved. */
export type ActivityOutcome = ActivityEntry['outcome']

/** An entry as a caller gives it; the log adds the id and time. */
export type ActivityInput = Omit<ActivityEntry, 'id' | 'time'>

/** A page of the log, newest first. */
export interface ActivityPage {
  entries: ActivityEntry[]
  /** Lines of the whole file that could not be read (a torn last write, hand edits). */
  skippedLines: number
  /** Older entries exist beyond this page. */
  hasMore: boolean
}

/** The activity log of one data folder. */
export interface ActivityLog {
  /** Append one entry; refuses (throws `AppFailure('INVALID_INPUT')`) one that looks like it holds a secret. */
  append(entry: ActivityInput): Promise<ActivityEntry>
  /** Newest first; `before` is the id of the last entry of the previous page. */
  list(options?: { limit?: number; before?: string }): Promise<ActivityPage>
  exportJson(entries: ActivityEntry[]): string
  exportMarkdown(entries: ActivityEntry[]): string
}

/** Where the log lives, and the clock (tests pass a fixed one). */
export interface ActivityLogOptions {
  file: string
  now?: () => Date
}

/** Page size when none is given, and the largest accepted. */
export const DEFAULT_ACTIVITY_PAGE = 100
export const MAX_ACTIVITY_PAGE = 1000

const statuses: readonly ActivityStatus[] = [
  'completed',
  'partial',
  'failed',
  'cancelled',
  'started',
]
const environments: readonly ActivityEnvironment[] = [
  'production',
  'staging',
  'development',
  'sandbox',
]

/** A JWT (JWS compact form): header and payload are base64url JSON objects, so both start `eyJ`. */
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/
/** A header value or form/query parameter carrying a credential inside free text. */
const INLINE_SECRET =
  /\bBearer\s+[A-Za-z0-9._~+/-]{16,}|\b(?:client_secret|access_token|refresh_token|id_token|logout_token|password)=[^\s&"']+/i
/** Keys whose non-empty string value is taken for a credential. */
const SECRET_KEY = /secret|token|passw(?:or)?d|authori[sz]ation|api[-_]?key|private[-_]?key|cookie/i
/** …unless the key names an identifier (`tokenId`, `token_id`, `refreshTokenIds`). */
const ID_KEY = /(?:^|[-_])ids?$|Ids?$/

/**
 * Where a value seems to hold a secret or token: a dotted path (`outcome.details`), or null.
 *
 * Looks for a JWT anywhere (keys included), `Bearer …` or `client_secret=…`-style text in strings,
 * and any key named like secret/token/password/authorization/api key with a non-empty string value
 * — except keys naming an id (`tokenId`). Defence in depth: callers should never pass such values.
 */
export function findSecret(value: unknown): string | null {
  return scan(value, '', new WeakSet())
}

function scan(value: unknown, path: string, seen: WeakSet<object>): string | null {
  if (typeof value === 'string') {
    return JWT.test(value) || INLINE_SECRET.test(value) ? path || '(value)' : null
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return null
  seen.add(value)
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = scan(item, `${path}[${i}]`, seen)
      if (found !== null) return found
    }
    return null
  }
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key
    if (JWT.test(key)) return at
    if (
      SECRET_KEY.test(key) &&
      !ID_KEY.test(key) &&
      typeof item === 'string' &&
      item.trim() !== ''
    ) {
      return at
    }
    const found = scan(item, at, seen)
    if (found !== null) return found
  }
  return null
}

const isCount = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 0
const isText = (s: unknown): s is string => typeof s === 'string'

/** Why an entry cannot be stored, or null. */
function shapeProblem(e: ActivityEntry): string | null {
  if (!isText(e.tenantId) || e.tenantId === '') return 'tenantId is missing.'
  if (!isText(e.tenantName)) return 'tenantName is missing.'
  if (!environments.includes(e.environment)) return 'environment is not a known environment.'
  if (!isText(e.action) || e.action.trim() === '') return 'action is missing.'
  if (e.operatorReason !== undefined && !isText(e.operatorReason))
    return 'operatorReason is not text.'
  if (e.jobId !== undefined && !isText(e.jobId)) return 'jobId is not text.'
  if (!Array.isArray(e.targets)) return 'targets is not a list.'
  for (const t of e.targets) {
    if (
      typeof t !== 'object' ||
      t === null ||
      !isText(t.kind) ||
      !isText(t.id) ||
      !isText(t.label)
    ) {
      return 'a target lacks kind, id or label.'
    }
  }
  const o = e.outcome as Partial<ActivityOutcome> | undefined
  if (typeof o !== 'object' || o === null) return 'outcome is missing.'
  if (!o.status || !statuses.includes(o.status)) return 'outcome.status is not a known status.'
  if (!isCount(o.ended) || !isCount(o.pending) || !isCount(o.failed)) {
    return 'outcome counts must be whole numbers of at least 0.'
  }
  if (o.details !== undefined && !isText(o.details)) return 'outcome.details is not text.'
  return null
}

/** A parsed line is an entry when it has the fields every reader relies on. */
function isEntry(value: unknown): value is ActivityEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const e = value as ActivityEntry
  return isText(e.id) && isText(e.time) && shapeProblem(e) === null
}

/**
 * The append-only activity log: one JSON object per line (JSONL) in `file`.
 *
 * - Each append is a single `appendFile` (O_APPEND) of one complete line, so entries never
 *   interleave and a crash can tear at most the line being written. If the file does not end with a
 *   newline (a torn write), the next line starts on a fresh line instead of being glued to it.
 *   Appends of one log run one after another.
 * - Reads skip (and count) lines that are not valid entries, never failing on them; a missing file
 *   is an empty log. Entries are returned newest first, i.e. in reverse order of appending.
 * - `append` refuses an entry that looks like it carries a secret (see {@link findSecret}) and one
 *   whose fields are missing or of the wrong type, with `AppFailure('INVALID_INPUT')`, writing
 *   nothing.
 * - `list` reads the whole file: fine for an operator's log (thousands of lines), not for millions.
 */
export function createActivityLog(options: ActivityLogOptions): ActivityLog {
  const { file } = options
  const now = options.now ?? (() => new Date())
  let queue: Promise<unknown> = Promise.resolve()

  async function endsTorn(): Promise<boolean> {
    let handle
    try {
      handle = await open(file, 'r')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw err
    }
    try {
      const { size } = await handle.stat()
      if (size === 0) return false
      const last = Buffer.alloc(1)
      await handle.read(last, 0, 1, size - 1)
      return last[0] !== 0x0a
    } finally {
      await handle.close()
    }
  }

  async function write(line: string): Promise<void> {
    await mkdir(dirname(file), { recursive: true })
    const prefix = (await endsTorn()) ? '\n' : ''
    await appendFile(file, prefix + line, { encoding: 'utf8', mode: 0o600 })
  }

  return {
    async append(input) {
      const entry: ActivityEntry = {
        id: randomUUID(),
        time: now().toISOString(),
        tenantId: input.tenantId,
        tenantName: input.tenantName,
        environment: input.environment,
        ...(input.operatorReason !== undefined && { operatorReason: input.operatorReason }),
        action: input.action,
        targets: input.targets,
        outcome: input.outcome,
        ...(input.jobId !== undefined && { jobId: input.jobId }),
      }
      const problem = shapeProblem(entry)
      if (problem !== null) {
        throw new AppFailure('INVALID_INPUT', `The activity entry was not written: ${problem}`)
      }
      const json = JSON.stringify(entry)
      // Check what would be written, so anything reaching the file through toJSON is covered too,
      // and the input as given: a field the entry does not keep must not carry a secret either.
      const secretAt =
        findSecret(JSON.parse(json) as unknown) ??
        (JWT.test(json) ? '(entry)' : null) ??
        findSecret(input)
      if (secretAt !== null) {
        throw new AppFailure(
          'INVALID_INPUT',
          `The activity entry was not written: ${secretAt} looks like a secret or token, which the log never stores.`,
        )
      }
      const done = queue.then(() => write(`${json}\n`))
      queue = done.catch(() => undefined)
      await done
      return entry
    },

    async list({ limit = DEFAULT_ACTIVITY_PAGE, before } = {}) {
      if (!Number.isFinite(limit) || limit < 1) {
        throw new AppFailure('INVALID_INPUT', 'The page size must be at least 1.')
      }
      const size = Math.min(Math.floor(limit), MAX_ACTIVITY_PAGE)
      let text: string
      try {
        text = await readFile(file, 'utf8')
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          return { entries: [], skippedLines: 0, hasMore: false }
        }
        throw err
      }
      const all: ActivityEntry[] = []
      let skippedLines = 0
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue
        try {
          const value: unknown = JSON.parse(line)
          if (isEntry(value)) all.push(value)
          else skippedLines++
        } catch {
          skippedLines++
        }
      }
      all.reverse()
      let start = 0
      if (before !== undefined) {
        const index = all.findIndex((e) => e.id === before)
        if (index === -1) {
          throw new AppFailure('NOT_FOUND', 'That activity entry is not in the log.')
        }
        start = index + 1
      }
      const entries = all.slice(start, start + size)
      return { entries, skippedLines, hasMore: start + size < all.length }
    },

    exportJson: exportActivityJson,
    exportMarkdown: exportActivityMarkdown,
  }
}

/** The entries as pretty-printed JSON (an array), for a file the operator saves. */
export function exportActivityJson(entries: ActivityEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`
}

/** At most this many targets are listed per entry in Markdown; the JSON export has them all. */
export const MARKDOWN_TARGET_LIMIT = 50

/** Markdown-inert text: special characters escaped, line breaks as `<br>` (or spaces). */
function inline(text: string, breaks: '<br>' | ' ' = '<br>'): string {
  return text
    .replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, breaks)
    .trim()
}

const statusWords: Record<ActivityStatus, string> = {
  completed: 'Completed',
  partial: 'Partly completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  started: 'Started',
}

/**
 * The entries as a Markdown document: a heading and a two-column table per entry, in the order
 * given. User-provided text is escaped so it cannot break the table or inject markup.
 */
export function exportActivityMarkdown(entries: ActivityEntry[]): string {
  const out = ['# Activity log', '']
  if (entries.length === 0) {
    out.push('No entries.', '')
    return out.join('\n')
  }
  for (const e of entries) {
    const when = e.time.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')
    const shown = e.targets.slice(0, MARKDOWN_TARGET_LIMIT).map((t) => {
      const label = t.label && t.label !== t.id ? `: ${inline(t.label)}` : ''
      return `${inline(t.kind)} ${inline(t.id)}${label}`
    })
    const more = e.targets.length - shown.length
    if (more > 0) shown.push(`… and ${more} more (see the JSON export)`)
    const o = e.outcome
    const rows: [string, string][] = [
      ['Time', inline(e.time)],
      ['Tenant', `${inline(e.tenantName)} (${inline(e.environment)}, ${inline(e.tenantId)})`],
      ['Reason / ticket', e.operatorReason ? inline(e.operatorReason) : '—'],
      ['Action', inline(e.action)],
      ['Targets', shown.length > 0 ? shown.join('<br>') : '—'],
      [
        'Outcome',
        `${statusWords[o.status] ?? inline(String(o.status))}: ${o.ended} ended, ${o.pending} pending, ${o.failed} failed`,
      ],
      ...(o.details ? [['Details', inline(o.details)] as [string, string]] : []),
      ...(e.jobId ? [['Job', inline(e.jobId)] as [string, string]] : []),
      ['Entry', inline(e.id)],
    ]
    out.push(`## ${inline(when, ' ')} · ${inline(e.action, ' ')}`, '')
    out.push('| Field | Value |', '| --- | --- |')
    for (const [field, value] of rows) out.push(`| ${field} | ${value} |`)
    out.push('')
  }
  return out.join('\n')
}
