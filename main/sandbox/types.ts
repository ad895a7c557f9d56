/**
 * Record shapes of the sandbox tenant, exactly as the Management API returns them.
 *
 * Sessions and refresh tokens follow reference §4.1 / §4.2 (node-auth0 `SessionResponseContent`,
 * `RefreshTokenResponseContent`); tenant, client and connection fields follow §5. Dates are ISO-8601
 * strings. The store keeps these objects as they are and the server returns copies.
 */

/** `device` block shared by sessions and refresh tokens. */
export interface SandboxDevice {
  initial_user_agent: string
  initial_ip: string | null
  initial_asn: string
  last_user_agent: string
  last_ip: string | null
  last_asn: string
}

/** An entry of `authentication.methods`. */
export interface SandboxAuthMethod {
  name: 'pwd' | 'federated' | 'passkey' | 'sms' | 'email' | 'mfa' | 'mock' | (string & {})
  timestamp: string
  /** MFA factor, only when `name` is `mfa`. */
  type?: string
}

/** A user session (`GET /sessions/{id}`, items of `GET /users/{id}/sessions`). */
export interface SandboxSession {
  id: string
  user_id: string
  created_at: string
  updated_at: string
  authenticated_at: string
  idle_expires_at: string
  expires_at: string
  last_interacted_at?: string
  device: SandboxDevice
  clients: { client_id: string }[]
  authentication: { methods: SandboxAuthMethod[] }
  cookie: { mode: 'persistent' | 'non-persistent' }
  session_metadata?: Record<string, string> | null
}

/** A refresh token's metadata (`GET /refresh-tokens/{id}`, items of `/users/{id}/refresh-tokens`). */
export interface SandboxRefreshToken {
  id: string
  user_id: string
  created_at: string
  idle_expires_at?: string
  expires_at?: string
  last_exchanged_at: string
  device: SandboxDevice
  client_id: string
  /** The session the token was issued in; null when unbound (issued before binding existed). */
  session_id: string | null
  rotating: boolean
  resource_servers: { audience: string; scopes: string }[]
  refresh_token_metadata?: Record<string, string> | null
}

/** One linked identity of a user. */
export interface SandboxIdentity {
  connection: string
  provider: string
  user_id: string
  isSocial: boolean
}

/** A user profile (`GET /users`, `GET /users/{id}`). */
export interface SandboxUser {
  user_id: string
  email: string
  email_verified: boolean
  name: string
  given_name?: string
  family_name?: string
  nickname: string
  picture?: string
  identities: SandboxIdentity[]
  created_at: string
  updated_at: string
  last_login?: string
  last_ip?: string
  logins_count: number
  multifactor?: string[]
  blocked?: boolean
  app_metadata?: Record<string, unknown>
  user_metadata?: Record<string, unknown>
}

/** Back-channel logout settings of an application (reference §3.3). */
export interface SandboxOidcLogout {
  backchannel_logout_urls: string[]
  backchannel_logout_initiators?: {
    mode: 'custom' | 'all'
    selected_initiators?: string[]
  }
  backchannel_logout_session_metadata?: { include: boolean } | null
}

/** Refresh-token policy of an application (reference §5.2). */
export interface SandboxRefreshTokenPolicy {
  rotation_type: 'rotating' | 'non-rotating'
  expiration_type: 'expiring' | 'non-expiring'
  leeway: number
  token_lifetime: number
  infinite_token_lifetime: boolean
  idle_token_lifetime: number
  infinite_idle_token_lifetime: boolean
}

/** An application (`GET /clients`), never with its `client_secret`. */
export interface SandboxClient {
  client_id: string
  tenant: string
  name: string
  description?: string
  app_type: 'regular_web' | 'spa' | 'native' | 'non_interactive' | (string & {})
  is_first_party: boolean
  oidc_conformant: boolean
  global: boolean
  callbacks: string[]
  allowed_origins: string[]
  web_origins: string[]
  allowed_logout_urls: string[]
  allowed_clients: string[]
  grant_types: string[]
  token_endpoint_auth_method: 'none' | 'client_secret_post' | 'client_secret_basic'
  initiate_login_uri?: string
  sso_disabled: boolean
  cross_origin_authentication: boolean
  organization_usage: 'deny' | 'allow' | 'require'
  jwt_configuration: { alg: string; lifetime_in_seconds: number; secret_encoded: boolean }
  refresh_token: SandboxRefreshTokenPolicy
  oidc_logout?: SandboxOidcLogout
  addons?: Record<string, unknown>
  client_metadata?: Record<string, string>
}

/**
 * A connection (`GET /connections`). No `enabled_clients`: that field reached end of life on
 * 13 Jul 2026; which applications use a connection is `GET /connections/{id}/clients`.
 */
export interface SandboxConnection {
  id: string
  name: string
  display_name?: string
  strategy: string
  options: Record<string, unknown>
  realms: string[]
  is_domain_connection: boolean
  show_as_button?: boolean
  metadata?: Record<string, string>
}

/** Tenant settings (`GET /tenants/settings`); lifetimes in hours unless `_in_minutes`. */
export interface SandboxTenantSettings {
  friendly_name: string
  support_email?: string
  support_url?: string
  default_directory?: string
  default_audience?: string
  enabled_locales: string[]
  allowed_logout_urls: string[]
  session_lifetime: number
  idle_session_lifetime: number
  ephemeral_session_lifetime: number
  idle_ephemeral_session_lifetime: number
  session_lifetime_in_minutes?: number
  idle_session_lifetime_in_minutes?: number
  ephemeral_session_lifetime_in_minutes?: number
  idle_ephemeral_session_lifetime_in_minutes?: number
  session_cookie: { mode: 'persistent' | 'non-persistent' }
  sessions: { oidc_logout_prompt_enabled: boolean }
  oidc_logout: { rp_logout_end_session_endpoint_discovery: boolean }
  include_session_metadata_in_tenant_logs: boolean
  flags: Record<string, boolean>
}
