/**
 * Management API records as plain JSON, the way Auth0 sends them (reference §4.1, §4.2, §5).
 *
 * The `auth0` SDK's own types are wider (dates typed `string | object`, every field optional); these
 * are the shapes the console relies on. Only ids and the fields every record carries are required;
 * Auth0 may add fields at any time, so every object may hold more than is listed. Dates are ISO-8601
 * strings. The layer model, the logout rules and the services all read these same shapes.
 */

/** The `device` block of a session or refresh token (§4.1, §4.2). */
export interface Auth0Device {
  initial_user_agent?: string
  initial_ip?: string | null
  initial_asn?: string
  last_user_agent?: string
  last_ip?: string | null
  last_asn?: string
}

/** An entry of a session's `authentication.methods`. */
export interface Auth0AuthenticationMethod {
  /** `pwd`, `federated`, `passkey`, `sms`, `email`, `mfa`, `mock` or a URL (custom method). */
  name?: string
  timestamp?: string
  /** The MFA factor, only when `name` is `mfa`. */
  type?: string
}

/**
 * A date of a session or refresh token: ISO-8601 as Auth0 sends it. The SDK types it as
 * `string | object` and Auth0 sends null for some; anything but a string is read as absent.
 */
export type Auth0Date = string | Record<string, unknown> | null

/** A session: `GET /sessions/{id}` and the items of `GET /users/{id}/sessions` (§4.1). */
export interface Auth0Session {
  /** Also the `sid` claim of ID tokens and logout tokens. */
  id: string
  user_id?: string
  created_at?: Auth0Date
  updated_at?: Auth0Date
  authenticated_at?: Auth0Date
  idle_expires_at?: Auth0Date
  expires_at?: Auth0Date
  /** Absent on sessions created before Auth0 shipped the Actions expiry API. */
  last_interacted_at?: Auth0Date
  device?: Auth0Device
  clients?: { client_id: string }[]
  authentication?: { methods?: Auth0AuthenticationMethod[] }
  cookie?: { mode?: 'persistent' | 'non-persistent' }
  session_metadata?: Record<string, string> | null
  /** Only on delegated sessions. */
  actor?: { sub?: string; [claim: string]: unknown }
}

/** A refresh token's metadata (never the token itself): `GET /refresh-tokens/{id}` (§4.2). */
export interface Auth0RefreshToken {
  id: string
  client_id: string
  user_id?: string
  created_at?: Auth0Date
  idle_expires_at?: Auth0Date
  expires_at?: Auth0Date
  last_exchanged_at?: Auth0Date
  device?: Auth0Device
  /** The session it was issued in; null for tokens issued before session binding existed. */
  session_id?: string | null
  rotating?: boolean
  resource_servers?: { audience?: string; scopes?: string | string[] }[]
  refresh_token_metadata?: Record<string, string> | null
}

/** One linked identity of a user. */
export interface Auth0Identity {
  connection: string
  /** The connection's strategy: `auth0`, `google-oauth2`, `samlp`, `waad`, … */
  provider: string
  user_id?: string | number
  isSocial?: boolean
}

/** A user profile: `GET /users`, `GET /users/{id}`, `GET /users-by-email`. */
export interface Auth0User {
  user_id: string
  email?: string
  email_verified?: boolean
  name?: string
  given_name?: string
  family_name?: string
  nickname?: string
  picture?: string
  identities?: Auth0Identity[]
  created_at?: string
  updated_at?: string
  last_login?: string
  last_ip?: string
  logins_count?: number
  multifactor?: string[]
  blocked?: boolean
  app_metadata?: Record<string, unknown>
  user_metadata?: Record<string, unknown>
}

/** Back-channel logout settings of an application (reference §3.3). */
export interface Auth0OidcLogout {
  backchannel_logout_urls?: string[]
  backchannel_logout_initiators?: {
    mode?: 'custom' | 'all'
    selected_initiators?: string[]
  }
  backchannel_logout_session_metadata?: { include?: boolean } | null
}

