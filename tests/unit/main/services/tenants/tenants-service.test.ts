import { describe, expect, it } from 'vitest'
import type { NewTenantInput } from '../../../../../preload/contract'
import { createFakeApiFactory, fakeSandboxLauncher } from '../../../../helpers/fake-tenant-api'
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

function setup() {
  const secrets = createMemorySecretStore()
  const settings = createMemorySettings()
  const api = createFakeApiFactory({ 'narrow-secret': ['read:users', 'read:sessions'] })
  const sandbox = fakeSandboxLauncher()
  const app = createTestApp({
    secrets,
    settings,
    createApi: api.factory,
    launchSandbox: sandbox.launch,
  })
  return { ...app, secrets, settings, api, sandbox }
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
})
