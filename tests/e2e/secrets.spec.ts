import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Download, Locator, Page } from '@playwright/test'
import { startSandbox, type Sandbox } from '../../main/sandbox/server'
import { TOKEN_HEADER } from '../../main/web/server'
import { createMemorySecretStore } from '../helpers/memory-adapters'
import { startTestNodeApp, tempDataDir } from '../helpers/node-app'
import { expect, test } from './fixtures'

// Secrets never leave the keychain and main's memory (issue 8). A tenant is added through the UI
// with a recognisable client secret (a canary); every feature is used against it (browse and
// layers, a logout job, bulk preview, simulator and posture export, activity export, config pull,
// edit, preview and push with both Deploy CLI exports, sandbox faults on the Management API and
// the token endpoint, then the network down). Then everything the app wrote or showed is scanned
// for the secret and for every Management API token the tenant issued: every web-host HTTP
// response body, every request the page sent after adding the tenant, every event-stream frame,
// every browser console line and page error, every download, the page's HTML, form values and
// storage, the web host's stdout/stderr and error log, and every file under the data folder.
// Zero hits.

const CANARY = 'CANARY-secret-7f3a9c1e5b2d4086-do-not-leak'
const TENANT = 'Canary'

interface Seen {
  kind: string
  where: string
  text: string
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}

/** Reads the web host's event stream from Node for as long as the test runs. */
function recordEvents(openUrl: string): { text: () => string; stop: () => void } {
  const url = new URL(openUrl)
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? ''
  const controller = new AbortController()
  let text = ''
  void fetch(`${url.origin}/api/events`, {
    headers: { [TOKEN_HEADER]: token },
    signal: controller.signal,
  })
    .then(async (res) => {
      const reader = res.body?.getReader()
      const decoder = new TextDecoder()
      for (;;) {
        const chunk = await reader?.read()
        if (chunk === undefined || chunk.done) return
        text += decoder.decode(chunk.value as Uint8Array, { stream: true })
      }
    })
    .catch(() => {})
  return { text: () => text, stop: () => controller.abort() }
}

/**
 * Tees this process's stdout and stderr: the web host runs in it (as `npm run web` does, with
 * `console` as its error log), so this is exactly what its terminal would show.
 */
function recordOutput(): { text: () => string; stop: () => void } {
  const chunks: string[] = []
  const tap = (stream: NodeJS.WriteStream): (() => void) => {
    const original = stream.write.bind(stream)
    stream.write = (chunk: unknown, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString())
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest)
    }
    return () => {
      stream.write = original
    }
  }
  const restore = [tap(process.stdout), tap(process.stderr)]
  return { text: () => chunks.join(''), stop: () => restore.forEach((r) => r()) }
}

async function openUser(page: Page, email: string): Promise<void> {
  await page.keyboard.press('Alt+1')
  await page.getByRole('combobox').fill(email)
  await page.getByRole('option', { name: email }).first().click()
  await expect(page.locator('.user-header')).toContainText(email)
  await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible()
}

interface Answer {
  ok: boolean
  value?: unknown
  error?: { code: string; message: string }
}

/** Runs `action` and answers what the web host answered to the page's `method` call. */
async function answerTo(
  page: Page,
  method: string,
  action: () => Promise<void>,
  input = '',
): Promise<Answer> {
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) =>
        r.url().endsWith(`/api/invoke/${method}`) && (r.request().postData() ?? '').includes(input),
      { timeout: 60_000 },
    ),
    action(),
  ])
  return (await response.json()) as Answer
}

/** A search that the tenant cannot answer fails and ends in a readable alert. */
async function searchFails(page: Page, query: string): Promise<void> {
  await page.keyboard.press('Alt+1')
  const box = page.getByRole('combobox')
  const answer = await answerTo(page, 'searchUsers', () => box.fill(query), query)
  expect(answer.ok, `search ${query}`).toBe(false)
  await expect(page.locator('.user-search').getByRole('alert')).toBeVisible()
}

