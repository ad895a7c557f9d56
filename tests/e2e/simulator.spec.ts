import { expect, test } from './fixtures'

test('simulate /v2/logout without federated through Google: silent re-login verdict', async ({
  openApp,
  page,
}) => {
  await openApp()
  await page.getByRole('combobox').fill('alice@example.com')
  await page.getByRole('option').first().click()
  await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible()

  await page.keyboard.press('Alt+4')
  await page.getByRole('button', { name: 'From the open user' }).click()
  const outcome = page.getByRole('region', { name: 'Outcome' })
  const logout = outcome.getByRole('listitem', { name: 'Step 1 outcome' })
  await expect(logout).toContainText('Browser → Auth0: /v2/logout')
  await expect(logout).toContainText('matched')
  const login = outcome.getByRole('listitem', { name: 'Step 2 outcome' })
  await expect(login).toContainText(
    'Silently signed back in through the identity provider’s session',
  )
  await page.screenshot({ path: 'test-results/simulator-silent.png', fullPage: true })

  // The posture report covers every application × logout method, with the rule cited.
  const posture = page.getByRole('region', { name: 'Tenant logout posture' })
  await expect(posture).toContainText('logout methods')
  await expect(posture.getByRole('table')).toContainText('§')
  const download = page.waitForEvent('download')
  await posture.getByRole('button', { name: 'Markdown' }).click()
  expect((await download).suggestedFilename()).toBe('logout-posture.md')

  // Turn federated logout on: the next login now asks for credentials.
  await page.getByRole('checkbox', { name: /federated/ }).check()
  await expect(login).toContainText('The user is asked to sign in again.')
})

test('the URL checker explains why a return URL is rejected', async ({ openApp, page }) => {
  await openApp()
  await page.keyboard.press('Alt+4')
  await page.getByRole('button', { name: 'Blank' }).click()
  await page.getByLabel('Return URL').fill('https://evil.example.net/logged-out')
  const verdict = page.getByRole('status').filter({ hasText: 'Rejected.' })
  await expect(verdict).toBeVisible()
  await expect(verdict).toContainText('tenant')
})
