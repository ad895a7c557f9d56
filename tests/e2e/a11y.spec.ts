import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

type Theme = 'light' | 'dark'

interface Finding {
  state: string
  id: string
  impact: string
  help: string
  targets: string[]
}

/** Runs axe (WCAG 2.0/2.1 A and AA) on the page as it is; returns serious and critical findings. */
async function audit(page: Page, state: string): Promise<Finding[]> {
  // Let CSS transitions (theme switch, hover) settle so colour-contrast reads final colours.
  await page.waitForTimeout(250)
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      state,
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }))
}

function report(findings: Finding[]): string {
  return findings
    .map((f) => `[${f.state}] ${f.id} (${f.impact}): ${f.help}\n    ${f.targets.join('\n    ')}`)
    .join('\n')
}

async function setTheme(page: Page, theme: Theme) {
  await page.keyboard.press('Alt+9')
  await page.getByRole('radio', { name: theme === 'dark' ? 'Dark' : 'Light' }).check()
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
}

async function openAlice(page: Page) {
  await page.keyboard.press('Alt+1')
  await page.getByRole('combobox').fill('alice@example.com')
  await page.getByRole('option').first().click()
  await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible()
}

async function selectChromeSession(page: Page) {
  await page.locator('[data-node-id="session:alice-chrome-macos"]').click()
  await expect(page.getByRole('region', { name: 'Selected session' })).toBeVisible()
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe: no serious or critical violations on any screen (${theme})`, async ({
    openApp,
    page,
  }) => {
    test.setTimeout(120_000)
    await openApp()
    await setTheme(page, theme)
    const findings: Finding[] = []

    await page.keyboard.press('Alt+9')
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
    findings.push(...(await audit(page, 'Settings')))

    await page.keyboard.press('Alt+1')
    await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible()
    findings.push(...(await audit(page, 'Users empty')))

    await openAlice(page)
    findings.push(...(await audit(page, 'Users: alice layer map')))
    await selectChromeSession(page)
    findings.push(...(await audit(page, 'Users: session selected')))

    await page.getByRole('button', { name: 'End this session…' }).click()
    const dialog = page.getByRole('dialog')
    await expect(dialog.getByRole('region', { name: 'Will end' })).toBeVisible()
    findings.push(...(await audit(page, 'Logout preview dialog')))
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog).toBeHidden()

    await page.keyboard.press('Alt+2')
    await expect(page.getByRole('heading', { name: 'Bulk logout', level: 1 })).toBeVisible()
    findings.push(...(await audit(page, 'Bulk logout')))

    await page.keyboard.press('Alt+3')
    await expect(page.getByRole('heading', { name: 'Activity', level: 1 })).toBeVisible()
    findings.push(...(await audit(page, 'Activity (empty)')))

    await page.keyboard.press('Alt+4')
    await page.getByRole('button', { name: 'Blank' }).click()
    findings.push(...(await audit(page, 'Simulator: blank')))
    await page.getByRole('button', { name: 'From the open user' }).click()
    await expect(page.getByRole('region', { name: 'Outcome' })).toBeVisible()
    findings.push(...(await audit(page, 'Simulator: from the open user')))

    await page.keyboard.press('Alt+5')
    await expect(page.getByRole('region', { name: 'Sandbox' })).toBeVisible()
    findings.push(...(await audit(page, 'Tenants')))
    await page.getByRole('button', { name: 'Add tenant' }).click()
    await expect(page.getByRole('dialog', { name: 'Add a tenant' })).toBeVisible()
    findings.push(...(await audit(page, 'Tenants: add-tenant dialog')))
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toBeHidden()

    expect(findings, report(findings)).toEqual([])
  })

  test(`axe: the Configuration screen has no serious or critical violations (${theme})`, async ({
    openApp,
    page,
  }) => {
    test.setTimeout(120_000)
    await openApp()
    await setTheme(page, theme)
    const findings = await auditConfiguration(page)
    expect(findings, report(findings)).toEqual([])
  })
}

/** The Configuration screen: empty, every tab with an edit in the draft, the push dialog. */
async function auditConfiguration(page: Page): Promise<Finding[]> {
  const findings: Finding[] = []
  const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) })
  await page.keyboard.press('Alt+6')
  await expect(page.getByRole('heading', { name: 'Configuration', level: 1 })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Pull Sandbox' })).toBeVisible()
  findings.push(...(await audit(page, 'Configuration: nothing pulled')))
  await page.getByRole('button', { name: 'Pull Sandbox' }).click()
  await expect(tab('Edit')).toBeVisible({ timeout: 20_000 })
  await page.getByRole('option', { name: /^Acme Dashboard/ }).click()
  await page
    .getByRole('textbox', { name: 'Allowed Logout URLs', exact: true })
    .fill('https://dashboard.example.com\nhttp://*.example.com/bye\nnot a url')
  await expect(page.getByText('Saved ', { exact: false })).toBeVisible()
  findings.push(...(await audit(page, 'Configuration: Edit with problems and consequences')))
  await tab('Changes').click()
  findings.push(...(await audit(page, 'Configuration: Changes')))
  await tab('Compare').click()
  await page.getByRole('combobox', { name: 'With' }).selectOption({ index: 2 })
  await expect(page.getByRole('status').filter({ hasText: 'differ between' })).toBeVisible()
  findings.push(...(await audit(page, 'Configuration: Compare')))
  await tab('Effect').click()
  await expect(page.getByRole('list', { name: 'What the draft changes' })).toBeVisible()
  findings.push(...(await audit(page, 'Configuration: Effect')))
  await page.getByRole('button', { name: 'Preview push…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Push the draft to Sandbox' })
  await expect(dialog.getByRole('list', { name: 'Summary' })).toBeVisible({ timeout: 20_000 })
  findings.push(...(await audit(page, 'Configuration: push dialog')))
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  return findings
}

test('axe: Activity with an ended session has no serious or critical violations', async ({
  openApp,
  page,
}) => {
  await openApp()
  await openAlice(page)
  await selectChromeSession(page)
  await page.getByRole('button', { name: 'End this session…' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('button', { name: 'End 1 session' }).click()
  await expect(dialog.getByRole('region', { name: 'Receipt' })).toContainText(
    '1 ended and verified',
    { timeout: 20_000 },
  )
  const findings = await audit(page, 'Logout receipt dialog')
  await dialog.getByRole('button', { name: 'Done' }).click()
  await page.keyboard.press('Alt+3')
  await expect(page.getByRole('table')).toContainText('completed: 1 ended')
  findings.push(...(await audit(page, 'Activity (one entry)')))
  expect(findings, report(findings)).toEqual([])
})

/** Presses Tab until `target` has focus; fails after `limit` presses. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, limit = 40) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    if ((await target.and(page.locator(':focus')).count()) === 1) return
  }
  throw new Error(`Tab never reached ${target.toString()}`)
}

test('keyboard: Tab order, Alt+key shortcuts, and the logout dialog traps focus', async ({
  openApp,
  page,
}) => {
  await openApp()
  const nav = page.getByRole('navigation', { name: 'Main' })

  // From page load, Tab reaches every sidebar item, then the Users screen's search.
  for (const name of [
    'Users',
    'Bulk logout',
    'Activity',
    'Simulator',
    'Tenants',
    'Configuration',
    'Settings',
  ]) {
    await tabTo(page, nav.getByRole('button', { name: new RegExp(`^${name}`) }))
  }
  await tabTo(page, page.getByRole('combobox'))

  // Every screen by its shortcut.
  const shortcuts: [string, string][] = [
    ['Alt+2', 'Bulk logout'],
    ['Alt+3', 'Activity'],
    ['Alt+4', 'Simulator'],
    ['Alt+5', 'Tenants'],
    ['Alt+6', 'Configuration'],
    ['Alt+9', 'Settings'],
    ['Alt+1', 'Users'],
  ]
  for (const [key, heading] of shortcuts) {
    await page.keyboard.press(key)
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible()
    await expect(nav.getByRole('button', { name: new RegExp(`^${heading}`) })).toHaveAttribute(
      'aria-current',
      'page',
    )
  }

  // Main content's primary controls by Tab: Bulk logout's input and Tenants' "Add tenant".
  await page.keyboard.press('Alt+2')
  await tabTo(page, page.getByLabel('User ids or emails'))
  await page.keyboard.press('Alt+5')
  await tabTo(page, page.getByRole('button', { name: 'Add tenant' }))

  // The logout dialog keeps focus inside and Escape closes it.
  await openAlice(page)
  await selectChromeSession(page)
  await page.getByRole('button', { name: 'End this session…' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab')
    const inside = (await dialog.locator(':focus').count()) === 1
    expect(inside, `focus left the dialog after ${i + 1} Tab presses`).toBe(true)
  }
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Shift+Tab')
    const inside = (await dialog.locator(':focus').count()) === 1
    expect(inside, `focus left the dialog after ${i + 1} Shift+Tab presses`).toBe(true)
  }
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
})
