import { describe, expect, it } from 'vitest'
import type { NewTenantInput } from '../../../../../preload/contract'
import { createFakeApiFactory, fakeSandboxLauncher } from '../../../../helpers/fake-tenant-api'
import type { SecretStore } from '../../../../../main/services/ports'
import { createMemorySecretStore, createMemorySettings } from '../../../../helpers/memory-adapters'
import { createTestApp, must } from '../../../../helpers/test-app'

const acme: NewTenantInput = {
  name: 'Acme production',
  domain: 'https://Acme.EU.auth0.com/',
  clientId: 'abcDEF123',
  clientSecret: 'good-secret-1',
  environment: 'production',
  plan: 'enterprise-production',
}

/**
 * A SecretStore around another that records every keychain read (`get`), by account. When
 * `gate.hold` is set, the next read takes its value at once but answers only when it settles.
 */
function countingSecrets(inner: SecretStore) {
  const reads: string[] = []
  const gate: { hold: Promise<void> | null } = { hold: null }
  const store: SecretStore = {
    get: async (account) => {
      reads.push(account)
      const hold = gate.hold
      gate.hold = null
      const value = await inner.get(account)
      if (hold) await hold
      return value
    },
    set: (account, secret) => inner.set(account, secret),
    delete: (account) => inner.delete(account),
  }
  return { store, reads, gate }
}

function setup(
  secrets = createMemorySecretStore(),
  settings = createMemorySettings(),
  api = createFakeApiFactory({ 'narrow-secret': ['read:users', 'read:sessions'] }),
) {
  const counted = countingSecrets(secrets)
  const sandbox = fakeSandboxLauncher()
  const app = createTestApp({
    secrets: counted.store,
    settings,
    createApi: api.factory,
    launchSandbox: sandbox.launch,
  })
  return { ...app, secrets, settings, api, sandbox, reads: counted.reads, gate: counted.gate }
}

/** Five saved tenants, the third one active. */
async function fiveTenants(app: ReturnType<typeof setup>) {
  const ids: string[] = []
  for (let i = 1; i <= 5; i++) {
    const added = await must(
      app.call('addTenant', {
        ...acme,
        name: `Tenant ${i}`,
        domain: `t${i}.eu.auth0.com`,
        clientSecret: `good-secret-${i}`,
      }),
    )
    ids.push(added.id)
  }
  const activeId = ids[2] ?? ''
  await must(app.call('switchTenant', { id: activeId }))
  return { ids, activeId }
}

