import { startSandbox } from '../../main/sandbox/server'
import { startTestNodeApp } from '../helpers/node-app'
import { expect, test } from './fixtures'

// 200 users of the large seed, paced slowly enough (20 requests/s) to pause and resume mid-job.
test.use({ sandboxOptions: { seed: 'large', rateLimit: { burst: 5, perSecond: 40 } } })

/** User ids of `count` large-seed users who have sessions. */
async function usersWithSessions(count: number, skip = 0): Promise<string[]> {
  const probe = await startSandbox({ seed: 'large' })
  const ids = probe.store.users
    .slice(skip, skip + count * 2)
    .filter((u) => probe.store.listSessions(u.user_id).length > 0)
    .slice(0, count)
    .map((u) => u.user_id)
  await probe.close()
  return ids
}

test('bulk: 200 users from a pasted list, typed cohort size, pause and resume, receipt', async ({
  openApp,
  page,
}) => {
  test.setTimeout(120_000)
  const ids = await usersWithSessions(200)
  expect(ids).toHaveLength(200)

  await openApp()
  await page.keyboard.press('Alt+2')
  await page.getByLabel('User ids or emails').fill(['user_id', ...ids].join('\n'))
  await page.getByLabel('What to end').selectOption('all-sessions')
  await page.getByRole('button', { name: 'Preview the cohort' }).click()

  const dialog = page.getByRole('dialog')
  await expect(dialog.getByRole('region', { name: 'Cohort' })).toContainText('200 users', {
    timeout: 60_000,
  })
  const confirm = dialog.getByRole('button', { name: /^End|^Send/ })
  await expect(confirm).toBeDisabled()
  await dialog.getByLabel(/to confirm/).fill('200')
  await page.screenshot({ path: 'test-results/bulk-preview.png' })
  await confirm.click()

  await dialog.getByRole('button', { name: 'Pause' }).click()
  await expect(dialog.getByText('Paused')).toBeVisible()
  const pausedAt = await dialog.getByRole('progressbar').getAttribute('value')
  expect(Number(pausedAt)).toBeLessThan(200)
  await dialog.getByRole('button', { name: 'Resume' }).click()
  await expect(dialog.getByRole('region', { name: 'Receipt' })).toContainText(
    '200 ended and verified',
    {
      timeout: 60_000,
    },
  )
  await page.screenshot({ path: 'test-results/bulk-receipt.png' })
})

test('a job interrupted by quitting is offered for resume on the next start', async ({
  app,
  openApp,
  page,
  dataDir,
}) => {
  test.setTimeout(120_000)
  await openApp()
  await page.keyboard.press('Alt+2')
  await page.getByLabel('User ids or emails').fill((await usersWithSessions(150, 1000)).join('\n'))
  await page.getByLabel('What to end').selectOption('all-sessions')
  await page.getByRole('button', { name: 'Preview the cohort' }).click()
  const dialog = page.getByRole('dialog')
  const cohort = dialog.getByRole('region', { name: 'Cohort' })
  await expect(cohort).toContainText('users', { timeout: 60_000 })
  const size = /(\d+)\s+users?/.exec((await cohort.textContent()) ?? '')?.[1] ?? ''
  await dialog.getByLabel(/to confirm/).fill(size)
  await dialog.getByRole('button', { name: /^End|^Send/ }).click()
  await expect(dialog.getByText('Running', { exact: true })).toBeVisible()

  // Quit in the middle of the job, then start again on the same data folder.
  await app.close()
  const again = await startTestNodeApp({
    dataDir,
    launchSandbox: () => startSandbox({ seed: 'large', rateLimit: { burst: 5, perSecond: 40 } }),
  })
  try {
    await page.goto(again.host.openUrl)
    const banner = page.getByRole('alert', { name: 'Interrupted job' })
    await expect(banner).toContainText('was interrupted')
    await banner.getByRole('button', { name: 'Resume' }).click()
    await expect(banner).toHaveCount(0)
    await page.keyboard.press('Alt+3')
    await expect(page.getByRole('article').first()).toContainText('Finished', { timeout: 90_000 })
  } finally {
    await again.close()
  }
})
