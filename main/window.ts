import { join } from 'node:path'
import { BrowserWindow, screen } from 'electron'
import { createHardenedWindow, guardWebContents, type RendererSource } from './security-policy'
import type { OpenExternal, SettingsStore } from './services/ports'
import { restoreBounds } from './services/app/window-state'

/**
 * The one app window: isolated, sandboxed, no Node, no navigation, no new windows. The settings
 * live in security-policy.ts (asserted by tests/unit/main/security-checklist.test.ts).
 */
export function createMainWindow(
  settings: SettingsStore,
  source: RendererSource,
  openExternal: OpenExternal,
) {
  const bounds = restoreBounds(
    settings.get('windowState'),
    screen.getAllDisplays().map((d) => d.workArea),
  )
  const win = createHardenedWindow(BrowserWindow, {
    bounds,
    preload: join(import.meta.dirname, '../preload/index.cjs'),
  })
  if (settings.get('windowState')?.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())

  // Links open in the user's browser only after the main-process check (checklist #13–15).
  guardWebContents(win.webContents, openExternal)

  const saveBounds = () => {
    const b = win.getNormalBounds()
    settings.set('windowState', { ...b, maximized: win.isMaximized() })
  }
  win.on('close', saveBounds)

  if (source.kind === 'url') void win.loadURL(source.url)
  else void win.loadFile(join(import.meta.dirname, '../renderer/index.html'))
  return win
}
