import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron'
import { isSafeExternalUrl } from './services/app/external-links'
import type { OpenExternal } from './services/ports'

// The Electron security checklist as plain data and functions (numbers are the checklist's,
// https://www.electronjs.org/docs/latest/tutorial/security). window.ts and index.ts only wire these
// into Electron; tests/unit/main/security-checklist.test.ts asserts each item without Electron.

/** The oldest Electron major this app may ship with (checklist #16; Electron supports the latest three). */
export const MIN_ELECTRON_MAJOR = 45

/**
 * Create the app window with the hardened webPreferences (checklist #2–4, #6, #8–10, #12).
 *
 * Takes the BrowserWindow class as a parameter so tests can pass a recorder; the parameter keeps
 * Electron's name so Electronegativity, which matches `new BrowserWindow({...})`, reads these
 * settings in place.
 */
export function createHardenedWindow<W>(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W,
  options: { bounds: Partial<Record<'x' | 'y' | 'width' | 'height', number>>; preload: string },
): W {
  return new BrowserWindow({
    ...options.bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Session Console',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click (auxclick) would otherwise bypass the new-window handler on links.
      disableBlinkFeatures: 'Auxclick',
    },
  })
}

/** Where the renderer comes from: the packaged file, or in development only a loopback dev server. */
export type RendererSource = { kind: 'file' } | { kind: 'url'; url: string }

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Decide what the window loads (checklist #1, "no remote content"): the packaged index.html unless
 * this is an unpackaged development run with `ELECTRON_RENDERER_URL` pointing at a loopback http
 * server (electron-vite's dev server). Anything else falls back to the packaged file.
 */
export function rendererSource(devUrl: string | undefined, isPackaged: boolean): RendererSource {
  if (isPackaged || !devUrl) return { kind: 'file' }
  let url: URL
  try {
    url = new URL(devUrl)
  } catch {
    return { kind: 'file' }
  }
  if (url.protocol !== 'http:' || !LOOPBACK.has(url.hostname)) return { kind: 'file' }
  if (url.username !== '' || url.password !== '') return { kind: 'file' }
  return { kind: 'url', url: url.toString() }
}

/** The origins IPC is accepted from (checklist #17; see isTrustedSender in main/ipc/handle.ts). */
export function trustedRendererOrigins(source: RendererSource): string[] {
  return source.kind === 'url' ? [new URL(source.url).origin] : ['file://']
}

/** Open `url` outside the app only if it is a vetted http(s) link (checklist #15). */
export function openVettedExternal(url: string, open: OpenExternal): boolean {
  if (!isSafeExternalUrl(url)) return false
  void open(new URL(url).toString()).catch(() => {})
  return true
}

/** What the guards need of a WebContents. */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>

/**
 * Deny navigation, redirects, <webview> and new windows on one WebContents (checklist #12–14).
 * A link the page tries to open in a new window goes to the user's browser if it is vetted.
 */
export function guardWebContents(contents: GuardedContents, open: OpenExternal): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openVettedExternal(url, open)
    return { action: 'deny' }
  })
}

/** What the permission lock needs of a Session. */
export type LockableSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>

/** Deny every permission request, check and device request (checklist #5). */
export function lockDownSession(session: LockableSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}
