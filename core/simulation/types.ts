// Types of the logout simulator's public file format, version 1 (simulation-contract.md). Field
// names follow the Auth0 Management API on purpose, so a scenario can be assembled from what the
// console already fetched. These are the shapes after validation: defaults filled in, unknown
// fields dropped. "Reference §n" below means auth0-sessions-logout.md.

/** The two browser-facing Auth0 logout endpoints. */
export type LogoutEndpoint = '/v2/logout' | '/oidc/logout'

/** Every `do` value a step can carry. */
export type StepKind = Step['do']

/** An Auth0 session cookie's mode (`session_cookie.mode` of the tenant, `cookie.mode` of a session). */
export type CookieMode = 'persistent' | 'non-persistent'

/**
 * Tenant settings the simulator reads (`GET /api/v2/tenants/settings`).
 *
 * Added after the first release of v1, all optional (reference §4.1, §12): `custom_domains`, the
 * `ephemeral_*` lifetimes and `session_cookie`. A file without them runs as before, except that
 * the default absolute lifetime is now Auth0's 168 h.
 */
export interface ScenarioTenant {
  /** The canonical domain, e.g. `acme.us.auth0.com`. */
  domain?: string
  /**
   * The tenant's custom domains (`GET /api/v2/custom-domains`), as host names such as
   * `login.acme.com`; the file may give the API's objects (`{ "domain": "login.acme.com" }`) too.
   * ID tokens carry the `iss` of whichever domain the login used (reference §12).
   */
  custom_domains?: string[]
  /** Tenant-level Allowed Logout URLs. */
  allowed_logout_urls: string[]
  /** Absolute lifetime ("require log in after"), hours. */
  session_lifetime?: number
  /** Inactivity lifetime, hours. */
  idle_session_lifetime?: number
  /** Absolute lifetime in minutes; wins over `session_lifetime`. */
  session_lifetime_in_minutes?: number
  /** Inactivity lifetime in minutes; wins over `idle_session_lifetime`. */
  idle_session_lifetime_in_minutes?: number
  /** Absolute lifetime of non-persistent sessions, hours; absent = the persistent one. */
  ephemeral_session_lifetime?: number
  /** Inactivity lifetime of non-persistent sessions, hours; absent = the persistent one. */
  idle_ephemeral_session_lifetime?: number
  /** Minutes; wins over `ephemeral_session_lifetime`. */
  ephemeral_session_lifetime_in_minutes?: number
  /** Minutes; wins over `idle_ephemeral_session_lifetime`. */
  idle_ephemeral_session_lifetime_in_minutes?: number
  /** The cookie mode of sessions created from now on; absent = `persistent`. */
  session_cookie?: { mode: CookieMode }
  sessions: { oidc_logout_prompt_enabled: boolean }
}

/** OIDC back-channel logout subscription of a client (`oidc_logout`). */
export interface ScenarioBackchannel {
  backchannel_logout_urls: string[]
  backchannel_logout_initiators: { mode: 'custom' | 'all'; selected_initiators: string[] }
}

/** An application (`GET /api/v2/clients`). */
export interface ScenarioClient {
  client_id: string
  name?: string
  app_type?: string
  allowed_logout_urls: string[]
  oidc_logout?: ScenarioBackchannel
}

/** A connection (`GET /api/v2/connections`). */
export interface ScenarioConnection {
  name: string
  strategy: string
  /** Social: absent `client_id` = Auth0 developer keys. SAML: `signOutEndpoint`, `disableSignout`. */
  options?: Record<string, unknown> | null
  /**
   * Client ids of the applications enabled for it (`GET /connections/{id}/clients`); absent when
   * not read, and then every application is assumed to use it. Optional, added to v1 in 2026.
   */
  clients?: readonly string[]
}

/**
 * An Auth0 session as the Management API returns it, plus the connection used to log in.
 *
 * `expires_at`, `idle_expires_at` and `cookie` (optional, added after the first release of v1) are
 * the session's own values, which Actions may have set (reference §7); when given they win over the
 * deadlines derived from the tenant's lifetimes. Without `cookie` the tenant's `session_cookie.mode`
 * applies, else `persistent`.
 */
