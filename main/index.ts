import { join } from 'node:path'
import { app, session, shell, type BrowserWindow } from 'electron'
import ElectronStore from 'electron-store'
import type { StartupNotice } from '../preload/contract'
import { createKeytarSecretStore } from './adapters/keytar-secret-store'
import { fromKeyValueFile, SETTINGS_FILE } from './adapters/settings-store'
import { createAppServices } from './app-services'
import { createInvoker } from './ipc/handle'
import { createHandlers } from './ipc/handlers'
import { registerIpc } from './ipc/register'
import { recoverCorruptSettings } from './services/app/settings-recovery'
import type { OpenExternal } from './services/ports'
import { defaultSettings } from './services/app/settings-schema'
import { createTenantApi, launchDemoSandbox } from './tenant-backends'
import {
  guardWebContents,
  lockDownSession,
  rendererSource,
  trustedRendererOrigins,
} from './security-policy'
import { createMainWindow } from './window'
import { createWindowEventSink, liveWindow } from './window-events'

// Composition root: adapters → services → IPC → window. No logic lives here.
// Every renderer sandboxed, whatever its webPreferences say (checklist #4); before 'ready'.
app.enableSandbox()
if (!app.requestSingleInstanceLock()) app.quit()

let mainWindow: BrowserWindow | null = null
// The packaged file, or in an unpackaged dev run the loopback dev server only (checklist #1).
const source = rendererSource(process.env['ELECTRON_RENDERER_URL'], app.isPackaged)
// The one call of shell.openExternal; every caller vets the URL first (checklist #15).
const openExternal: OpenExternal = (url) => shell.openExternal(url)

app.on('second-instance', () => {
  const win = liveWindow(mainWindow)
  if (!win) return
  if (win.isMinimized()) win.restore()
  win.focus()
})

// Every WebContents, whoever creates it: no navigation, no new windows, no <webview> (#12–14).
app.on('web-contents-created', (_event, contents) => {
  guardWebContents(contents, openExternal)
})

void app.whenReady().then(() => {
  lockDownSession(session.defaultSession)
  const dataDir = app.getPath('userData')
  const notices: StartupNotice[] = []
  const notice = recoverCorruptSettings(join(dataDir, SETTINGS_FILE))
  if (notice) notices.push(notice)
  const store = new ElectronStore<Record<string, unknown>>({
    defaults: { ...defaultSettings },
    clearInvalidConfig: false,
  })
  const settings = fromKeyValueFile(store)
  const services = createAppServices({
    host: 'electron',
    version: app.getVersion(),
    dataDir,
    settings,
    secrets: createKeytarSecretStore(),
    events: createWindowEventSink(() => mainWindow),
    openExternal,
    startupNotices: notices,
    createApi: createTenantApi,
    launchSandbox: launchDemoSandbox,
  })
  const invoke = createInvoker(createHandlers(services), console)
  registerIpc(invoke, trustedRendererOrigins(source))
  mainWindow = createMainWindow(settings, source, openExternal)
  // Pause running jobs (journalled) and stop the Sandbox before quitting; the next start offers
  // the paused jobs for resume.
  let disposed = false
  app.on('before-quit', (event) => {
    if (disposed) return
    event.preventDefault()
    void services.dispose().finally(() => {
      disposed = true
      app.quit()
    })
  })
})

app.on('window-all-closed', () => app.quit())