/** Refresh-token policy of an application (§5.2); lifetimes in seconds. */
export interface Auth0RefreshTokenPolicy {
  rotation_type?: 'rotating' | 'non-rotating'
  expiration_type?: 'expiring' | 'non-expiring'
  leeway?: number
  token_lifetime?: number
  infinite_token_lifetime?: boolean
  idle_token_lifetime?: number
  infinite_idle_token_lifetime?: boolean
}

/** An application: `GET /clients`, `GET /clients/{id}` (§5.2). Never carries the client secret here. */
export interface Auth0Client {
  client_id: string
  tenant?: string
  name?: string
  description?: string
  app_type?: string | null
  is_first_party?: boolean
  oidc_conformant?: boolean
  global?: boolean
  callbacks?: string[]
  allowed_origins?: string[]
  web_origins?: string[]
  allowed_logout_urls?: string[]
  grant_types?: string[]
  token_endpoint_auth_method?: string
  initiate_login_uri?: string
  sso_disabled?: boolean
  organization_usage?: 'deny' | 'allow' | 'require'
  refresh_token?: Auth0RefreshTokenPolicy | null
  oidc_logout?: Auth0OidcLogout | null
  addons?: Record<string, unknown>
  client_metadata?: Record<string, string>
}

/** The fields of an application the console may change (`PATCH /clients/{id}`). */
export interface Auth0ClientUpdate {
  name?: string
  callbacks?: string[]
  allowed_origins?: string[]
  web_origins?: string[]
  allowed_logout_urls?: string[]
  initiate_login_uri?: string
  /** Auth0 requires `rotation_type` and `expiration_type` whenever this is sent. */
  refresh_token?: Auth0RefreshTokenPolicy
  oidc_logout?: Auth0OidcLogout
}

/**
 * A connection: items of `GET /connections` (§5.3). `options` is absent when the token lacks
 * `read:connections_options`; which applications use it is `GET /connections/{id}/clients`
 * (`enabled_clients` reached end of life on 13 Jul 2026).
 */
export interface Auth0Connection {
  id?: string
  name: string
  display_name?: string
  strategy: string
  options?: Record<string, unknown> | null
  realms?: string[]
  is_domain_connection?: boolean
  show_as_button?: boolean
}

/**
 * A change to a connection (`PATCH /connections/{id}`). A sent `options` object replaces the whole
 * options object: send every option as read, with the changed keys changed.
 */
export interface Auth0ConnectionUpdate {
  display_name?: string
  options?: Record<string, unknown>
  is_domain_connection?: boolean
  show_as_button?: boolean
  realms?: string[]
  metadata?: Record<string, string>
}

/** Tenant settings: `GET /tenants/settings` (§5.1). Session lifetimes are in hours. */
export interface Auth0TenantSettings {
  friendly_name?: string
  picture_url?: string
  support_email?: string
  support_url?: string
  allowed_logout_urls?: string[]
  session_lifetime?: number
  idle_session_lifetime?: number
  session_lifetime_in_minutes?: number
  idle_session_lifetime_in_minutes?: number
  ephemeral_session_lifetime?: number
  idle_ephemeral_session_lifetime?: number
  session_cookie?: { mode?: 'persistent' | 'non-persistent' }
  sessions?: { oidc_logout_prompt_enabled?: boolean }
  oidc_logout?: { rp_logout_end_session_endpoint_discovery?: boolean }
  include_session_metadata_in_tenant_logs?: boolean
  default_audience?: string
  default_directory?: string
  enabled_locales?: string[]
  flags?: Record<string, boolean>
}

/**
 * A change to tenant settings (`PATCH /tenants/settings`).
 *
 * An hour field and its `_in_minutes` twin cannot be sent together.
 */
export type Auth0TenantSettingsUpdate = Partial<Omit<Auth0TenantSettings, 'flags'>>

/** One page of a user search (`GET /users` with `include_totals`). */
export interface Auth0UserSearchResult {
  users: Auth0User[]
  /** How many users match in total (Auth0 lets paging reach only the first 1,000). */
  total: number
}
/** Auth0 plan tier; sets the default request pacing (rate limits differ per plan). */
export type PlanTier = 'free' | 'essentials' | 'enterprise-production' | 'enterprise-non-production'
