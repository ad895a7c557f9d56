import { runSandboxCli } from '../helpers/sandbox-cli'
import { expect, test } from './fixtures'

test('first run shows the Sandbox tenant connected, with data', async ({ openApp, page }) => {
  await openApp()
  const status = page.getByRole('contentinfo', { name: 'Status' })
  await expect(status).toContainText('Sandbox')
  await expect(status).toContainText('Connected')
  await page.keyboard.press('Alt+5')
  await expect(page.getByRole('heading', { name: 'Tenants', level: 1 })).toBeVisible()
  const details = page.getByRole('region', { name: 'Sandbox' })
  await expect(details.getByText('Ending sessions', { exact: false }).first()).toBeVisible()
  await expect(details.locator('.stats')).toContainText('Users')
  await expect(details.getByRole('cell', { name: 'Support Portal' })).toBeVisible()
  await page.screenshot({ path: 'test-results/tenants-sandbox.png', fullPage: true })
})

test('add a tenant by hand with what `npm run sandbox` printed, test it, switch, remove', async ({
  openApp,
  page,
}) => {
  const sandbox = await runSandboxCli()
  try {
    await openApp()
    await page.keyboard.press('Alt+5')
    await page.getByRole('button', { name: 'Add tenant' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add a tenant' })

    // Inline validation before anything is sent.
    await dialog.getByRole('button', { name: 'Add tenant' }).click()
    await expect(dialog.getByText('Enter a display name.')).toBeVisible()
    await expect(dialog.getByText('Enter the client secret.')).toBeVisible()

    await dialog.getByLabel('Display name').fill('Local staging')
    // A custom domain where the tenant domain belongs is caught before anything is sent.
    await dialog.getByLabel('Tenant domain').fill('login.example.test')
    await dialog.getByRole('button', { name: 'Add tenant' }).click()
    await expect(dialog.getByText(/login\.example\.test looks like a custom domain/)).toBeVisible()
    await dialog.getByLabel('Tenant domain').fill(sandbox.line.domain)
    await dialog.getByLabel('Custom domain (optional)').fill('login.example.test')
    await dialog
      .getByLabel('Client id (machine-to-machine application)')
      .fill(sandbox.line.client_id)
    await dialog.getByLabel('Client secret').fill('wrong-secret')
    await dialog.getByLabel('Environment').selectOption('staging')
    await page.screenshot({ path: 'test-results/tenants-add-form.png' })
    await dialog.getByRole('button', { name: 'Add tenant' }).click()
    await expect(dialog).toBeHidden()

    const details = page.getByRole('region', { name: 'Local staging' })
    await expect(details.getByRole('alert')).toContainText('Auth0 rejected the client credentials')
    await expect(details).toContainText('login.example.test')

    // Fix the secret: edit, keep everything else.
    await details.getByRole('button', { name: 'Edit' }).click()
    const edit = page.getByRole('dialog', { name: 'Edit Local staging' })
    await expect(edit.getByLabel(/Client secret/)).toHaveValue('')
    await edit.getByLabel(/Client secret/).fill(sandbox.line.client_secret)
    await edit.getByRole('button', { name: 'Save changes' }).click()
    await details.getByRole('button', { name: 'Test connection' }).click()
    await expect(details.getByText('Connected')).toBeVisible()
    await expect(details.getByText(/^Granted scopes \(\d+\)/)).toBeVisible()

    await details.getByRole('button', { name: 'Make active' }).click()
    await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Local staging')
    await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Staging')

    // The secret never reaches the page.
    expect(await page.content()).not.toContain(sandbox.line.client_secret)

    await details.getByRole('button', { name: 'Remove…' }).click()
    const confirm = page.getByRole('dialog', { name: 'Remove Local staging?' })
    await expect(confirm).toContainText('Nothing changes in the Auth0 tenant itself')
    await confirm.getByRole('button', { name: 'Remove Local staging' }).click()
    await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Sandbox')
  } finally {
    await sandbox.stop()
  }
})
