import type {
  CookieMode,
  IdTokenClaims,
  LogoutEndpoint,
  LogoutParams,
  Scenario,
  ScenarioBackchannel,
  ScenarioClient,
  ScenarioConnection,
  ScenarioRefreshToken,
  ScenarioSession,
  ScenarioState,
  ScenarioTenant,
  Step,
  StepKind,
} from './types'

/** Longest single wait: 100 years (beyond it the simulated clock leaves the Date range). */
const MAX_WAIT_MINUTES = 52_596_000

// Validation of a scenario file (simulation contract, "Scenario" and "Steps"). Hand-rolled so that
// the first fault is reported with its exact JSON path (`steps[2].endpoint`) in one sentence.
// Unknown fields are ignored; missing optional fields take the contract's defaults. An optional
// field given as null counts as absent (exports from the Management API often carry nulls).
//
// Compatible additions to v1 (all optional, so every older file reads as before; see types.ts):
// tenant `custom_domains` (host names or `{ "domain": … }` objects), the non-persistent lifetimes
// `ephemeral_session_lifetime` / `idle_ephemeral_session_lifetime` (hours, or `*_in_minutes`,
// which win) and `session_cookie.mode`; session `expires_at`, `idle_expires_at` and `cookie.mode`,
// as `GET /api/v2/users/{id}/sessions` returns them (reference §4.1).

/** The first fault found in a scenario: where, and what is wrong. */
export interface ScenarioError {
  /** JSON path of the offending value, e.g. `steps[2].endpoint`; `(root)` for the whole file. */
  path: string
  message: string
}

/** A validated scenario, or the first fault. */
export type ScenarioParseResult =
  { ok: true; scenario: Scenario } | { ok: false; error: ScenarioError }

/** The step kinds of contract version 1, in the contract's order. */
export const STEP_KINDS: readonly StepKind[] = [
  'local_logout',
  'logout',
  'login',
  'refresh',
  'delete_session',
  'revoke_session',
  'delete_user_sessions',
  'delete_user_refresh_tokens',
  'wait',
]

const LOGOUT_ENDPOINTS: readonly LogoutEndpoint[] = ['/v2/logout', '/oidc/logout']

const COOKIE_MODES: readonly CookieMode[] = ['persistent', 'non-persistent']

/** Session ids that login steps give the sessions they create (`new-<step index>`). */
const RESERVED_SESSION_ID = /^new-\d+$/

class Invalid extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`)
  }
}

type Obj = Record<string, unknown>

const child = (path: string, key: string) => (path === '' ? key : `${path}.${key}`)
const item = (path: string, index: number) => `${path}[${index}]`

const shown = (value: unknown): string => {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value === null) return 'null'
  return Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : typeof value
}

const fail = (path: string, expected: string, value: unknown): never => {
  throw new Invalid(path, `must be ${expected}, got ${shown(value)}`)
}

const isObject = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function object(value: unknown, path: string): Obj {
  return isObject(value) ? value : fail(path, 'an object', value)
}

/** The field's value, or undefined when absent or null. */
const get = (obj: Obj, key: string): unknown =>
  Object.hasOwn(obj, key) && obj[key] !== null ? obj[key] : undefined

function requiredString(obj: Obj, key: string, path: string): string {
  const value = get(obj, key)
  const at = child(path, key)
  if (value === undefined) throw new Invalid(at, 'is required (a non-empty string)')
  if (typeof value !== 'string' || value === '') return fail(at, 'a non-empty string', value)
  return value
}

function optionalString(obj: Obj, key: string, path: string): string | undefined {
  const value = get(obj, key)
  if (value === undefined) return undefined
  return typeof value === 'string' && value !== ''
    ? value
    : fail(child(path, key), 'a non-empty string', value)
}

function optionalBoolean(obj: Obj, key: string, path: string): boolean | undefined {
  const value = get(obj, key)
  if (value === undefined) return undefined
  return typeof value === 'boolean' ? value : fail(child(path, key), 'true or false', value)
}

function optionalPositive(obj: Obj, key: string, path: string): number | undefined {
  const value = get(obj, key)
  if (value === undefined) return undefined
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? value
    : fail(child(path, key), 'a number greater than 0', value)
}

function oneOf<T extends string>(
  obj: Obj,
  key: string,
  path: string,
  allowed: readonly T[],
): T | undefined {
  const value = get(obj, key)
  if (value === undefined) return undefined
  return (allowed as readonly unknown[]).includes(value)
    ? (value as T)
    : fail(child(path, key), `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, value)
}