/** Test connection on the tenant's details: connected, or failed with an alert. */
async function testConnection(page: Page, ok: boolean): Promise<void> {
  await page.keyboard.press('Alt+5')
  const details = page.getByRole('region', { name: TENANT })
  const button = details.getByRole('button', { name: 'Test connection' })
  const answer = await answerTo(page, 'testConnection', () => button.click())
  const state = (answer.value as { connection?: { state?: string } } | undefined)?.connection?.state
  expect(
    answer.ok && state === 'connected',
    `connection test: ${state ?? answer.error?.code}`,
  ).toBe(ok)
  if (ok) await expect(details.getByText('Connected')).toBeVisible()
  else await expect(details.getByRole('alert').first()).toBeVisible()
}

/** Clicks, waits for the download it starts. */
async function downloadOf(page: Page, button: Locator): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()])
  return download
}

test('the client secret and management tokens appear nowhere the app writes or shows', async ({
  page,
}) => {
  test.setTimeout(240_000)
  const seen: Seen[] = []
  const output = recordOutput()
  const dataDir = tempDataDir()
  const secrets = createMemorySecretStore()
  const tenant = await startSandbox({ seed: 'demo', clientSecret: CANARY })
  let live: Sandbox | null = tenant
  // `console` as the error log: what `npm run web` does (the test helper's default drops it).
  const app = await startTestNodeApp({
    dataDir,
    secrets,
    log: console,
    launchSandbox: () => startSandbox({ seed: 'demo' }),
  })
  const stream = recordEvents(app.host.openUrl)

  const pending: Promise<void>[] = []
  /** What could not be read, so could not be scanned: must stay empty. */
  const missed: string[] = []
  let addedTenant = false
  page.on('request', (request) => {
    const body = request.postData()
    if (body === null) return
    // The one call that must carry the secret: the add-tenant form and any edit resending it.
    const carriesSecret = /\/api\/invoke\/(addTenant|updateTenant)$/.test(request.url())
    if (carriesSecret) {
      addedTenant = true
      return
    }
    seen.push({ kind: 'request', where: `request ${request.url()}`, text: body })
  })
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? ''
    if (type.includes('event-stream')) return
    const where = `response ${response.url()}`
    pending.push(
      response.body().then(
        (body) => {
          const api = new URL(response.url()).pathname.startsWith('/api/')
          seen.push({ kind: api ? 'response' : 'asset', where, text: body.toString('latin1') })
        },
        () => {
          missed.push(where)
        },
      ),
    )
  })
  page.on('console', (m) => seen.push({ kind: 'console', where: 'console', text: m.text() }))
  page.on('pageerror', (e) =>
    seen.push({ kind: 'console', where: 'pageerror', text: `${e.message}\n${e.stack ?? ''}` }),
  )
  page.on('download', (d) => {
    const where = `download ${d.suggestedFilename()}`
    pending.push(
      d.path().then(
        (path) => {
          seen.push({ kind: 'download', where, text: readFileSync(path).toString('latin1') })
        },
        () => {
          missed.push(where)
        },
      ),
    )
  })
  /** The page as it stands: HTML, every form control's value, local and session storage. */
  const snapshot = async (label: string): Promise<void> => {
    seen.push({ kind: 'page', where: `page ${label}`, text: await page.content() })
    // A string so that the Node typecheck (no DOM lib) accepts it.
    const state = await page.evaluate<string>(`JSON.stringify({
      values: [...document.querySelectorAll('input, textarea, select')].map((e) => e.value),
      local: { ...localStorage },
      session: { ...sessionStorage },
    })`)
    seen.push({ kind: 'page', where: `page state ${label}`, text: state })
  }

  try {
    await page.goto(app.host.openUrl)
    await page.getByRole('navigation', { name: 'Main' }).waitFor()

    // Add the tenant with the recognisable secret, test it, make it active.
    await page.keyboard.press('Alt+5')
    await page.getByRole('button', { name: 'Add tenant' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add a tenant' })
    await dialog.getByLabel('Display name').fill(TENANT)
    await dialog.getByLabel('Tenant domain').fill(tenant.domain)
    await dialog.getByLabel('Client id (machine-to-machine application)').fill(tenant.clientId)
    await dialog.getByLabel('Client secret').fill(CANARY)
    await dialog.getByLabel('Environment').selectOption('production')
    await dialog.getByRole('button', { name: 'Add tenant' }).click()
    await expect(dialog).toBeHidden()
    expect(addedTenant, 'the secret went to main through addTenant').toBe(true)
    expect([...secrets.map.values()], 'main keeps the secret in the keychain').toContain(CANARY)
    await testConnection(page, true)
    const details = page.getByRole('region', { name: TENANT })
    await details.getByRole('button', { name: 'Make active' }).click()
    await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText(TENANT)
    await expect(details.locator('.stats')).toContainText('Users')
    await snapshot('tenants')

    // Browse: search, the layer map, every layer's details.
    await openUser(page, 'alice@example.com')
    const nodes = page.locator('[data-node-id]')
    const count = await nodes.count()
    expect(count).toBeGreaterThan(2)
    for (let i = 0; i < count; i += 1) await nodes.nth(i).click()
    await snapshot('user alice')

    // A logout job with its receipt; production tenants may ask for the count to be typed.
    await page.locator('[data-node-id="session:alice-chrome-macos"]').click()
    await page.getByRole('button', { name: 'End this session…' }).click()
    const logout = page.getByRole('dialog')
    await logout.getByLabel('Reason or ticket').fill('SEC-1 secrets scan')
    const typed = logout.getByLabel(/to confirm/)
    if (await typed.isVisible()) await typed.fill('1')
    await logout.getByRole('button', { name: /^End 1 session/ }).click()
    await expect(logout.getByRole('region', { name: 'Receipt' })).toContainText('verified', {
      timeout: 30_000,
    })
    await snapshot('logout receipt')
    await logout.getByRole('button', { name: 'Done' }).click()

    // Bulk: a cohort preview.
    await page.keyboard.press('Alt+2')
    await page.getByLabel('User ids or emails').fill('alice@example.com\nbob@example.com')
    await page.getByLabel('What to end').selectOption('all-sessions')
    await page.getByRole('button', { name: 'Preview the cohort' }).click()
    const bulk = page.getByRole('dialog')
    await expect(bulk.getByRole('region', { name: 'Cohort' })).toContainText('users')
    await snapshot('bulk preview')
    await page.keyboard.press('Escape')
    await expect(bulk).toBeHidden()

    // Simulator from the open user, and the posture report export.
    await openUser(page, 'bob@example.com')
    await page.keyboard.press('Alt+4')
    await page.getByRole('button', { name: 'From the open user' }).click()
    await expect(page.getByRole('region', { name: 'Outcome' })).toBeVisible()
    const posture = page.getByRole('region', { name: 'Tenant logout posture' })
    await downloadOf(page, posture.getByRole('button', { name: 'Markdown' }))
    await snapshot('simulator')

    // Configuration: pull, edit a field, export both Deploy CLI formats, preview the push, push.
    expect(tenant.store.tenant.sessions.oidc_logout_prompt_enabled).toBe(true)
    await configure(page)
    expect(tenant.store.tenant.sessions.oidc_logout_prompt_enabled, 'the push reached it').toBe(
      false,
    )
    await snapshot('configuration')

    // Error paths on the Management API: 503s, malformed bodies, resets, a 429 storm, a timeout.
    tenant.setFaults({ errorRate: 1 })
    await searchFails(page, 'carol')
    tenant.setFaults({ malformedRate: 1 })
    await searchFails(page, 'dave')
    tenant.setFaults({ resetRate: 1 })
    await searchFails(page, 'erin')
    tenant.setFaults({ rateLimitStorm: true })
    await searchFails(page, 'frank')
    tenant.setFaults({ timeoutRate: 1 })
    await searchFails(page, 'grace')
    await snapshot('search faults')

    // The token endpoint fails: a re-entered secret drops the cached token, so each test asks
    // for a new one and gets 503, a malformed body, a reset, a 429 storm.
    tenant.setFaults({})
    await page.keyboard.press('Alt+5')
    await details.getByRole('button', { name: 'Edit' }).click()
    const edit = page.getByRole('dialog', { name: `Edit ${TENANT}` })
    await edit.getByLabel(/Client secret/).fill(CANARY)
    await edit.getByRole('button', { name: 'Save changes' }).click()
    await expect(edit).toBeHidden()
    for (const fault of [
      { errorRate: 1 },
      { malformedRate: 1 },
      { resetRate: 1 },
      { rateLimitStorm: true },
    ]) {
      tenant.setFaults({ ...fault, paths: ['/oauth/token'] })
      await testConnection(page, false)
    }
    tenant.setFaults({})
    await testConnection(page, true)
    await snapshot('token faults')

    // A logout job whose requests fail (503), then retried with the network down: the job
    // journal and the activity log hold the errors.
    await openUser(page, 'bob@example.com')
    await page.locator('[data-node-id="session:bob-edge-windows"]').click()
    await page.getByRole('button', { name: 'End this session…' }).click()
    const failing = page.getByRole('dialog')
    await failing.getByLabel('Reason or ticket').fill('SEC-2 failing job')
    if (await failing.getByLabel(/to confirm/).isVisible()) {
      await failing.getByLabel(/to confirm/).fill('1')
    }
    tenant.setFaults({ failPaths: ['DELETE /api/v2/*', 'POST /api/v2/*', 'PATCH /api/v2/*'] })
    await failing.getByRole('button', { name: /^End 1 session/ }).click()
    const retry = failing.getByRole('button', { name: 'Retry 1 failed' })
    await expect(retry).toBeVisible({ timeout: 45_000 })
    await snapshot('failed job')

    // The network is down: the tenant's server is gone.
    await tenant.close()
    live = null
    await retry.click()
    await expect(failing).toContainText('Cannot reach', { timeout: 45_000 })
    // The tenant is unreachable: the job pauses (nothing failed, nothing lost) to be resumed.
    await expect(failing.getByRole('button', { name: 'Resume' })).toBeVisible()
    await snapshot('failed job retried offline')
    await page.keyboard.press('Escape')
    await expect(failing).toBeHidden()
    await testConnection(page, false)
    await searchFails(page, 'heidi')
    await page.keyboard.press('Alt+6')
    const pull = page.getByRole('button', { name: 'Pull', exact: true })
    expect((await answerTo(page, 'pullConfig', () => pull.click())).ok).toBe(false)
    await expect(page.getByRole('alert').filter({ hasText: 'cannot be reached' })).toBeVisible()
    // Offline editing still saves the draft; previewing its push fails readably.
    await page.getByRole('checkbox', { name: 'Ask users to confirm OIDC logout' }).click()
    await expect(page.locator('.save-status.saved')).toBeVisible()
    await page.getByRole('button', { name: 'Preview push…' }).click()
    const cannot = page.getByRole('dialog', { name: 'Cannot preview the push' })
    await expect(cannot.getByRole('alert')).toBeVisible({ timeout: 45_000 })
    await snapshot('network down')
    await cannot.getByRole('button', { name: 'Close', exact: true }).last().click()

    // The activity log and its exports.
    await page.keyboard.press('Alt+3')
    const log = page.getByRole('table')
    await expect(log).toContainText('SEC-2 failing job')
    await downloadOf(page, page.getByRole('button', { name: 'Export JSON' }))
    await downloadOf(page, page.getByRole('button', { name: 'Export Markdown' }))
    await page.keyboard.press('Alt+9')
    await snapshot('activity and settings')
  } finally {
    stream.stop()
    await live?.close()
    await Promise.all(pending)
    await app.close()
    output.stop()
  }
  await Promise.all(pending)
  seen.push({ kind: 'events', where: 'event stream', text: stream.text() })
  seen.push({ kind: 'output', where: 'web host stdout/stderr', text: output.text() })
  for (const file of filesUnder(dataDir)) {
    seen.push({ kind: 'file', where: `file ${file}`, text: readFileSync(file).toString('latin1') })
  }

  const tokens = tenant.issuedTokens()
  expect(tokens.length, 'the tenant issued management tokens').toBeGreaterThan(1)
  const needles = [
    CANARY,
    '7f3a9c1e5b2d4086',
    Buffer.from(CANARY).toString('base64'),
    Buffer.from(`${tenant.clientId}:${CANARY}`).toString('base64'),
    ...tokens.flatMap((t) => [t, t.slice(0, 16), t.slice(-16)]),
  ]
  const hits = seen.flatMap(({ where, text }) =>
    needles.filter((n) => text.includes(n)).map((n) => `${where} holds ${n.slice(0, 10)}…`),
  )

  const kinds = [...new Set(seen.map((s) => s.kind))]
  const summary = kinds
    .map((kind) => {
      const of = seen.filter((s) => s.kind === kind)
      const bytes = of.reduce((sum, s) => sum + Buffer.byteLength(s.text, 'latin1'), 0)
      return `${kind}: ${of.length} (${bytes} bytes)`
    })
    .join(', ')
  const files = seen
    .filter((s) => s.kind === 'file')
    .map((s) => relative(dataDir, s.where.slice('file '.length)))
  const total = seen.reduce((sum, s) => sum + Buffer.byteLength(s.text, 'latin1'), 0)
  console.log(
    `secrets scan: ${needles.length} needles (${tokens.length} tokens) over ${seen.length} items, ` +
      `${total} bytes — ${summary} [${files.join(', ')}]; ${hits.length} hits`,
  )
  expect(hits).toEqual([])
  expect(missed, 'responses and downloads that could not be read').toEqual([])
  const count = (kind: string) => seen.filter((s) => s.kind === kind).length
  expect(count('file'), 'files under the data folder').toBeGreaterThan(3)
  expect(count('download'), 'posture, 2 config, 2 activity exports').toBeGreaterThanOrEqual(5)
  expect(count('response')).toBeGreaterThan(50)
  expect(stream.text()).toContain('data: ')
})

