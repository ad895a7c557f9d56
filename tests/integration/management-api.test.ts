import { createServer } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  DEMO_CLIENT_IDS,
  DEMO_CONNECTIONS,
  DEMO_USERS,
  MANAGEMENT_SCOPES,
  startSandbox,
  type Sandbox,
  type SandboxSession,
} from '../../main/sandbox/server'
import {
  createManagementApi,
  type ManagementApiDeps,
} from '../../main/services/auth0/management-api'
import type { TenantApi, TenantConnection } from '../../main/services/ports'
import { createRatePacer } from '../../main/services/auth0/rate-pacer'
import { AppFailure } from '../../core/result'

// The real client (our code + the auth0 SDK) against the real Sandbox tenant over HTTP on
// 127.0.0.1. The only stand-in is a fetch that records what went over the wire.

interface WireCall {
  method: string
  path: string
  status?: number
}

/** Every access token issued or sent in this file, to check no message ever repeats one. */
const accessTokensSeen = new Set<string>()

/** Wraps the global fetch: records every call, every bearer token sent and every token issued. */
const createRecorder = () => {
  const calls: WireCall[] = []
  const accessTokens = accessTokensSeen
  /** Called after every response, e.g. to end a fault once it has been seen. */
  let onResponse: (call: WireCall) => void = () => undefined
  const record: typeof fetch = async (input, init) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input : input.url,
    )
    const authorization = new Headers(init?.headers).get('authorization')
    if (authorization?.startsWith('Bearer ') === true) accessTokens.add(authorization.slice(7))
    const call: WireCall = { method: init?.method ?? 'GET', path: url.pathname }
    calls.push(call)
    const response = await fetch(input, init)
    call.status = response.status
    onResponse(call)
    if (url.pathname === '/oauth/token' && response.ok) {
      const token = /"access_token"\s*:\s*"([^"]+)"/.exec(await response.clone().text())?.[1]
      if (token !== undefined) accessTokens.add(token)
    }
    return response
  }
  return {
    fetch: record,
    calls,
    accessTokens,
    count: (method: string, path: string | RegExp) =>
      calls.filter(
        (c) =>
          c.method === method && (typeof path === 'string' ? c.path === path : path.test(c.path)),
      ).length,
    statuses: () => calls.map((c) => c.status),
    clear: () => calls.splice(0),
    /** Runs `then` once, after the first response with `status`. */
    once(status: number, then: () => void) {
      onResponse = (call) => {
        if (call.status !== status) return
        onResponse = () => undefined
        then()
      }
    },
  }
}

const connectionTo = (
  sandbox: Sandbox,
  credentials: { clientId: string; clientSecret: string } = sandbox,
): TenantConnection => ({
  domain: sandbox.domain,
  clientId: credentials.clientId,
  clientSecret: credentials.clientSecret,
  plan: 'enterprise-production',
  insecureBaseUrl: sandbox.url,
})

/** Every secret handed to a client in this file, to check no message ever repeats one. */
const secretsUsed = new Set<string>()
/** Every failure message produced in this file. */
const messages: string[] = []

/** The AppFailure a call rejects with (recorded for the final secrets check). */
const failureOf = async (promise: Promise<unknown>): Promise<AppFailure> => {
  try {
    await promise
  } catch (err) {
    if (err instanceof AppFailure) {
      messages.push(err.message)
      return err
    }
    throw err
  }
  throw new Error('expected the call to fail')
}

const READ_ONLY = { clientId: 'read-only-m2m', clientSecret: 'read-only-secret-123' }
const SESSIONS_ONLY = { clientId: 'sessions-m2m', clientSecret: 'sessions-secret-456' }
const { alice, bob } = DEMO_USERS

