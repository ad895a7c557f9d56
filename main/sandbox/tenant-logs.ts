import { createPrng, hashSeed, type Prng } from './prng'
import type { SandboxStore } from './store'
import { WELL_KNOWN_USER_COUNT } from './seed-well-known'

/**
 * The Sandbox's tenant logs (`GET /api/v2/logs`): what happened in the tenant, as Auth0 records it.
 *
 * Records carry Auth0's log fields (SDK `Log`: `log_id`, `date`, `type`, `description`, `client_id`,
 * `client_name`, `ip`, `user_agent`, `user_id`, `user_name`, `connection`, `connection_id`,
 * `details`). `log_id` sorts in the order events happened: `900` + the UTC date-time to the
 * millisecond (17 digits) + a 10-digit sequence + 20 pseudo-random digits (50 in all; Auth0's are
 * 56 digits of the same kind), so checkpoint paging by `log_id` is chronological.
 *
 * Retention: the newest {@link LOG_RETENTION} events are kept; older ones are dropped (Auth0 keeps
 * logs by days per plan, 1–30 days; a count cap keeps the Sandbox's memory bounded). The seeded
 * history covers the {@link SEEDED_HISTORY_DAYS} days before the seed's reference time, so on a
 * fresh Sandbox the logs go back 30 days until more than {@link LOG_RETENTION} events are recorded.
 */
export interface SandboxLog {
  log_id: string
  date: string
  type: string
  description: string
  client_id?: string
  client_name?: string
  ip?: string
  user_agent?: string
  user_id?: string
  user_name?: string
  connection?: string
  connection_id?: string
  details?: Record<string, unknown>
}

/** The event codes the Sandbox records, with Auth0's descriptions (log-event-type-codes). */
export const LOG_EVENT_TYPES = {
  s: 'Success Login',
  f: 'Failed Login',
  slo: 'Success Logout',
  flo: 'Failed Logout',
  ssa: 'Success Silent Auth',
  fsa: 'Failed Silent Auth',
  srrt: 'Successfully revoked a Refresh Token',
  sapi: 'Success API Operation',
  oidc_backchannel_logout_succeeded: 'Successful OIDC Back-Channel Logout',
  oidc_backchannel_logout_failed: 'Failed OIDC Back-Channel Logout',
} as const

/** A code of {@link LOG_EVENT_TYPES}. */
export type LogEventType = keyof typeof LOG_EVENT_TYPES

/** What a caller says about an event; `date` defaults to now, `client_name` to the client's name. */
export type LogEventFields = Partial<Omit<SandboxLog, 'log_id' | 'date' | 'type'>> & {
  /** Epoch ms. */
  date?: number
}

/** The newest events kept. */
export const LOG_RETENTION = 10_000
/** How far back the seeded history goes. */
export const SEEDED_HISTORY_DAYS = 30

/**
 * Records tenant log events. Other Sandbox code calls the helpers (`login`, `logout`, …) when the
 * matching thing happens; the server records `sapi` for every successful Management API write.
 */
