import type {
  AppNode,
  DeviceInfo,
  IdpKind,
  IdpNode,
  LayerLink,
  RefreshTokenNode,
  SessionNode,
  UserLayers,
} from './types'
import type { AppError } from '../result'
import {
  federatedLogoutSupport,
  idpKindOf,
  strategyDisplayName,
} from '../simulation/federated-logout'
import { parseUserAgent } from './user-agent'
import type {
  Auth0Client,
  Auth0Connection,
  Auth0Device,
  Auth0RefreshToken,
  Auth0Session,
  Auth0AuthenticationMethod,
  Auth0User,
} from '../auth0/types'
import { clause, joinWords, plural, sentence } from '../text'

/** Everything read about one user; a null part could not be read and `unavailable` says why. */
export interface LayerInput {
  tenantId: string
  user: Auth0User
  sessions: Auth0Session[] | null
  refreshTokens: Auth0RefreshToken[] | null
  clients: Auth0Client[] | null
  connections: Auth0Connection[] | null
  unavailable?: UserLayers['unavailable']
}

/** Back-channel initiators that are always on in `custom` mode (reference §3.3). */
const alwaysOnInitiators = ['rp-logout', 'idp-logout']

const iso = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined

/** A parsed device with the network it was seen from; a null or empty IP/ASN is left out. */
const withNetwork = (base: DeviceInfo, ip?: string | null, asn?: string): DeviceInfo => ({
  ...base,
  ...(ip && { ip }),
  ...(asn && { asn }),
})

const ms = (value: string | undefined): number => (value === undefined ? NaN : Date.parse(value))

/**
 * A copy without the keys whose value is undefined, so optional DTO fields are absent rather than
 * undefined. Copying (instead of `delete`) keeps objects in V8's fast mode for large maps.
 */
function compact<T extends object>(value: T): T {
  const out: Partial<T> = {}
  for (const key in value) if (value[key] !== undefined) out[key] = value[key]
  return out as T
}

/** Rows to sort by a precomputed time, newest first; missing times last, then by id. */
interface Row<T extends { id: string }> {
  key: number
  node: T
}

function newestFirst<T extends { id: string }>(rows: Row<T>[]): T[] {
  const time = (k: number) => (Number.isNaN(k) ? -Infinity : k)
  rows.sort(
    (a, b) =>
      time(b.key) - time(a.key) || (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0),
  )
  return rows.map((r) => r.node)
}

/** The earlier of two deadlines and which one it is; a tie counts as the absolute one. */
function earliest(
  idle: string | undefined,
  absolute: string | undefined,
): { at?: string; by?: 'idle' | 'absolute' } {
  const i = ms(idle)
  const a = ms(absolute)
  if (Number.isNaN(i) && Number.isNaN(a)) return {}
  if (Number.isNaN(a) || (!Number.isNaN(i) && i < a)) return { at: idle, by: 'idle' }
  return { at: absolute, by: 'absolute' }
}

/** `2026-12-04T10:00:00Z` → `2026-12-04` (UTC). */
function day(value: string): string {
  const t = Date.parse(value)
  return Number.isNaN(t) ? value : new Date(t).toISOString().slice(0, 10)
}

/** Authentication method names in words (reference §4.1). */
function methodLabel(name: string, type: string | undefined, federatedVia: string[]): string {
  switch (name) {
    case 'pwd':
      return 'Password'
    case 'federated':
      return federatedVia.length === 1 ? `Federated login (${federatedVia[0]})` : 'Federated login'
    case 'passkey':
      return 'Passkey'
    case 'sms':
      return 'SMS'
    case 'email':
      return 'Email'
    case 'mfa':
      return type ? `MFA (${type})` : 'MFA'
    case 'mock':
      return 'Mock login'
    default:
      return /^https?:\/\//.test(name) ? `Custom method (${name})` : name
  }
}

interface IdpEntry {
  node: IdpNode
  /** What the summary calls it: display name, or the provider's name for social connections. */
  title: string
}

