import type { Scenario, ScenarioClient, ScenarioConnection, StepKind, StepOutcome } from './types'

// The simulator's mutable picture of one user and one browser while steps run, and the helpers
// every step uses to end layers and send back-channel logout tokens.

/**
 * Auth0's default "require log in after" (absolute lifetime), in hours: 7 days, as the
 * tenant-settings page says (reference §12).
 */
export const DEFAULT_ABSOLUTE_LIFETIME_HOURS = 168

/** The default inactivity lifetime, in hours (Auth0's docs do not state one; reference §11). */
export const DEFAULT_IDLE_LIFETIME_HOURS = 72

const MINUTE = 60_000

/** An Auth0 session while the simulation runs. */
export interface LiveSession {
  id: string
  connection: string | null
  /** Epoch ms; the absolute lifetime counts from here. */
  createdAt: number
  /** Epoch ms; the idle lifetime counts from here. */
  lastInteractedAt: number
  /** The session's own absolute deadline (`expires_at`), epoch ms; wins over the lifetime. */
  expiresAt: number | null
  /** The session's own idle deadline (`idle_expires_at`), epoch ms, until the next interaction. */
  idleExpiresAt: number | null
  /** `cookie.mode`: false for a non-persistent session, which takes the ephemeral lifetimes. */
  persistent: boolean
  clients: string[]
  alive: boolean
}

/** A refresh token while the simulation runs. */
export interface LiveRefreshToken {
  id: string
  clientId: string
  sessionId: string | null
  alive: boolean
}

/**
 * Session lifetimes in minutes, and whether each one is a default. `ephemeral*` apply to
 * non-persistent sessions; absent from the tenant, they are the persistent values.
 */
export interface Lifetimes {
  absolute: number
  idle: number
  ephemeralAbsolute: number
  ephemeralIdle: number
  absoluteDefaulted: boolean
  idleDefaulted: boolean
  ephemeralAbsoluteDefaulted: boolean
  ephemeralIdleDefaulted: boolean
}

/** Everything a step reads and changes. */
export interface World {
  scenario: Scenario
  lifetimes: Lifetimes
  /** Epoch ms. */
  now: number
  sessions: LiveSession[]
  browserSession: string | null
  idpSessions: string[]
  appSessions: string[]
  refreshTokens: LiveRefreshToken[]
}

const inMinutes = (minutes: number | undefined, hours: number | undefined) =>
  minutes ?? (hours === undefined ? undefined : hours * 60)

/** Minutes win over hours when both are given (simulation contract, "Scenario"). */
export function lifetimesOf(tenant: Scenario['tenant']): Lifetimes {
  const absolute = inMinutes(tenant.session_lifetime_in_minutes, tenant.session_lifetime)
  const idle = inMinutes(tenant.idle_session_lifetime_in_minutes, tenant.idle_session_lifetime)
  const ephemeralAbsolute = inMinutes(
    tenant.ephemeral_session_lifetime_in_minutes,
    tenant.ephemeral_session_lifetime,
  )
  const ephemeralIdle = inMinutes(
    tenant.idle_ephemeral_session_lifetime_in_minutes,
    tenant.idle_ephemeral_session_lifetime,
  )
  const persistentAbsolute = absolute ?? DEFAULT_ABSOLUTE_LIFETIME_HOURS * 60
  const persistentIdle = idle ?? DEFAULT_IDLE_LIFETIME_HOURS * 60
  return {
    absolute: persistentAbsolute,
    idle: persistentIdle,
    // Unconfirmed (reference §11): Auth0 states no default for the non-persistent lifetimes; the
    // simulator reads their absence as "the same as the persistent ones".
    ephemeralAbsolute: ephemeralAbsolute ?? persistentAbsolute,
    ephemeralIdle: ephemeralIdle ?? persistentIdle,
    absoluteDefaulted: absolute === undefined,
    idleDefaulted: idle === undefined,
    ephemeralAbsoluteDefaulted: ephemeralAbsolute === undefined,
    ephemeralIdleDefaulted: ephemeralIdle === undefined,
  }
}

