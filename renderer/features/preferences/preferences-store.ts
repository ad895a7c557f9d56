import { createStore } from 'zustand/vanilla'
import type { AppError, ConsoleApi, Preferences, ThemePreference } from '../../../preload/contract'

/** State of the preferences domain. */
export interface PreferencesState {
  status: 'idle' | 'loading' | 'ready' | 'error'
  preferences: Preferences
  error: AppError | null
  load(): Promise<void>
  setTheme(theme: ThemePreference): Promise<void>
  /** Apply a change announced by main (another window or host). */
  receive(preferences: Preferences): void
  /** Follow main's change announcements; returns the unsubscribe. */
  listen(): () => void
}

/** The preferences store, built on the API so tests can pass a fake. */
export function createPreferencesStore(
  api: Pick<ConsoleApi, 'getPreferences' | 'setPreferences' | 'onPreferencesChanged'>,
) {
  return createStore<PreferencesState>()((set, get) => ({
    status: 'idle',
    preferences: { theme: 'system' },
    error: null,
    async load() {
      set({ status: 'loading', error: null })
      const res = await api.getPreferences()
      set(
        res.ok
          ? { status: 'ready', preferences: res.value }
          : { status: 'error', error: res.error },
      )
    },
    async setTheme(theme) {
      const previous = get().preferences
      set({ preferences: { ...previous, theme }, error: null })
      const res = await api.setPreferences({ theme })
      set(res.ok ? { preferences: res.value } : { preferences: previous, error: res.error })
    },
    receive(preferences) {
      set({ preferences })
    },
    listen() {
      return api.onPreferencesChanged((p) => get().receive(p))
    },
  }))
}

/** The theme actually shown: `system` resolves through the OS setting. */
export function resolveTheme(choice: ThemePreference, osPrefersDark: boolean): 'light' | 'dark' {
  if (choice === 'system') return osPrefersDark ? 'dark' : 'light'
  return choice
}

/** Selectors. */
export const selectTheme = (s: PreferencesState) => s.preferences.theme
export const selectPreferencesError = (s: PreferencesState) => s.error
