import { describe, expect, it } from 'vitest'
import type { Result, TenantSummary, TenantsOverview } from '../../../preload/contract'
import { fakeEvent } from './fake-event'
import {
  createTenantsStore,
  selectActiveTenant,
} from '../../../renderer/features/tenants/tenants-store'

const sandbox: TenantSummary = {
  id: 'sandbox',
  kind: 'sandbox',
  name: 'Sandbox',
  domain: '127.0.0.1:4000',
  clientId: 'sandbox-console-m2m',
  environment: 'development',
  plan: 'enterprise-production',
  hasSecret: true,
  credentials: 'ok',
  scopes: [],
  connection: { state: 'untested', scopes: [], features: [] },
}

function fakeApi() {
  const calls: string[] = []
  const changed = fakeEvent<TenantsOverview>()
  const overview: TenantsOverview = { tenants: [sandbox], activeTenantId: 'sandbox' }
  const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value })
  const api = {
    onTenantsChanged: changed.on,
    listTenants: () => (calls.push('list'), ok(overview)),
    addTenant: () =>
      Promise.resolve<Result<TenantSummary>>({
        ok: false,
        error: { code: 'KEYCHAIN', message: 'The OS keychain is locked.' },
      }),
    updateTenant: () => ok(sandbox),
    removeTenant: () => ok(overview),
    switchTenant: () => ok(overview),
    testConnection: () => (
      calls.push('test'),
      ok<TenantSummary>({
        ...sandbox,
        scopes: ['read:users'],
        connection: { state: 'connected', scopes: ['read:users'], features: [] },
      })
    ),
    getTenantSnapshot: () => (
      calls.push('snapshot'),
      ok({
        tenantId: 'sandbox',
        fetchedAt: '2026-01-01T00:00:00Z',
        usersTotal: 50,
        applications: [],
        connections: [],
        allowedLogoutUrls: [],
        unavailable: [],
      })
    ),
  }
  return { api, calls, changed }
}

describe('tenants store', () => {
  it('connects the active tenant on first load and reads what it holds', async () => {
    const { api, calls } = fakeApi()
    const store = createTenantsStore(api)
    await store.getState().load()
    expect(calls).toEqual(['list', 'test', 'snapshot'])
    expect(selectActiveTenant(store.getState())?.connection.state).toBe('connected')
    expect(store.getState().snapshots['sandbox']?.value?.usersTotal).toBe(50)
  })

  it('keeps the form open with the error when adding fails', async () => {
    const { api } = fakeApi()
    const store = createTenantsStore(api)
    store.getState().openForm({ kind: 'add' })
    const added = await store.getState().add({
      name: 'x',
      domain: 'x.auth0.com',
      clientId: 'c',
      clientSecret: 's',
      environment: 'production',
      plan: 'free',
    })
    expect(added).toBe(false)
    expect(store.getState().form.kind).toBe('add')
    expect(store.getState().formError?.code).toBe('KEYCHAIN')
  })

  it('follows tenant list changes announced by main until unsubscribed', () => {
    const { api, changed } = fakeApi()
    const store = createTenantsStore(api)
    const stop = store.getState().listen()
    const renamed = { ...sandbox, name: 'Renamed sandbox' }
    changed.emit({ tenants: [renamed], activeTenantId: 'sandbox' })
    expect(store.getState().status).toBe('ready')
    expect(selectActiveTenant(store.getState())?.name).toBe('Renamed sandbox')
    stop()
    expect(changed.listeners()).toBe(0)
    changed.emit({ tenants: [], activeTenantId: 'sandbox' })
    expect(store.getState().overview.tenants).toEqual([renamed])
  })
})
