import { MANAGEMENT_SCOPES } from '../../main/sandbox/management-api'
import { expect, test } from './fixtures'

// A tenant like Auth0 in 2026: Essentials (no session endpoints), and a client without the
// connection-options scopes. The Users screen says both in plain words instead of failing.
test.use({
  sandboxOptions: {
    seed: 'demo',
    plan: 'essentials',
    scopes: MANAGEMENT_SCOPES.filter((s) => !s.endsWith('connections_options')),
  },
})

test('Essentials without options scopes: sessions and federated logout are explained', async ({
  openApp,
  page,
}) => {
  await openApp()
  await page.getByRole('combobox').fill('alice@example.com')
  await page.getByRole('option').first().click()
  const summary = page.getByRole('region', { name: 'Summary' })
  await expect(summary).toContainText('Enterprise')
  await expect(page.getByText(/Federated logout: unknown/).first()).toBeVisible()
  // Unknown, not zero; nothing offered that the tenant would refuse.
  await expect(summary.getByText('—').first()).toBeVisible()
  await expect(page.getByRole('button', { name: 'End all sessions…' })).toHaveCount(0)
  await expect(page.getByText('Not available on this plan.').first()).toBeVisible()
  for (const [width, height] of [
    [1280, 800],
    [1024, 640],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height })
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({ path: `test-results/real-tenant-${width}-${scheme}.png` })
    }
  }
})

test('an export without connection options says which connections it leaves out', async ({
  openApp,
  page,
}) => {
  await openApp()
  await page.keyboard.press('Alt+6')
  await page.getByRole('button', { name: 'Pull Sandbox' }).click()
  await expect(page.getByRole('tab', { name: 'Edit' })).toBeVisible({ timeout: 20_000 })
  await page.getByRole('button', { name: 'Export…' }).click()
  const exporting = page.getByRole('dialog', { name: 'Export for the Deploy CLI' })
  const note = exporting.getByRole('note')
  await expect(note).toContainText('acme-saml')
  await expect(note).toContainText('read:connections_options')
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.screenshot({ path: `test-results/real-tenant-export-${scheme}.png` })
  }
})
