import { ManagementClient } from 'auth0'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_USERS, startSandbox, type Sandbox } from '../../main/sandbox/server'
import { createManagementApi } from '../../main/services/auth0/management-api'
import { ENTERPRISE_ONLY_MESSAGE } from '../../main/services/auth0/errors'
import { createUsersService } from '../../main/services/users/users-service'
import { previewLogout } from '../../core/logout/preview'
import { AppFailure } from '../../core/result'
import { createMemorySettings } from '../helpers/memory-adapters'
import { errorOf, sandboxFetch } from '../helpers/sdk'

// Plans of the Sandbox (per-family rate limits, Enterprise-only sessions) seen through the
// official auth0 SDK, and the console's client and users service against an Essentials tenant.

/** An SDK client that records every response's status and `X-RateLimit-*` headers. */
const sdkFor = (sandbox: Sandbox) => {
  const seen: { url: string; status: number; limit: string | null; remaining: string | null }[] = []
  const base = sandboxFetch(sandbox)
  const client = new ManagementClient({
    domain: sandbox.domain,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    maxRetries: 0,
    telemetry: false,
    fetch: async (input, init) => {
      const response = await base(input, init)
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
      if (url.includes('/api/v2/')) {
        seen.push({
          url,
          status: response.status,
          limit: response.headers.get('x-ratelimit-limit'),
          remaining: response.headers.get('x-ratelimit-remaining'),
        })
      }
      return response
    },
  })
  const last = () => seen[seen.length - 1]
  return { client, seen, last }
}

const { alice } = DEMO_USERS

describe('Sandbox --plan essentials through the SDK', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox({ plan: 'essentials' })
  })
  beforeEach(() => sandbox.reset())
  afterAll(() => sandbox.close())

  it('answers X-RateLimit-Limit per endpoint family', async () => {
    const { client, last } = sdkFor(sandbox)
    await client.users.get(alice.user_id)
    expect(last()).toMatchObject({ limit: '40', remaining: '39' })
    await client.users.list({ per_page: 5 })
    expect(last()).toMatchObject({ limit: '40', remaining: '38' })
    await client.users.listUsersByEmail({ email: alice.email })
    expect(last()).toMatchObject({ limit: '40', remaining: '37' })
    await client.clients.list({ per_page: 5 })
    expect(last()).toMatchObject({ limit: '5', remaining: '4' })
    await client.connections.list({ take: 5 })
    expect(last()).toMatchObject({ limit: '5', remaining: '4' })
    await client.tenants.settings.get()
    expect(last()).toMatchObject({ limit: '10', remaining: '9' })
  })

  it('empties one family without touching the others; 429 with Auth0 body', async () => {
    const { client, last } = sdkFor(sandbox)
    for (let i = 0; i < 5; i++) await client.clients.list({ per_page: 1 })
    const err = await errorOf(client.clients.list({ per_page: 1 }))
    expect(err.statusCode).toBe(429)
    expect(err.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringContaining('X-RateLimit-Limit') as unknown,
      errorCode: 'too_many_requests',
    })
    expect(err.rawResponse?.headers.get('x-ratelimit-remaining')).toBe('0')
    await client.users.get(alice.user_id)
    expect(last()).toMatchObject({ status: 200, limit: '40', remaining: '39' })
    await client.connections.get(sandbox.store.connections[0]?.id ?? '')
    expect(last()).toMatchObject({ status: 200, limit: '5', remaining: '4' })
  })

  it.each([
    ['GET /users/{id}/sessions', (c: ManagementClient) => c.users.sessions.list(alice.user_id)],
    [
      'DELETE /users/{id}/sessions',
      (c: ManagementClient) => c.users.sessions.delete(alice.user_id),
    ],
    [
      'GET /users/{id}/refresh-tokens',
      (c: ManagementClient) => c.users.refreshToken.list(alice.user_id),
    ],
    [
      'DELETE /users/{id}/refresh-tokens',
      (c: ManagementClient) => c.users.refreshToken.delete(alice.user_id),
    ],
    ['GET /sessions/{id}', (c: ManagementClient) => c.sessions.get('s1')],
    ['DELETE /sessions/{id}', (c: ManagementClient) => c.sessions.delete('s1')],
    ['POST /sessions/{id}/revoke', (c: ManagementClient) => c.sessions.revoke('s1')],
    ['GET /refresh-tokens/{id}', (c: ManagementClient) => c.refreshTokens.get('rt1')],
    ['DELETE /refresh-tokens/{id}', (c: ManagementClient) => c.refreshTokens.delete('rt1')],
  ])('refuses %s: Enterprise only, 403 naming the plan', async (_name, call) => {
    const { client, last } = sdkFor(sandbox)
    const before = sandbox.store.listSessions(alice.user_id).length
    const err = await errorOf(call(client))
    expect(err.statusCode).toBe(403)
    expect(err.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message:
        'Sessions and refresh tokens are available through the Management API only on Enterprise plans; this tenant is on the Essentials plan.',
      errorCode: 'operation_not_supported',
    })
    expect(last()).toMatchObject({ limit: '10' })
    expect(sandbox.store.listSessions(alice.user_id)).toHaveLength(before)
  })

  it('still answers 401 before the plan refusal', async () => {
    const response = await fetch(`${sandbox.url}/api/v2/users/${alice.user_id}/sessions`, {
      headers: { authorization: 'Bearer nope' },
    })
    expect(response.status).toBe(401)
  })
})