export interface ScenarioSession {
  id: string
  connection: string | null
  created_at?: string
  updated_at?: string
  authenticated_at?: string
  last_interacted_at?: string
  /** Absolute deadline, fixed for the session's life. */
  expires_at?: string
  /** Idle deadline; the next interaction with Auth0 replaces it with the tenant's idle lifetime. */
  idle_expires_at?: string
  cookie?: { mode: CookieMode }
  clients: { client_id: string }[]
}

/** A refresh token; `session_id` is null for tokens not bound to a session. */
export interface ScenarioRefreshToken {
  id: string
  client_id: string
  session_id: string | null
}

/** The user's and the simulated browser's state before the first step. */
export interface ScenarioState {
  /** ISO-8601 with a zone, e.g. `2026-03-01T10:00:00Z`. */
  now: string
  user_id?: string
  sessions: ScenarioSession[]
  /** The Auth0 session the simulated browser carries. */
  browser_session: string | null
  /** Connections with a live IdP session in that browser. */
  idp_sessions: string[]
  /** Clients with a live local (application) session in that browser. */
  app_sessions: string[]
  refresh_tokens: ScenarioRefreshToken[]
}

/** `id_token_hint` given as its decoded claims; signatures are not verified. */
export interface IdTokenClaims {
  aud: string
  sid?: string
  sub?: string
  iss?: string
}

/** Parameters of a logout request. `federated` is true when the parameter was present at all. */
export interface LogoutParams {
  returnTo?: string
  post_logout_redirect_uri?: string
  client_id?: string
  logout_hint?: string
  state?: string
  id_token_hint?: IdTokenClaims
  federated: boolean
  /** Names of the parameters present in the file, in file order. */
  given: string[]
}

/** One simulated event. */
export type Step =
  | { do: 'local_logout'; client_id: string }
  | {
      do: 'logout'
      endpoint: LogoutEndpoint
      params: LogoutParams
      confirm: 'accept' | 'deny'
    }
  | { do: 'login'; client_id: string; prompt?: 'none' | 'login'; connection?: string }
  | { do: 'refresh'; client_id: string }
  | { do: 'delete_session'; session_id: string }
  | { do: 'revoke_session'; session_id: string }
  | { do: 'delete_user_sessions' }
  | { do: 'delete_user_refresh_tokens'; client_id?: string }
  | { do: 'wait'; minutes: number; active: boolean }

/** A validated scenario. */
export interface Scenario {
  tenant: ScenarioTenant
  clients: ScenarioClient[]
  connections: ScenarioConnection[]
  state: ScenarioState
  steps: Step[]
}

/** A logout token Auth0 sends to a client's back-channel logout URL. */
export interface BackchannelToken {
  client_id: string
  initiator: string
}

/** An Auth0 error a step ended in. */
export interface StepError {
  code: string
  message: string
}

/** What one step did. Every field is always present. */
export interface StepOutcome {
  do: StepKind
  /** `aborted`: the user denied the `/oidc/logout` confirmation. */
  result: 'ok' | 'error' | 'aborted'
  /** `/oidc/logout`: was the end-user confirmation screen shown? */
  prompted: boolean
  /** Where the browser ends up, or null. */
  redirect_to: string | null
  /** Which allow-list decided: `client:<id>`, `tenant`, or null. */
  allow_list: string | null
  /** The list entry that matched, or null. */
  matched_entry: string | null
  error: StepError | null
  /** Layers this step ended: `app:<client_id>`, `session:<id>`, `idp:<connection>`, `refresh_token:<id>`. */
  ended: string[]
  /** Logout tokens sent. */
  backchannel: BackchannelToken[]
  login: 'silent' | 'interactive' | 'error' | null
  login_error: 'login_required' | 'consent_required' | 'interaction_required' | null
  via: 'auth0_session' | 'idp_session' | null
  /** Federated logout: the connection whose IdP was asked to log out. */
  idp_logout: string | null
  /** Plain-language explanation, with the rule that applied. */
  notes: string[]
}

/** What is still alive after the last step. */
export interface FinalState {
  app_sessions: string[]
  sessions: string[]
  idp_sessions: string[]
  refresh_tokens: string[]
}

/** The simulator's answer for a whole scenario. */
export interface SimulationOutcome {
  steps: StepOutcome[]
  final: FinalState
}
