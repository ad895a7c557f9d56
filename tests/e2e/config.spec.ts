import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Locator, Page } from '@playwright/test'
import { DEMO_CLIENT_IDS } from '../../main/sandbox/seed-catalog'
import { startSandbox, type Sandbox } from '../../main/sandbox/server'
import type { RunningSandbox } from '../../main/services/ports'
import { startTestNodeApp } from '../helpers/node-app'
import { someoneElseOn } from '../helpers/someone-else'
import { expect, test as base } from './fixtures'

// Offline configuration editing in the browser against the real services and the Sandbox tenant:
// pull, go offline, edit, diff, effect, reload, undo/redo, push with a typed confirmation; a
// conflict made through the Management API by someone else; a Deploy CLI file imported and compared.

const SHOTS = 'test-results/config'

/** The embedded Sandbox under the test's control: stopped and restarted on the same port. */
interface SandboxControl {
  readonly current: Sandbox
  stop(): Promise<void>
  restart(): Promise<void>
}

const test = base.extend<{ sandbox: SandboxControl }>({
  sandbox: async ({ sandboxOptions }, use) => {
    let current = await startSandbox(sandboxOptions)
    let running = true
    const control: SandboxControl = {
      get current() {
        return current
      },
      async stop() {
        await current.close()
        running = false
      },
      async restart() {
        current = await startSandbox({ ...sandboxOptions, port: current.port })
        running = true
      },
    }
    await use(control)
    if (running) await current.close()
  },
  // The app's Sandbox is the controlled one; its address never changes, so the console cannot
  // tell a restart from a network that came back.
  app: async ({ dataDir, sandbox }, use) => {
    const first = sandbox.current
    const handle: RunningSandbox = {
      url: first.url,
      domain: first.domain,
      clientId: first.clientId,
      clientSecret: first.clientSecret,
      close: async () => {},
    }
    const app = await startTestNodeApp({ dataDir, launchSandbox: async () => handle })
    await use(app)
    await app.close()
  },
})

test.describe.configure({ timeout: 120_000 })