export interface TenantLogRecorder {
  /** Records one event and answers the stored record. */
  record(type: LogEventType, fields?: LogEventFields): SandboxLog
  /** `s` / `f`: an interactive login succeeded or failed (`description` says why it failed). */
  login(ok: boolean, fields: LogEventFields): SandboxLog
  /** `slo` / `flo`: a logout succeeded or failed. */
  logout(ok: boolean, fields: LogEventFields): SandboxLog
  /** `ssa` / `fsa`: silent authentication (prompt=none) succeeded or failed ("Login required"). */
  silentAuth(ok: boolean, fields: LogEventFields): SandboxLog
  /** `srrt`: refresh tokens were revoked (`details.ids` lists them). */
  refreshTokensRevoked(fields: LogEventFields): SandboxLog
  /** `oidc_backchannel_logout_succeeded` / `_failed`, with the client and, on failure, the reason. */
  backchannelLogout(ok: boolean, fields: LogEventFields): SandboxLog
  /** Every retained event, oldest first (= `log_id` order). Callers must not mutate it. */
  all(): readonly SandboxLog[]
  get(logId: string): SandboxLog | undefined
  /** How many events are kept at most. */
  readonly retention: number
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

const stamp = (ms: number): string => {
  const d = new Date(ms)
  return (
    pad(d.getUTCFullYear(), 4) +
    pad(d.getUTCMonth() + 1, 2) +
    pad(d.getUTCDate(), 2) +
    pad(d.getUTCHours(), 2) +
    pad(d.getUTCMinutes(), 2) +
    pad(d.getUTCSeconds(), 2) +
    pad(d.getUTCMilliseconds(), 3)
  )
}

/** Options of {@link createTenantLogRecorder}. */
export interface TenantLogOptions {
  now: () => number
  /** Seeds the pseudo-random part of `log_id`s. */
  seed: string
  /** Resolves `client_name` when only `client_id` is given. */
  clientName?: (clientId: string) => string | undefined
  retention?: number
}

/** Creates an empty recorder. */
export const createTenantLogRecorder = (options: TenantLogOptions): TenantLogRecorder => {
  const retention = options.retention ?? LOG_RETENTION
  const prng = createPrng(hashSeed(options.seed, 'tenant-logs'))
  const logs: SandboxLog[] = []
  const byId = new Map<string, SandboxLog>()
  let sequence = 0

  const record = (type: LogEventType, fields: LogEventFields = {}): SandboxLog => {
    const { date, ...rest } = fields
    const ms = date ?? options.now()
    sequence++
    const log: SandboxLog = {
      log_id: `900${stamp(ms)}${pad(sequence, 10)}${prng.chars(20, '0123456789')}`,
      date: new Date(ms).toISOString(),
      type,
      description: LOG_EVENT_TYPES[type],
      ...rest,
    }
    if (log.client_name === undefined && log.client_id !== undefined) {
      const name = options.clientName?.(log.client_id)
      if (name !== undefined) log.client_name = name
    }
    // Usually an append; an event dated in the past is inserted where its log_id belongs.
    let at = logs.length
    while (at > 0 && (logs[at - 1] as SandboxLog).log_id > log.log_id) at--
    logs.splice(at, 0, log)
    byId.set(log.log_id, log)
    while (logs.length > retention) {
      const dropped = logs.shift() as SandboxLog
      byId.delete(dropped.log_id)
    }
    return log
  }

  return {
    record,
    login: (ok, fields) => record(ok ? 's' : 'f', fields),
    logout: (ok, fields) => record(ok ? 'slo' : 'flo', fields),
    silentAuth: (ok, fields) =>
      record(ok ? 'ssa' : 'fsa', ok ? fields : { description: 'Login required', ...fields }),
    refreshTokensRevoked: (fields) => record('srrt', fields),
    backchannelLogout: (ok, fields) =>
      record(ok ? 'oidc_backchannel_logout_succeeded' : 'oidc_backchannel_logout_failed', fields),
    all: () => logs,
    get: (logId) => byId.get(logId),
    retention,
  }
}

interface PlannedEvent {
  type: LogEventType
  fields: LogEventFields & { date: number }
}

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/**
 * Records a plausible, deterministic history for the seeded users: for each of their sessions
 * started in the last {@link SEEDED_HISTORY_DAYS} days an `s` from the session's first IP and user
 * agent (sometimes after an `f` "Wrong email or password."), an `ssa` when it was used again from
 * its last IP, and for some users an older session that ended with an `slo`. Demo seed: every
 * user; large seed: the well-known users only (the others' sessions are generated lazily).
 */
export const seedTenantLogs = (recorder: TenantLogRecorder, store: SandboxStore): void => {
  const prng: Prng = createPrng(hashSeed(store.seed, 'log-history'))
  const since = store.referenceNow - SEEDED_HISTORY_DAYS * DAY
  const users = store.seed === 'demo' ? store.users : store.users.slice(0, WELL_KNOWN_USER_COUNT)
  const planned: PlannedEvent[] = []
  for (const user of users) {
    const connection = user.identities[0]?.connection
    const connectionId = store.connections.find((c) => c.name === connection)?.id
    const who: LogEventFields = {
      user_id: user.user_id,
      user_name: user.email,
      ...(connection !== undefined && { connection }),
      ...(connectionId !== undefined && { connection_id: connectionId }),
    }
    const sessions = store.listSessions(user.user_id)
    for (const session of sessions) {
      const at = Date.parse(session.authenticated_at)
      if (!(at >= since && at <= store.referenceNow)) continue
      const clientId = session.clients[0]?.client_id
      const where: LogEventFields = {
        ...who,
        ...(clientId !== undefined && { client_id: clientId }),
        ...(session.device.initial_ip !== null && { ip: session.device.initial_ip }),
        user_agent: session.device.initial_user_agent,
      }
      if (prng.chance(0.2)) {
        planned.push({
          type: 'f',
          fields: {
            ...where,
            date: at - prng.int(1, 5) * MINUTE,
            description: 'Wrong email or password.',
          },
        })
      }
      planned.push({
        type: 's',
        fields: { ...where, date: at, details: { session_id: session.id } },
      })
      const last = Date.parse(session.last_interacted_at ?? session.updated_at)
      if (last > at + MINUTE && last <= store.referenceNow) {
        planned.push({
          type: 'ssa',
          fields: {
            ...where,
            date: last,
            ...(session.device.last_ip !== null && { ip: session.device.last_ip }),
            user_agent: session.device.last_user_agent,
            details: { session_id: session.id },
          },
        })
      }
    }
    const template = sessions[0]
    if (template !== undefined && prng.chance(0.5)) {
      const start =
        since + prng.int(0, SEEDED_HISTORY_DAYS - 2) * DAY + prng.int(0, DAY / MINUTE) * MINUTE
      const clientId = template.clients[0]?.client_id
      const where: LogEventFields = {
        ...who,
        ...(clientId !== undefined && { client_id: clientId }),
        ...(template.device.initial_ip !== null && { ip: template.device.initial_ip }),
        user_agent: template.device.initial_user_agent,
      }
      planned.push({ type: 's', fields: { ...where, date: start } })
      planned.push({ type: 'slo', fields: { ...where, date: start + prng.int(5, 600) * MINUTE } })
    }
  }
  planned
    .filter((e) => e.fields.date <= store.referenceNow)
    .sort((a, b) => a.fields.date - b.fields.date)
    .forEach((e) => recorder.record(e.type, e.fields))
}