/**
 * Which IdP nodes a session was authenticated through.
 *
 * Heuristic: a session only records method names, never the connection, so methods are matched to
 * the user's identities by kind. `pwd` and `passkey` → the database identities; `federated` → every
 * non-database, non-passwordless identity (with several linked social/enterprise identities we
 * cannot tell which one, so all are linked); `sms`/`email` → the passwordless identity of that
 * strategy. A session none of whose methods match (no methods, only `mfa`, a custom URL) is
 * attributed to the user's identity when the user has exactly one, else to no IdP. IdP nodes are
 * made from the user's identities only: a method never names a connection, so a session whose
 * method matches no identity (e.g. `federated` on a user with only a database identity) gets no IdP
 * rather than an invented one.
 */
function createIdpMatcher(idps: IdpEntry[]): (methods: string[]) => IdpEntry[] {
  const byKind = (test: (kind: IdpKind, strategy: string) => boolean) =>
    idps.filter((e) => test(e.node.kind, e.node.strategy))
  const groups: Record<string, IdpEntry[]> = {
    pwd: byKind((k) => k === 'database'),
    passkey: byKind((k) => k === 'database'),
    federated: byKind((k) => k !== 'database' && k !== 'passwordless'),
    sms: byKind((k, s) => k === 'passwordless' && s === 'sms'),
    email: byKind((k, s) => k === 'passwordless' && s === 'email'),
  }
  return (methods) => {
    const found = new Set<IdpEntry>()
    for (const method of methods) for (const entry of groups[method] ?? []) found.add(entry)
    if (found.size === 0 && idps.length === 1 && idps[0]) found.add(idps[0])
    return [...found]
  }
}

function buildIdps(
  user: Auth0User,
  connections: Auth0Connection[] | null,
): { entries: IdpEntry[]; connectionNames: string[] } {
  const byName = new Map((connections ?? []).map((c) => [c.name, c]))
  const seen = new Map<string, IdpEntry>()
  for (const identity of user.identities ?? []) {
    if (seen.has(identity.connection)) continue
    const connection = byName.get(identity.connection)
    const strategy = connection?.strategy ?? identity.provider
    const kind = idpKindOf(strategy)
    const node: IdpNode = {
      id: `idp:${identity.connection}`,
      connection: identity.connection,
      strategy,
      kind,
      federatedLogout: federatedLogoutSupport({
        name: identity.connection,
        strategy,
        options: connection?.options ?? undefined,
      }),
      sessionIds: [],
    }
    const title =
      connection?.display_name ??
      (kind === 'social' ? strategyDisplayName(strategy) : identity.connection)
    seen.set(identity.connection, { node, title })
  }
  return { entries: [...seen.values()], connectionNames: [...seen.keys()] }
}

/**
 * Build every layer that keeps one user signed in: identity providers, Auth0 sessions,
 * applications and refresh tokens, the links between them, and a plain-language summary.
 *
 * Pure and linear in the number of sessions and tokens (maps, no nested scans), so a user with
 * thousands of sessions and tokens is fine. Node ids are `idp:<connection>`, `session:<sid>`,
 * `app:<client_id>` and `rt:<id>`; every id list on a node holds node ids. `now` decides which
 * listed sessions and tokens have already expired.
 *
 * - Sessions are sorted newest interaction first (last interaction, else update, authentication,
 *   creation); `endsAt` is the earlier of the idle and absolute deadlines.
 * - Apps are every client a session or token refers to; a client id missing from the tenant's
 *   applications (or when applications could not be read) is `known: false`.
 * - A token is bound when its `session_id` is a listed session, orphaned when it names a session
 *   that is not listed, and unbound when it has no session or is orphaned. When sessions could not
 *   be read, no token is called orphaned (its session may well exist).
 */