/** The cookie mode of sessions the scenario does not give one for, and of new sessions. */
export const tenantCookieIsPersistent = (scenario: Scenario) =>
  scenario.tenant.session_cookie?.mode !== 'non-persistent'

/** The world before the first step. Sessions are alive here; see `expireAtStart`. */
export function createWorld(scenario: Scenario): World {
  const { state } = scenario
  const now = Date.parse(state.now)
  const time = (value: string | undefined) => (value === undefined ? undefined : Date.parse(value))
  return {
    scenario,
    lifetimes: lifetimesOf(scenario.tenant),
    now,
    sessions: state.sessions.map((s) => {
      const createdAt = time(s.created_at) ?? time(s.authenticated_at) ?? now
      return {
        id: s.id,
        connection: s.connection,
        createdAt,
        lastInteractedAt:
          time(s.last_interacted_at) ?? time(s.updated_at) ?? time(s.authenticated_at) ?? createdAt,
        expiresAt: time(s.expires_at) ?? null,
        idleExpiresAt: time(s.idle_expires_at) ?? null,
        persistent:
          s.cookie === undefined
            ? tenantCookieIsPersistent(scenario)
            : s.cookie.mode === 'persistent',
        clients: [...new Set(s.clients.map((c) => c.client_id))],
        alive: true,
      }
    }),
    browserSession: state.browser_session,
    idpSessions: [...state.idp_sessions],
    appSessions: [...state.app_sessions],
    refreshTokens: state.refresh_tokens.map((t) => ({
      id: t.id,
      clientId: t.client_id,
      sessionId: t.session_id,
      alive: true,
    })),
  }
}

/**
 * The browser interacts with Auth0 for this session at `at` (reference §1: `/authorize`, silent
 * authentication, SSO). The idle timer restarts with the tenant's idle lifetime: an
 * `idle_expires_at` an Action set holds only for the interaction that set it (reference §7).
 */
export function touchSession(session: LiveSession, at: number): void {
  session.lastInteractedAt = Math.max(session.lastInteractedAt, at)
  session.idleExpiresAt = null
}

/** An outcome with every field at its "nothing happened" value. */
export function blankOutcome(kind: StepKind): StepOutcome {
  return {
    do: kind,
    result: 'ok',
    prompted: false,
    redirect_to: null,
    allow_list: null,
    matched_entry: null,
    error: null,
    ended: [],
    backchannel: [],
    login: null,
    login_error: null,
    via: null,
    idp_logout: null,
    notes: [],
  }
}

/** `2026-03-01T10:00:00Z` */
export const isoTime = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')

/** `24 h`, `90 min` */
export const duration = (minutes: number) =>
  minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`

/** `A`, `A and B`, `A, B and C` */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`
}

/** The scenario's description of a client, if it has one. */
export const clientById = (world: World, clientId: string): ScenarioClient | undefined =>
  world.scenario.clients.find((c) => c.client_id === clientId)

/** The scenario's connection, or a stand-in named like its strategy when the file omits it. */
export function connectionByName(
  world: World,
  name: string,
): ScenarioConnection & { described: boolean } {
  const found = world.scenario.connections.find((c) => c.name === name)
  return found === undefined
    ? { name, strategy: name, described: false }
    : { ...found, described: true }
}

/** A session by id, alive or not. */
export const sessionById = (world: World, id: string | null) =>
  id === null ? undefined : world.sessions.find((s) => s.id === id)

/** The browser's Auth0 session if it is still alive. */
export function liveBrowserSession(world: World): LiveSession | undefined {
  const session = sessionById(world, world.browserSession)
  return session?.alive === true ? session : undefined
}

