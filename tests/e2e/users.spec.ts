import { expect, test } from './fixtures'

test('find a demo user and read every layer that keeps them signed in', async ({
  openApp,
  page,
}) => {
  await openApp()
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible()
  const search = page.getByRole('combobox')
  await search.fill('alice')
  const results = page.getByRole('listbox', { name: 'Search results' })
  await expect(results.getByRole('option').first()).toContainText('alice@example.com')
  await search.press('ArrowDown')
  await search.press('ArrowUp')
  await search.press('Enter')

  const summary = page.getByRole('region', { name: 'Summary' })
  await expect(summary).toContainText('3 devices')
  await expect(summary).toContainText('Google')
  await expect(summary.locator('.stats')).toContainText('Sessions3')
  await expect(page.getByLabel('Refresh tokens not bound to a session')).toContainText('Mobile App')

  // Selecting a session highlights what depends on it.
  const session = page.locator('[data-node-id="session:alice-chrome-macos"]')
  await session.click()
  await expect(session).toHaveClass(/selected/)
  await expect(page.locator('[data-node-id="rt:rt-alice-dashboard"]')).toHaveClass(/dependent/)
  await expect(page.locator('[data-node-id="rt:rt-alice-mobile-unbound"]')).toHaveClass(/dimmed/)
  await expect(page.getByRole('region', { name: 'Selected session' })).toContainText(
    'Idle deadline',
  )
  await page.screenshot({ path: 'test-results/users-alice.png', fullPage: true })

  await page.keyboard.press('Escape')
  await expect(session).not.toHaveClass(/selected/)

  // Recent users are remembered.
  await search.fill('')
  await expect(page.getByRole('listbox', { name: 'Recent users' })).toContainText(
    'alice@example.com',
  )
})

test('a search with no match and an unknown user say so', async ({ openApp, page }) => {
  await openApp()
  await page.getByRole('combobox').fill('nobody-at-all-zzz')
  await expect(page.getByText('No users match “nobody-at-all-zzz”.')).toBeVisible()
})
