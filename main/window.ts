import { join } from 'node:path'
import { BrowserWindow, screen, session, shell } from 'electron'
import { isSafeExternalUrl } from './services/external-links'
import type { SettingsStore } from './services/ports'
import { restoreBounds } from './services/window-state'

/** Deny every permission request and every permission check (checklist #5). */
export function lockDownSession(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  )
  session.defaultSession.setPermissionCheckHandler(() => false)
}

/** The one app window: isolated, sandboxed, no Node, no navigation, no new windows. */
export function createMainWindow(settings: SettingsStore, rendererUrl: string | undefined) {
  const bounds = restoreBounds(
    settings.get('windowState'),
    screen.getAllDisplays().map((d) => d.workArea),
  )
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Session Console',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    },
  })
  if (settings.get('windowState')?.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())

  // Links open in the user's browser only after the main-process check (checklist #13–15).
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (event) => event.preventDefault())
  win.webContents.on('will-redirect', (event) => event.preventDefault())
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())

  const saveBounds = () => {
    const b = win.getNormalBounds()
    settings.set('windowState', { ...b, maximized: win.isMaximized() })
  }
  win.on('close', saveBounds)

  if (rendererUrl) void win.loadURL(rendererUrl)
  else void win.loadFile(join(import.meta.dirname, '../renderer/index.html'))
  return win
}