/** The tenant lifetimes (minutes) that apply to a session, by its cookie mode. */
export function lifetimesFor(
  world: World,
  session: LiveSession,
): { absolute: number; idle: number } {
  const { lifetimes } = world
  return session.persistent
    ? { absolute: lifetimes.absolute, idle: lifetimes.idle }
    : { absolute: lifetimes.ephemeralAbsolute, idle: lifetimes.ephemeralIdle }
}

/**
 * When a session expires on its own, and which limit ends it: the session's own `expires_at` and
 * `idle_expires_at` where the scenario gives them, else the tenant lifetimes for its cookie mode.
 */
export function deadlineOf(
  world: World,
  session: LiveSession,
): { at: number; limit: 'idle' | 'absolute' } {
  const lifetime = lifetimesFor(world, session)
  const absolute = session.expiresAt ?? session.createdAt + lifetime.absolute * MINUTE
  const idle = session.idleExpiresAt ?? session.lastInteractedAt + lifetime.idle * MINUTE
  return idle < absolute ? { at: idle, limit: 'idle' } : { at: absolute, limit: 'absolute' }
}

/** Words for why a session expired at its deadline. */
export function expiryReason(world: World, session: LiveSession, limit: 'idle' | 'absolute') {
  const lifetime = lifetimesFor(world, session)
  const kind = session.persistent
    ? ''
    : limit === 'idle'
      ? ' (non-persistent session: idle_ephemeral_session_lifetime)'
      : ' (non-persistent session: ephemeral_session_lifetime)'
  if (limit === 'idle') {
    return session.idleExpiresAt !== null
      ? `idle timeout: the session's own idle_expires_at ${isoTime(session.idleExpiresAt)}, with no interaction with Auth0 before it`
      : `idle timeout: no interaction with Auth0 for ${duration(lifetime.idle)}${kind} since ${isoTime(session.lastInteractedAt)}`
  }
  return session.expiresAt !== null
    ? `absolute timeout: the session's own expires_at ${isoTime(session.expiresAt)}`
    : `absolute timeout: created ${isoTime(session.createdAt)}, ${duration(lifetime.absolute)} "require log in after"${kind}`
}

/** Marks a session ended and records `session:<id>` (once). */
export function endSession(out: StepOutcome, session: LiveSession): void {
  if (!session.alive) return
  session.alive = false
  out.ended.push(`session:${session.id}`)
}

/** Ends the client's app session in this browser, if alive; true when it did. */
export function endApp(world: World, out: StepOutcome, clientId: string): boolean {
  if (!world.appSessions.includes(clientId)) return false
  world.appSessions = world.appSessions.filter((c) => c !== clientId)
  out.ended.push(`app:${clientId}`)
  return true
}

/** Ends this browser's session at a connection's IdP, if alive; true when it did. */
export function endIdp(world: World, out: StepOutcome, connection: string): boolean {
  if (!world.idpSessions.includes(connection)) return false
  world.idpSessions = world.idpSessions.filter((c) => c !== connection)
  out.ended.push(`idp:${connection}`)
  return true
}

/** Revokes a refresh token and records `refresh_token:<id>` (once). */
export function endRefreshToken(out: StepOutcome, token: LiveRefreshToken): void {
  if (!token.alive) return
  token.alive = false
  out.ended.push(`refresh_token:${token.id}`)
}

/** The name the sessions Management API page uses for the `session-revoked` initiator. */
const SESSION_DELETED_ALIAS = 'session-deleted'

/**
 * Whether a client's back-channel subscription covers an initiator (reference §3.3): `all` takes
 * every initiator; `custom` always has `rp-logout` and `idp-logout` on, plus the selected ones.
 */
export function subscribes(client: ScenarioClient, initiator: string): boolean {
  const settings = client.oidc_logout?.backchannel_logout_initiators
  if (settings?.mode === 'all') return true
  if (initiator === 'rp-logout' || initiator === 'idp-logout') return true
  if (settings === undefined) return false
  return settings.selected_initiators.some(
    (selected) =>
      selected === initiator ||
      (selected === SESSION_DELETED_ALIAS && initiator === 'session-revoked'),
  )
}