/** Pull, edit one field, export, preview the push, push (the Configuration screen, Alt+6). */
async function configure(page: Page): Promise<void> {
  await page.keyboard.press('Alt+6')
  await expect(page.getByRole('heading', { name: 'Configuration', level: 1 })).toBeVisible()
  await page.getByRole('button', { name: `Pull ${TENANT}` }).click()
  const resources = page.getByRole('listbox', { name: 'Resources' })
  await expect(resources).toBeVisible({ timeout: 30_000 })
  await resources.getByRole('option', { name: /Tenant settings/ }).click()
  await page.getByRole('checkbox', { name: 'Ask users to confirm OIDC logout' }).click()
  await expect(page.locator('.save-status.saved')).toBeVisible()

  await page.getByRole('button', { name: 'Export…' }).click()
  const exports = page.getByRole('dialog', { name: 'Export for the Deploy CLI' })
  await downloadOf(page, exports.getByRole('button', { name: 'tenant.yaml' }))
  await downloadOf(page, exports.getByRole('button', { name: 'Directory format (.zip)' }))
  await exports.getByRole('button', { name: 'Done' }).click()

  await page.getByRole('button', { name: 'Preview push…' }).click()
  const push = page.getByRole('dialog', { name: `Push the draft to ${TENANT}` })
  await expect(push).toContainText('1 field to send')
  await push.getByLabel(/to confirm/).fill('1')
  await push.getByRole('button', { name: 'Push 1 field' }).click()
  const done = page.getByRole('dialog', { name: 'Push finished' })
  await expect(done).toBeVisible({ timeout: 30_000 })
  await done.getByRole('button', { name: 'Done' }).click()
}
