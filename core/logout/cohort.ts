import type { BulkMode, LogoutRequest, SessionFilter } from './types'
import { idpKindOf } from '../simulation/federated-logout'
import type { Auth0Identity, Auth0Session } from '../auth0/types'
import { logoutRequest } from './preview'
import { AppFailure } from '../result'
import { parseUserAgent } from '../layers/user-agent'

/** The most entries one pasted list may hold; a longer list is refused as a whole. */
export const MAX_COHORT_ENTRIES = 10_000

/** At most this many line errors are listed; one more says how many were left out. */
export const MAX_COHORT_ERRORS = 500

/** One user named in a pasted list: by user id or by email, with the line it came from. */
export interface CohortEntry {
  kind: 'user_id' | 'email'
  value: string
  /** 1-based line of the pasted text. */
  line: number
}

/** A line (or field) that could not be read. */
export interface CohortError {
  line: number
  text: string
  reason: string
}

/** A parsed list: unique entries in input order, errors, and how many duplicates were dropped. */
export interface CohortList {
  entries: CohortEntry[]
  errors: CohortError[]
  duplicates: number
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/
/** `provider|id`, e.g. `auth0|64f…`, `google-oauth2|1234`, `samlp|acme|ada@acme.example`. */
const USER_ID = /^[A-Za-z0-9][\w.-]*\|\S+$/

/** Header names (lower case, letters and digits only) of the two columns read. */
const columnNames = new Map<string, 'user_id' | 'email'>([
  ['userid', 'user_id'],
  ['user', 'user_id'],
  ['id', 'user_id'],
  ['auth0id', 'user_id'],
  ['email', 'email'],
  ['emailaddress', 'email'],
  ['mail', 'email'],
])

const normalizeHeader = (field: string): string => field.toLowerCase().replace(/[^a-z0-9]/g, '')

/** Splits one line into fields at any of `delimiters` outside double quotes (RFC 4180 quoting). */
function splitLine(line: string, delimiters: string): { fields: string[] } | { error: string } {
  const fields: string[] = []
  let i = 0
  for (;;) {
    while (line[i] === ' ') i++
    let field = ''
    if (line[i] === '"') {
      i++
      for (;;) {
        const quote = line.indexOf('"', i)
        if (quote === -1) return { error: 'A quoted field is not closed on this line.' }
        field += line.slice(i, quote)
        i = quote + 1
        if (line[i] === '"') {
          field += '"'
          i++
        } else break
      }
      // Anything between the closing quote and the next delimiter is kept, as spreadsheets do.
      while (i < line.length && !delimiters.includes(line.charAt(i))) field += line.charAt(i++)
    } else {
      while (i < line.length && !delimiters.includes(line.charAt(i))) field += line.charAt(i++)
    }
    fields.push(field.trim())
    if (i >= line.length) return { fields }
    i++ // the delimiter
  }
}

/** The delimiter a header row uses: tab, semicolon or comma, whichever appears most. */
function headerDelimiter(line: string): string {
  const counts = ['\t', ';', ','].map((d) => [d, line.split(d).length - 1] as const)
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a))
  return best[1] > 0 ? best[0] : ','
}

function classify(value: string): CohortEntry['kind'] | null {
  if (USER_ID.test(value)) return 'user_id'
  if (EMAIL.test(value)) return 'email'
  return null
}

const clip = (text: string): string => (text.length > 200 ? `${text.slice(0, 199)}…` : text)

/**
 * Read a pasted list of users, or a CSV export, into user ids and emails.
 *
 * - Without a header, every field is one entry; fields are separated by commas, semicolons, tabs
 *   (a spreadsheet paste) or newlines, and each is recognised as a user id (`provider|id`) or an
 *   email address, else reported as an error.
 * - A first row naming a `user_id` and/or `email` column (any order, any case; `User ID`,
 *   `e-mail` …) is a header: its delimiter is used for every row, other columns are ignored, and a
 *   row gives its user id when it has one, else its email.
 * - Double-quoted fields follow CSV (`""` is a quote); a quoted field must close on its line, so
 *   one bad quote costs one line, not the rest of the list.
 * - Blank lines and fields are ignored; duplicates (emails compared case-insensitively) are
 *   dropped and counted, keeping the first.
 * - More than {@link MAX_COHORT_ENTRIES} unique entries: no entries at all, and an error saying
 *   so. Acting on part of a list someone believes is whole would be worse than refusing it.
 */