describe('tenants', () => {
  it('starts with the Sandbox tenant listed and active', async () => {
    const { call } = setup()
    const list = await must(call('listTenants', undefined))
    expect(list.activeTenantId).toBe('sandbox')
    expect(list.tenants.map((t) => [t.id, t.kind, t.name])).toEqual([
      ['sandbox', 'sandbox', 'Sandbox'],
    ])
  })

  it('keeps the secret only in the keychain and never returns it', async () => {
    const { call, secrets, settings } = setup()
    const added = await must(call('addTenant', acme))
    expect(added.domain).toBe('acme.eu.auth0.com')
    expect(added.hasSecret).toBe(true)
    expect(secrets.map.get(added.id)).toBe('good-secret-1')
    expect(JSON.stringify(settings.data)).not.toContain('good-secret-1')
    const list = await call('listTenants', undefined)
    expect(JSON.stringify(list)).not.toContain('good-secret-1')
    expect(JSON.stringify(added)).not.toContain('good-secret-1')
  })

  it('adds nothing when the keychain is locked, and says so', async () => {
    const { call, secrets, settings } = setup()
    secrets.locked = true
    const r = await call('addTenant', acme)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('KEYCHAIN')
      expect(r.error.message).toMatch(/not added.*locked/i)
    }
    expect(settings.data.tenants).toEqual([])
  })

  it('lists a tenant as "credentials unavailable" while the keychain is locked, deleting nothing', async () => {
    const { call, secrets, settings } = setup()
    const added = await must(call('addTenant', acme))
    secrets.locked = true
    const list = await must(call('listTenants', undefined))
    const t = list.tenants.find((x) => x.id === added.id)
    expect(t?.credentials).toBe('unavailable')
    expect(t?.credentialsMessage).toMatch(/locked/)
    const removed = await call('removeTenant', { id: added.id })
    expect(removed.ok).toBe(false)
    expect(settings.data.tenants).toHaveLength(1)
    secrets.locked = false
    expect(secrets.map.get(added.id)).toBe('good-secret-1')
  })

  it('tests the connection: granted scopes and what each missing scope disables', async () => {
    const { call } = setup()
    const added = await must(call('addTenant', { ...acme, clientSecret: 'narrow-secret' }))
    const tested = await must(call('testConnection', { id: added.id }))
    expect(tested.connection.state).toBe('connected')
    expect(tested.scopes).toEqual(['read:users', 'read:sessions'])
    const end = tested.connection.features.find((f) => f.id === 'end-sessions')
    expect(end?.enabled).toBe(false)
    expect(end?.reason).toBe(
      "Ending sessions is disabled: the tenant's client lacks the delete:sessions scope.",
    )
    expect(tested.connection.features.find((f) => f.id === 'view-sessions')?.enabled).toBe(true)
  })

  it('reports rejected credentials as a failed connection with a readable message', async () => {
    const { call } = setup()
    const added = await must(call('addTenant', { ...acme, clientSecret: 'wrong' }))
    const tested = await must(call('testConnection', { id: added.id }))
    expect(tested.connection.state).toBe('failed')
    expect(tested.connection.error?.message).toMatch(/Auth0 rejected the client credentials/)
  })

  it('drops the cached client and token when the secret changes', async () => {
    const { call, api } = setup()
    const added = await must(call('addTenant', { ...acme, clientSecret: 'wrong' }))
    await call('testConnection', { id: added.id })
    await call('updateTenant', { id: added.id, clientSecret: 'good-secret-2' })
    const tested = await must(call('testConnection', { id: added.id }))
    expect(tested.connection.state).toBe('connected')
    expect(api.built.map((b) => b.clientSecret)).toEqual(['wrong', 'good-secret-2'])
  })

  it('an empty secret on edit keeps the stored one', async () => {
    const { call, secrets } = setup()
    const added = await must(call('addTenant', acme))
    await must(call('updateTenant', { id: added.id, name: 'Renamed', clientSecret: '' }))
    expect(secrets.map.get(added.id)).toBe('good-secret-1')
  })

  it('validates domains and refuses duplicates', async () => {
    const { call } = setup()
    for (const domain of ['not a domain', 'acme', 'https://', 'acme.auth0.com:99999', '1.2.3.4']) {
      const r = await call('addTenant', { ...acme, domain })
      expect(r.ok ? 'ok' : r.error.code, domain).toBe('INVALID_INPUT')
    }
    await must(call('addTenant', acme))
    const twin = await call('addTenant', { ...acme, name: 'Again' })
    expect(twin.ok ? 'ok' : twin.error.code).toBe('CONFLICT')
  })

  it('switches tenants, removes one and falls back to the Sandbox', async () => {
    const { call, secrets } = setup()
    const added = await must(call('addTenant', acme))
    const switched = await must(call('switchTenant', { id: added.id }))
    expect(switched.activeTenantId).toBe(added.id)
    const after = await must(call('removeTenant', { id: added.id }))
    expect(after.activeTenantId).toBe('sandbox')
    expect(secrets.map.has(added.id)).toBe(false)
  })

  it('never edits or removes the Sandbox', async () => {
    const { call } = setup()
    expect((await call('removeTenant', { id: 'sandbox' })).ok).toBe(false)
    expect((await call('updateTenant', { id: 'sandbox', name: 'x' })).ok).toBe(false)
  })

  it('starts the Sandbox once, when it is first used', async () => {
    const { call, sandbox } = setup()
    expect(sandbox.launches()).toBe(0)
    await call('testConnection', { id: 'sandbox' })
    await call('getTenantSnapshot', { id: 'sandbox' })
    expect(sandbox.launches()).toBe(1)
  })

  it('a snapshot shows what it could read and why the rest is missing', async () => {
    const { call } = setup()
    const snap = await call('getTenantSnapshot', { id: 'sandbox' })
    expect(snap.ok).toBe(true)
    if (!snap.ok) return
    expect(snap.value.usersTotal).toBe(3)
    expect(snap.value.unavailable.map((u) => u.part)).toEqual(['Tenant settings'])
  })

  describe('keychain reads', () => {
    it('reads no secret for the active tenant or one summary once the list was built', async () => {
      const app = setup()
      const { activeId } = await fiveTenants(app)
      const { tenants } = app.services
      await must(app.call('listTenants', undefined))
      app.reads.length = 0

      const active = await tenants.active()
      const summary = await tenants.summary(active.id)
      expect(active.id).toBe(activeId)
      expect(summary).toMatchObject({ id: activeId, hasSecret: true, credentials: 'ok' })
      // The one read, if any, builds the active tenant's client (it needs the secret).
      expect(app.reads.length).toBeLessThanOrEqual(1)
      expect(app.reads.every((account) => account === activeId)).toBe(true)

      // The logout preview: the user's layers (active), then active and summary, then the api.
      app.reads.length = 0
      await tenants.active()
      await tenants.active()
      await tenants.summary(activeId)
      await tenants.api(activeId)
      expect(app.reads).toEqual([])
    })

    it('a freshly started app reads at most the active secret for a preview and a search', async () => {
      const first = setup()
      const { activeId } = await fiveTenants(first)
      // A new set of services over the same settings and keychain: nothing is remembered yet.
      const app = setup(first.secrets, first.settings)
      const { tenants } = app.services

      await tenants.active()
      await tenants.summary(activeId)
      await tenants.api(activeId)
      expect(app.reads.length).toBeLessThanOrEqual(1)

      await (await tenants.api(activeId)).connect()
      const found = await app.call('searchUsers', { query: 'alice' })
      expect(found.ok).toBe(true)
      expect(app.reads.length).toBeLessThanOrEqual(1)
    })

    it('uses the new secret after it was replaced, and never a removed tenant', async () => {
      const app = setup()
      const { activeId, ids } = await fiveTenants(app)
      const { tenants } = app.services
      await tenants.active()
      await must(app.call('updateTenant', { id: activeId, clientSecret: 'good-secret-new' }))
      expect(app.secrets.map.get(activeId)).toBe('good-secret-new')
      await tenants.active()
      expect(app.api.built.at(-1)?.clientSecret).toBe('good-secret-new')
      expect((await tenants.summary(activeId)).credentials).toBe('ok')

      const gone = ids[0] ?? ''
      await tenants.api(gone)
      await must(app.call('removeTenant', { id: gone }))
      await expect(tenants.api(gone)).rejects.toThrow(/no longer exists/)
      await expect(tenants.summary(gone)).rejects.toThrow(/no longer exists/)
    })

    it('does not keep a client built from a secret replaced while it was being read', async () => {
      const app = setup()
      const { activeId } = await fiveTenants(app)
      const { tenants } = app.services
      let release = () => {}
      app.gate.hold = new Promise<void>((resolve) => {
        release = resolve
      })
      const building = tenants.api(activeId)
      await must(app.call('updateTenant', { id: activeId, clientSecret: 'good-secret-new' }))
      release()
      const client = await building
      expect(app.api.built.map((b) => b.clientSecret)).toEqual(['good-secret-new'])
      expect(await tenants.api(activeId)).toBe(client)
    })

    it('a failed secret read shows in the next summary without rebuilding the list', async () => {
      const app = setup()
      const { activeId } = await fiveTenants(app)
      const { tenants } = app.services
      expect((await tenants.summary(activeId)).credentials).toBe('ok')
      app.secrets.locked = true
      await expect(tenants.api(activeId)).rejects.toThrow(/locked/)
      const locked = await tenants.summary(activeId)
      expect(locked).toMatchObject({ hasSecret: false, credentials: 'unavailable' })
      expect(locked.credentialsMessage).toMatch(/locked/)
      app.secrets.locked = false
      await tenants.api(activeId)
      expect((await tenants.summary(activeId)).credentials).toBe('ok')
    })
  })
})

