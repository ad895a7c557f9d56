import { Management, type ManagementClient } from 'auth0'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createManagementApi } from '../../main/services/auth0/management-api'
import {
  DEMO_CLIENT_IDS,
  DEMO_CONNECTIONS,
  MANAGEMENT_SCOPES,
  startSandbox,
  type Sandbox,
} from '../../main/sandbox/server'
import { errorOf, sdkFor } from '../helpers/sdk'

// Connection options and connection clients as a real tenant has them since 2025/2026
// (reference §12), seen through the official auth0 SDK v7 and through the console's client.
// Narrow tokens come from a second M2M client with its own grant: every scope but the two
// connection-options scopes.

const NARROW = {
  clientId: 'no-options-m2m',
  clientSecret: 'no-options-secret',
  scopes: MANAGEMENT_SCOPES.filter(
    (s) => s !== 'read:connections_options' && s !== 'update:connections_options',
  ),
}
const READ_ONLY_OPTIONS = {
  clientId: 'read-options-m2m',
  clientSecret: 'read-options-secret',
  scopes: MANAGEMENT_SCOPES.filter((s) => s !== 'update:connections_options'),
}

const collect = async <T>(page: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = []
  for await (const item of page) items.push(item)
  return items
}

describe('connection options scopes and connection clients (auth0 SDK against the Sandbox)', () => {
  let sandbox: Sandbox
  let full: ManagementClient
  let narrow: ManagementClient
  let samlId: string

  beforeAll(async () => {
    sandbox = await startSandbox({ extraClients: [NARROW, READ_ONLY_OPTIONS] })
    full = sdkFor(sandbox, sandbox)
    narrow = sdkFor(sandbox, NARROW)
    samlId = sandbox.store.connections.find((c) => c.name === DEMO_CONNECTIONS.saml)?.id ?? ''
  })
  afterAll(() => sandbox.close())
  beforeEach(() => sandbox.reset())

  it('a token without read:connections_options sees no options, in lists and single reads', async () => {
    const listed = await collect(await narrow.connections.list({ take: 2 }))
    expect(listed).toHaveLength(5)
    for (const c of listed) expect(c).not.toHaveProperty('options')
    const offset = await narrow.connections.list()
    for (const c of offset.data) expect(c).not.toHaveProperty('options')
    const one = await narrow.connections.get(samlId)
    expect(one.name).toBe(DEMO_CONNECTIONS.saml)
    expect(one).not.toHaveProperty('options')
    // With the scope, the same reads carry them.
    expect((await full.connections.get(samlId)).options).toMatchObject({ disableSignout: false })
  })

  it('connections carry no enabled_clients, and a PATCH sending it is refused', async () => {
    for (const c of (await full.connections.list()).data) {
      expect(c).not.toHaveProperty('enabled_clients')
    }
    const err = await errorOf(
      full.connections.update(samlId, {
        enabled_clients: [],
      }),
    )
    expect(err.statusCode).toBe(400)
  })

  it('a PATCH that touches options needs update:connections_options (403, Auth0 body)', async () => {
    for (const credentials of [NARROW, READ_ONLY_OPTIONS]) {
      const denied = await errorOf(
        sdkFor(sandbox, credentials).connections.update(samlId, {
          options: { signOutEndpoint: 'https://idp.example.com/other' },
        }),
      )
      expect(denied).toBeInstanceOf(Management.ForbiddenError)
      expect(denied.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: 'Insufficient scope, expected any of: update:connections_options',
        errorCode: 'insufficient_scope',
      })
    }
    // Nothing changed, and a PATCH without options still works for the narrow token.
    const saml = sandbox.store.connections.find((c) => c.id === samlId)
    expect(saml?.options.signOutEndpoint).toBe('https://idp.acme.example.com/saml/slo')
    const renamed = await narrow.connections.update(samlId, { display_name: 'Acme SSO' })
    expect(renamed.display_name).toBe('Acme SSO')
    expect(renamed).not.toHaveProperty('options')
    // With the scope the options PATCH goes through.
    const updated = await full.connections.update(samlId, {
      options: { signOutEndpoint: 'https://idp.example.com/other' },
    })
    expect(updated.options).toEqual({ signOutEndpoint: 'https://idp.example.com/other' })
  })

  it('GET /connections/{id}/clients pages with take/from/next (connections.clients.get)', async () => {
    const first = await full.connections.clients.get(samlId, { take: 2 })
    expect(first.data).toHaveLength(2)
    expect(first.hasNextPage()).toBe(true)
    expect(typeof first.response.next).toBe('string')
    const all = await collect(await full.connections.clients.get(samlId, { take: 1 }))
    expect(all.map((c) => c.client_id).sort()).toEqual(
      [
        DEMO_CLIENT_IDS.supportPortal,
        DEMO_CLIENT_IDS.intranetWiki,
        DEMO_CLIENT_IDS.partnerSaml,
      ].sort(),
    )
    const whole = await full.connections.clients.get(samlId)
    expect(whole.hasNextPage()).toBe(false)
    expect(whole.response).not.toHaveProperty('next')
    // read:connections is enough; an unknown connection is a 404; a bad cursor a 400.
    expect((await narrow.connections.clients.get(samlId)).data).toHaveLength(3)
    expect((await errorOf(full.connections.clients.get('con_nope'))).statusCode).toBe(404)
    expect(
      (await errorOf(full.connections.clients.get(samlId, { from: 'garbage' }))).statusCode,
    ).toBe(400)
  })

  it("the console's client reads every page of connection clients, and no options without the scope", async () => {
    const connectionTo = (c: { clientId: string; clientSecret: string }) =>
      createManagementApi({
        domain: sandbox.domain,
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        plan: 'enterprise-production',
        insecureBaseUrl: sandbox.url,
      })
    const api = connectionTo(sandbox)
    const requested: string[] = []
    const counting = createManagementApi(
      {
        domain: sandbox.domain,
        clientId: sandbox.clientId,
        clientSecret: sandbox.clientSecret,
        plan: 'enterprise-production',
        insecureBaseUrl: sandbox.url,
      },
      {
        fetch: (input, init) => {
          const url =
            typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
          requested.push(url)
          return fetch(input, init)
        },
      },
    )
    expect((await api.listConnectionClients(samlId)).sort()).toEqual(
      [
        DEMO_CLIENT_IDS.supportPortal,
        DEMO_CLIENT_IDS.intranetWiki,
        DEMO_CLIENT_IDS.partnerSaml,
      ].sort(),
    )
    await counting.listConnectionClients(samlId)
    expect(requested.filter((u) => u.includes(`/connections/${samlId}/clients`))).toHaveLength(1)
    const narrowApi = connectionTo(NARROW)
    for (const c of await narrowApi.listConnections()) expect(c).not.toHaveProperty('options')
    await expect(
      narrowApi.updateConnection(samlId, { options: { signOutEndpoint: 'https://x.example.com' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })
})
