import { Management, ManagementClient } from 'auth0'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_CONSISTENCY_DELAY_MS,
  DEMO_CLIENT_IDS,
  DEMO_USERS,
  startSandbox,
  type Sandbox,
} from '../../main/sandbox/server'
import { errorOf, sandboxFetch, sdkFor } from '../helpers/sdk'

// Faithfulness check with a client we did not write: the official auth0 SDK v7.
// The SDK always builds https://{domain}/…; its `fetch` option (used for /oauth/token too) lets us
// rewrite that to the sandbox's plain-http URL.

const collect = async <T>(page: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = []
  for await (const item of page) items.push(item)
  return items
}

const { alice, bob, carol } = DEMO_USERS

describe('sandbox tenant driven by the auth0 SDK', () => {
  let sandbox: Sandbox
  let client: ManagementClient

  beforeAll(async () => {
    sandbox = await startSandbox({
      // Reads right after a delete; the default delay has its own test below.
      consistencyDelayMs: 0,
      extraClients: [
        {
          clientId: 'read-only-m2m',
          clientSecret: 'read-only-secret',
          scopes: ['read:users', 'read:sessions'],
        },
      ],
    })
    client = sdkFor(sandbox)
  })
  afterAll(() => sandbox.close())
  beforeEach(() => sandbox.reset())

  it('lists users page by page with totals (token fetched by the SDK itself)', async () => {
    const first = await client.users.list({ per_page: 20, include_totals: true })
    expect(first.data).toHaveLength(20)
    expect(first.response.total).toBe(50)
    expect(first.response.start).toBe(0)
    const all = await collect(await client.users.list({ per_page: 20 }))
    expect(all).toHaveLength(50)
    expect(new Set(all.map((u) => u.user_id)).size).toBe(50)
  })

  it('searches users with the Lucene subset', async () => {
    const byEmail = await client.users.list({ q: `email:"${alice.email}"`, search_engine: 'v3' })
    expect(byEmail.data.map((u) => u.user_id)).toEqual([alice.user_id])
    const saml = await client.users.list({ q: 'identities.connection:"acme-saml"' })
    expect(saml.data.length).toBeGreaterThan(1)
    expect(saml.data.every((u) => u.identities?.[0]?.provider === 'samlp')).toBe(true)
    const freeText = await client.users.list({ q: 'nakamura' })
    expect(freeText.data.map((u) => u.email)).toContain(alice.email)
    const bad = await errorOf(client.users.list({ q: 'email:(' }))
    expect(bad.statusCode).toBe(400)
  })

  it('gets a user, 404s an unknown one, finds users by email', async () => {
    const user = await client.users.get(alice.user_id)
    expect(user.email).toBe(alice.email)
    expect(user.identities?.[0]).toMatchObject({ connection: 'google-oauth2', isSocial: true })
    const missing = await errorOf(client.users.get('auth0|does-not-exist'))
    expect(missing).toBeInstanceOf(Management.NotFoundError)
    expect(missing.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'The user does not exist.',
      errorCode: 'inexistent_user',
    })
    const found = await client.users.listUsersByEmail({ email: 'BOB@example.com' })
    expect(found.map((u) => u.user_id)).toEqual([bob.user_id])
  })

  it('pages through sessions with from/take/next', async () => {
    const first = await client.users.sessions.list(alice.user_id, { take: 2 })
    expect(first.data).toHaveLength(2)
    expect(first.hasNextPage()).toBe(true)
    expect(typeof first.response.next).toBe('string')
    const all = await collect(await client.users.sessions.list(alice.user_id, { take: 1 }))
    expect(all.map((s) => s.id).sort()).toEqual([...alice.sessionIds].sort())
    const session = all.find((s) => s.id === alice.sessionIds[0])
    expect(session).toMatchObject({
      user_id: alice.user_id,
      clients: [
        { client_id: DEMO_CLIENT_IDS.supportPortal },
        { client_id: DEMO_CLIENT_IDS.dashboardSpa },
      ],
      authentication: { methods: [{ name: 'federated' }] },
      cookie: { mode: 'persistent' },
    })
  })

  it('deletes a session but leaves its bound refresh token', async () => {
    const [sessionId] = alice.sessionIds
    expect((await client.sessions.get(sessionId)).id).toBe(sessionId)
    await client.sessions.delete(sessionId)
    expect(await errorOf(client.sessions.get(sessionId))).toBeInstanceOf(Management.NotFoundError)
    const token = await client.refreshTokens.get(alice.refreshTokenIds.dashboard)
    expect(token.session_id).toBe(sessionId)
  })

  it('revokes a session together with the refresh tokens bound to it', async () => {
    const sessionId = alice.sessionIds[1]
    await client.sessions.revoke(sessionId)
    expect(await errorOf(client.sessions.get(sessionId))).toBeInstanceOf(Management.NotFoundError)
    expect(await errorOf(client.refreshTokens.get(alice.refreshTokenIds.mobile))).toBeInstanceOf(
      Management.NotFoundError,
    )
    const left = await collect(await client.users.refreshToken.list(alice.user_id))
    expect(left.map((t) => t.id).sort()).toEqual(
      [alice.refreshTokenIds.dashboard, alice.refreshTokenIds.mobileUnbound].sort(),
    )
    expect(await errorOf(client.sessions.revoke('no-such-session'))).toBeInstanceOf(
      Management.NotFoundError,
    )
  })

  it('lists, pages and deletes refresh tokens', async () => {
    const all = await collect(await client.users.refreshToken.list(alice.user_id, { take: 2 }))
    expect(all).toHaveLength(3)
    expect(all.find((t) => t.id === alice.refreshTokenIds.mobileUnbound)?.session_id).toBeNull()
    await client.refreshTokens.delete(alice.refreshTokenIds.dashboard)
    expect(await errorOf(client.refreshTokens.get(alice.refreshTokenIds.dashboard))).toBeInstanceOf(
      Management.NotFoundError,
    )
    await client.users.refreshToken.delete(alice.user_id)
    expect((await client.users.refreshToken.list(alice.user_id)).data).toEqual([])
  })

  it("deletes all of a user's sessions but not their refresh tokens", async () => {
    await client.users.sessions.delete(bob.user_id)
    expect((await client.users.sessions.list(bob.user_id)).data).toEqual([])
    const tokens = await client.users.refreshToken.list(bob.user_id)
    expect(tokens.data.map((t) => t.id)).toEqual([bob.refreshTokenIds.mobile])
  })

  it('lists, gets and patches clients, never exposing secrets', async () => {
    const clients = await collect(await client.clients.list({ per_page: 3 }))
    expect(clients.length).toBeGreaterThanOrEqual(7)
    expect(clients.every((c) => !('client_secret' in c))).toBe(true)
    expect(new Set(clients.map((c) => c.app_type))).toEqual(
      new Set(['regular_web', 'spa', 'native', 'non_interactive']),
    )
    const spa = await client.clients.get(DEMO_CLIENT_IDS.dashboardSpa)
    expect(spa.allowed_logout_urls).toContain('https://*.example.com/logout')
    const updated = await client.clients.update(DEMO_CLIENT_IDS.dashboardSpa, {
      allowed_logout_urls: ['https://dashboard.example.com'],
      refresh_token: {
        rotation_type: 'rotating',
        expiration_type: 'expiring',
        idle_token_lifetime: 86_400,
      },
    })
    expect(updated.allowed_logout_urls).toEqual(['https://dashboard.example.com'])
    expect(updated.refresh_token).toMatchObject({
      rotation_type: 'rotating',
      idle_token_lifetime: 86_400,
    })
    expect((await client.clients.get(DEMO_CLIENT_IDS.dashboardSpa)).allowed_logout_urls).toEqual([
      'https://dashboard.example.com',
    ])
    const bad = await errorOf(
      client.clients.update(DEMO_CLIENT_IDS.dashboardSpa, {
        allowed_logout_urls: 'https://x.example.com' as unknown as string[],
      }),
    )
    expect(bad).toBeInstanceOf(Management.BadRequestError)
    expect(bad.body).toMatchObject({ statusCode: 400, errorCode: 'invalid_body' })
  })

  it('lists connections with a strategy filter and gets one', async () => {
    const all = await collect(await client.connections.list({ take: 2 }))
    expect(all.map((c) => c.name)).toHaveLength(5)
    const google = await client.connections.list({ strategy: ['google-oauth2'] })
    expect(google.data.map((c) => c.name).sort()).toEqual(['google-devkeys', 'google-oauth2'])
    const saml = (await client.connections.list({ strategy: ['samlp'] })).data[0]
    expect(saml?.options).toMatchObject({ disableSignout: false })
    const one = await client.connections.get(saml?.id ?? '')
    expect(one.name).toBe('acme-saml')
  })

  it('reads and patches tenant settings with validation', async () => {
    const settings = await client.tenants.settings.get()
    expect(settings).toMatchObject({ session_lifetime: 168, idle_session_lifetime: 72 })
    const updated = await client.tenants.settings.update({
      idle_session_lifetime_in_minutes: 90,
      sessions: { oidc_logout_prompt_enabled: false },
    })
    expect(updated).toMatchObject({
      idle_session_lifetime: 1.5,
      sessions: { oidc_logout_prompt_enabled: false },
    })
    // As Auth0: the minute fields are write-only, a read answers hours.
    expect(updated).not.toHaveProperty('idle_session_lifetime_in_minutes')
    const read = await client.tenants.settings.get()
    expect(read.idle_session_lifetime).toBe(1.5)
    expect(read).not.toHaveProperty('idle_session_lifetime_in_minutes')
    const both = await errorOf(
      client.tenants.settings.update({ session_lifetime: 10, session_lifetime_in_minutes: 600 }),
    )
    expect(both).toBeInstanceOf(Management.BadRequestError)
  })

  it('refuses back-channel custom mode without rp-logout and idp-logout, as Auth0 does', async () => {
    const [app] = await client.clients.list({ per_page: 1 }).then((p) => p.data)
    const refused = await errorOf(
      client.clients.update(app?.client_id ?? '', {
        oidc_logout: {
          backchannel_logout_urls: ['https://app.example.com/bcl'],
          backchannel_logout_initiators: { mode: 'custom', selected_initiators: ['rp-logout'] },
        },
      }),
    )
    expect(refused).toBeInstanceOf(Management.BadRequestError)
  })

  it('answers 403 insufficient_scope to a client without the scope', async () => {
    const readOnly = sdkFor(sandbox, {
      clientId: 'read-only-m2m',
      clientSecret: 'read-only-secret',
    })
    expect((await readOnly.users.sessions.list(carol.user_id)).data).toHaveLength(1)
    const denied = await errorOf(readOnly.users.sessions.delete(carol.user_id))
    expect(denied).toBeInstanceOf(Management.ForbiddenError)
    expect(denied.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Insufficient scope, expected any of: delete:sessions',
      errorCode: 'insufficient_scope',
    })
    const revoke = await errorOf(readOnly.sessions.revoke(carol.sessionIds[0]))
    expect(revoke.statusCode).toBe(403)
  })

  it('rejects bad client credentials at /oauth/token', async () => {
    const wrong = sdkFor(sandbox, { clientId: sandbox.clientId, clientSecret: 'nope' })
    const err = await errorOf(wrong.users.get(alice.user_id))
    expect(err.statusCode).toBe(401)
  })
})

