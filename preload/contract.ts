/**
 * The one API contract between the renderer and main.
 *
 * Every renderer→main method is declared once in {@link ApiMethods} with its input and output; every
 * main→renderer event once in {@link ApiEvents}. The preload bridge, main's zod schemas, main's
 * handler table and the web host's injected client are all typed from here, so a method that is
 * missing anywhere fails to compile. This file has no runtime imports: a sandboxed preload may only
 * require 'electron'.
 */

/** Every error code that can cross the process boundary. */
export type AppErrorCode =
  | 'INVALID_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'NETWORK'
  | 'TIMEOUT'
  | 'REMOTE'
  | 'KEYCHAIN'
  | 'STORAGE'
  | 'INTERNAL'

/** A failure as the renderer sees it: a code to branch on and a sentence for a person. */
export interface AppError {
  code: AppErrorCode
  message: string
}

/** What every API method resolves to; nothing is thrown across IPC. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

/** Which host serves the renderer: the Electron app or the browser web host. */
export type HostKind = 'electron' | 'web'

/** The theme the user chose; `system` follows the OS. */
export type ThemePreference = 'system' | 'light' | 'dark'

/** Facts about the running app shown in the status bar and Settings. */
export interface AppInfo {
  name: string
  version: string
  host: HostKind
  platform: string
  /** Where the app keeps its settings and data on disk. */
  dataDir: string
}

/** User preferences (never secrets). */
export interface Preferences {
  theme: ThemePreference
}

/** A notice main wants the user to see once, e.g. "your settings file was corrupt; a copy is at …". */
export interface StartupNotice {
  id: string
  level: 'info' | 'warning' | 'error'
  message: string
}

/** How a tenant is used; production is shown in a warning colour and marked in every dialog. */
export type Environment = 'production' | 'staging' | 'development'

/** Auth0 plan tier; sets the default request pacing (rate limits differ per plan). */
export type PlanTier = 'free' | 'essentials' | 'enterprise-production' | 'enterprise-non-production'

/** Whether main can use a tenant's client secret. */
export type CredentialsStatus = 'ok' | 'missing' | 'unavailable'

/** A console feature and whether the tenant's granted scopes allow it. */
export interface FeatureAvailability {
  id: string
  label: string
  requiredScopes: string[]
  missingScopes: string[]
  enabled: boolean
  /** Why it is disabled, in words for the button's tooltip; absent when enabled. */
  reason?: string
}

/** The last "Test connection" of a tenant. */
export interface ConnectionState {
  state: 'untested' | 'testing' | 'connected' | 'failed'
  testedAt?: string
  scopes: string[]
  features: FeatureAvailability[]
  error?: AppError
}

/** A tenant as the renderer sees it: never the secret or a token. */
export interface TenantSummary {
  id: string
  /** `sandbox` is the embedded local tenant: built in, cannot be edited or removed. */
  kind: 'sandbox' | 'auth0'
  name: string
  domain: string
  clientId: string
  environment: Environment
  plan: PlanTier
  hasSecret: boolean
  credentials: CredentialsStatus
  /** Why the credentials cannot be used (keychain locked, secret missing); absent when `ok`. */
  credentialsMessage?: string
  /** Granted scopes from the last successful connection test. */
  scopes: string[]
  connection: ConnectionState
}

/** All tenants and which one is active. */
export interface TenantsOverview {
  tenants: TenantSummary[]
  activeTenantId: string
}

/** The form to add a tenant. The secret goes straight to the OS keychain. */
export interface NewTenantInput {
  name: string
  domain: string
  clientId: string
  clientSecret: string
  environment: Environment
  plan: PlanTier
}

/** An edit; an absent or empty `clientSecret` keeps the stored one. */
export interface TenantUpdateInput {
  id: string
  name?: string
  domain?: string
  clientId?: string
  clientSecret?: string
  environment?: Environment
  plan?: PlanTier
}

/** What the active tenant holds, read through the Management API. */
export interface TenantSnapshot {
  tenantId: string
  fetchedAt: string
  friendlyName?: string
  usersTotal: number | null
  applications: { id: string; name: string; type: string; backchannelLogout: boolean }[]
  connections: { id: string; name: string; strategy: string }[]
  sessionLifetimeHours?: number
  idleSessionLifetimeHours?: number
  allowedLogoutUrls: string[]
  /** Parts that could not be read, with the reason (e.g. a missing scope). */
  unavailable: { part: string; error: AppError }[]
}