export function parseCohortList(text: string): CohortList {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  const entries: CohortEntry[] = []
  const errors: CohortError[] = []
  let errorCount = 0
  const report = (error: CohortError) => {
    errorCount++
    if (errors.length < MAX_COHORT_ERRORS) errors.push({ ...error, text: clip(error.text) })
  }
  const seen = new Set<string>()
  let duplicates = 0
  const add = (kind: CohortEntry['kind'], value: string, line: number) => {
    const key = kind === 'email' ? `e:${value.toLowerCase()}` : `u:${value}`
    if (seen.has(key)) {
      duplicates++
      return
    }
    seen.add(key)
    entries.push({ kind, value, line })
  }

  let header: { delimiter: string; userId: number; email: number } | null = null
  let first = true
  for (const [index, raw] of lines.entries()) {
    const line = index + 1
    if (raw.trim() === '') continue
    if (first) {
      first = false
      const delimiter = headerDelimiter(raw)
      const split = splitLine(raw, delimiter)
      if ('fields' in split) {
        // A header names a user id or email column and holds no user id or email itself.
        const names = split.fields.map((f) => columnNames.get(normalizeHeader(f)))
        const userId = names.indexOf('user_id')
        const email = names.indexOf('email')
        const named = userId !== -1 || email !== -1
        if (named && !split.fields.some((f) => classify(f) !== null)) {
          header = { delimiter, userId, email }
          continue
        }
      }
    }
    if (header) readRow(raw, line, header)
    else readFree(raw, line)
  }

  function readRow(
    raw: string,
    line: number,
    h: { delimiter: string; userId: number; email: number },
  ) {
    const split = splitLine(raw, h.delimiter)
    if ('error' in split) return report({ line, text: raw, reason: split.error })
    if (split.fields.every((f) => f === '')) return
    const userId = h.userId === -1 ? '' : (split.fields[h.userId] ?? '')
    const email = h.email === -1 ? '' : (split.fields[h.email] ?? '')
    if (userId !== '') {
      if (USER_ID.test(userId)) return add('user_id', userId, line)
      return report({
        line,
        text: userId,
        reason: 'Not a user id: user ids look like auth0|64f1… or google-oauth2|1234.',
      })
    }
    if (email !== '') {
      if (EMAIL.test(email)) return add('email', email, line)
      return report({ line, text: email, reason: 'Not an email address.' })
    }
    report({ line, text: raw, reason: 'This row has no user id and no email.' })
  }

  function readFree(raw: string, line: number) {
    const split = splitLine(raw, ',;\t')
    if ('error' in split) return report({ line, text: raw, reason: split.error })
    for (const field of split.fields) {
      if (field === '') continue
      const kind = classify(field)
      if (kind) add(kind, field, line)
      else {
        report({
          line,
          text: field,
          reason: 'Not an email address or a user id (user ids look like auth0|64f1…).',
        })
      }
    }
  }

  if (errorCount > errors.length) {
    const last = errors.at(-1)
    errors.push({
      line: last?.line ?? 0,
      text: '',
      reason: `${errorCount - errors.length} more lines could not be read and are not listed.`,
    })
  }
  if (entries.length > MAX_COHORT_ENTRIES) {
    const over = entries[MAX_COHORT_ENTRIES]
    errors.unshift({
      line: over?.line ?? 0,
      text: over?.value ?? '',
      reason: `The list names ${entries.length.toLocaleString('en-US')} users; at most ${MAX_COHORT_ENTRIES.toLocaleString('en-US')} can be handled at once. Split it into smaller lists — nothing was taken from this one.`,
    })
    return { entries: [], errors, duplicates }
  }
  return { entries, errors, duplicates }
}