function array(obj: Obj, key: string, path: string): unknown[] {
  const value = get(obj, key)
  if (value === undefined) return []
  return Array.isArray(value) ? value : fail(child(path, key), 'an array', value)
}

function stringArray(obj: Obj, key: string, path: string): string[] {
  const at = child(path, key)
  const values = array(obj, key, path).map((value, i) =>
    typeof value === 'string' ? value : fail(item(at, i), 'a string', value),
  )
  return values
}

/** Like `stringArray`, for lists of names: empty strings refused, duplicates dropped. */
function nameList(obj: Obj, key: string, path: string): string[] {
  const at = child(path, key)
  const names = stringArray(obj, key, path)
  names.forEach((name, i) => {
    if (name === '') fail(item(at, i), 'a non-empty string', name)
  })
  return [...new Set(names)]
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

function optionalDate(obj: Obj, key: string, path: string): string | undefined {
  const value = get(obj, key)
  if (value === undefined) return undefined
  const ok =
    typeof value === 'string' && ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
  return ok
    ? value
    : fail(
        child(path, key),
        'an ISO-8601 date-time with a zone, like "2026-03-01T10:00:00Z"',
        value,
      )
}

function noDuplicates<T>(
  items: T[],
  keyOf: (item: T) => string,
  path: string,
  field: string,
): void {
  const seen = new Map<string, number>()
  items.forEach((entry, i) => {
    const key = keyOf(entry)
    const first = seen.get(key)
    if (first !== undefined) {
      throw new Invalid(
        child(item(path, i), field),
        `duplicate ${field} ${JSON.stringify(key)} (also at ${item(path, first)})`,
      )
    }
    seen.set(key, i)
  })
}

/** `{ "mode": … }` of `session_cookie` (tenant) or `cookie` (session), if given. */
function cookieOf(obj: Obj, key: string, path: string): { mode: CookieMode } | undefined {
  const value = get(obj, key)
  if (value === undefined) return undefined
  const at = child(path, key)
  const mode = oneOf(object(value, at), 'mode', at, COOKIE_MODES)
  return mode === undefined ? undefined : { mode }
}

/** Custom domains as host names; entries may be strings or the Management API's objects. */
function customDomainsOf(obj: Obj, path: string): string[] | undefined {
  if (get(obj, 'custom_domains') === undefined) return undefined
  const at = child(path, 'custom_domains')
  const domains = array(obj, 'custom_domains', path).map((entry, i) => {
    if (typeof entry === 'string') {
      return entry.trim() !== '' ? entry.trim() : fail(item(at, i), 'a non-empty string', entry)
    }
    if (isObject(entry)) return requiredString(entry, 'domain', item(at, i))
    return fail(item(at, i), 'a domain name or an object with "domain"', entry)
  })
  return [...new Set(domains)]
}

function tenantOf(value: unknown): ScenarioTenant {
  const path = 'tenant'
  const obj = value === undefined ? {} : object(value, path)
  const sessions = get(obj, 'sessions')
  const sessionsObj = sessions === undefined ? {} : object(sessions, child(path, 'sessions'))
  const tenant: ScenarioTenant = {
    allowed_logout_urls: stringArray(obj, 'allowed_logout_urls', path),
    sessions: {
      oidc_logout_prompt_enabled:
        optionalBoolean(sessionsObj, 'oidc_logout_prompt_enabled', child(path, 'sessions')) ?? true,
    },
  }
  const domain = optionalString(obj, 'domain', path)
  if (domain !== undefined) tenant.domain = domain
  const customDomains = customDomainsOf(obj, path)
  if (customDomains !== undefined) tenant.custom_domains = customDomains
  for (const key of [
    'session_lifetime',
    'idle_session_lifetime',
    'session_lifetime_in_minutes',
    'idle_session_lifetime_in_minutes',
    'ephemeral_session_lifetime',
    'idle_ephemeral_session_lifetime',
    'ephemeral_session_lifetime_in_minutes',
    'idle_ephemeral_session_lifetime_in_minutes',
  ] as const) {
    const hours = optionalPositive(obj, key, path)
    if (hours !== undefined) tenant[key] = hours
  }
  const cookie = cookieOf(obj, 'session_cookie', path)
  if (cookie !== undefined) tenant.session_cookie = cookie
  return tenant
}

function backchannelOf(value: unknown, path: string): ScenarioBackchannel {
  const obj = object(value, path)
  const initiators = get(obj, 'backchannel_logout_initiators')
  const initiatorsPath = child(path, 'backchannel_logout_initiators')
  const initiatorsObj = initiators === undefined ? {} : object(initiators, initiatorsPath)
  return {
    backchannel_logout_urls: stringArray(obj, 'backchannel_logout_urls', path),
    backchannel_logout_initiators: {
      mode: oneOf(initiatorsObj, 'mode', initiatorsPath, ['custom', 'all'] as const) ?? 'custom',
      selected_initiators: nameList(initiatorsObj, 'selected_initiators', initiatorsPath),
    },
  }
}

function clientOf(value: unknown, path: string): ScenarioClient {
  const obj = object(value, path)
  const client: ScenarioClient = {
    client_id: requiredString(obj, 'client_id', path),
    allowed_logout_urls: stringArray(obj, 'allowed_logout_urls', path),
  }
  const name = optionalString(obj, 'name', path)
  if (name !== undefined) client.name = name
  const appType = optionalString(obj, 'app_type', path)
  if (appType !== undefined) client.app_type = appType
  const oidcLogout = get(obj, 'oidc_logout')
  if (oidcLogout !== undefined)
    client.oidc_logout = backchannelOf(oidcLogout, child(path, 'oidc_logout'))
  return client
}

function connectionOf(value: unknown, path: string): ScenarioConnection {
  const obj = object(value, path)
  const connection: ScenarioConnection = {
    name: requiredString(obj, 'name', path),
    strategy: requiredString(obj, 'strategy', path),
  }
  const options = get(obj, 'options')
  if (options !== undefined) connection.options = object(options, child(path, 'options'))
  if (get(obj, 'clients') !== undefined) {
    const at = child(path, 'clients')
    connection.clients = array(obj, 'clients', path).map((entry, i) => {
      if (typeof entry !== 'string') return fail(item(at, i), 'a client id', entry)
      return entry
    })
  }
  return connection
}

function sessionOf(value: unknown, path: string): ScenarioSession {
  const obj = object(value, path)
  const id = requiredString(obj, 'id', path)
  if (RESERVED_SESSION_ID.test(id)) {
    throw new Invalid(
      child(path, 'id'),
      `${JSON.stringify(id)} is reserved: login steps name the sessions they create new-<step index>`,
    )
  }
  const clientsPath = child(path, 'clients')
  const session: ScenarioSession = {
    id,
    connection: optionalString(obj, 'connection', path) ?? null,
    clients: array(obj, 'clients', path).map((entry, i) => ({
      client_id: requiredString(
        object(entry, item(clientsPath, i)),
        'client_id',
        item(clientsPath, i),
      ),
    })),
  }
  for (const key of [
    'created_at',
    'updated_at',
    'authenticated_at',
    'last_interacted_at',
    'expires_at',
    'idle_expires_at',
  ] as const) {
    const date = optionalDate(obj, key, path)
    if (date !== undefined) session[key] = date
  }
  const cookie = cookieOf(obj, 'cookie', path)
  if (cookie !== undefined) session.cookie = cookie
  return session
}

function refreshTokenOf(value: unknown, path: string): ScenarioRefreshToken {
  const obj = object(value, path)
  return {
    id: requiredString(obj, 'id', path),
    client_id: requiredString(obj, 'client_id', path),
    session_id: optionalString(obj, 'session_id', path) ?? null,
  }
}

function stateOf(value: unknown): ScenarioState {
  const path = 'state'
  if (value === undefined) throw new Invalid(path, 'is required (an object)')
  const obj = object(value, path)
  const now = optionalDate(obj, 'now', path)
  if (now === undefined) {
    throw new Invalid(child(path, 'now'), 'is required (an ISO-8601 date-time with a zone)')
  }
  const sessionsPath = child(path, 'sessions')
  const sessions = array(obj, 'sessions', path).map((s, i) => sessionOf(s, item(sessionsPath, i)))
  noDuplicates(sessions, (s) => s.id, sessionsPath, 'id')
  const browser = get(obj, 'browser_session')
  if (browser !== undefined && (typeof browser !== 'string' || browser === '')) {
    fail(child(path, 'browser_session'), 'a session id or null', browser)
  }
  const browserSession = (browser as string | undefined) ?? null
  if (browserSession !== null && !sessions.some((s) => s.id === browserSession)) {
    throw new Invalid(
      child(path, 'browser_session'),
      `${JSON.stringify(browserSession)} is not the id of a session in state.sessions`,
    )
  }
  const tokensPath = child(path, 'refresh_tokens')
  const tokens = array(obj, 'refresh_tokens', path).map((t, i) =>
    refreshTokenOf(t, item(tokensPath, i)),
  )
  noDuplicates(tokens, (t) => t.id, tokensPath, 'id')
  const state: ScenarioState = {
    now,
    sessions,
    browser_session: browserSession,
    idp_sessions: nameList(obj, 'idp_sessions', path),
    app_sessions: nameList(obj, 'app_sessions', path),
    refresh_tokens: tokens,
  }
  const userId = optionalString(obj, 'user_id', path)
  if (userId !== undefined) state.user_id = userId
  return state
}

function idTokenHintOf(value: unknown, path: string): IdTokenClaims {
  if (typeof value === 'string') {
    throw new Invalid(
      path,
      'must be the decoded claims of the ID token, e.g. {"aud": "A", "sid": "s1"}, not the encoded token',
    )
  }
  const obj = object(value, path)
  const claims: IdTokenClaims = { aud: requiredString(obj, 'aud', path) }
  for (const key of ['sid', 'sub', 'iss'] as const) {
    const claim = optionalString(obj, key, path)
    if (claim !== undefined) claims[key] = claim
  }
  return claims
}

function logoutParamsOf(value: unknown, endpoint: LogoutEndpoint, path: string): LogoutParams {
  const obj = value === undefined ? {} : object(value, path)
  const params: LogoutParams = {
    federated: Object.hasOwn(obj, 'federated'),
    given: Object.keys(obj),
  }
  const clientId = optionalString(obj, 'client_id', path)
  if (clientId !== undefined) params.client_id = clientId
  if (endpoint === '/v2/logout') {
    const returnTo = optionalString(obj, 'returnTo', path)
    if (returnTo !== undefined) params.returnTo = returnTo
    return params
  }
  for (const key of ['post_logout_redirect_uri', 'logout_hint', 'state'] as const) {
    const text = optionalString(obj, key, path)
    if (text !== undefined) params[key] = text
  }
  const hint = get(obj, 'id_token_hint')
  if (hint !== undefined) params.id_token_hint = idTokenHintOf(hint, child(path, 'id_token_hint'))
  return params
}

function stepOf(value: unknown, path: string): Step {
  const obj = object(value, path)
  const kind = get(obj, 'do')
  if (kind === undefined) {
    throw new Invalid(child(path, 'do'), `is required (one of ${STEP_KINDS.join(', ')})`)
  }
  if (!(STEP_KINDS as readonly unknown[]).includes(kind)) {
    fail(child(path, 'do'), `one of ${STEP_KINDS.join(', ')}`, kind)
  }
  switch (kind as StepKind) {
    case 'local_logout':
      return { do: 'local_logout', client_id: requiredString(obj, 'client_id', path) }
    case 'logout': {
      const endpoint = oneOf(obj, 'endpoint', path, LOGOUT_ENDPOINTS)
      if (endpoint === undefined) {
        throw new Invalid(child(path, 'endpoint'), 'is required ("/v2/logout" or "/oidc/logout")')
      }
      return {
        do: 'logout',
        endpoint,
        params: logoutParamsOf(get(obj, 'params'), endpoint, child(path, 'params')),
        confirm: oneOf(obj, 'confirm', path, ['accept', 'deny'] as const) ?? 'accept',
      }
    }
    case 'login': {
      const step: Step & { do: 'login' } = {
        do: 'login',
        client_id: requiredString(obj, 'client_id', path),
      }
      const prompt = oneOf(obj, 'prompt', path, ['none', 'login'] as const)
      if (prompt !== undefined) step.prompt = prompt
      const connection = optionalString(obj, 'connection', path)
      if (connection !== undefined) step.connection = connection
      return step
    }
    case 'refresh':
      return { do: 'refresh', client_id: requiredString(obj, 'client_id', path) }
    case 'delete_session':
      return { do: 'delete_session', session_id: requiredString(obj, 'session_id', path) }
    case 'revoke_session':
      return { do: 'revoke_session', session_id: requiredString(obj, 'session_id', path) }
    case 'delete_user_sessions':
      return { do: 'delete_user_sessions' }
    case 'delete_user_refresh_tokens': {
      const clientId = optionalString(obj, 'client_id', path)
      return clientId === undefined
        ? { do: 'delete_user_refresh_tokens' }
        : { do: 'delete_user_refresh_tokens', client_id: clientId }
    }
    case 'wait': {
      const minutes = get(obj, 'minutes')
      if (minutes === undefined) throw new Invalid(child(path, 'minutes'), 'is required (a number)')
      if (
        typeof minutes !== 'number' ||
        !Number.isFinite(minutes) ||
        minutes < 0 ||
        minutes > MAX_WAIT_MINUTES
      ) {
        fail(
          child(path, 'minutes'),
          'a number of minutes from 0 to 52,596,000 (100 years)',
          minutes,
        )
      }
      return {
        do: 'wait',
        minutes: minutes as number,
        active: optionalBoolean(obj, 'active', path) ?? false,
      }
    }
  }
}

/**
 * Validates a parsed scenario file and fills in the contract's defaults.
 *
 * Returns the first fault with its JSON path; never throws. Checks beyond shapes: unique ids
 * (clients, connections, sessions, refresh tokens), `state.browser_session` naming a listed
 * session, and session ids of the form `new-<n>` being reserved for sessions that login steps
 * create. Clients, connections and sessions that other fields mention but the file does not
 * describe are allowed (an undescribed client has no allow-list and no back-channel logout).
 */
export function parseScenario(input: unknown): ScenarioParseResult {
  try {
    const root = isObject(input) ? input : fail('(root)', 'a JSON object', input)
    const tenant = tenantOf(get(root, 'tenant'))
    const clients = array(root, 'clients', '').map((c, i) => clientOf(c, item('clients', i)))
    noDuplicates(clients, (c) => c.client_id, 'clients', 'client_id')
    const connections = array(root, 'connections', '').map((c, i) =>
      connectionOf(c, item('connections', i)),
    )
    noDuplicates(connections, (c) => c.name, 'connections', 'name')
    const state = stateOf(get(root, 'state'))
    if (get(root, 'steps') === undefined) throw new Invalid('steps', 'is required (an array)')
    const steps = array(root, 'steps', '').map((s, i) => stepOf(s, item('steps', i)))
    return { ok: true, scenario: { tenant, clients, connections, state, steps } }
  } catch (err) {
    if (err instanceof Invalid) return { ok: false, error: { path: err.path, message: err.reason } }
    throw err
  }
}

/** A one-line message for a fault: `steps[2].endpoint: must be one of … , got "…"`. */
export function formatScenarioError(error: ScenarioError): string {
  return `${error.path}: ${error.message}`.replace(/\s+/g, ' ')
}