/** A user found by search. */
export interface UserHit {
  userId: string
  email?: string
  name?: string
  /** Connections the user signs in through (from identities). */
  connections: string[]
  lastLogin?: string
  loginsCount?: number
}

/** Kinds of upstream identity provider, as the layer map groups them. */
export type IdpKind =
  'database' | 'social' | 'saml' | 'entra' | 'oidc' | 'enterprise' | 'passwordless' | 'unknown'

/** Browser, OS and network of a session or token, parsed from its user agent. */
export interface DeviceInfo {
  browser: string
  os: string
  /** "Chrome on Windows", "Safari on iPhone", "Unknown device". */
  label: string
  userAgent?: string
  ip?: string
  asn?: string
}

/** Identity-provider layer: one upstream connection the user signs in through. */
export interface IdpNode {
  /** `idp:<connection name>` */
  id: string
  connection: string
  strategy: string
  kind: IdpKind
  /** Whether `federated` logout can end the IdP session, and why (reference §3.1). */
  federatedLogout: { supported: boolean; reason: string }
  sessionIds: string[]
}

/** Auth0 session layer: one session (one browser/device). */
export interface SessionNode {
  /** `session:<sid>` */
  id: string
  sessionId: string
  createdAt?: string
  updatedAt?: string
  authenticatedAt?: string
  lastInteractedAt?: string
  idleExpiresAt?: string
  expiresAt?: string
  cookieMode?: 'persistent' | 'non-persistent'
  firstDevice: DeviceInfo
  lastDevice: DeviceInfo
  /** Authentication methods in words: "Password", "Federated (google-oauth2)", "MFA (otp)". */
  methods: { name: string; label: string; timestamp?: string }[]
  idpIds: string[]
  appIds: string[]
  refreshTokenIds: string[]
  /** `active`, or already past its idle or absolute deadline but still listed. */
  status: 'active' | 'expired'
  /** The earlier of the idle and absolute deadlines, and which one it is. */
  endsAt?: string
  endsBy?: 'idle' | 'absolute'
}

/** Application layer: one application the user used. */
export interface AppNode {
  /** `app:<client_id>` */
  id: string
  clientId: string
  name: string
  appType: string
  /** False when the client id is not among the tenant's applications (deleted app). */
  known: boolean
  backchannel: { subscribed: boolean; url?: string; mode?: 'custom' | 'all'; initiators: string[] }
  sessionIds: string[]
  refreshTokenIds: string[]
}

/** A refresh token; unbound ones survive every logout. */
export interface RefreshTokenNode {
  /** `rt:<id>` */
  id: string
  tokenId: string
  clientId: string
  appId: string
  appName: string
  /** The session it is bound to (`session:<sid>`), or null. */
  sessionNodeId: string | null
  /** Bound to a session id that is no longer listed. */
  orphaned: boolean
  createdAt?: string
  lastExchangedAt?: string
  idleExpiresAt?: string
  expiresAt?: string
  rotating?: boolean
  device: DeviceInfo
  audiences: string[]
  endsAt?: string
}

/** An edge of the layer map: `to` depends on `from` (ending `from` affects `to`). */
export interface LayerLink {
  from: string
  to: string
  kind: 'idp-session' | 'session-app' | 'session-token' | 'app-token'
}

/** Every layer that keeps one user signed in. */
export interface UserLayers {
  tenantId: string
  user: UserHit & { picture?: string }
  fetchedAt: string
  idps: IdpNode[]
  sessions: SessionNode[]
  apps: AppNode[]
  refreshTokens: RefreshTokenNode[]
  links: LayerLink[]
  /** One paragraph in plain language, and its numbers. */
  summary: {
    text: string
    devices: number
    sessions: number
    refreshTokens: number
    unboundRefreshTokens: number
  }
  /** Parts that could not be read (missing scope…), each with the reason. */
  unavailable: {
    part: 'sessions' | 'refreshTokens' | 'applications' | 'connections'
    error: AppError
  }[]
}

/**
 * Renderer→main methods: name → input and output. `void` input means the method takes no argument;
 * otherwise it takes exactly one plain object.
 */