const someoneElse = someoneElseOn

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}/${name}.png` })
}

/** No serious or critical axe finding (WCAG 2.0/2.1 A and AA) on the page as it is. */
async function expectAxeClean(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([])
}

async function openConfig(page: Page) {
  await page.keyboard.press('Alt+6')
  await expect(page.getByRole('heading', { name: 'Configuration', level: 1 })).toBeVisible()
}

async function pull(page: Page) {
  await page.getByRole('button', { name: 'Pull Sandbox' }).click()
  await expect(page.getByRole('tab', { name: 'Edit' })).toBeVisible({ timeout: 20_000 })
}

/** The app on the Configuration screen with the Sandbox pulled. */
async function openPulled(openApp: () => Promise<Page>) {
  const page = await openApp()
  await openConfig(page)
  await pull(page)
  return page
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) })

async function selectResource(page: Page, name: string) {
  await tab(page, 'Edit').click()
  await page.getByRole('listbox', { name: 'Resources' }).getByRole('option', { name }).click()
  await expect(page.getByRole('heading', { level: 2 }).filter({ hasText: name })).toBeVisible()
}

const saved = (page: Page) =>
  expect(page.getByRole('status').filter({ hasText: /^Saved \d\d:\d\d:\d\d$/ })).toBeVisible()

const logoutUrls = (page: Page): Locator =>
  page.getByRole('textbox', { name: 'Allowed Logout URLs', exact: true })

test('pull, edit offline, diff and effect survive a reload, undo/redo, push after reconnecting', async ({
  openApp,
  page,
  sandbox,
}) => {
  await openApp()
  await openConfig(page)
  await expect(
    page.getByRole('heading', { name: 'Pull this tenant’s configuration to edit it offline' }),
  ).toBeVisible()
  await shot(page, '01-empty')
  await pull(page)
  await expect(page.getByText(/Snapshot pulled/)).toBeVisible()

  // Offline from here on: a pull fails and says the snapshot is still there to edit.
  await sandbox.stop()
  await page.getByRole('button', { name: 'Pull', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText(
    'The tenant cannot be reached; your draft is safe and you can keep editing.',
    { timeout: 30_000 },
  )
  await page.getByRole('button', { name: 'Dismiss' }).click()

  await selectResource(page, 'Acme Dashboard (SPA)')
  const urls = logoutUrls(page)
  await expect(urls).toHaveValue('https://dashboard.example.com\nhttps://*.example.com/logout')
  await urls.fill('https://dashboard.example.com\nhttps://dashboard.example.com/logout')
  await saved(page)
  await expect(tab(page, 'Changes')).toContainText('1')
  await shot(page, '02-edit')

  await tab(page, 'Changes').click()
  const changes = page.getByRole('region', { name: 'Application Acme Dashboard (SPA)' })
  await expect(changes.locator('del')).toContainText('https://*.example.com/logout')
  await expect(changes.locator('ins')).toContainText('https://dashboard.example.com/logout')
  await shot(page, '03-changes')

  await tab(page, 'Effect').click()
  const effect = page.getByRole('tabpanel')
  await expect(effect.getByRole('list', { name: 'What the draft changes' })).toContainText(
    'resolved',
  )
  await expect(effect.getByRole('region', { name: /Resolved by the draft/ })).toContainText(
    'Acme Dashboard (SPA)',
  )
  await shot(page, '04-effect')

  // Previewing a push while offline says so and keeps the draft.
  await page.getByRole('button', { name: 'Preview push…' }).click()
  const offline = page.getByRole('dialog', { name: 'Cannot preview the push' })
  await expect(offline).toContainText(
    'The tenant cannot be reached; your draft is safe and you can keep editing.',
    { timeout: 30_000 },
  )
  await shot(page, '05-offline-push')
  await offline.getByRole('button', { name: 'Back to the draft' }).click()

  // The draft is on disk: a reload brings it back, history included.
  await page.reload()
  await page.getByRole('navigation', { name: 'Main' }).waitFor()
  await openConfig(page)
  await expect(tab(page, 'Changes')).toContainText('1')
  await selectResource(page, 'Acme Dashboard (SPA)')
  await expect(logoutUrls(page)).toHaveValue(
    'https://dashboard.example.com\nhttps://dashboard.example.com/logout',
  )

  // Undo and redo, by keyboard and by button.
  await page.getByRole('heading', { name: 'Configuration', level: 1 }).click()
  await page.keyboard.press('Control+z')
  await expect(logoutUrls(page)).toHaveValue(
    'https://dashboard.example.com\nhttps://*.example.com/logout',
  )
  await expect(tab(page, 'Changes')).toHaveText('Changes')
  await page.keyboard.press('Control+Shift+z')
  await expect(logoutUrls(page)).toHaveValue(
    'https://dashboard.example.com\nhttps://dashboard.example.com/logout',
  )
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(tab(page, 'Changes')).toHaveText('Changes')
  await page.getByRole('button', { name: 'Redo' }).click()
  await expect(tab(page, 'Changes')).toContainText('1')
  await saved(page)

  // Back online: the Sandbox comes back on the same address.
  await sandbox.restart()
  await page.getByRole('button', { name: 'Preview push…' }).click()
  // The restarted Sandbox forgot the console's token: the preview's parallel reads all recover.
  const dialog = page.getByRole('dialog', { name: 'Push the draft to Sandbox' })
  await expect(dialog).toBeVisible({ timeout: 20_000 })
  const resource = dialog.getByRole('region', { name: 'Application Acme Dashboard (SPA)' })
  await expect(resource).toContainText('Allowed Logout URLs', { timeout: 20_000 })
  await expect(resource).toContainText('will be sent')
  await shot(page, '06-push-preview')
  const confirm = dialog.getByRole('button', { name: 'Push 1 field' })
  await expect(confirm).toBeDisabled()
  await dialog.getByLabel(/to confirm/).fill('1')
  await confirm.click()
  const finished = page.getByRole('dialog', { name: 'Push finished' })
  const receipt = finished.getByRole('region', { name: 'Push results' })
  await expect(receipt).toContainText('1 field sent to 1 resource', { timeout: 20_000 })
  await expect(receipt).toContainText('A fresh snapshot was pulled')
  await expect(receipt.getByRole('listitem')).toContainText(['updated'])
  await shot(page, '07-push-receipt')
  await finished.getByRole('button', { name: 'Done' }).click()

  // The fresh snapshot holds the pushed value; the draft has nothing left.
  await expect(tab(page, 'Changes')).toHaveText('Changes')
  await expect(logoutUrls(page)).toHaveValue(
    'https://dashboard.example.com\nhttps://dashboard.example.com/logout',
  )
  const live = await someoneElse(sandbox.current).getClient(DEMO_CLIENT_IDS.dashboardSpa)
  expect(live.allowed_logout_urls).toEqual([
    'https://dashboard.example.com',
    'https://dashboard.example.com/logout',
  ])
})

test('an edit typed just before the window reloads is not lost (the draft is flushed on pagehide)', async ({
  openApp,
  page,
}) => {
  await openApp()
  await openConfig(page)
  await pull(page)
  await selectResource(page, 'Acme Dashboard (SPA)')
  await logoutUrls(page).fill('https://dashboard.example.com/quick')
  // No wait for "Saved": the page goes away inside the save delay.
  await page.reload()
  await page.getByRole('navigation', { name: 'Main' }).waitFor()
  await openConfig(page)
  await selectResource(page, 'Acme Dashboard (SPA)')
  await expect(logoutUrls(page)).toHaveValue('https://dashboard.example.com/quick')
})

test('conflict: someone else changed the same field; resolved field by field, the rest pushed', async ({
  openApp,
  page,
  sandbox,
}) => {
  await openPulled(openApp)

  // My edits: two fields of Support Portal, one of Intranet Wiki, one tenant lifetime.
  await selectResource(page, 'Support Portal')
  await logoutUrls(page).fill(
    'https://support.example.com/logged-out\nhttps://support.example.com/goodbye',
  )
  await page
    .getByRole('textbox', { name: 'Allowed Callback URLs' })
    .fill('https://support.example.com/callback\nhttps://support.example.com/callback-v2')
  await selectResource(page, 'Intranet Wiki')
  await logoutUrls(page).fill('https://wiki.example.org/\nhttps://wiki.example.org/bye')
  await selectResource(page, 'Tenant settings')
  const idle = page.getByRole('textbox', { name: 'Idle session lifetime (persistent)' })
  await expect(idle).toHaveValue('3 days')
  await idle.fill('2d')
  await expect(page.getByText('= 2 days (2,880 minutes)')).toBeVisible()
  await saved(page)
  await expect(tab(page, 'Changes')).toContainText('4')

  // Meanwhile someone else edits Support Portal through the Management API.
  const api = someoneElse(sandbox.current)
  await api.updateClient(DEMO_CLIENT_IDS.supportPortal, {
    allowed_logout_urls: ['https://support.example.com/signed-out'],
    callbacks: ['https://support.example.com/oauth/callback'],
    web_origins: ['https://support.example.com'],
  })

  await page.getByRole('button', { name: 'Preview push…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Push the draft to Sandbox' })
  await expect(dialog.getByRole('list', { name: 'Summary' })).toContainText('2 conflicts', {
    timeout: 20_000,
  })
  const portalPlan = dialog.getByRole('region', { name: 'Application Support Portal' })
  const conflicts = portalPlan.getByRole('listitem').filter({ hasText: 'conflict' })
  await expect(conflicts).toHaveCount(2)
  await expect(conflicts.nth(0)).toContainText('Allowed Logout URLs')
  await expect(conflicts.nth(1)).toContainText('Allowed Callback URLs')
  await expect(
    portalPlan.getByRole('listitem').filter({ hasText: 'Allowed Web Origins' }),
  ).toContainText('changed on the tenant')
  await expect(
    dialog.getByRole('region', { name: 'Application Intranet Wiki' }).getByRole('listitem'),
  ).toContainText(['will be sent'])
  await expect(dialog.getByRole('region', { name: 'Tenant settings' })).toContainText(
    '3 days · 4,320 minutes',
  )
  const typed = dialog.getByLabel(/to confirm/)
  await expect(typed).toBeDisabled()
  await shot(page, '08-push-conflict')

  await conflicts
    .nth(0)
    .getByRole('radio', { name: /Keep mine/ })
    .check()
  await conflicts
    .nth(1)
    .getByRole('radio', { name: /Take theirs/ })
    .check()
  await typed.fill('3')
  await shot(page, '09-push-conflict-resolved')
  await dialog.getByRole('button', { name: 'Push 3 fields' }).click()
  const finished = page.getByRole('dialog', { name: 'Push finished' })
  const receipt = finished.getByRole('region', { name: 'Push results' })
  await expect(receipt).toContainText('3 fields sent to 3 resources', { timeout: 20_000 })
  await expect(receipt.getByRole('listitem').filter({ hasText: 'Support Portal' })).toContainText(
    'Allowed Logout URLs',
  )
  await finished.getByRole('button', { name: 'Done' }).click()
  await expect(tab(page, 'Changes')).toHaveText('Changes')

  // Mine where I kept mine, theirs where I took theirs or did not edit.
  const live = await api.getClient(DEMO_CLIENT_IDS.supportPortal)
  expect(live.allowed_logout_urls).toEqual([
    'https://support.example.com/logged-out',
    'https://support.example.com/goodbye',
  ])
  expect(live.callbacks).toEqual(['https://support.example.com/oauth/callback'])
  expect(live.web_origins).toEqual(['https://support.example.com'])
  const wiki = await api.getClient(DEMO_CLIENT_IDS.intranetWiki)
  expect(wiki.allowed_logout_urls).toEqual([
    'https://wiki.example.org/',
    'https://wiki.example.org/bye',
  ])
  const settings = await api.getTenantSettings()
  expect(settings.idle_session_lifetime).toBe(48)

  // The activity log has the push.
  await page.keyboard.press('Alt+3')
  await expect(page.getByRole('table')).toContainText('config-push')
})

const TENANT_YAML = `tenant:
  friendly_name: Acme (staging)
  allowed_logout_urls:
    - https://www.example.com/goodbye
  session_lifetime: 168
  # The same as the Sandbox's 72 hours, written in minutes: not a difference.
  idle_session_lifetime_in_minutes: 4320
