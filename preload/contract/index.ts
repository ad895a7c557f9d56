/**
 * The one API contract between the renderer and main.
 *
 * Every renderer→main method is declared once in {@link ApiMethods} with its input and output; every
 * main→renderer event once in {@link ApiEvents}. The preload bridge, main's zod schemas, main's
 * handler table and the web host's injected client are all typed from here, so a method that is
 * missing anywhere fails to compile. The types of each domain are in one file beside this one;
 * those computed by the pure domain are defined in `core/` and re-exported. Nothing here is a
 * runtime import: a sandboxed preload may only require 'electron'.
 */

import type { ActivityEntry } from './activity'
import type { AppInfo, Preferences, StartupNotice } from './app'
import type {
  ConfigDraft,
  ConfigWorkspace,
  PushPreview,
  PushReceipt,
  PushResolution,
} from './config'
import type {
  BulkMode,
  BulkSource,
  JobCommand,
  JobView,
  LogoutAction,
  PreviewedLogout,
  SessionFilter,
} from './logout'
import type { UserScenario } from './simulator'
import type {
  NewTenantInput,
  TenantSnapshot,
  TenantSummary,
  TenantUpdateInput,
  TenantsOverview,
} from './tenants'
import type { UserHit, UserLayers } from './users'
import type { Result } from '../../core/result'

export type { AppError, AppErrorCode, AppErrorReason, Result } from '../../core/result'
export type * from './activity'
export type * from './app'
export type * from './config'
export type * from './logout'
export type * from './simulator'
export type * from './tenants'
export type * from './users'

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
  getUserScenario: { input: { userId: string }; output: UserScenario }
  /** Every job of every tenant, newest first (interrupted ones offer resume or discard). */
  listJobs: { input: void; output: JobView[] }
  /** Pause, resume, cancel, retry every failed item, or discard a job. */
  controlJob: {
    input: { id: string; command: JobCommand }
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