export function buildUserLayers(input: LayerInput, now: Date): UserLayers {
  const nowMs = now.getTime()
  const deviceCache = new Map<string, DeviceInfo>()
  const parsed = (ua: string): DeviceInfo => {
    let base = deviceCache.get(ua)
    if (base === undefined) {
      base = parseUserAgent(ua)
      deviceCache.set(ua, base)
    }
    return base
  }
  // Each field falls back to the other end of the device record when its own is missing.
  const firstDevice = (d: Auth0Device | undefined): DeviceInfo =>
    withNetwork(
      parsed(d?.initial_user_agent || d?.last_user_agent || ''),
      d?.initial_ip || d?.last_ip,
      d?.initial_asn || d?.last_asn,
    )
  const lastDevice = (d: Auth0Device | undefined): DeviceInfo =>
    withNetwork(
      parsed(d?.last_user_agent || d?.initial_user_agent || ''),
      d?.last_ip || d?.initial_ip,
      d?.last_asn || d?.initial_asn,
    )

  const { entries: idpEntries, connectionNames } = buildIdps(input.user, input.connections)
  const matchIdps = createIdpMatcher(idpEntries)
  const clientsById = new Map((input.clients ?? []).map((c) => [c.client_id, c]))

  const rawSessions = new Map<string, Auth0Session>()
  for (const s of input.sessions ?? []) if (s.id && !rawSessions.has(s.id)) rawSessions.set(s.id, s)

  // Refresh tokens first: sessions list the tokens bound to them (by session node id).
  const tokensBySession = new Map<string, RefreshTokenNode[]>()
  const tokenRows: Row<RefreshTokenNode>[] = []
  const seenTokens = new Set<string>()
  /** Tokens bound to a session id while sessions could not be read: bound or not is unknown. */
  const unknownBinding = new Set<string>()
  for (const t of input.refreshTokens ?? []) {
    if (!t.id || seenTokens.has(t.id)) continue
    seenTokens.add(t.id)
    const sessionId = t.session_id ?? null
    const bound = sessionId !== null && rawSessions.has(sessionId)
    const orphaned = sessionId !== null && input.sessions !== null && !bound
    const idleExpiresAt = iso(t.idle_expires_at)
    const expiresAt = iso(t.expires_at)
    const node: RefreshTokenNode = compact({
      id: `rt:${t.id}`,
      tokenId: t.id,
      clientId: t.client_id,
      appId: `app:${t.client_id}`,
      appName: '',
      sessionNodeId: bound ? `session:${sessionId}` : null,
      orphaned,
      createdAt: iso(t.created_at),
      lastExchangedAt: iso(t.last_exchanged_at),
      idleExpiresAt,
      expiresAt,
      rotating: t.rotating,
      device: lastDevice(t.device),
      audiences: [
        ...new Set((t.resource_servers ?? []).flatMap((r) => (r.audience ? [r.audience] : []))),
      ],
      endsAt: earliest(idleExpiresAt, expiresAt).at,
    })
    tokenRows.push({ key: ms(iso(t.last_exchanged_at) ?? iso(t.created_at)), node })
    if (sessionId !== null && input.sessions === null) unknownBinding.add(node.id)
  }
  const refreshTokens = newestFirst(tokenRows)
  for (const t of refreshTokens) {
    if (t.sessionNodeId === null) continue
    const list = tokensBySession.get(t.sessionNodeId)
    if (list) list.push(t)
    else tokensBySession.set(t.sessionNodeId, [t])
  }

  const sessionRows: Row<SessionNode>[] = []
  for (const s of rawSessions.values()) {
    const methods = (s.authentication?.methods ?? []).filter(
      (m): m is Auth0AuthenticationMethod & { name: string } => typeof m.name === 'string',
    )
    const idps = matchIdps(methods.map((m) => m.name))
    const federatedVia = idps
      .filter((e) => e.node.kind !== 'database' && e.node.kind !== 'passwordless')
      .map((e) => e.node.connection)
    const idleExpiresAt = iso(s.idle_expires_at)
    const expiresAt = iso(s.expires_at)
    const ends = earliest(idleExpiresAt, expiresAt)
    const lastInteractedAt = iso(s.last_interacted_at)
    const mode = s.cookie?.mode
    const appIds = new Set<string>()
    for (const c of s.clients ?? []) if (c.client_id) appIds.add(`app:${c.client_id}`)
    const node: SessionNode = compact({
      id: `session:${s.id}`,
      sessionId: s.id,
      createdAt: iso(s.created_at),
      updatedAt: iso(s.updated_at),
      authenticatedAt: iso(s.authenticated_at),
      lastInteractedAt,
      idleExpiresAt,
      expiresAt,
      cookieMode: mode === 'persistent' || mode === 'non-persistent' ? mode : undefined,
      firstDevice: firstDevice(s.device),
      lastDevice: lastDevice(s.device),
      methods: methods.map((m) =>
        compact({
          name: m.name,
          label: methodLabel(m.name, m.type, federatedVia),
          timestamp: iso(m.timestamp),
        }),
      ),
      idpIds: idps.map((e) => e.node.id),
      appIds: [...appIds],
      refreshTokenIds: (tokensBySession.get(`session:${s.id}`) ?? []).map((t) => t.id),
      status: ends.at !== undefined && ms(ends.at) <= nowMs ? 'expired' : 'active',
      endsAt: ends.at,
      endsBy: ends.by,
    })
    const key = ms(
      lastInteractedAt ?? iso(s.updated_at) ?? iso(s.authenticated_at) ?? iso(s.created_at),
    )
    sessionRows.push({ key, node })
  }
  const sessions = newestFirst(sessionRows)

  // Applications, in the order sessions (newest first) and then tokens refer to them.
  const apps = new Map<string, AppNode>()
  const appFor = (clientId: string): AppNode => {
    let app = apps.get(clientId)
    if (app === undefined) {
      app = createAppNode(clientId, clientsById.get(clientId))
      apps.set(clientId, app)
    }
    return app
  }
  const idpById = new Map(idpEntries.map((e) => [e.node.id, e.node]))
  for (const s of sessions) {
    for (const idpId of s.idpIds) idpById.get(idpId)?.sessionIds.push(s.id)
    for (const appId of s.appIds) appFor(appId.slice('app:'.length)).sessionIds.push(s.id)
  }
  for (const t of refreshTokens) {
    const app = appFor(t.clientId)
    app.refreshTokenIds.push(t.id)
    t.appName = app.name
  }

  const links: LayerLink[] = []
  for (const { node } of idpEntries) {
    for (const sid of node.sessionIds) links.push({ from: node.id, to: sid, kind: 'idp-session' })
  }
  for (const s of sessions) {
    for (const appId of s.appIds) links.push({ from: s.id, to: appId, kind: 'session-app' })
    for (const rt of s.refreshTokenIds) links.push({ from: s.id, to: rt, kind: 'session-token' })
  }
  for (const t of refreshTokens) links.push({ from: t.appId, to: t.id, kind: 'app-token' })

  const unavailable = unavailableParts(input)
  return {
    tenantId: input.tenantId,
    user: compact({
      userId: input.user.user_id,
      email: input.user.email,
      name: input.user.name,
      picture: input.user.picture,
      connections: connectionNames,
      lastLogin: iso(input.user.last_login),
      loginsCount: input.user.logins_count,
    }),
    fetchedAt: now.toISOString(),
    idps: idpEntries.map((e) => e.node),
    sessions,
    apps: [...apps.values()],
    refreshTokens,
    links,
    summary: summarize({
      idps: idpEntries,
      sessions,
      refreshTokens,
      unknownBinding,
      input,
      unavailable,
      nowMs,
    }),
    unavailable,
  }
}

