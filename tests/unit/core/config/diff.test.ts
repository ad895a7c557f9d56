import { describe, expect, it } from 'vitest'
import { importDeployFiles } from '../../../../core/config/deploy-format'
import { diffConfigs } from '../../../../core/config/diff'
import { setField } from '../../../../core/config/draft'
import type { TenantConfiguration } from '../../../../core/config/model'
import { ACME, pulled } from './builders'

// Field-level differences: what a config editor reads before pushing, and what
// `config diff A B` prints. Lifetimes are compared in one unit whatever each side used.

function yaml(text: string): TenantConfiguration {
  const result = importDeployFiles([{ path: 'tenant.yaml', content: text }])
  if (!result.ok) throw new Error(result.error)
  return result.config
}

describe('unit differences alone are not differences', () => {
  it('hours on one side, *_in_minutes on the other: equal', () => {
    const hours = yaml('tenant:\n  session_lifetime: 168\n  idle_session_lifetime: 1.5\n')
    const minutes = yaml(
      'tenant:\n  session_lifetime_in_minutes: 10080\n  idle_session_lifetime_in_minutes: 90\n',
    )
    expect(diffConfigs(hours, minutes)).toEqual([])
  })

  it('a tenant pulled with hours and one pulled with minutes: equal', () => {
    const a = pulled({ settings: { ephemeral_session_lifetime: 24 } })
    const b = pulled({ settings: { ephemeral_session_lifetime_in_minutes: 1_440 } })
    expect(diffConfigs(a, b)).toEqual([])
  })

  it('a real change of duration shows in minutes, labelled as such', () => {
    const a = yaml('tenant:\n  session_lifetime: 168\n')
    const b = yaml('tenant:\n  session_lifetime_in_minutes: 10081\n')
    expect(diffConfigs(a, b)).toEqual([
      {
        resource: 'tenant',
        field: 'session_lifetime',
        change: 'changed',
        before: 10_080,
        after: 10_081,
        unit: 'minutes',
      },
    ])
  })

  it('refresh-token lifetimes are labelled in seconds', () => {
    const b = setField(ACME, 'clients/Portal', 'refresh_token.token_lifetime', 86_400)
    expect(diffConfigs(ACME, b)).toMatchObject([
      { field: 'refresh_token.token_lifetime', unit: 'seconds', change: 'added' },
    ])
  })
})

describe('diffConfigs', () => {
  it('is empty for the same configuration, and for a copy with another source', () => {
    expect(diffConfigs(ACME, ACME)).toEqual([])
    expect(
      diffConfigs(ACME, { ...structuredClone(ACME), source: { kind: 'file', name: 'x' } }),
    ).toEqual([])
  })

  it('reports added, removed and changed fields, tenant first, then clients and connections', () => {
    let after = setField(ACME, 'connections/corp-saml', 'options.disableSignout', true)
    after = setField(after, 'clients/Shop', 'web_origins', ['https://shop.example.com'])
    after = setField(after, 'clients/Portal', 'callbacks', null)
    after = setField(after, 'tenant', 'allowed_logout_urls', [])
    expect(diffConfigs(ACME, after).map((d) => [d.resource, d.field, d.change])).toEqual([
      ['tenant', 'allowed_logout_urls', 'changed'],
      ['clients/Portal', 'callbacks', 'removed'],
      ['clients/Shop', 'web_origins', 'added'],
      ['connections/corp-saml', 'options.disableSignout', 'changed'],
    ])
  })

  it('an empty list is not the same as "not set"', () => {
    const after = setField(ACME, 'clients/Shop', 'callbacks', [])
    expect(diffConfigs(ACME, after)).toEqual([
      { resource: 'clients/Shop', field: 'callbacks', change: 'added', before: null, after: [] },
    ])
  })

  it('list order counts: the first Allowed Logout URL is the default destination', () => {
    const a = setField(ACME, 'tenant', 'allowed_logout_urls', [
      'https://a.example.com',
      'https://b.example.com',
    ])
    const b = setField(ACME, 'tenant', 'allowed_logout_urls', [
      'https://b.example.com',
      'https://a.example.com',
    ])
    expect(diffConfigs(a, b)).toHaveLength(1)
  })

  it('a resource only on one side shows each of its fields', () => {
    const staging = pulled({
      clients: [{ name: 'Admin', allowed_logout_urls: ['https://admin.example.com'] }],
    })
    const production = pulled({})
    expect(diffConfigs(staging, production)).toEqual([
      {
        resource: 'clients/Admin',
        field: 'allowed_logout_urls',
        change: 'removed',
        before: ['https://admin.example.com'],
        after: null,
      },
    ])
  })

  it('keyword markers are compared as written', () => {
    const a = yaml("clients:\n  - name: P\n    allowed_logout_urls: '@@P_URLS@@'\n")
    const b = yaml("clients:\n  - name: P\n    allowed_logout_urls: '@@P_URLS@@'\n")
    const c = yaml("clients:\n  - name: P\n    allowed_logout_urls: ['https://p.example.com']\n")
    expect(diffConfigs(a, b)).toEqual([])
    expect(diffConfigs(a, c)).toMatchObject([
      { before: '@@P_URLS@@', after: ['https://p.example.com'] },
    ])
  })
})

describe('applications that share a name', () => {
  it('are told apart by client_id and listed in the same order from either side', () => {
    const twins = (order: number[]) =>
      pulled({
        clients: order.map((n) => ({
          client_id: `cl-${n}`,
          name: 'Portal',
          allowed_logout_urls: [`https://portal-${n}.example.com`],
        })),
      })
    const a = twins([1, 2])
    const b = setField(twins([2, 1]), 'clients/Portal (cl-1)', 'callbacks', [
      'https://x.example.com',
    ])
    expect(Object.keys(a.resources)).toEqual([
      'tenant',
      'clients/Portal (cl-1)',
      'clients/Portal (cl-2)',
    ])
    expect(diffConfigs(a, b)).toMatchObject([
      { resource: 'clients/Portal (cl-1)', field: 'callbacks' },
    ])
    const c = setField(b, 'clients/Portal (cl-2)', 'callbacks', ['https://y.example.com'])
    expect(diffConfigs(a, c).map((d) => d.resource)).toEqual([
      'clients/Portal (cl-1)',
      'clients/Portal (cl-2)',
    ])
    expect(diffConfigs(c, a).map((d) => d.resource)).toEqual([
      'clients/Portal (cl-1)',
      'clients/Portal (cl-2)',
    ])
  })
})
