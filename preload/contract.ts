/**
 * The one API contract between the renderer and main.
 *
 * Every renderer→main method is declared once in {@link ApiMethods} with its input and output; every
 * main→renderer event once in {@link ApiEvents}. The preload bridge, main's zod schemas, main's
 * handler table and the web host's injected client are all typed from here, so a method that is
 * missing anywhere fails to compile. This file has no runtime imports: a sandboxed preload may only
 * require 'electron'.
 */

import type { JsonValue, TenantConfiguration } from '../renderer/config/model'

export type { JsonValue, TenantConfiguration } from '../renderer/config/model'

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

// ── Logout: preview, jobs, receipts, activity ──────────────────────────────────────────────

/** What the operator asked to end, before anything is sent. */
export type LogoutAction =
  /** `DELETE /sessions/{id}`: ends the session only; its refresh tokens stay valid. */
  | { kind: 'delete-session'; sessionId: string }
  /** `POST /sessions/{id}/revoke`: ends the session and the refresh tokens bound to it. */
  | { kind: 'revoke-session'; sessionId: string }
  /** `DELETE /refresh-tokens/{id}`. */
  | { kind: 'revoke-refresh-token'; tokenId: string }
  /** Every refresh token of one application for the user, one `DELETE /refresh-tokens/{id}` each. */
  | { kind: 'revoke-app-tokens'; clientId: string }
  /** `DELETE /users/{id}/sessions`. */
  | { kind: 'delete-all-sessions' }
  /** `DELETE /users/{id}/refresh-tokens`. */
  | { kind: 'revoke-all-refresh-tokens' }
  /** Both user-wide requests: every session and every refresh token. */
  | { kind: 'sign-out-everywhere' }

/** The Management API calls a logout job can send (reference §4). */
export type LogoutRequestKind =
  | 'delete-session'
  | 'revoke-session'
  | 'delete-refresh-token'
  | 'delete-user-sessions'
  | 'delete-user-refresh-tokens'

/**
 * One Management API request a logout job will send.
 *
 * `targetId` is the session id, the refresh-token id, or the user id for the user-wide kinds. `key`
 * identifies the request across retries and resumes: same kind, user and target, same key.
 */
export interface LogoutRequest {
  kind: LogoutRequestKind
  targetId: string
  userId: string
  label: string
  key: string
}

/** A session the action ends. */
export interface EndedSession {
  /** `session:<sid>` */
  id: string
  sessionId: string
  /** "Chrome on Windows · 203.0.113.10" */
  device: string
  /** Names of the applications used in it. */
  apps: string[]
}

/** A session the action leaves running, and why. */
export interface SurvivingSession extends EndedSession {
  reason: string
}

/** A refresh token the action ends. */
export interface EndedRefreshToken {
  /** `rt:<id>` */
  id: string
  tokenId: string
  appName: string
  /** Bound to a listed session. */
  bound: boolean
}

/** Whether one application receives an OIDC back-channel logout token, and why (reference §3.3). */
export interface BackchannelOutcome {
  appId: string
  appName: string
  receives: boolean
  reason: string
}

/**
 * The blast radius of a logout action, computed from data already read and before anything is sent.
 *
 * Plain JSON, so it can cross to the renderer. `requests` is exactly what the job sends.
 */
export interface LogoutPreview {
  action: LogoutAction | BulkAction
  /** "End 1 session of alice@example.com" */
  title: string
  /** User-wide actions; the renderer asks for typed confirmation. */
  global: boolean
  ends: { sessions: EndedSession[]; refreshTokens: EndedRefreshToken[] }
  /** Applications used in the ended sessions, plus those whose refresh tokens end. */
  backchannel: BackchannelOutcome[]
  survives: {
    /** Access tokens stay valid until they expire: they cannot be revoked. */
    accessTokens: string
    /** Upstream identity-provider sessions: no Management API action ends them. */
    idpSessions: { connection: string; reason: string }[]
    refreshTokens: { id: string; appName: string; reason: string }[]
    /** Applications whose own (local) session keeps running. */
    appSessions: { appName: string; reason: string }[]
    sessions: SurvivingSession[]
  }
  warnings: string[]
  requests: LogoutRequest[]
  counts: { sessions: number; refreshTokens: number; requests: number }
}

/** What one item does; each kind is exactly one Management API request (logout-executor.ts). */
export type JobItemKind =
  | 'delete-session'
  | 'revoke-session'
  | 'delete-refresh-token'
  | 'delete-user-sessions'
  | 'delete-user-refresh-tokens'