function createAppNode(clientId: string, client: Auth0Client | undefined): AppNode {
  const urls = (client?.oidc_logout?.backchannel_logout_urls ?? []).filter((u) => u !== '')
  const subscribed = urls.length > 0
  // `custom` is the default mode; `rp-logout` and `idp-logout` are always on in it (§3.3).
  const configured = client?.oidc_logout?.backchannel_logout_initiators
  const mode = configured?.mode === 'all' ? 'all' : 'custom'
  const initiators = !subscribed
    ? []
    : mode === 'all'
      ? ['all']
      : [...new Set([...alwaysOnInitiators, ...(configured?.selected_initiators ?? [])])]
  return {
    id: `app:${clientId}`,
    clientId,
    name: client?.name || `Unknown application (${clientId})`,
    appType: client?.app_type || 'unknown',
    known: client !== undefined,
    backchannel: subscribed
      ? { subscribed, url: urls[0], mode, initiators }
      : { subscribed, initiators },
    sessionIds: [],
    refreshTokenIds: [],
  }
}

const partNames = {
  sessions: 'Sessions',
  refreshTokens: 'Refresh tokens',
  applications: 'Applications',
  connections: 'Connections',
} as const

/** The parts that could not be read: the given reasons, plus a generic one for any null part without. */
function unavailableParts(input: LayerInput): UserLayers['unavailable'] {
  const given = [...(input.unavailable ?? [])]
  const missing: [UserLayers['unavailable'][number]['part'], unknown][] = [
    ['sessions', input.sessions],
    ['refreshTokens', input.refreshTokens],
    ['applications', input.clients],
    ['connections', input.connections],
  ]
  for (const [part, value] of missing) {
    if (value === null && !given.some((u) => u.part === part)) {
      const error: AppError = { code: 'INTERNAL', message: `${partNames[part]} were not read.` }
      given.push({ part, error })
    }
  }
  return given
}