clients:
  - name: Support Portal
    app_type: regular_web
    allowed_logout_urls:
      - https://support.example.com/logged-out
      - https://##SUPPORT_HOST##/bye
  - name: Staging Only App
    app_type: spa
    allowed_logout_urls:
      - https://staging.example.com
`

test('a Deploy CLI tenant.yaml and a directory export: compared field by field, imported into the draft', async ({
  openApp,
  page,
  dataDir,
}) => {
  const files = join(dataDir, 'deploy')
  mkdirSync(join(files, 'export', 'clients'), { recursive: true })
  writeFileSync(join(files, 'tenant.yaml'), TENANT_YAML)
  writeFileSync(
    join(files, 'export', 'tenant.json'),
    JSON.stringify({ allowed_logout_urls: ['https://www.example.com/goodbye'] }),
  )
  writeFileSync(
    join(files, 'export', 'clients', 'Intranet Wiki.json'),
    JSON.stringify({ name: 'Intranet Wiki', allowed_logout_urls: ['https://wiki.example.org/'] }),
  )
  await openPulled(openApp)

  // Compare the draft with the file.
  await tab(page, 'Compare').click()
  await page.getByLabel('Add a file…').setInputFiles(join(files, 'tenant.yaml'))
  await expect(page.getByRole('combobox', { name: 'With' })).toHaveValue(/^import:/)
  const panel = page.getByRole('tabpanel')
  await expect(panel.getByRole('status').filter({ hasText: 'differ between' })).toContainText(
    'Sandbox draft and tenant.yaml',
  )
  const tenantDiff = panel.getByRole('region', { name: 'Tenant settings' })
  await expect(
    tenantDiff.getByRole('row', { name: /Allowed Logout URLs/ }).locator('del'),
  ).toHaveText('removed: https://*.example.com/logged-out')
  // 72 hours and 4,320 minutes are the same value.
  await expect(tenantDiff).not.toContainText('Idle session lifetime (persistent)')
  await expect(panel.getByRole('region', { name: 'Application Support Portal' })).toContainText(
    'https://##SUPPORT_HOST##/bye',
  )
  await expect(panel.getByRole('region', { name: 'Application Staging Only App' })).toContainText(
    'https://staging.example.com',
  )
  await panel.getByRole('checkbox', { name: /Only fields both sides set/ }).check()
  await expect(panel.getByRole('status').filter({ hasText: 'differ between' })).toContainText(
    /^2 fields differ/,
  )
  await shot(page, '10-compare-file')
  await panel.getByRole('checkbox', { name: /Only fields both sides set/ }).uncheck()

  // A directory export, picked as a folder.
  await page.getByLabel('Add a directory…').setInputFiles(join(files, 'export'))
  await expect(panel.getByRole('status').filter({ hasText: 'differ between' })).toContainText(
    'export/',
  )
  await page.getByRole('combobox', { name: 'Compare' }).selectOption({ label: 'tenant.yaml' })
  await expect(panel.getByRole('status').filter({ hasText: 'differ between' })).toContainText(
    'tenant.yaml and export/',
  )

  // Round trip: the snapshot exported as tenant.yaml and as a directory (.zip) compares equal.
  await page.getByRole('button', { name: 'Export…' }).click()
  const exporting = page.getByRole('dialog', { name: 'Export for the Deploy CLI' })
  const [yaml] = await Promise.all([
    page.waitForEvent('download'),
    exporting.getByRole('button', { name: 'tenant.yaml' }).click(),
  ])
  const [zip] = await Promise.all([
    page.waitForEvent('download'),
    exporting.getByRole('button', { name: 'Directory format (.zip)' }).click(),
  ])
  expect(zip.suggestedFilename()).toBe('sandbox-config.zip')
  expect(
    readFileSync(await zip.path())
      .subarray(0, 2)
      .toString(),
  ).toBe('PK')
  await exporting.getByRole('button', { name: 'Done' }).click()
  const exported = join(files, 'round-trip', 'tenant.yaml')
  mkdirSync(join(files, 'round-trip'))
  await yaml.saveAs(exported)
  await page.getByLabel('Add a file…').setInputFiles(exported)
  await page.getByRole('combobox', { name: 'Compare' }).selectOption('snapshot:sandbox')
  await expect(panel.getByRole('status')).toHaveText(
    'Sandbox snapshot and tenant.yaml (2) are the same in every field.',
  )

  // Import the file into the draft: the keyword stays, the unknown application is skipped.
  await page.getByRole('button', { name: 'Import…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Import a Deploy CLI export' })
  await dialog.getByLabel('Choose a file…').setInputFiles(join(files, 'tenant.yaml'))
  await expect(dialog.getByRole('status')).toContainText('2 fields would change in the draft')
  await expect(dialog.getByRole('status')).toContainText('Application Staging Only App')
  await dialog.getByRole('button', { name: 'Apply to the draft' }).click()
  await expect(dialog.getByRole('status')).toContainText('2 fields changed in the draft')
  await shot(page, '11-import-dialog')
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expect(tab(page, 'Changes')).toContainText('2')

  // A keyword marker is resolved at deploy time: the console will not push it.
  await page.getByRole('button', { name: 'Preview push…' }).click()
  const push = page.getByRole('dialog', { name: 'Push the draft to Sandbox' })
  const blocked = push.getByRole('region', { name: 'Application Support Portal' })
  await expect(blocked).toContainText('Not pushed', { timeout: 20_000 })
  await expect(blocked).toContainText('keyword')
  await push.getByLabel(/to confirm/).fill('1')
  await expect(push.getByRole('button', { name: 'Push 1 field' })).toBeEnabled()
  await shot(page, '12-push-blocked')
  await push.getByRole('button', { name: 'Cancel' }).click()

  // The Changes tab takes one field back.
  await tab(page, 'Changes').click()
  await page
    .getByRole('button', { name: 'Revert Allowed Logout URLs of Application Support Portal' })
    .click()
  await expect(tab(page, 'Changes')).toContainText('1')
  await expect(page.getByRole('tabpanel')).not.toContainText('##SUPPORT_HOST##')
})

test('effect on a scenario file: the draft refuses the return URL the snapshot allowed, side by side', async ({
  openApp,
  page,
}) => {
  await openPulled(openApp)
  await tab(page, 'Effect').click()
  const scenario = page.getByRole('region', { name: 'Scenario', exact: true })
  await expect(scenario).toContainText('No scenario chosen.')

  // A bad file is one line of error, and nothing else changes.
  const bad = join(test.info().outputDir, 'bad-scenario.json')
  mkdirSync(test.info().outputDir, { recursive: true })
  writeFileSync(bad, '{ "steps": [ }')
  await scenario.getByLabel('Open scenario file…').setInputFiles(bad)
  await expect(scenario.getByRole('alert')).toContainText(/^bad-scenario\.json: not valid JSON/)

  // Support Portal's list no longer holds the scenario's return URL.
  await selectResource(page, 'Support Portal')
  await logoutUrls(page).fill('https://support.example.com/goodbye')
  await saved(page)
  await tab(page, 'Effect').click()
  await scenario
    .getByLabel('Open scenario file…')
    .setInputFiles('tests/fixtures/config/scenario-logout.json')
  await expect(scenario.getByRole('alert')).toHaveCount(0)
  await expect(scenario.getByRole('combobox', { name: 'Scenario to run' })).toHaveValue('file')
  await expect(scenario.getByRole('status')).toHaveText(
    /^2 of 3 steps end differently with the draft: step 2: the return URL is refused \(the snapshot allowed it\); step 3: the login is silent/,
  )

  const steps = scenario.getByRole('list', { name: 'Steps with the snapshot and the draft' })
  const same = steps.getByRole('region', { name: 'Step 1: App-only logout' })
  await expect(same).toContainText('same outcome')
  const logout = steps.getByRole('region', { name: 'Step 2: Logout at Auth0' })
  await expect(logout).toContainText('ends differently')
  const redirect = logout.getByRole('row', { name: /^Redirect \(differs\)/ })
  await expect(redirect.getByRole('cell').nth(0)).toContainText(
    'allowed by Support Portal’s list, entry https://support.example.com/logged-out',
  )
  await expect(redirect.getByRole('cell').nth(1)).toContainText(
    'refused no entry of Support Portal’s list matches',
  )
  await expect(redirect.getByRole('cell').nth(1)).toContainText('invalid_request')
  const told = logout.getByRole('row', { name: /^Back-channel logout \(differs\)/ })
  await expect(told.getByRole('cell').nth(0)).toContainText('Support Portal (rp-logout)')
  await expect(told.getByRole('cell').nth(1)).toContainText('no application told')
  const login = steps.getByRole('region', { name: 'Step 3: Next login' })
  const verdict = login.getByRole('row', { name: /^Login \(differs\)/ })
  await expect(verdict.getByRole('cell').nth(0)).toHaveText('asks for credentials')
  await expect(verdict.getByRole('cell').nth(1)).toHaveText('silent (Auth0 session)')
  await login.scrollIntoViewIfNeeded()
  await shot(page, '13-effect-scenario')
  await expectAxeClean(page)

  await page.keyboard.press('Alt+9')
  await page.getByRole('radio', { name: 'Dark' }).check()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await openConfig(page)
  await tab(page, 'Effect').click()
  await expect(steps).toBeVisible()
  await page.waitForTimeout(250) // the theme's colour transitions settle before contrast is read
  await expectAxeClean(page)

  // The choice survives leaving the screen; the Simulator's scenario is the other source.
  await page.keyboard.press('Alt+4')
  await page.getByRole('button', { name: 'Blank' }).click()
  await openConfig(page)
  await tab(page, 'Effect').click()
  const choice = scenario.getByRole('combobox', { name: 'Scenario to run' })
  await expect(choice).toHaveValue('file')
  await choice.selectOption({ label: 'The Simulator’s scenario (blank scenario)' })
  await expect(scenario.getByRole('status')).toHaveText('The draft changes no step’s outcome.')
  await choice.selectOption('none')
  await expect(scenario).toContainText('No scenario chosen.')
})
