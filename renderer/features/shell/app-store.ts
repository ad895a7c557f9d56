import { createStore } from 'zustand/vanilla'
import type { AppError, AppInfo, ConsoleApi, StartupNotice } from '../../../preload/contract'

/** The screens in the sidebar, in order. Screens not built yet are not listed. */
export const screens = [
  { id: 'users', label: 'Users', key: '1' },
  { id: 'bulk', label: 'Bulk logout', key: '2' },
  { id: 'activity', label: 'Activity', key: '3' },
  { id: 'simulator', label: 'Simulator', key: '4' },
  { id: 'tenants', label: 'Tenants', key: '5' },
  { id: 'config', label: 'Configuration', key: '6' },
  { id: 'settings', label: 'Settings', key: '9' },
] as const

/** A sidebar screen id. */
export type ScreenId = (typeof screens)[number]['id']

/** App-wide state: what runs, the current screen, notices to show. */
export interface AppState {
  status: 'idle' | 'loading' | 'ready' | 'error'
  info: AppInfo | null
  notices: StartupNotice[]
  screen: ScreenId
  error: AppError | null
  load(): Promise<void>
  navigate(screen: ScreenId): void
  dismissNotice(id: string): void
}

/** The app store, built on the API so tests can pass a fake. */
export function createAppStore(api: Pick<ConsoleApi, 'getAppInfo' | 'listStartupNotices'>) {
  return createStore<AppState>()((set, get) => ({
    status: 'idle',
    info: null,
    notices: [],
    screen: screens[0].id,
    error: null,
    async load() {
      set({ status: 'loading', error: null })
      const [info, notices] = await Promise.all([api.getAppInfo(), api.listStartupNotices()])
      if (!info.ok) return set({ status: 'error', error: info.error })
      set({ status: 'ready', info: info.value, notices: notices.ok ? notices.value : [] })
    },
    navigate(screen) {
      set({ screen })
    },
    dismissNotice(id) {
      set({ notices: get().notices.filter((n) => n.id !== id) })
    },
  }))
}

export const selectScreen = (s: AppState) => s.screen
export const selectInfo = (s: AppState) => s.info
export const selectNotices = (s: AppState) => s.notices
