import type { AppInfo, HostKind, Result, StartupNotice } from '../preload/contract'
import { createExternalLinksService } from './services/app/external-links'
import type {
  EventSink,
  OpenExternal,
  SandboxLauncher,
  SecretStore,
  SettingsStore,
  TenantApiFactory,
} from './services/ports'
import { createPreferencesService } from './services/app/preferences-service'
import { ok } from '../core/result'
import { createTenantsService } from './services/tenants/tenants-service'
import { createUsersService } from './services/users/users-service'
import { createActivityLog } from './services/activity/activity-log'
import { createActivityService } from './services/activity/activity-service'
import { createLogoutService } from './services/logout/logout-service'
import { createScenarioService } from './services/users/scenario-service'
import { createConfigService } from './services/config/config-service'
import { join } from 'node:path'

/** What a host (Electron or web) supplies to build the services. */
export interface HostDeps {
  host: HostKind
  version: string
  dataDir: string
  settings: SettingsStore
  secrets: SecretStore
  events: EventSink
  openExternal: OpenExternal
  /** Builds a Management API client for a tenant. */
  createApi: TenantApiFactory
  /** Starts the embedded Sandbox tenant when it is first used. */
  launchSandbox: SandboxLauncher
  /** Notices found while the host started (e.g. a corrupt settings file moved aside). */
  startupNotices: StartupNotice[]
}

/**
 * Build every service from the host's adapters. No Electron here: the web host, the tests and the
 * Electron main process all call this.
 */
export function createAppServices(deps: HostDeps) {
  const info: AppInfo = {
    name: 'Session Console',
    version: deps.version,
    host: deps.host,
    platform: process.platform,
    dataDir: deps.dataDir,
  }
  const tenants = createTenantsService(deps)
  const users = createUsersService({
    settings: deps.settings,
    activeTenant: () => tenants.active(),
  })
  const activity = createActivityLog({ file: join(deps.dataDir, 'activity.jsonl') })
  const logout = createLogoutService({
    dataDir: deps.dataDir,
    events: deps.events,
    activity,
    tenants: {
      active: () => tenants.active(),
      summary: (id) => tenants.summary(id),
      logoutApi: (id) => tenants.api(id),
    },
    readLayers: (userId) => users.layers(userId),
  })
  return {
    appInfo: (): Result<AppInfo> => ok(info),
    notices: (): Result<StartupNotice[]> => ok([...deps.startupNotices]),
    preferences: createPreferencesService(deps),
    links: createExternalLinksService({ open: deps.openExternal }),
    tenants,
    users,
    logout,
    activity: createActivityService({ log: activity }),
    scenarios: createScenarioService({
      activeTenant: () => tenants.active(),
      domainsOf: (id) => tenants.summary(id),
    }),
    config: createConfigService({
      dataDir: deps.dataDir,
      activity,
      tenants: { summary: (id) => tenants.summary(id), api: (id) => tenants.api(id) },
      onTenantChanged: (tenantId) => users.invalidate(tenantId),
    }),
    /** Release timers, servers and connections. */
    async dispose(): Promise<void> {
      await logout.dispose()
      await tenants.dispose()
    },
  }
}

/** The services of one running app. */
export type AppServices = ReturnType<typeof createAppServices>
