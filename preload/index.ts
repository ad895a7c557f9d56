import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { channels, events, type ApiEvents, type ConsoleApi, type EventName } from './contract'

// Each listener strips the IpcRendererEvent and returns an unsubscribe (security checklist #20).
function listen<E extends EventName>(name: E, listener: (payload: ApiEvents[E]) => void) {
  const wrapped = (_event: IpcRendererEvent, payload: ApiEvents[E]) => listener(payload)
  ipcRenderer.on(events[name], wrapped)
  return () => {
    ipcRenderer.off(events[name], wrapped)
  }
}

// One named function per channel; ipcRenderer itself is never exposed.
const api = {
  getAppInfo: () => ipcRenderer.invoke(channels.getAppInfo),
  getPreferences: () => ipcRenderer.invoke(channels.getPreferences),
  setPreferences: (input) => ipcRenderer.invoke(channels.setPreferences, input),
  listStartupNotices: () => ipcRenderer.invoke(channels.listStartupNotices),
  openExternal: (input) => ipcRenderer.invoke(channels.openExternal, input),
  listTenants: () => ipcRenderer.invoke(channels.listTenants),
  addTenant: (input) => ipcRenderer.invoke(channels.addTenant, input),
  updateTenant: (input) => ipcRenderer.invoke(channels.updateTenant, input),
  removeTenant: (input) => ipcRenderer.invoke(channels.removeTenant, input),
  switchTenant: (input) => ipcRenderer.invoke(channels.switchTenant, input),
  testConnection: (input) => ipcRenderer.invoke(channels.testConnection, input),
  getTenantSnapshot: (input) => ipcRenderer.invoke(channels.getTenantSnapshot, input),
  searchUsers: (input) => ipcRenderer.invoke(channels.searchUsers, input),
  getUserLayers: (input) => ipcRenderer.invoke(channels.getUserLayers, input),
  listRecentUsers: () => ipcRenderer.invoke(channels.listRecentUsers),
  previewLogout: (input) => ipcRenderer.invoke(channels.previewLogout, input),
  startLogout: (input) => ipcRenderer.invoke(channels.startLogout, input),
  planBulkLogout: (input) => ipcRenderer.invoke(channels.planBulkLogout, input),
  getUserScenario: (input) => ipcRenderer.invoke(channels.getUserScenario, input),
  listJobs: () => ipcRenderer.invoke(channels.listJobs),
  controlJob: (input) => ipcRenderer.invoke(channels.controlJob, input),
  retryJobItem: (input) => ipcRenderer.invoke(channels.retryJobItem, input),
  getConfigWorkspace: (input) => ipcRenderer.invoke(channels.getConfigWorkspace, input),
  pullConfig: (input) => ipcRenderer.invoke(channels.pullConfig, input),
  saveConfigDraft: (input) => ipcRenderer.invoke(channels.saveConfigDraft, input),
  discardConfigDraft: (input) => ipcRenderer.invoke(channels.discardConfigDraft, input),
  previewConfigPush: (input) => ipcRenderer.invoke(channels.previewConfigPush, input),
  pushConfig: (input) => ipcRenderer.invoke(channels.pushConfig, input),
  listActivity: () => ipcRenderer.invoke(channels.listActivity),
  exportActivity: (input) => ipcRenderer.invoke(channels.exportActivity, input),
  onPreferencesChanged: (listener) => listen('preferencesChanged', listener),
  onTenantsChanged: (listener) => listen('tenantsChanged', listener),
  onJobChanged: (listener) => listen('jobChanged', listener),
} satisfies ConsoleApi

contextBridge.exposeInMainWorld('api', api)
