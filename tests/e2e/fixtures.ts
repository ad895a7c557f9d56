import { test as base, type Page } from '@playwright/test'
import { startSandbox, type SandboxOptions } from '../../main/sandbox/server'
import { startTestNodeApp, tempDataDir } from '../helpers/node-app'

type NodeApp = Awaited<ReturnType<typeof startTestNodeApp>>

/**
 * e2e fixture: the real services behind the web host in a temp data folder, opened in Debian's
 * Chromium. The page cannot tell it from the Electron app.
 */
export const test = base.extend<{
  app: NodeApp
  dataDir: string
  openApp: () => Promise<Page>
  /** How the embedded Sandbox starts (seed, rate limit); the demo seed by default. */
  sandboxOptions: SandboxOptions
}>({
  sandboxOptions: [{ seed: 'demo' }, { option: true }],
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure
  dataDir: async ({}, use) => {
    await use(tempDataDir())
  },
  app: async ({ dataDir, sandboxOptions }, use) => {
    const app = await startTestNodeApp({
      dataDir,
      launchSandbox: () => startSandbox(sandboxOptions),
    })
    await use(app)
    await app.close()
  },
  openApp: async ({ app, page }, use) => {
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    await use(async () => {
      await page.goto(app.host.openUrl)
      await page.getByRole('navigation', { name: 'Main' }).waitFor()
      return page
    })
    if (errors.length > 0) throw new Error(`The page logged errors:\n${errors.join('\n')}`)
  },
})

export { expect } from '@playwright/test'