export interface ApiMethods {
  /** Name, version, host kind and platform of the running app. */
  getAppInfo: { input: void; output: AppInfo }
  /** The saved preferences. */
  getPreferences: { input: void; output: Preferences }
  /** Change preferences; answers with the saved result and emits `preferencesChanged`. */
  setPreferences: { input: Partial<Preferences>; output: Preferences }
  /** Notices raised while main started (corrupt files recovered, keychain unavailable…). */
  listStartupNotices: { input: void; output: StartupNotice[] }
  /**
   * Open an http(s) link in the user's browser.
   *
   * Main re-checks the URL: anything but http(s) with a host is refused with INVALID_INPUT.
   */
  openExternal: { input: { url: string }; output: void }
  /** Every tenant (the Sandbox first) and the active one. */
  listTenants: { input: void; output: TenantsOverview }
  /** Add a tenant; the secret is stored in the OS keychain only. Fails with KEYCHAIN if it cannot be. */
  addTenant: { input: NewTenantInput; output: TenantSummary }
  /** Edit a tenant; a new secret replaces the stored one and drops cached tokens. */
  updateTenant: { input: TenantUpdateInput; output: TenantSummary }
  /** Remove a tenant and its keychain entry. The Sandbox cannot be removed. */
  removeTenant: { input: { id: string }; output: TenantsOverview }
  /** Make a tenant the active one. */
  switchTenant: { input: { id: string }; output: TenantsOverview }
  /** Get a token, read the granted scopes and say which features each missing scope disables. */
  testConnection: { input: { id: string }; output: TenantSummary }
  /** Applications, connections, user count and session settings of a tenant. */
  getTenantSnapshot: { input: { id: string }; output: TenantSnapshot }
  /** Search users of the active tenant by email, name, user id or a raw Auth0 query. */
  searchUsers: { input: { query: string }; output: { users: UserHit[]; total: number } }
  /** Every layer that keeps a user of the active tenant signed in. */
  getUserLayers: { input: { userId: string }; output: UserLayers }
  /** Recently opened users of the active tenant, newest first. */
  listRecentUsers: { input: void; output: UserHit[] }
}

/** Main→renderer events: name → payload. */
export interface ApiEvents {
  /** Preferences were changed (by this window or another host). */
  preferencesChanged: Preferences
  /** Tenants were added, edited, removed, switched or tested. */
  tenantsChanged: TenantsOverview
}

/** Channel names, `domain:verb`. */
export const channels = {
  getAppInfo: 'app:info',
  getPreferences: 'preferences:get',
  setPreferences: 'preferences:set',
  listStartupNotices: 'app:notices',
  openExternal: 'shell:open-external',
  listTenants: 'tenants:list',
  addTenant: 'tenants:add',
  updateTenant: 'tenants:update',
  removeTenant: 'tenants:remove',
  switchTenant: 'tenants:switch',
  testConnection: 'tenants:test',
  getTenantSnapshot: 'tenants:snapshot',
  searchUsers: 'users:search',
  getUserLayers: 'users:layers',
  listRecentUsers: 'users:recent',
} as const satisfies { [M in keyof ApiMethods]: string }

/** Event channel names. */
export const events = {
  preferencesChanged: 'preferences:changed',
  tenantsChanged: 'tenants:changed',
} as const satisfies { [E in keyof ApiEvents]: string }

/** A renderer→main method name. */
export type Method = keyof ApiMethods
/** An event name. */
export type EventName = keyof ApiEvents
/** The input of method M. */
export type Input<M extends Method> = ApiMethods[M]['input']
/** The output of method M. */
export type Output<M extends Method> = ApiMethods[M]['output']

/** The listener half of the API: `onPreferencesChanged(listener)` returns an unsubscribe. */
export type EventApi = {
  [E in EventName as `on${Capitalize<E>}`]: (
    listener: (payload: ApiEvents[E]) => void,
  ) => () => void
}

/** The object the renderer sees as `window.api`, in Electron and in the web host alike. */
export type ConsoleApi = {
  [M in Method]: [Input<M>] extends [void]
    ? () => Promise<Result<Output<M>>>
    : (input: Input<M>) => Promise<Result<Output<M>>>
} & EventApi

/** `preferencesChanged` → `onPreferencesChanged`. */
export type ListenerName<E extends EventName> = `on${Capitalize<E>}`
