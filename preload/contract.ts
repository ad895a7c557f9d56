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
}

/** Main→renderer events: name → payload. */
export interface ApiEvents {
  /** Preferences were changed (by this window or another host). */
  preferencesChanged: Preferences
}

/** Channel names, `domain:verb`. */
export const channels = {
  getAppInfo: 'app:info',
  getPreferences: 'preferences:get',
  setPreferences: 'preferences:set',
  listStartupNotices: 'app:notices',
  openExternal: 'shell:open-external',
} as const satisfies { [M in keyof ApiMethods]: string }

/** Event channel names. */
export const events = {
  preferencesChanged: 'preferences:changed',
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