/** One request of a job. */
export interface JobItem {
  /** Unique within the job, e.g. `delete-session:<sid>`. */
  key: string
  kind: JobItemKind
  /** The session or refresh-token id; for the user-wide kinds the user id. */
  targetId: string
  /** The user the target belongs to. */
  userId: string
  /** For people: "Chrome on macOS session of alice@example.com". */
  label: string
}

/** Where one item stands. */
export type JobItemStatus =
  | 'pending'
  | 'running'
  | 'done'
  /** Auth0 answered 404: already gone. Counts as success. */
  | 'gone'
  | 'failed'
  | 'cancelled'

/** The state of one item. */
export interface JobItemState {
  status: JobItemStatus
  /** Requests sent for this item so far, over every run of the job. */
  attempts: number
  /** The last failure; kept on a `failed` item, cleared when the item succeeds. */
  error?: AppError
  /** ISO time the item reached done, gone, failed or cancelled. */
  finishedAt?: string
}

/** Where a whole job stands. */
export type JobStatus =
  /** Items are being sent. */
  | 'running'
  /** No new item starts until resumed. */
  | 'paused'
  /** Stopped for good: pending items were cancelled. */
  | 'cancelled'
  /** Every item finished (done, gone or failed). */
  | 'completed'
  /** Found running or paused in the journal at startup: the app stopped in the middle of it. */
  | 'interrupted'

/** A job as the journal keeps it. */
export interface JobRecord {
  id: string
  tenantId: string
  /** What the operator asked for, e.g. "Sign out 12 sessions of alice@example.com". */
  action: string
  /** Why, as typed by the operator (audit trail). */
  reason?: string
  /** ISO times. */
  createdAt: string
  updatedAt: string
  status: JobStatus
  /** Exactly the items of the job, fixed at start. */
  items: JobItem[]
  /** One state per item key. */
  states: Record<string, JobItemState>
  /** Why the runner paused the job on its own, e.g. the journal could not be written. */
  error?: AppError
}

/** What the UI shows about a job: counts, rate and time left. */
export interface JobProgress {
  id: string
  status: JobStatus
  total: number
  done: number
  gone: number
  failed: number
  cancelled: number
  pending: number
  running: number
  /** Items finished per second over the recent window; 0 when nothing finished lately. */
  ratePerSecond: number
  /** Seconds until the remaining items are finished at that rate; null when unknown. */
  etaSeconds: number | null
  /** ISO time the job was created. */
  startedAt: string
  /** ISO time of the last change. */
  updatedAt: string
}

/** What the console re-read after a job: is each ended item really gone? */
export type VerificationStatus = 'verified' | 'pending' | 'failed'

/** The verified outcome of a logout job. */
export interface LogoutReceipt {
  jobId: string
  tenantId: string
  action: string
  finishedAt: string
  /** Per request: the job's result and whether a re-read confirmed it. */
  items: {
    key: string
    label: string
    result: JobItemStatus
    verification: VerificationStatus
    error?: AppError
  }[]
  counts: { verified: number; pending: number; failed: number }
  /** Layers that keep running after this action (from the preview, restated). */
  remains: {
    idpSessions: { connection: string; reason: string }[]
    appSessions: { appName: string; reason: string }[]
    refreshTokens: { id: string; appName: string; reason: string }[]
    accessTokens: string
  }
}

/** A job as the renderer sees it: its record's progress plus its items. */
export interface JobView {
  progress: JobProgress
  tenantId: string
  action: string
  reason?: string
  items: (JobItem & JobItemState)[]
  error?: AppError
  receipt?: LogoutReceipt
}

/** One line of the append-only activity log. Never a secret or token. */
export interface ActivityEntry {
  id: string
  time: string
  tenantId: string
  tenantName: string
  environment: Environment | 'sandbox'
  operatorReason?: string
  action: string
  targets: { kind: string; id: string; label: string }[]
  outcome: {
    status: 'completed' | 'partial' | 'failed' | 'cancelled' | 'started'
    ended: number
    pending: number
    failed: number
    details?: string
  }
  jobId?: string
}

/** Session criteria for bulk logout (incident response). All given criteria must match. */
export interface SessionFilter {
  /** IPv4 CIDR (`203.0.113.0/24`), a full address, or a prefix ending at a dot. */
  ip?: string
  /** Autonomous system number, with or without `AS`. */
  asn?: string
  /** Case-insensitive part of the user agent. */
  userAgent?: string
  /** ISO date: created strictly before. */
  createdBefore?: string
  /** ISO date: created at or after. */
  createdAfter?: string
  /** A connection name. */
  connection?: string
  /** The session was used by this application. */
  clientId?: string
}