describe('sandbox rate limiting seen through the SDK', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox({ rateLimit: { burst: 3, perSecond: 2 } })
  })
  afterAll(() => sandbox.close())

  it('throws TooManyRequestsError with the X-RateLimit headers once the bucket is empty', async () => {
    const client = sdkFor(sandbox)
    for (let i = 0; i < 3; i++) await client.users.get(alice.user_id)
    const err = await errorOf(client.users.get(alice.user_id))
    expect(err).toBeInstanceOf(Management.TooManyRequestsError)
    expect(err.body).toMatchObject({ statusCode: 429, errorCode: 'too_many_requests' })
    const headers = err.rawResponse?.headers
    expect(headers?.get('x-ratelimit-limit')).toBe('3')
    expect(headers?.get('x-ratelimit-remaining')).toBe('0')
    expect(Number(headers?.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(
      Math.floor(Date.now() / 1000),
    )
  })

  it('lets the SDK retry after X-RateLimit-Reset and succeed', async () => {
    const fast = await startSandbox({ rateLimit: { burst: 2, perSecond: 10 } })
    try {
      const statuses: number[] = []
      const base = sandboxFetch(fast)
      const client = new ManagementClient({
        domain: fast.domain,
        clientId: fast.clientId,
        clientSecret: fast.clientSecret,
        telemetry: false,
        maxRetries: 2,
        fetch: async (input, init) => {
          const res = await base(input, init)
          statuses.push(res.status)
          return res
        },
      })
      const results = await Promise.all(
        Array.from({ length: 5 }, () => client.users.get(bob.user_id)),
      )
      expect(results.every((u) => u.user_id === bob.user_id)).toBe(true)
      expect(statuses).toContain(429)
    } finally {
      await fast.close()
    }
  })
})

describe('deletes are accepted asynchronously, as Auth0 accepts them', () => {
  it('answers 202, and a deleted session stays readable for a moment by default', async () => {
    const lagging = await startSandbox()
    try {
      const client = sdkFor(lagging)
      const sid = DEMO_USERS.alice.sessionIds[0]
      const token = await fetch(`${lagging.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credentials',
          client_id: lagging.clientId,
          client_secret: lagging.clientSecret,
          audience: `${lagging.url}/api/v2/`,
        }),
      }).then((r) => r.json() as Promise<{ access_token: string }>)
      const deleted = await fetch(`${lagging.url}/api/v2/sessions/${sid}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token.access_token}` },
      })
      expect(deleted.status).toBe(202)
      // Still there right after the delete was accepted …
      expect((await client.sessions.get(sid)).id).toBe(sid)
      // … and gone once the delay has passed.
      await new Promise((resolve) => setTimeout(resolve, DEFAULT_CONSISTENCY_DELAY_MS + 100))
      expect(await errorOf(client.sessions.get(sid))).toBeInstanceOf(Management.NotFoundError)
    } finally {
      await lagging.close()
    }
  })
})