describe('canonical and custom domains', () => {
  it('keeps them apart: the client is built for the canonical domain, the custom one is shown', async () => {
    const app = setup()
    const added = await must(
      app.call('addTenant', { ...acme, customDomain: 'https://Login.Acme.com/' }),
    )
    expect(added).toMatchObject({ domain: 'acme.eu.auth0.com', customDomain: 'login.acme.com' })
    await must(app.call('testConnection', { id: added.id }))
    expect(app.api.built.map((c) => c.domain)).toEqual(['acme.eu.auth0.com'])
    // An empty custom domain removes it.
    const edited = await must(app.call('updateTenant', { id: added.id, customDomain: '' }))
    expect(edited.customDomain).toBeUndefined()
  })

  it('refuses a custom domain as the tenant domain and an Auth0 domain as the custom one', async () => {
    const app = setup()
    const custom = await app.call('addTenant', { ...acme, domain: 'login.acme.com' })
    expect(custom.ok || custom.error.message).toMatch(/looks like a custom domain/)
    const swapped = await app.call('addTenant', { ...acme, customDomain: 'acme.us.auth0.com' })
    expect(swapped.ok || swapped.error.message).toMatch(/not a custom one/)
    expect((await must(app.call('listTenants', undefined))).tenants).toHaveLength(1)
  })

  it('migrates a profile saved with its custom domain: kept as custom, the tenant domain asked for', async () => {
    const settings = createMemorySettings({
      tenants: [
        {
          id: 't_old',
          name: 'Old',
          domain: 'login.acme.com',
          clientId: 'abcDEF123',
          environment: 'production',
          plan: 'free',
          createdAt: '2026-01-01T00:00:00.000Z',
        },
      ],
    })
    const secrets = createMemorySecretStore()
    await secrets.set('t_old', 'good-secret-1')
    const app = setup(secrets, settings)
    const old = (await must(app.call('listTenants', undefined))).tenants.find((t) => t.id === 't_old')
    expect(old).toMatchObject({ domain: '', customDomain: 'login.acme.com' })
    expect(settings.data.tenants[0]).toMatchObject({ domain: '', customDomain: 'login.acme.com' })
    const tested = await must(app.call('testConnection', { id: 't_old' }))
    expect(tested.connection.error?.message).toMatch(/enter its own domain/)
    expect(app.api.built).toEqual([])
    const fixed = await must(app.call('updateTenant', { id: 't_old', domain: 'acme.eu.auth0.com' }))
    expect(fixed).toMatchObject({ domain: 'acme.eu.auth0.com', customDomain: 'login.acme.com' })
    expect((await must(app.call('testConnection', { id: 't_old' }))).connection.state).toBe(
      'connected',
    )
  })
})
