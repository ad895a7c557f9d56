import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { _electron as electron, expect, test } from '@playwright/test'

// The real Electron app. It runs wherever Electron's binary is installed; this machine cannot
// download it (no internet beyond the npm registry), so here it is reported as skipped.
const require = createRequire(import.meta.url)

function electronBinary(): string | null {
  try {
    const path = require('electron') as unknown as string
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

const binary = electronBinary()

test.describe('Electron app', () => {
  test.skip(
    !binary,
    'Electron binary not installed (it cannot be downloaded on this machine); the web host e2e covers the renderer',
  )

  test('opens one secure window with the shell', async () => {
    const app = await electron.launch({ args: ['.'], executablePath: binary ?? undefined })
    const window = await app.firstWindow()
    await expect(window.getByRole('navigation', { name: 'Main' })).toBeVisible()
    // Sandboxed, isolated, no Node: the page sees window.api and nothing of Node or Electron.
    const exposed = await window.evaluate(() => ({
      api: typeof (globalThis as unknown as { api?: object }).api,
      require: typeof (globalThis as unknown as { require?: unknown }).require,
      process: typeof (globalThis as unknown as { process?: unknown }).process,
    }))
    expect(exposed).toEqual({ api: 'object', require: 'undefined', process: 'undefined' })
    await app.close()
  })
})
