import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import keytar from 'keytar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TenantSummary, TenantsOverview } from '../../preload/contract'
import { createKeytarSecretStore, KEYCHAIN_SERVICE } from '../../main/adapters/keytar-secret-store'
import { TOKEN_HEADER } from '../../main/web/server'
import { keychainAvailable } from '../helpers/keychain'
import { RENDERER_DIR, startTestNodeApp, tempDataDir } from '../helpers/node-app'

// The real OS keychain (Secret Service through keytar). In CI it must be there; on a machine
// without one the suite is skipped with the reason printed.
const availability = await keychainAvailable()
if (!availability.ok) {
  if (process.env['CI']) throw new Error(`CI needs a Secret Service: ${availability.reason}`)
  console.warn(`Skipping keychain tests: no Secret Service here (${availability.reason})`)
}

const SECRET = `kc-secret-${Date.now()}-Zq9!recognisable`
const NEW_SECRET = `kc-rotated-${Date.now()}-Yx8!recognisable`

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

describe.skipIf(!availability.ok)('client secrets in the real OS keychain', () => {
  const dataDir = tempDataDir()
  const responses: string[] = []
  const logs: string[] = []
  let app: Awaited<ReturnType<typeof startTestNodeApp>>

  const start = async () =>
    startTestNodeApp({
      dataDir,
      rendererDir: RENDERER_DIR,
      secrets: createKeytarSecretStore(),
      log: { error: (m, c) => logs.push(`${m} ${String(c)}`) },
    })

  async function call<T>(
    method: string,
    input?: unknown,
  ): Promise<{ ok: boolean; value?: T; error?: { code: string; message: string } }> {
    const res = await fetch(`${app.host.url}/api/invoke/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: app.host.token },
      body: JSON.stringify(input === undefined ? {} : { input }),
    })
    const text = await res.text()
    responses.push(text)
    return JSON.parse(text) as never
  }

  beforeAll(async () => {
    app = await start()
  })
  afterAll(async () => {
    await app.close()
  })

  let id = ''
  it('stores the secret under service session-console, account = tenant id', async () => {
    const added = await call<TenantSummary>('addTenant', {
      name: 'Keychain test',
      domain: 'keychain-test.eu.auth0.com',
      clientId: 'kcClient1',
      clientSecret: SECRET,
      environment: 'staging',
      plan: 'enterprise-non-production',
    })
    expect(added.ok).toBe(true)
    id = added.value?.id ?? ''
    expect(added.value?.hasSecret).toBe(true)
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, id)).toBe(SECRET)
  })

  it('keeps the tenant across a restart, with its secret only in the keychain', async () => {
    await app.close()
    app = await start()
    const list = await call<TenantsOverview>('listTenants')
    const tenant = list.value?.tenants.find((t) => t.id === id)
    expect(tenant?.name).toBe('Keychain test')
    expect(tenant?.hasSecret).toBe(true)
    expect(tenant?.credentials).toBe('ok')
  })

  it('changes the secret in place', async () => {
    const updated = await call<TenantSummary>('updateTenant', { id, clientSecret: NEW_SECRET })
    expect(updated.ok).toBe(true)
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, id)).toBe(NEW_SECRET)
  })

  it('never writes the secret to a file, a log or a response', () => {
    for (const file of filesUnder(dataDir)) {
      const text = readFileSync(file, 'utf8')
      expect(text, file).not.toContain(SECRET)
      expect(text, file).not.toContain(NEW_SECRET)
    }
    for (const text of [...responses, ...logs]) {
      expect(text).not.toContain(SECRET)
      expect(text).not.toContain(NEW_SECRET)
    }
  })

  it('deletes the keychain entry when the tenant is removed', async () => {
    const removed = await call<TenantsOverview>('removeTenant', { id })
    expect(removed.ok).toBe(true)
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, id)).toBeNull()
  })
})

describe('keychain unavailable', () => {
  it('fails loudly with a clear message when no Secret Service answers', () => {
    const child = spawnSync('npx', ['tsx', 'tests/helpers/keychain-probe.ts'], {
      encoding: 'utf8',
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' },
      timeout: 30_000,
    })
    const line = child.stdout.trim().split('\n').at(-1) ?? ''
    const result = JSON.parse(line) as { ok: boolean; name?: string; message?: string }
    expect(result.ok).toBe(false)
    expect(result.name).toBe('KeychainUnavailableError')
    expect(result.message).toMatch(/keychain/i)
  })
})
