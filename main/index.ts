import { join } from 'node:path'
import { app, shell, type BrowserWindow } from 'electron'
import ElectronStore from 'electron-store'
import type { ApiEvents, EventName, StartupNotice } from '../preload/contract'
import { events } from '../preload/contract'
import { createKeytarSecretStore } from './adapters/keytar-secret-store'
import { fromKeyValueFile, SETTINGS_FILE } from './adapters/settings-store'
import { createAppServices } from './app-services'
import { createInvoker } from './ipc/handle'
import { createHandlers } from './ipc/handlers'
import { registerIpc } from './ipc/register'
import { recoverCorruptSettings } from './services/settings-recovery'
import { defaultSettings } from './services/settings-schema'
import { createTenantApi, launchDemoSandbox } from './tenant-backends'
import { createMainWindow, lockDownSession } from './window'

// Composition root: adapters → services → IPC → window. No logic lives here.
if (!app.requestSingleInstanceLock()) app.quit()

let mainWindow: BrowserWindow | null = null
const devUrl = process.env['ELECTRON_RENDERER_URL']

app.on('second-instance', () => {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
})

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (e) => e.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
})

void app.whenReady().then(() => {
  lockDownSession()
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
    events: {
      emit<E extends EventName>(name: E, payload: ApiEvents[E]) {
        mainWindow?.webContents.send(events[name], payload)
      },
    },
    openExternal: (url) => shell.openExternal(url),
    startupNotices: notices,
    createApi: createTenantApi,
    launchSandbox: launchDemoSandbox,
  })
  const invoke = createInvoker(createHandlers(services), console)
  registerIpc(invoke, devUrl ? [new URL(devUrl).origin] : ['file://'])
  mainWindow = createMainWindow(settings, devUrl)
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
