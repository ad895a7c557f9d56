import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../main/sandbox/server'
import { createAppServices } from '../../main/app-services'
import { createTenantApi } from '../../main/tenant-backends'
import type { NewTenantInput } from '../../preload/contract'
import {
  createMemorySecretStore,
  createMemorySettings,
  createRecordingEvents,
} from '../helpers/memory-adapters'
import { must, sharedSandbox } from '../helpers/test-app'

// "Test connection" through the real Management API client, over real HTTP, for every way it can
// fail: each ends in its own readable message and a tenant the user can fix and retest.
let sandbox: Sandbox
let narrow: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' })
  narrow = await startSandbox({
    seed: 'demo',
    extraClients: [
      {
        clientId: 'readonly',
        clientSecret: 'readonly-secret',
        scopes: ['read:users', 'read:sessions'],
      },
    ],
  })
})
afterAll(async () => {
  await sandbox.close()
  await narrow.close()
})

function services() {
  const secrets = createMemorySecretStore()
  const s = createAppServices({
    host: 'web',
    version: 'test',
    dataDir: '/tmp/unused',
    settings: createMemorySettings(),
    secrets,
    events: createRecordingEvents(),
    openExternal: async () => {},
    startupNotices: [],
    createApi: createTenantApi,
    launchSandbox: sharedSandbox(() => sandbox),
  })
  return { s, secrets }
}

const base = (
  domain: string,
  secret: string,
  clientId = 'sandbox-console-m2m',
): NewTenantInput => ({
  name: 'Under test',
  domain,
  clientId,
  clientSecret: secret,
  environment: 'staging',
  plan: 'enterprise-non-production',
})

async function testConnection(input: NewTenantInput) {
  const { s } = services()
  const added = await must(s.tenants.add(input))
  const tested = await must(s.tenants.test(added.id))
  await s.dispose()
  return tested
}

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const { port } = server.address() as { port: number }
  await new Promise((r) => server.close(r))
  return port
}

describe('test connection against real servers', () => {
  it('connects the embedded Sandbox with every console scope', async () => {
    const { s } = services()
    const tested = await must(s.tenants.test('sandbox'))
    expect(tested.connection.state).toBe('connected')
    expect(tested.connection.features.every((f) => f.enabled)).toBe(true)
    const snap = await must(s.tenants.snapshot('sandbox'))
    expect(snap.usersTotal).toBe(50)
    expect(snap.applications.length).toBeGreaterThan(0)
    await s.dispose()
  })

  it('shows what a narrow client cannot do, with the reason', async () => {
    const tested = await testConnection(base(narrow.domain, 'readonly-secret', 'readonly'))
    expect(tested.connection.state).toBe('connected')
    const end = tested.connection.features.find((f) => f.id === 'end-sessions')
    expect(end?.enabled).toBe(false)
    expect(end?.reason).toContain('delete:sessions')
  })

  it('wrong secret → "Auth0 rejected the client credentials"', async () => {
    const tested = await testConnection(base(sandbox.domain, 'not-the-secret'))
    expect(tested.connection.state).toBe('failed')
    expect(tested.connection.error?.code).toBe('UNAUTHENTICATED')
    expect(tested.connection.error?.message).toMatch(/Auth0 rejected the client credentials/)
    expect(JSON.stringify(tested)).not.toContain('not-the-secret')
  })

  // A domain that does not resolve is named in the message: tests/integration/management-api.test.ts.
  it('a custom domain as the tenant domain is refused before anything is saved, with the fix', async () => {
    const { s, secrets } = services()
    const added = await s.tenants.add(base('login.example.test', 'x'))
    expect(added.ok).toBe(false)
    if (!added.ok) {
      expect(added.error.code).toBe('INVALID_INPUT')
      expect(added.error.message).toMatch(/custom domain/i)
      expect(added.error.message).toContain('auth0.com')
    }
    expect((await must(s.tenants.list())).tenants).toHaveLength(1)
    expect(secrets.map.size).toBe(0)
    await s.dispose()
  })

  it('a tenant with a custom domain gets its token for the canonical audience', async () => {
    const custom = await startSandbox({ seed: 'demo', customDomain: 'login.example.test' })
    // Auth0 refuses a token for the custom domain's audience; the old console asked for exactly that.
    const refused = await fetch(`${custom.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: custom.clientId,
        client_secret: custom.clientSecret,
        audience: 'https://login.example.test/api/v2/',
      }),
    })
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({
      error: 'access_denied',
      error_description: 'Service not enabled within domain: https://login.example.test/api/v2/',
    })
    const { s } = services()
    const added = await must(
      s.tenants.add({
        ...base(custom.domain, custom.clientSecret),
        customDomain: 'https://Login.Example.test/',
      }),
    )
    expect(added).toMatchObject({ domain: custom.domain, customDomain: 'login.example.test' })
    const tested = await must(s.tenants.test(added.id))
    expect(tested.connection.state).toBe('connected')
    await s.dispose()
    await custom.close()
  })

  it('nothing listening (offline) → "cannot reach", a different message', async () => {
    const tested = await testConnection(base(`127.0.0.1:${await closedPort()}`, 'x'))
    expect(tested.connection.error?.code).toBe('NETWORK')
    expect(tested.connection.error?.message).toMatch(/reach/i)
  })

  it('a server that never answers → a timeout message', async () => {
    const slow = await startSandbox({ seed: 'demo' })
    slow.setFaults({ timeoutRate: 1 })
    const { s } = services()
    const added = await must(s.tenants.add(base(slow.domain, slow.clientSecret)))
    const tested = await must(s.tenants.test(added.id))
    expect(tested.connection.error?.code).toBe('TIMEOUT')
    expect(tested.connection.error?.message).toMatch(/did not answer/)
    await s.dispose()
    await slow.close()
  }, 60_000)
})