/**
 * Sends the logout tokens for sessions that just ended (simulation contract, "Back-channel
 * logout"): to each client the session lists in `clients` that has a back-channel logout URL and
 * subscribes to the initiator. A client that receives a token is assumed to end its app session;
 * this browser's app sessions belong to the browser's session, so only a token for that session
 * ends `app:<id>` here.
 */
export function sendBackchannel(
  world: World,
  out: StepOutcome,
  sessions: readonly LiveSession[],
  initiator: string,
): void {
  for (const session of sessions) {
    const sent: string[] = []
    const noUrl: string[] = []
    for (const clientId of session.clients) {
      const client = clientById(world, clientId)
      if (
        client === undefined ||
        (client.oidc_logout?.backchannel_logout_urls ?? []).length === 0
      ) {
        noUrl.push(clientId)
        continue
      }
      const settings = client.oidc_logout?.backchannel_logout_initiators
      if (!subscribes(client, initiator)) {
        out.notes.push(
          `${clientId} has a back-channel logout URL but does not subscribe to the ${initiator} initiator (mode custom, selected: ${settings?.selected_initiators.join(', ') || 'none'}), so it gets no logout token for session ${session.id}.`,
        )
        continue
      }
      if (
        initiator === 'session-revoked' &&
        settings?.mode === 'custom' &&
        !settings.selected_initiators.includes('session-revoked')
      ) {
        out.notes.push(
          `Doc conflict: ${clientId} selects "${SESSION_DELETED_ALIAS}", the name the sessions Management API page uses; the initiators page and the API call it "session-revoked". The simulator treats both as the same initiator (reference §3.3).`,
        )
      }
      out.backchannel.push({ client_id: clientId, initiator })
      sent.push(clientId)
    }
    if (sent.length > 0) {
      const here = session.id === world.browserSession
      const ended = here ? sent.filter((clientId) => endApp(world, out, clientId)) : []
      out.notes.push(
        `Back-channel logout: a logout token (initiator ${initiator}) goes to ${listOf(sent)} for session ${session.id}. The simulator assumes an application that receives a logout token ends its app session, as the token asks${
          here
            ? ended.length > 0
              ? `, so app:${ended.join(', app:')} ended.`
              : '; none of them had an app session in this browser.'
            : `; session ${session.id} is not the one this browser carries, so the app sessions that end are on another device.`
        }`,
      )
    }
    if (noUrl.length > 0) {
      out.notes.push(
        `${listOf(noUrl)} took part in session ${session.id} but ${noUrl.length === 1 ? 'has' : 'have'} no back-channel logout URL, so no logout token is sent there; such an app session lasts until the app logs out itself.`,
      )
    }
  }
}

/** Plain-language notes on what still keeps the user signed in after Auth0 ended a session. */
export function survivorNotes(world: World, out: StepOutcome): void {
  if (world.appSessions.length > 0) {
    out.notes.push(
      `App sessions still alive in this browser: ${listOf(world.appSessions)}. Auth0 ending its session does not log anyone out of the applications; each app must clear its own session (reference §1).`,
    )
  }
  if (liveBrowserSession(world) === undefined) {
    for (const connection of world.idpSessions) {
      out.notes.push(
        `The identity-provider session for ${connection} is still alive: prompt=none fails with login_required, but a login that goes to ${connection} (the user picks it, or the app passes connection=${connection}) completes without asking for credentials (reference §1.1).`,
      )
    }
  }
  const tokens = world.refreshTokens.filter((t) => t.alive)
  if (tokens.length > 0) {
    out.notes.push(
      `Refresh tokens survive logout, expiry and session deletion (reference §7): ${listOf(tokens.map((t) => `${t.id} (${t.clientId})`))} can still get new access tokens until revoked.`,
    )
  }
}
