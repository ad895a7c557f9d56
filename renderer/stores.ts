import { createPreferencesStore } from './features/preferences/preferences-store'
import { createAppStore } from './features/shell/app-store'
import { createTenantsStore } from './features/tenants/tenants-store'
import { createUsersStore } from './features/users/users-store'
import { createLogoutStore } from './features/logout/logout-store'
import { createSimulatorStore } from './features/simulator/simulator-store'
import { createConfigStore } from './features/config/config-store'
import { api } from './lib/api'
import { bindStore } from './lib/bind-store'

// Each domain store is created once here, bound to the real API.
export const appStore = createAppStore(api)
export const useApp = bindStore(appStore)
export const preferencesStore = createPreferencesStore(api)
export const usePreferences = bindStore(preferencesStore)
export const tenantsStore = createTenantsStore(api)
export const useTenants = bindStore(tenantsStore)
export const usersStore = createUsersStore(api)
export const useUsers = bindStore(usersStore)
export const logoutStore = createLogoutStore(api)
export const useLogout = bindStore(logoutStore)
export const simulatorStore = createSimulatorStore(api)
export const useSimulator = bindStore(simulatorStore)
export const configStore = createConfigStore(api)
export const useConfig = bindStore(configStore)
// Typed, then the window closed or reloaded within the save delay: write the draft now.
window.addEventListener('pagehide', () => void configStore.getState().flush())

/**
 * Loads what the app frame shows and follows main's announcements into the stores that own them.
 *
 * Returns one cleanup that stops every listener it started.
 */
export function startStores(): () => void {
  void appStore.getState().load()
  void preferencesStore.getState().load()
  void tenantsStore.getState().load()
  const stops = [
    preferencesStore.getState().listen(),
    tenantsStore.getState().listen(),
    logoutStore.getState().listen(),
  ]
  void logoutStore.getState().loadJobs()
  return () => {
    for (const stop of stops) stop()
  }
}