/** What {@link matchSession} knows about the session's user: the identities the console read. */
export interface SessionOwner {
  identities?: Pick<Auth0Identity, 'connection' | 'provider'>[]
}

const present = (value: string | undefined): value is string =>
  value !== undefined && value.trim() !== ''

/** True when the filter has no criterion at all. */
export function isEmptyFilter(filter: SessionFilter | undefined): boolean {
  if (!filter) return true
  return !(
    present(filter.ip) ||
    present(filter.asn) ||
    present(filter.userAgent) ||
    present(filter.createdBefore) ||
    present(filter.createdAfter) ||
    present(filter.connection) ||
    present(filter.clientId)
  )
}

function ipv4(value: string): number | null {
  const m = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/i.exec(value.trim())
  if (!m) return null
  const parts = m.slice(1).map(Number)
  if (parts.some((p) => p > 255)) return null
  return parts.reduce((acc, p) => acc * 256 + p, 0)
}

type IpTest = (ip: string) => boolean

function compileIp(raw: string): IpTest | string {
  const value = raw.trim()
  const slash = value.indexOf('/')
  if (slash !== -1) {
    const base = ipv4(value.slice(0, slash))
    const bitsText = value.slice(slash + 1)
    const bits = Number(bitsText)
    if (base === null || !/^\d{1,2}$/.test(bitsText) || bits > 32) {
      return `"${raw}" is not an IPv4 CIDR range such as 203.0.113.0/24 (for IPv6, give a prefix such as 2001:db8).`
    }
    const size = 2 ** (32 - bits)
    const network = Math.floor(base / size)
    return (ip) => {
      const n = ipv4(ip)
      return n !== null && Math.floor(n / size) === network
    }
  }
  if (!/^[0-9a-f.:]+$/i.test(value)) {
    return `"${raw}" is not an IP address, prefix or IPv4 CIDR range.`
  }
  const prefix = value.toLowerCase()
  const boundary = prefix.endsWith('.') || prefix.endsWith(':')
  const next = prefix + (prefix.includes(':') ? ':' : '.')
  return (ip) => {
    const candidate = ip
      .trim()
      .toLowerCase()
      .replace(/^::ffff:(?=\d+\.)/, '')
    return candidate === prefix || candidate.startsWith(boundary ? prefix : next)
  }
}

const normalizeAsn = (asn: string): string => asn.trim().replace(/^as/i, '').trim()

/** Kinds of identity a session's authentication method can come from (as layer-model.ts reads them). */
function methodMatches(method: string, provider: string): boolean {
  const kind = idpKindOf(provider)
  switch (method) {
    case 'pwd':
    case 'passkey':
      return kind === 'database'
    case 'federated':
      return kind !== 'database' && kind !== 'passwordless'
    case 'sms':
    case 'email':
      return kind === 'passwordless' && provider === method
    default:
      return false
  }
}

type SessionTest = (session: Auth0Session, owner?: SessionOwner) => boolean

/** The problems of a filter in words; empty when it can be used. */
export function validateSessionFilter(filter: SessionFilter): string[] {
  const compiled = compile(filter)
  return typeof compiled === 'function' ? [] : compiled
}