interface SummaryInput {
  idps: IdpEntry[]
  sessions: SessionNode[]
  refreshTokens: RefreshTokenNode[]
  unknownBinding: Set<string>
  input: LayerInput
  unavailable: UserLayers['unavailable']
  nowMs: number
}

/** How the summary names an IdP: display name, then whether its session can be ended. */
function idpPhrase(entry: IdpEntry, duplicate: boolean): string {
  const { kind, connection, federatedLogout } = entry.node
  if (kind === 'database') return 'a password (no IdP session)'
  if (kind === 'passwordless') {
    return `${entry.node.strategy === 'sms' ? 'SMS' : 'email'} codes (no IdP session)`
  }
  const details = [
    ...(duplicate ? [`connection ${connection}`] : []),
    `IdP session can be ended: ${federatedLogout.optionsUnread === true ? 'unknown (connection options not readable)' : federatedLogout.supported ? 'yes' : 'no'}`,
  ]
  return `${entry.title} (${details.join('; ')})`
}

/**
 * The summary paragraph and its numbers.
 *
 * - `sessions`: sessions still active at `now` (expired-but-listed ones are told apart in words).
 * - `devices`: distinct (last-device label, last IP) pairs among active sessions — an approximation
 *   of physical devices: two browsers on one laptop count twice, and so does one phone that
 *   changed network between sessions.
 * - `refreshTokens`: every listed token.
 * - `unboundRefreshTokens`: unbound or orphaned tokens not yet past their deadline — the ones that
 *   keep an app signed in after any logout, session revocation included (§7).
 */
