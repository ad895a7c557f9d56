import { expect, test } from './fixtures'

test('end one session: preview, confirm, receipt, map updates, activity log', async ({
  openApp,
  page,
}) => {
  await openApp()
  const search = page.getByRole('combobox')
  await search.fill('alice@example.com')
  await page.getByRole('option').first().click()
  await page.locator('[data-node-id="session:alice-chrome-macos"]').click()
  await page.getByRole('button', { name: 'End this session…' }).click()

  const dialog = page.getByRole('dialog')
  await expect(dialog.getByRole('heading', { level: 2 })).toContainText('alice@example.com')
  const ends = dialog.getByRole('region', { name: 'Will end' })
  await expect(ends).toContainText('Chrome on macOS')
  const survives = dialog.getByRole('region', { name: 'Will survive' })
  await expect(survives).toContainText('Safari on iPhone')
  await expect(survives).toContainText('Identity-provider session')
  await expect(survives).toContainText('Access tokens')
  await expect(dialog.getByRole('region', { name: 'Back-channel logout' })).toContainText(
    'Support Portal',
  )
  await expect(dialog).toContainText('uncommitted')
  await page.screenshot({ path: 'test-results/logout-preview.png' })

  await dialog.getByLabel('Reason or ticket').fill('SUP-1234 lost laptop')
  await dialog.getByRole('button', { name: 'End 1 session' }).click()
  const receipt = dialog.getByRole('region', { name: 'Receipt' })
  await expect(receipt).toContainText('1 ended and verified', { timeout: 20_000 })
  await expect(receipt).toContainText('Still running after this')
  // The sessions the action left alone are on the receipt too, not only on the preview.
  await expect(receipt.locator('.remains')).toContainText('Auth0 session on Safari on iPhone')
  await page.screenshot({ path: 'test-results/logout-receipt.png' })
  await dialog.getByRole('button', { name: 'Done' }).click()

  // The map no longer shows the ended session.
  await expect(page.locator('[data-node-id="session:alice-safari-ios"]')).toBeVisible()
  await expect(page.locator('[data-node-id="session:alice-chrome-macos"]')).toHaveCount(0)

  await page.keyboard.press('Alt+3')
  const log = page.getByRole('table')
  await expect(log).toContainText('SUP-1234 lost laptop')
  await expect(log).toContainText('completed: 1 ended')
  await page.screenshot({ path: 'test-results/activity.png' })
})

test('global logout needs the user’s email typed, and says what survives', async ({
  openApp,
  page,
}) => {
  await openApp()
  await page.getByRole('combobox').fill('bob@example.com')
  await page.getByRole('option').first().click()
  await page.getByRole('button', { name: 'Sign out everywhere…' }).click()
  const dialog = page.getByRole('dialog')
  const confirm = dialog.getByRole('button', { name: /^End / })
  await expect(confirm).toBeDisabled()
  await dialog.getByLabel(/to confirm/).fill('bob@example.co')
  await expect(confirm).toBeDisabled()
  await dialog.getByLabel(/to confirm/).fill('bob@example.com')
  await expect(confirm).toBeEnabled()
  await confirm.click()
  await expect(dialog.getByRole('region', { name: 'Receipt' })).toContainText(
    'ended and verified',
    { timeout: 20_000 },
  )
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expect(page.getByRole('region', { name: 'Summary' })).toContainText(
    'No active Auth0 session',
  )
})