function compile(filter: SessionFilter): SessionTest | string[] {
  const problems: string[] = []
  const tests: SessionTest[] = []
  const ips = (s: Auth0Session) =>
    [s.device?.initial_ip, s.device?.last_ip].filter((v): v is string => !!v)

  if (present(filter.ip)) {
    const ip = compileIp(filter.ip)
    if (typeof ip === 'string') problems.push(ip)
    else tests.push((s) => ips(s).some(ip))
  }
  if (present(filter.asn)) {
    const asn = normalizeAsn(filter.asn)
    tests.push((s) =>
      [s.device?.initial_asn, s.device?.last_asn].some((a) => !!a && normalizeAsn(a) === asn),
    )
  }
  if (present(filter.userAgent)) {
    const needle = filter.userAgent.trim().toLowerCase()
    tests.push((s) =>
      [s.device?.initial_user_agent, s.device?.last_user_agent].some(
        (ua) => !!ua && ua.toLowerCase().includes(needle),
      ),
    )
  }
  const created = (s: Auth0Session) =>
    typeof s.created_at === 'string' ? Date.parse(s.created_at) : NaN
  for (const [key, holds] of [
    ['createdBefore', (t: number, bound: number) => t < bound],
    ['createdAfter', (t: number, bound: number) => t >= bound],
  ] as const) {
    const value = filter[key]
    if (!present(value)) continue
    const bound = Date.parse(value.trim())
    if (Number.isNaN(bound)) {
      problems.push(
        `"${value}" is not a date (use ISO-8601, e.g. 2026-11-20 or 2026-11-20T09:30:00Z).`,
      )
      continue
    }
    tests.push((s) => {
      const t = created(s)
      return !Number.isNaN(t) && holds(t, bound)
    })
  }
  if (present(filter.connection)) {
    const name = filter.connection.trim()
    tests.push((s, owner) => {
      const identities = owner?.identities ?? []
      const identity = identities.find((i) => i.connection === name)
      if (!identity) return false
      const methods = (s.authentication?.methods ?? []).flatMap((m) => (m.name ? [m.name] : []))
      const recognised = methods.filter((m) =>
        ['pwd', 'passkey', 'federated', 'sms', 'email'].includes(m),
      )
      if (recognised.length === 0) return identities.length === 1
      return recognised.some((m) => methodMatches(m, identity.provider))
    })
  }
  if (present(filter.clientId)) {
    const clientId = filter.clientId.trim()
    tests.push((s) => (s.clients ?? []).some((c) => c.client_id === clientId))
  }
  if (problems.length > 0) return problems
  return (s, owner) => tests.every((t) => t(s, owner))
}

function compileOrThrow(filter: SessionFilter): SessionTest {
  const compiled = compile(filter)
  if (typeof compiled !== 'function') throw new AppFailure('INVALID_INPUT', compiled.join(' '))
  return compiled
}

/**
 * Whether a session, as the Management API listed it, meets every criterion of the filter.
 *
 * A session records how the user authenticated (`pwd`, `federated`, …) but not the connection, so a
 * `connection` criterion needs the owner's identities: the user must have an identity on that
 * connection, and the session's methods must fit its kind (password or passkey → database;
 * federated → social or enterprise; sms/email → that passwordless connection). A session with no
 * such method matches only when the user has that one identity alone. With several social or
 * enterprise identities a federated session matches each of them: the API cannot tell which one.
 * Without identities a connection criterion matches nothing. Sessions without `created_at` never
 * match a date criterion. An invalid filter throws `AppFailure('INVALID_INPUT')`.
 */
export function matchSession(
  session: Auth0Session,
  filter: SessionFilter,
  owner?: SessionOwner,
): boolean {
  return compileOrThrow(filter)(session, owner)
}

/** A filter in words: "Sessions with IP in 203.0.113.0/24 and used by application portal". */
export function describeFilter(filter: SessionFilter): string {
  const parts: string[] = []
  if (present(filter.ip)) {
    const ip = filter.ip.trim()
    parts.push(
      ip.includes('/')
        ? `IP in ${ip}`
        : ipv4(ip) !== null || ip.split(':').length > 7 || ip.includes('::')
          ? `IP ${ip}`
          : `IP starting with ${ip}`,
    )
  }
  if (present(filter.asn)) parts.push(`network AS${normalizeAsn(filter.asn)}`)
  if (present(filter.userAgent)) parts.push(`user agent containing "${filter.userAgent.trim()}"`)
  const after = present(filter.createdAfter) ? filter.createdAfter.trim() : undefined
  const before = present(filter.createdBefore) ? filter.createdBefore.trim() : undefined
  if (after && before) parts.push(`created from ${after} up to (not including) ${before}`)
  else if (after) parts.push(`created at or after ${after}`)
  else if (before) parts.push(`created before ${before}`)
  if (present(filter.connection)) {
    parts.push(
      `signed in through connection ${filter.connection.trim()} (judged from the sign-in method: sessions do not record the connection)`,
    )
  }
  if (present(filter.clientId)) parts.push(`used by application ${filter.clientId.trim()}`)
  if (parts.length === 0) return 'All sessions'
  const list =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
  return `Sessions with ${list}`
}