/** Who a bulk logout is aimed at: a pasted list or CSV of user ids / emails, or a connection. */
export type BulkSource = { kind: 'list'; text: string } | { kind: 'connection'; connection: string }

/** What a bulk logout ends for each user of the cohort. */
export type BulkMode = 'matching-sessions' | 'all-sessions' | 'all-sessions-and-tokens'

/** A bulk logout: the cohort and what is ended for it. */
export interface BulkAction {
  kind: 'bulk'
  source: BulkSource
  mode: BulkMode
  filter?: SessionFilter
  /** The cohort and filter in words. */
  description: string
}

/** How a bulk cohort was read: who is in it and who was left out, and why. */
export interface CohortSummary {
  users: number
  sessions: number
  skipped: { userId: string; reason: string }[]
  listErrors: { line: number; text: string; reason: string }[]
}

/** A previewed logout, kept by main until it is confirmed or expires. */
export interface PreviewedLogout {
  previewId: string
  preview: LogoutPreview
  tenant: { id: string; name: string; environment: Environment; kind: 'sandbox' | 'auth0' }
  /** For global and bulk actions, the text to type to confirm (email or cohort size). */
  confirmText: string | null
  expiresAt: string
  /** For bulk logouts: the cohort as read. */
  cohort?: CohortSummary
}

// ---------------------------------------------------------------------------------------------
// Offline configuration editing (renderer/config/model.ts holds the configuration shape)

/** One field change of a draft; `null` means "not set". Undo applies `before`, redo `after`. */
export interface ConfigEdit {
  resource: string
  field: string
  before: JsonValue | null
  after: JsonValue | null
}

/** A draft: the edited configuration, its undo/redo history, and the snapshot it started from. */
export interface ConfigDraft {
  config: TenantConfiguration
  /** `pulledAt` of the snapshot the draft was made from (the base of the three-way merge). */
  basePulledAt: string
  /** Newest last; each entry is one user action (a group of field edits). At most 200 kept. */
  undo: ConfigEdit[][]
  redo: ConfigEdit[][]
}

/** A tenant's local configuration: the last pulled snapshot and the draft, both read from disk. */
export interface ConfigWorkspace {
  tenantId: string
  snapshot: TenantConfiguration | null
  draft: ConfigDraft | null
  /** When the draft was last written to disk. */
  draftSavedAt: string | null
  /** Notices from loading (a corrupt draft moved aside, …). */
  notices: string[]
}

/** How one field will be pushed, from the three-way comparison snapshot / draft / live. */
export type PushFieldStatus =
  /** Changed in the draft only: it will be sent. */
  | 'push'
  /** Changed live since the pull and in the draft, differently: the user decides. */
  | 'conflict'
  /** Changed live only: nothing sent, the draft takes the live value. */
  | 'theirs'
  /** Changed in the draft and live to the same value: nothing sent. */
  | 'same'

/** One field of a push preview. */
export interface PushFieldPlan {
  field: string
  status: PushFieldStatus
  base: JsonValue | null
  mine: JsonValue | null
  theirs: JsonValue | null
}

/** One resource of a push preview. */
export interface PushResourcePlan {
  resource: string
  /** `client_id` or connection id on the live tenant; null when the resource is missing live. */
  id: string | null
  fields: PushFieldPlan[]
  /** Why this resource cannot be pushed (missing live, unresolved keyword, invalid value…). */
  blocked?: string
}

/** A previewed push, kept by main until confirmed or expired. */
export interface PushPreview {
  previewId: string
  tenant: { id: string; name: string; environment: Environment; kind: 'sandbox' | 'auth0' }
  resources: PushResourcePlan[]
  counts: { push: number; conflict: number; theirs: number; same: number; blocked: number }
  /** Validation errors of the draft; while any remain the push is refused. */
  problems: { resource: string; field: string; message: string }[]
  expiresAt: string
}

/** How the user resolved one conflict. */
export interface PushResolution {
  resource: string
  field: string
  take: 'mine' | 'theirs'
}

/** Per-resource result of a push. */
export interface PushResourceResult {
  resource: string
  status: 'updated' | 'unchanged' | 'failed' | 'skipped'
  fields: string[]
  error?: AppError
}

