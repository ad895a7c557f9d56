import { expect, test } from './fixtures'

test('the shell opens through the web host, navigates by keyboard and switches theme', async ({
  openApp,
  page,
}) => {
  await openApp()
  // The token is taken from the fragment and removed from the address bar.
  expect(page.url()).not.toContain('token=')
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Web host')

  await page.keyboard.press('Alt+9')
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
  await expect(page.getByText('Only in the OS keychain')).toBeVisible()

  await page.getByRole('radio', { name: 'Dark' }).check()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.screenshot({ path: 'test-results/shell-dark.png' })

  await page.getByRole('radio', { name: 'Light' }).focus()
  await page.keyboard.press('Space')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')

  // The choice is saved by main: a reload keeps it.
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await page.screenshot({ path: 'test-results/shell-light.png' })
})

test('"Follow the OS" uses the OS colour scheme', async ({ openApp, page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await openApp()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.emulateMedia({ colorScheme: 'light' })
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
})

test('window.api has exactly the contract shape', async ({ openApp, page }) => {
  await openApp()
  const keys = await page.evaluate(() =>
    Object.keys((globalThis as unknown as { api: object }).api).sort(),
  )
  const { channels, events } = await import('../../preload/contract')
  const expected = [
    ...Object.keys(channels),
    ...Object.keys(events).map((e) => `on${e[0]?.toUpperCase()}${e.slice(1)}`),
  ].sort()
  expect(keys).toEqual(expected)
})

test('a page without the token gets a readable error, not a white screen', async ({
  app,
  page,
}) => {
  await page.goto(app.host.url)
  await expect(page.getByRole('alert').first()).toBeVisible()
  await expect(page.getByText('Open the URL npm run web printed').first()).toBeVisible()
})
