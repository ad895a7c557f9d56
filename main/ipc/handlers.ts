import type { AppServices } from '../app-services'
import type { HandlerTable } from './handle'

/**
 * The handler table: one line per contract method, each a call into a service.
 *
 * It is a plain object of functions so the Electron IPC glue and the web host serve the same table.
 */
export function createHandlers(s: AppServices): HandlerTable {
  return {
    getAppInfo: async () => s.appInfo(),
    getPreferences: () => s.preferences.get(),
    setPreferences: (input) => s.preferences.set(input),
    listStartupNotices: async () => s.notices(),
    openExternal: (input) => s.links.open(input.url),
    listTenants: () => s.tenants.list(),
    addTenant: (input) => s.tenants.add(input),
    updateTenant: (input) => s.tenants.update(input),
    removeTenant: (input) => s.tenants.remove(input.id),
    switchTenant: (input) => s.tenants.switchTo(input.id),
    testConnection: (input) => s.tenants.test(input.id),
    getTenantSnapshot: (input) => s.tenants.snapshot(input.id),
    searchUsers: (input) => s.users.search(input.query),
    getUserLayers: (input) => s.users.layers(input.userId),
    listRecentUsers: () => s.users.recent(),
    previewLogout: (input) => s.logout.preview(input.userId, input.action),
    startLogout: (input) => s.logout.start(input.previewId, input.confirmation, input.reason),
    planBulkLogout: (input) => s.logout.planBulk(input.source, input.mode, input.filter),
    getUserScenario: (input) => s.scenarios.forUser(input.userId),
    listJobs: () => s.logout.list(),
    controlJob: (input) => s.logout.control(input.id, input.command),
    retryJobItem: (input) => s.logout.retryItem(input.id, input.key),
    getConfigWorkspace: (input) => s.config.getWorkspace(input.tenantId),
    pullConfig: (input) => s.config.pull(input.tenantId, input.discardDraft),
    saveConfigDraft: (input) => s.config.saveDraft(input.tenantId, input.draft),
    discardConfigDraft: (input) => s.config.discardDraft(input.tenantId),
    previewConfigPush: (input) => s.config.previewPush(input.tenantId),
    pushConfig: (input) => s.config.push(input.previewId, input.resolutions, input.confirmation),
    listActivity: () => s.activity.list(),
    exportActivity: (input) => s.activity.export(input.format),
  }
}