const freePort = async (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

describe('management API client against the Sandbox tenant', () => {
  let sandbox: Sandbox
  let wire: ReturnType<typeof createRecorder>

  const apiFor = (
    credentials: { clientId: string; clientSecret: string } = sandbox,
    deps: ManagementApiDeps = {},
  ) => {
    secretsUsed.add(credentials.clientSecret)
    return createManagementApi(connectionTo(sandbox, credentials), { fetch: wire.fetch, ...deps })
  }

  beforeAll(async () => {
    sandbox = await startSandbox({
      // These tests read right after a delete; the default delay is tested in sandbox-sdk.test.ts.
      consistencyDelayMs: 0,
      extraClients: [
        { ...READ_ONLY, scopes: ['read:users', 'read:sessions'] },
        { ...SESSIONS_ONLY, scopes: ['read:users', 'read:sessions', 'delete:sessions'] },
      ],
    })
  })
  afterAll(() => sandbox.close())
  beforeEach(() => {
    sandbox.reset()
    wire = createRecorder()
  })

  describe('connecting', () => {
    it('gets a token by client credentials over http and answers the granted scopes', async () => {
      const api: TenantApi = apiFor()
      const before = Date.now()
      const { scopes, expiresAt } = await api.connect()
      expect(scopes.sort()).toEqual([...MANAGEMENT_SCOPES].sort())
      expect(expiresAt).toBeGreaterThanOrEqual(before + 86_400_000)
      expect(expiresAt).toBeLessThan(Date.now() + 86_400_000 + 1000)
      expect(wire.calls).toEqual([{ method: 'POST', path: '/oauth/token', status: 200 }])
    })

    it('reuses the cached token; dropToken forces a new one', async () => {
      const api = apiFor()
      await api.connect()
      await api.getUser(alice.user_id)
      await api.connect()
      expect(wire.count('POST', '/oauth/token')).toBe(1)
      api.dropToken()
      await api.getUser(alice.user_id)
      expect(wire.count('POST', '/oauth/token')).toBe(2)
    })

    it('asks for one token when many calls start at once', async () => {
      const api = apiFor()
      await Promise.all([api.getUser(alice.user_id), api.getUser(bob.user_id), api.connect()])
      expect(wire.count('POST', '/oauth/token')).toBe(1)
    })

    it('refreshes the token 60 s before it expires', async () => {
      let now = Date.now()
      const clock = () => now
      const timed = await startSandbox({ now: clock })
      try {
        const api = createManagementApi(connectionTo(timed), { fetch: wire.fetch, now: clock })
        const first = await api.connect()
        now = first.expiresAt - 61_000
        await api.connect()
        expect(wire.count('POST', '/oauth/token')).toBe(1)
        now = first.expiresAt - 59_000
        const second = await api.connect()
        expect(wire.count('POST', '/oauth/token')).toBe(2)
        expect(second.expiresAt).toBe(now + 86_400_000)
        expect((await api.getUser(alice.user_id)).email).toBe(alice.email)
      } finally {
        await timed.close()
      }
    })

    it('gets a new token once when the tenant stops accepting the cached one', async () => {
      let tenantNow = Date.now()
      const timed = await startSandbox({ now: () => tenantNow })
      try {
        const api = createManagementApi(connectionTo(timed), { fetch: wire.fetch })
        await api.connect()
        tenantNow += 86_400_000 + 1000 // the tenant's clock says the token expired
        expect((await api.getUser(alice.user_id)).user_id).toBe(alice.user_id)
        expect(wire.count('POST', '/oauth/token')).toBe(2)
        expect(wire.statuses()).toContain(401)
      } finally {
        await timed.close()
      }
    })

    it('parallel calls that all meet a stale token all succeed, with one new token', async () => {
      let tenantNow = Date.now()
      const timed = await startSandbox({ now: () => tenantNow })
      try {
        const api = createManagementApi(connectionTo(timed), { fetch: wire.fetch })
        await api.connect()
        const before = wire.count('POST', '/oauth/token')
        tenantNow += 86_400_000 + 1000 // e.g. the tenant restarted and forgot the token
        const [settings, clients, connections] = await Promise.all([
          api.getTenantSettings(),
          api.listClients(),
          api.listConnections(),
        ])
        expect(settings).toBeTypeOf('object')
        expect(clients.length).toBeGreaterThan(0)
        expect(connections.length).toBeGreaterThan(0)
        expect(wire.count('POST', '/oauth/token') - before).toBeLessThanOrEqual(2)
      } finally {
        await timed.close()
      }
    })

    it('wrong secret → UNAUTHENTICATED naming the client id, not the secret', async () => {
      const api = apiFor({ clientId: sandbox.clientId, clientSecret: 'wrong-secret-789' })
      const failure = await failureOf(api.connect())
      expect(failure.code).toBe('UNAUTHENTICATED')
      expect(failure.message).toBe(
        `Auth0 rejected the client credentials (client id ${sandbox.clientId}). Check the client id and secret.`,
      )
      // An API call needs a token first and fails the same way, without reaching the API.
      const again = await failureOf(api.getUser(alice.user_id))
      expect(again.code).toBe('UNAUTHENTICATED')
      expect(wire.count('GET', /^\/api\/v2\//)).toBe(0)
    })

    it('unknown client id → UNAUTHENTICATED', async () => {
      const failure = await failureOf(
        apiFor({ clientId: 'nobody', clientSecret: 'nobody-secret-000' }).connect(),
      )
      expect(failure.code).toBe('UNAUTHENTICATED')
      expect(failure.message).toContain('client id nobody')
    })
  })

  describe('missing scopes', () => {
    it('403 → FORBIDDEN naming the scope the client lacks', async () => {
      const api = apiFor(READ_ONLY)
      const { scopes } = await api.connect()
      expect(scopes.sort()).toEqual(['read:sessions', 'read:users'])
      expect(await api.listUserSessions(alice.user_id)).toHaveLength(3)

      const del = await failureOf(api.deleteSession(alice.sessionIds[0]))
      expect(del).toMatchObject({
        code: 'FORBIDDEN',
        message: 'The client is missing the delete:sessions scope.',
      })
      const clients = await failureOf(api.listClients())
      expect(clients.message).toBe('The client is missing the read:clients scope.')
      const settings = await failureOf(api.getTenantSettings())
      expect(settings.message).toBe('The client is missing the read:tenant_settings scope.')
      // Nothing was deleted.
      expect(await api.getSession(alice.sessionIds[0])).toMatchObject({ id: alice.sessionIds[0] })
    })

    it('revoke needs two scopes: names only the one not granted', async () => {
      const api = apiFor(SESSIONS_ONLY)
      await api.connect()
      const failure = await failureOf(api.revokeSession(alice.sessionIds[0]))
      expect(failure).toMatchObject({
        code: 'FORBIDDEN',
        message: 'The client is missing the delete:refresh_tokens scope.',
      })
      const readOnly = await failureOf(apiFor(READ_ONLY).revokeSession(alice.sessionIds[0]))
      expect(readOnly.message).toBe(
        'The client is missing the delete:sessions and delete:refresh_tokens scopes.',
      )
    })
  })

  describe('users', () => {
    it('searches with a Lucene query, pages and counts', async () => {
      const api = apiFor()
      const byEmail = await api.searchUsers({ q: `email:"${alice.email}"`, page: 0, perPage: 10 })
      expect(byEmail.total).toBe(1)
      expect(byEmail.users.map((u) => u.user_id)).toEqual([alice.user_id])
      const all = await api.searchUsers({ q: '', page: 1, perPage: 20 })
      expect(all.total).toBe(50)
      expect(all.users).toHaveLength(20)
      const bad = await failureOf(api.searchUsers({ q: 'email:(', page: 0, perPage: 10 }))
      expect(bad.code).toBe('INVALID_INPUT')
    })

    it('gets a user, finds users by email, 404s an unknown user', async () => {
      const api = apiFor()
      const user = await api.getUser(alice.user_id)
      expect(user).toMatchObject({ user_id: alice.user_id, email: alice.email })
      expect(user.identities?.[0]).toMatchObject({ connection: 'google-oauth2' })
      expect((await api.getUsersByEmail('BOB@example.com')).map((u) => u.user_id)).toEqual([
        bob.user_id,
      ])
      const missing = await failureOf(api.getUser('auth0|does-not-exist'))
      expect(missing).toMatchObject({ code: 'NOT_FOUND', message: 'The user does not exist.' })
    })
  })

  describe('sessions and refresh tokens', () => {
    const addSessions = (userId: string, template: SandboxSession, n: number) => {
      for (let i = 0; i < n; i++) {
        sandbox.store.putSession({
          ...structuredClone(template),
          id: `${userId.replace(/\W/g, '-')}-extra-${String(i).padStart(3, '0')}`,
        })
      }
    }

    it('follows from/take/next to the last page for a user with many sessions', async () => {
      const template = sandbox.store.getSession(bob.sessionIds[0]) as SandboxSession
      addSessions(bob.user_id, template, 120)
      const api = apiFor()
      const sessionsPath = `/api/v2/users/${encodeURIComponent(bob.user_id)}/sessions`

      const all = await api.listUserSessions(bob.user_id)
      expect(all).toHaveLength(122)
      expect(new Set(all.map((s) => s.id)).size).toBe(122)
      expect(all.every((s) => s.user_id === bob.user_id)).toBe(true)
      expect(wire.count('GET', sessionsPath)).toBe(3) // 50 + 50 + 22

      wire.clear()
      const seen: string[] = []
      for await (const session of api.iterateUserSessions(bob.user_id, { take: 25 })) {
        seen.push(session.id)
        if (seen.length === 30) break
      }
      expect(seen).toEqual(all.slice(0, 30).map((s) => s.id))
      expect(wire.count('GET', sessionsPath)).toBe(2) // stopping early fetches no more pages
    })

    it('pages a short list in one request and an empty one too', async () => {
      const api = apiFor()
      expect((await api.listUserSessions(alice.user_id)).map((s) => s.id).sort()).toEqual(
        [...alice.sessionIds].sort(),
      )
      expect(await api.listUserSessions(DEMO_USERS.dave.user_id)).toEqual([])
      const tokens = await api.listUserRefreshTokens(alice.user_id)
      expect(tokens.map((t) => t.id).sort()).toEqual(
        Object.values(alice.refreshTokenIds).slice().sort(),
      )
      expect(
        tokens.find((t) => t.id === alice.refreshTokenIds.mobileUnbound)?.session_id,
      ).toBeNull()
    })

    it('delete ends the session but leaves its refresh token; revoke takes the tokens too', async () => {
      const api = apiFor()
      const [chrome, safari] = alice.sessionIds

      await api.deleteSession(chrome)
      expect((await failureOf(api.getSession(chrome))).code).toBe('NOT_FOUND')
      const dashboard = await api.getRefreshToken(alice.refreshTokenIds.dashboard)
      expect(dashboard.session_id).toBe(chrome)

      expect((await api.getSession(safari)).id).toBe(safari)
      await api.revokeSession(safari)
      expect((await failureOf(api.getSession(safari))).code).toBe('NOT_FOUND')
      expect((await failureOf(api.getRefreshToken(alice.refreshTokenIds.mobile))).code).toBe(
        'NOT_FOUND',
      )
      expect((await api.listUserRefreshTokens(alice.user_id)).map((t) => t.id).sort()).toEqual(
        [alice.refreshTokenIds.dashboard, alice.refreshTokenIds.mobileUnbound].sort(),
      )
      const gone = await failureOf(api.revokeSession('no-such-session'))
      expect(gone).toMatchObject({ code: 'NOT_FOUND', message: 'The session does not exist.' })
    })

    it("deletes all of a user's sessions, then all refresh tokens, then one token", async () => {
      const api = apiFor()
      await api.deleteUserSessions(alice.user_id)
      expect(await api.listUserSessions(alice.user_id)).toEqual([])
      expect(await api.listUserRefreshTokens(alice.user_id)).toHaveLength(3)
      await api.deleteUserRefreshTokens(alice.user_id)
      expect(await api.listUserRefreshTokens(alice.user_id)).toEqual([])

      await api.deleteRefreshToken(bob.refreshTokenIds.mobile)
      expect((await failureOf(api.getRefreshToken(bob.refreshTokenIds.mobile))).code).toBe(
        'NOT_FOUND',
      )
    })
  })

  describe('applications, connections, tenant settings', () => {
    it('lists and changes applications', async () => {
      const api = apiFor()
      const clients = await api.listClients()
      expect(clients.map((c) => c.client_id)).toContain(DEMO_CLIENT_IDS.supportPortal)
      expect(clients.every((c) => !('client_secret' in c))).toBe(true)
      const portal = await api.getClient(DEMO_CLIENT_IDS.supportPortal)
      expect(portal.name).toBeTruthy()

      const urls = ['https://portal.example.com/bye']
      const updated = await api.updateClient(DEMO_CLIENT_IDS.supportPortal, {
        allowed_logout_urls: urls,
      })
      expect(updated.allowed_logout_urls).toEqual(urls)
      expect((await api.getClient(DEMO_CLIENT_IDS.supportPortal)).allowed_logout_urls).toEqual(urls)

      const invalid = await failureOf(
        api.updateClient(DEMO_CLIENT_IDS.supportPortal, {
          oidc_logout: { backchannel_logout_urls: ['http://insecure.example.com/bcl'] },
        }),
      )
      expect(invalid.code).toBe('INVALID_INPUT')
      expect((await failureOf(api.getClient('no-such-client'))).code).toBe('NOT_FOUND')
    })

    it('lists connections across pages and reads and changes tenant settings', async () => {
      const api = apiFor()
      const connections = await api.listConnections()
      expect(connections.map((c) => c.name)).toEqual(
        expect.arrayContaining(Object.values(DEMO_CONNECTIONS)),
      )
      const settings = await api.getTenantSettings()
      expect(settings).toMatchObject({ session_lifetime: 168, idle_session_lifetime: 72 })
      const changed = await api.updateTenantSettings({ idle_session_lifetime: 48 })
      expect(changed.idle_session_lifetime).toBe(48)
      expect((await api.getTenantSettings()).idle_session_lifetime).toBe(48)
    })
  })

  describe('rate limits', () => {
    it('429 storm: waits for the reset and succeeds once the storm is over', async () => {
      const api = apiFor(sandbox, { retry: { baseDelayMs: 100 } })
      await api.connect()
      sandbox.setFaults({ rateLimitStorm: true })
      wire.once(429, () => sandbox.setFaults({}))
      const started = Date.now()
      const user = await api.getUser(alice.user_id)
      expect(user.user_id).toBe(alice.user_id)
      expect(wire.statuses().filter((s) => s === 429)).toHaveLength(1)
      expect(api.rateLimit('read-users').blocks).toBe(1)
      expect(Date.now() - started).toBeGreaterThanOrEqual(90) // waited at least the backoff
    })

    it('429 storm that does not end: gives up with RATE_LIMITED after N retries', async () => {
      const api = apiFor(sandbox, { retry: { rateLimited: 2, baseDelayMs: 20 } })
      await api.connect()
      sandbox.setFaults({ rateLimitStorm: true })
      const failure = await failureOf(api.getUser(alice.user_id))
      expect(failure.code).toBe('RATE_LIMITED')
      expect(failure.message).toContain(`rate-limiting the Management API of ${sandbox.domain}`)
      expect(wire.count('GET', /^\/api\/v2\/users\//)).toBe(3)
    })

    it('the pacer keeps a burst of calls under the tenant limit: no 429 at all', async () => {
      const limited = await startSandbox({ rateLimit: { burst: 5, perSecond: 20 } })
      try {
        const pacer = createRatePacer({ burst: 5, perSecond: 20 })
        const api = createManagementApi(connectionTo(limited), { fetch: wire.fetch, pacer })
        await api.connect()
        const started = Date.now()
        const users = await Promise.all(
          Array.from({ length: 30 }, () => api.getUser(alice.user_id)),
        )
        const elapsed = Date.now() - started
        expect(users).toHaveLength(30)
        expect(wire.statuses()).not.toContain(429)
        expect(elapsed).toBeGreaterThanOrEqual(((30 - 5) / 20) * 1000 - 100)
        expect(pacer.snapshot()).toMatchObject({ acquired: 30, blocks: 0 })
      } finally {
        await limited.close()
      }
    })

    it('a plan tier that overstates the limit no longer matters: starts slow, learns the size', async () => {
      const limited = await startSandbox({ rateLimit: { burst: 5, perSecond: 20 } })
      try {
        // The tenant was entered as Enterprise (50 / 16 per s); its bucket holds 5.
        const api = createManagementApi(connectionTo(limited), { fetch: wire.fetch })
        await api.connect()
        const users = await Promise.all(Array.from({ length: 8 }, () => api.getUser(alice.user_id)))
        expect(users).toHaveLength(8)
        expect(wire.statuses()).not.toContain(429)
        expect(api.rateLimit('read-users')).toMatchObject({ burst: 5, blocks: 0 })
      } finally {
        await limited.close()
      }
    })
  })

  describe('faults', () => {
    it('5xx burst: a GET is retried with backoff and succeeds when the tenant recovers', async () => {
      const api = apiFor(sandbox, { retry: { baseDelayMs: 200 } })
      await api.connect()
      sandbox.setFaults({ errorRate: 1 })
      wire.once(503, () => sandbox.setFaults({}))
      const started = Date.now()
      expect((await api.getUser(alice.user_id)).user_id).toBe(alice.user_id)
      expect(wire.statuses().filter((s) => s === 503)).toHaveLength(1)
      expect(Date.now() - started).toBeGreaterThanOrEqual(190) // backed off before retrying
    })

    it('5xx that persists: GET gives up with REMOTE after 2 retries; a write is not retried', async () => {
      const api = apiFor(sandbox, { retry: { baseDelayMs: 10 } })
      await api.connect()
      sandbox.setFaults({ errorRate: 1 })
      const failure = await failureOf(api.getSession(alice.sessionIds[0]))
      expect(failure).toMatchObject({ code: 'REMOTE' })
      expect(failure.message).toContain('(HTTP 503)')
      expect(wire.count('GET', /^\/api\/v2\/sessions\//)).toBe(3)
      const write = await failureOf(api.deleteSession(alice.sessionIds[0]))
      expect(write.code).toBe('REMOTE')
      expect(wire.count('DELETE', /^\/api\/v2\/sessions\//)).toBe(1)
    })

    it('timeout: TIMEOUT after timeoutMs, for API calls and for the token request', async () => {
      const api = apiFor(sandbox, { timeoutMs: 300 })
      await api.connect()
      sandbox.setFaults({ timeoutRate: 1 })
      const started = Date.now()
      const failure = await failureOf(api.getUser(alice.user_id))
      expect(failure).toMatchObject({
        code: 'TIMEOUT',
        message: `Auth0 (${sandbox.domain}) did not answer within 0.3 s.`,
      })
      expect(Date.now() - started).toBeLessThan(3000)

      const fresh = apiFor(sandbox, { timeoutMs: 300 })
      const token = await failureOf(fresh.connect())
      expect(token.code).toBe('TIMEOUT')
    })

    it('malformed JSON → REMOTE (GETs retried first)', async () => {
      const api = apiFor(sandbox, { retry: { baseDelayMs: 10 } })
      await api.connect()
      sandbox.setFaults({ malformedRate: 1 })
      const failure = await failureOf(api.listUserSessions(alice.user_id))
      expect(failure.code).toBe('REMOTE')
      expect(failure.message).toContain('not valid JSON')
      expect(wire.count('GET', /\/sessions$/)).toBe(3)

      const token = await failureOf(apiFor(sandbox).connect())
      expect(token.code).toBe('REMOTE')
    })

    it('connection reset → NETWORK', async () => {
      const api = apiFor(sandbox, { retry: { baseDelayMs: 10 } })
      await api.connect()
      sandbox.setFaults({ resetRate: 1 })
      const failure = await failureOf(api.getUser(alice.user_id))
      expect(failure).toMatchObject({
        code: 'NETWORK',
        message: `Cannot reach ${sandbox.domain}: the connection was closed before it answered.`,
      })
      const token = await failureOf(apiFor(sandbox).connect())
      expect(token.code).toBe('NETWORK')
    })

    it('unknown domain (.invalid) → NETWORK "Cannot find the tenant domain"', async () => {
      const api = createManagementApi(
        {
          domain: 'no-such-tenant.invalid',
          clientId: 'x',
          clientSecret: 'invalid-domain-secret',
          plan: 'free',
        },
        { fetch: wire.fetch },
      )
      secretsUsed.add('invalid-domain-secret')
      const failure = await failureOf(api.connect())
      expect(failure.code).toBe('NETWORK')
      expect(failure.message).toContain('Cannot find the tenant domain no-such-tenant.invalid')
      expect((await failureOf(api.listClients())).code).toBe('NETWORK')
    })

    it('a port with nothing listening → NETWORK "Cannot reach"', async () => {
      const port = await freePort()
      const api = createManagementApi(
        {
          domain: `127.0.0.1:${port}`,
          clientId: 'x',
          clientSecret: 'closed-port-secret',
          plan: 'free',
          insecureBaseUrl: `http://127.0.0.1:${port}`,
        },
        { fetch: wire.fetch },
      )
      secretsUsed.add('closed-port-secret')
      const failure = await failureOf(api.connect())
      expect(failure).toMatchObject({
        code: 'NETWORK',
        message: `Cannot reach 127.0.0.1:${port}: the connection was refused.`,
      })
    })
  })

  it('no failure message contains a client secret or an access token', () => {
    expect(messages.length).toBeGreaterThan(25)
    const leaks = messages.filter((m) =>
      [...secretsUsed, sandbox.clientSecret].some((secret) => m.includes(secret)),
    )
    expect(leaks).toEqual([])
    expect(accessTokensSeen.size).toBeGreaterThan(0)
    expect(messages.filter((m) => [...accessTokensSeen].some((t) => m.includes(t)))).toEqual([])
  })
})
