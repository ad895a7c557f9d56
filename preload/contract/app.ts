/** App, preferences and startup notices. */

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