/** One user of a bulk action, with the sessions the console read for it (null: could not be read). */
export interface BulkTarget {
  userId: string
  email?: string
  sessions: Auth0Session[] | null
  /** The user's identities, needed by a `connection` criterion. */
  identities?: SessionOwner['identities']
}

/** The requests of a bulk action and what they cover. */
export interface BulkPlan {
  requests: LogoutRequest[]
  /** Users with at least one request. */
  users: number
  /** Listed sessions the requests end. */
  sessions: number
  skipped: { userId: string; reason: string }[]
}

/**
 * Plan the requests of a bulk logout over users the console has already resolved and read.
 *
 * Nothing is guessed: `matching-sessions` ends only listed sessions that match, and a user whose
 * sessions could not be read is skipped with the reason. In the two user-wide modes a non-empty
 * filter selects the users (those with at least one matching listed session), and all their
 * sessions end; without a filter every user is included, except in `all-sessions` a user whose
 * sessions were read and found empty (nothing to end). A user listed twice is planned once. An
 * invalid filter, or `matching-sessions` without one, throws `AppFailure('INVALID_INPUT')`.
 */
export function planBulk(targets: BulkTarget[], mode: BulkMode, filter?: SessionFilter): BulkPlan {
  const filtered = !isEmptyFilter(filter)
  if (mode === 'matching-sessions' && !filtered) {
    throw new AppFailure(
      'INVALID_INPUT',
      'Choose at least one session criterion, or end all sessions of each user instead.',
    )
  }
  if (!['matching-sessions', 'all-sessions', 'all-sessions-and-tokens'].includes(mode)) {
    throw new AppFailure('INVALID_INPUT', `Unknown bulk mode: ${String(mode)}.`)
  }
  const test = filtered && filter ? compileOrThrow(filter) : null

  const requests: LogoutRequest[] = []
  const skipped: BulkPlan['skipped'] = []
  const seenUsers = new Set<string>()
  let users = 0
  let sessions = 0
  for (const target of targets) {
    const userId = target.userId.trim()
    if (userId === '') {
      skipped.push({ userId: target.userId, reason: 'No user id.' })
      continue
    }
    if (seenUsers.has(userId)) continue
    seenUsers.add(userId)
    const who = target.email ?? userId
    const listed = target.sessions === null ? null : uniqueSessions(target.sessions)
    const matching = listed === null || test === null ? null : listed.filter((s) => test(s, target))

    if (test !== null && listed === null) {
      skipped.push({
        userId,
        reason: 'Sessions could not be read, so whether any matches the filter is unknown.',
      })
      continue
    }
    if (matching !== null && matching.length === 0) {
      skipped.push({ userId, reason: 'No session matches the filter.' })
      continue
    }

    if (mode === 'matching-sessions') {
      for (const s of matching ?? []) {
        const device = parseUserAgent(s.device?.last_user_agent || s.device?.initial_user_agent)
        requests.push(
          logoutRequest('delete-session', userId, s.id, `End session on ${device.label} of ${who}`),
        )
      }
      sessions += matching?.length ?? 0
      users++
      continue
    }
    if (mode === 'all-sessions' && listed !== null && listed.length === 0) {
      skipped.push({ userId, reason: 'No sessions to end.' })
      continue
    }
    requests.push(
      logoutRequest('delete-user-sessions', userId, userId, `End every session of ${who}`),
    )
    if (mode === 'all-sessions-and-tokens') {
      requests.push(
        logoutRequest(
          'delete-user-refresh-tokens',
          userId,
          userId,
          `Revoke every refresh token of ${who}`,
        ),
      )
    }
    sessions += listed?.length ?? 0
    users++
  }
  return { requests, users, sessions, skipped }
}

function uniqueSessions(list: Auth0Session[]): Auth0Session[] {
  const seen = new Set<string>()
  return list.filter((s) => {
    if (!s.id || seen.has(s.id)) return false
    seen.add(s.id)
    return true
  })
}