function summarize(args: SummaryInput): UserLayers['summary'] {
  const { idps, sessions, refreshTokens, unknownBinding, input, unavailable, nowMs } = args
  const live = (t: RefreshTokenNode) => t.endsAt === undefined || ms(t.endsAt) > nowMs
  const active = sessions.filter((s) => s.status === 'active')
  const expired = sessions.length - active.length
  const devices = new Set(active.map((s) => `${s.lastDevice.label}\u0000${s.lastDevice.ip ?? ''}`))
    .size
  const unbound = refreshTokens.filter((t) => t.sessionNodeId === null && live(t))
  const definitelyUnbound = unbound.filter((t) => !unknownBinding.has(t.id))
  const expiredTokens = refreshTokens.filter((t) => !live(t)).length
  const boundLive = refreshTokens.filter((t) => t.sessionNodeId !== null && live(t)).length
  const reason = (part: UserLayers['unavailable'][number]['part']) =>
    clause(unavailable.find((u) => u.part === part)?.error.message ?? 'not read')

  // The plan's refusal (sessions and refresh tokens are Enterprise-only) is said once, in its own
  // words, instead of two "could not be read" sentences.
  const planRefusal = unavailable.find(
    (u) =>
      (u.part === 'sessions' || u.part === 'refreshTokens') && u.error.reason === 'enterprise-only',
  )
  const refusedByPlan = (part: UserLayers['unavailable'][number]['part']) =>
    unavailable.some((u) => u.part === part && u.error.reason === 'enterprise-only')

  const sentences: string[] = []
  if (planRefusal !== undefined) sentences.push(sentence(planRefusal.error.message))
  if (input.sessions === null && !refusedByPlan('sessions')) {
    sentences.push(`Sessions could not be read: ${reason('sessions')}.`)
  }

  const clauses: string[] = []
  if (input.sessions !== null) {
    if (active.length === 0) {
      clauses.push('No active Auth0 session')
    } else {
      const activeIds = new Set(active.map((s) => s.id))
      const used = idps.filter((e) => e.node.sessionIds.some((id) => activeIds.has(id)))
      const titleCount = new Map<string, number>()
      for (const e of used) titleCount.set(e.title, (titleCount.get(e.title) ?? 0) + 1)
      const through = used.map((e) => idpPhrase(e, (titleCount.get(e.title) ?? 0) > 1))
      clauses.push(
        `Signed in on ${plural(devices, 'device')}` +
          (active.length !== devices ? ` in ${plural(active.length, 'session')}` : '') +
          (through.length > 0 ? ` through ${joinWords(through)}` : ''),
      )
    }
  }

  // Tokens that survive every logout, one clause per app, most tokens first.
  const perApp = new Map<string, RefreshTokenNode[]>()
  for (const t of definitelyUnbound) {
    const list = perApp.get(t.appId)
    if (list) list.push(t)
    else perApp.set(t.appId, [t])
  }
  const groups = [...perApp.values()].sort(
    (a, b) => b.length - a.length || (a[0]?.appName ?? '').localeCompare(b[0]?.appName ?? ''),
  )
  for (const group of groups) {
    const noExpiry = group.some((t) => t.endsAt === undefined)
    const latest = group.reduce((max, t) => Math.max(max, ms(t.endsAt)), -Infinity)
    const until = noExpiry ? 'with no expiry' : `until ${day(new Date(latest).toISOString())}`
    const count = plural(group.length, 'refresh token')
    clauses.push(
      `${count} will keep ${group[0]?.appName ?? 'an application'} signed in after any logout ${until}`,
    )
  }
  if (clauses.length > 0) sentences.push(`${clauses.join('; ')}.`)

  if (expired > 0) {
    sentences.push(
      active.length === 0
        ? `${plural(expired, 'listed session has', 'listed sessions have')} already expired.`
        : `${plural(expired, 'more session is', 'more sessions are')} listed but already expired.`,
    )
  }
  if (boundLive > 0) {
    sentences.push(
      `${plural(boundLive, 'refresh token is', 'refresh tokens are')} bound to a listed session: revoking that session ends ${boundLive === 1 ? 'it' : 'them'}, a plain logout does not.`,
    )
  }
  const unknownCount = unbound.length - definitelyUnbound.length
  if (unknownCount > 0) {
    sentences.push(
      `${plural(unknownCount, 'refresh token is', 'refresh tokens are')} bound to sessions that could not be read.`,
    )
  }
  if (expiredTokens > 0) {
    sentences.push(
      `${plural(expiredTokens, 'listed refresh token has', 'listed refresh tokens have')} already expired.`,
    )
  }
  if (input.refreshTokens === null && !refusedByPlan('refreshTokens')) {
    sentences.push(`Refresh tokens could not be read: ${reason('refreshTokens')}.`)
  }
  if (input.clients === null) {
    sentences.push(`Applications could not be read: ${reason('applications')}.`)
  }
  if (input.connections === null) {
    sentences.push(`Connections could not be read: ${reason('connections')}.`)
  }

  return {
    text: sentences.join(' '),
    devices,
    sessions: active.length,
    refreshTokens: refreshTokens.length,
    unboundRefreshTokens: definitelyUnbound.length,
  }
}