describe('other Sandbox plans through the SDK', () => {
  it('enterprise (default): one bucket of 50 for every family, sessions answer', async () => {
    const sandbox = await startSandbox()
    try {
      const { client, last } = sdkFor(sandbox)
      await client.users.get(alice.user_id)
      expect(last()).toMatchObject({ limit: '50', remaining: '49' })
      await client.clients.list({ per_page: 1 })
      expect(last()).toMatchObject({ limit: '50', remaining: '48' })
      const sessions = await client.users.sessions.list(alice.user_id)
      expect(sessions.data.length).toBeGreaterThan(0)
      expect(last()).toMatchObject({ status: 200, limit: '50', remaining: '47' })
    } finally {
      await sandbox.close()
    }
  })

  it('free: one bucket of 2 for every family, sessions refused naming Free', async () => {
    const sandbox = await startSandbox({ plan: 'free' })
    try {
      const { client, last } = sdkFor(sandbox)
      await client.users.get(alice.user_id)
      expect(last()).toMatchObject({ limit: '2', remaining: '1' })
      const err = await errorOf(client.users.sessions.list(alice.user_id))
      expect(err.statusCode).toBe(403)
      expect((err.body as { message: string }).message).toContain('on the Free plan')
      expect(last()).toMatchObject({ limit: '2', remaining: '0' })
      expect((await errorOf(client.clients.list({ per_page: 1 }))).statusCode).toBe(429)
    } finally {
      await sandbox.close()
    }
  })

  it('--rate-limit still sets one bucket for every family, whatever the plan', async () => {
    const sandbox = await startSandbox({
      plan: 'essentials',
      rateLimit: { burst: 7, perSecond: 1 },
    })
    try {
      const { client, last } = sdkFor(sandbox)
      await client.users.get(alice.user_id)
      expect(last()).toMatchObject({ limit: '7', remaining: '6' })
      await client.clients.list({ per_page: 1 })
      expect(last()).toMatchObject({ limit: '7', remaining: '5' })
      expect((await errorOf(client.users.sessions.list(alice.user_id))).statusCode).toBe(403)
    } finally {
      await sandbox.close()
    }
  })
})

describe('the console against an Essentials tenant', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox({ plan: 'essentials' })
  })
  afterAll(() => sandbox.close())

  /** The console's client, plan picked wrongly as Enterprise; counts the 429s on the wire. */
  const consoleClient = () => {
    const wire = { statuses: [] as number[] }
    const api = createManagementApi(
      {
        domain: sandbox.domain,
        clientId: sandbox.clientId,
        clientSecret: sandbox.clientSecret,
        plan: 'enterprise-production',
        insecureBaseUrl: sandbox.url,
      },
      {
        fetch: async (input, init) => {
          const response = await fetch(input, init)
          const url =
            typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
          if (url.includes('/api/v2/')) wire.statuses.push(response.status)
          return response
        },
      },
    )
    return { api, wire }
  }

  it('the layer map explains the sessions in plain words; the rest still shows', async () => {
    sandbox.reset()
    const { api } = consoleClient()
    const users = createUsersService({
      settings: createMemorySettings(),
      activeTenant: async () => ({ id: 'essentials', api }),
    })
    const result = await users.layers(alice.user_id)
    if (!result.ok) throw new Error(result.error.message)
    const layers = result.value
    expect(layers.user.userId).toBe(alice.user_id)
    expect(layers.idps.length).toBeGreaterThan(0)
    expect(layers.unavailable.map((u) => [u.part, u.error.code, u.error.reason])).toEqual([
      ['sessions', 'FORBIDDEN', 'enterprise-only'],
      ['refreshTokens', 'FORBIDDEN', 'enterprise-only'],
    ])
    expect(layers.unavailable[0]?.error.message).toBe(ENTERPRISE_ONLY_MESSAGE)
    expect(layers.summary.text).toBe(ENTERPRISE_ONLY_MESSAGE)
    expect(layers.summary.text).not.toMatch(/could not be read|not allowed|HTTP 403/)

    let refusal: unknown
    try {
      previewLogout(layers, { kind: 'delete-all-sessions' })
    } catch (err) {
      refusal = err
    }
    expect(refusal).toBeInstanceOf(AppFailure)
    expect(refusal).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'enterprise-only',
      message: ENTERPRISE_ONLY_MESSAGE,
    })
  })

  it('reads 150 users with getUser without a single 429, paced by the learned Read Users bucket', async () => {
    sandbox.reset()
    const { api, wire } = consoleClient()
    const ids = sandbox.store.users.map((u) => u.user_id)
    let next = 0
    const started = Date.now()
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < 150) {
          const i = next++
          await api.getUser(ids[i % ids.length] ?? '')
        }
      }),
    )
    const seconds = (Date.now() - started) / 1000
    expect(wire.statuses.filter((s) => s === 429)).toHaveLength(0)
    expect(wire.statuses.filter((s) => s === 200)).toHaveLength(150)
    // Learned from the headers: burst 40 and Auth0's 500 per minute, not Free's 2 per second.
    expect(api.rateLimit('read-users')).toMatchObject({ burst: 40, perSecond: 500 / 60 })
    expect(api.rateLimit('read-users').blocks).toBe(0)
    // At 8.3/s about 18 s (the model's bucket fills from Free's 2 tokens, not at once); at Free's
    // 2/s it would take 75 s.
    expect(seconds).toBeLessThan(30)
  }, 60_000)
})