/** What a push did, and the workspace after it (a fresh snapshot when anything was sent). */
export interface PushReceipt {
  tenantId: string
  startedAt: string
  endedAt: string
  results: PushResourceResult[]
  workspace: ConfigWorkspace
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
  /** Compute, from freshly read data, exactly what a logout action will end and what survives. */
  previewLogout: { input: { userId: string; action: LogoutAction }; output: PreviewedLogout }
  /**
   * Run a previewed logout as a resumable job: exactly the previewed requests, nothing newer.
   * Global actions need `confirmation` equal to the preview's `confirmText`.
   */
  startLogout: {
    input: { previewId: string; confirmation?: string; reason?: string }
    output: JobView
  }
  /**
   * Read a bulk cohort from the active tenant (a pasted list / CSV, or a connection's users), apply
   * the session filter, and preview the requests. Confirmation is typing the cohort size.
   */
  planBulkLogout: {
    input: { source: BulkSource; mode: BulkMode; filter?: SessionFilter }
    output: PreviewedLogout
  }
  /** A simulator scenario file (JSON text) built from a real user of the active tenant. */
  getUserScenario: { input: { userId: string }; output: { fileName: string; json: string } }
  /** Every job of every tenant, newest first (interrupted ones offer resume or discard). */
  listJobs: { input: void; output: JobView[] }
  /** Pause, resume, cancel, retry every failed item, or discard a job. */
  controlJob: {
    input: { id: string; command: 'pause' | 'resume' | 'cancel' | 'retry-failed' | 'discard' }
    output: JobView | null
  }
  /** Send one failed or cancelled item again. */
  retryJobItem: { input: { id: string; key: string }; output: JobView }
  /** The local snapshot and draft of a tenant's configuration; works offline. */
  getConfigWorkspace: { input: { tenantId: string }; output: ConfigWorkspace }
  /**
   * Read the tenant's session and logout configuration and store it as the new snapshot. Refused
   * with CONFLICT while the draft has unpushed edits, unless `discardDraft` is true.
   */
  pullConfig: { input: { tenantId: string; discardDraft?: boolean }; output: ConfigWorkspace }
  /** Write the draft to disk atomically (called as the user types). */
  saveConfigDraft: { input: { tenantId: string; draft: ConfigDraft }; output: { savedAt: string } }
  /** Delete the draft; the snapshot stays. */
  discardConfigDraft: { input: { tenantId: string }; output: ConfigWorkspace }
  /** Re-read the live configuration and compare it field by field with the snapshot and draft. */
  previewConfigPush: { input: { tenantId: string }; output: PushPreview }
  /**
   * Push a previewed draft: PATCH only changed fields, resolving every conflict as given.
   * `confirmation` must equal the number of fields to send.
   */
  pushConfig: {
    input: { previewId: string; resolutions: PushResolution[]; confirmation: string }
    output: PushReceipt
  }
  /** The activity log, newest first. */
  listActivity: { input: void; output: { entries: ActivityEntry[]; skippedLines: number } }
  /** The activity log as a file to save. */
  exportActivity: {
    input: { format: 'json' | 'markdown' }
    output: { filename: string; content: string }
  }
}

/** Main→renderer events: name → payload. */
export interface ApiEvents {
  /** Preferences were changed (by this window or another host). */
  preferencesChanged: Preferences
  /** Tenants were added, edited, removed, switched or tested. */
  tenantsChanged: TenantsOverview
  /** A job advanced, paused, finished or got its receipt. */
  jobChanged: JobView
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
  previewLogout: 'logout:preview',
  startLogout: 'logout:start',
  planBulkLogout: 'logout:plan-bulk',
  getUserScenario: 'simulator:scenario',
  listJobs: 'jobs:list',
  controlJob: 'jobs:control',
  retryJobItem: 'jobs:retry-item',
  getConfigWorkspace: 'config:workspace',
  pullConfig: 'config:pull',
  saveConfigDraft: 'config:save-draft',
  discardConfigDraft: 'config:discard-draft',
  previewConfigPush: 'config:preview-push',
  pushConfig: 'config:push',
  listActivity: 'activity:list',
  exportActivity: 'activity:export',
} as const satisfies { [M in keyof ApiMethods]: string }

/** Event channel names. */
export const events = {
  preferencesChanged: 'preferences:changed',
  tenantsChanged: 'tenants:changed',
  jobChanged: 'jobs:changed',
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
