import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEMO_USERS, startSandbox, type Sandbox } from '../../main/sandbox/server'

// The wire format, checked with plain fetch: token endpoint, error bodies, headers, faults.
describe('sandbox tenant over raw HTTP', () => {
  let sandbox: Sandbox
  let token: string

  const tokenRequest = (body: Record<string, string>, form = false) =>
    fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
      body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
    })

  const credentials = () => ({
    grant_type: 'client_credentials',
    client_id: sandbox.clientId,
    client_secret: sandbox.clientSecret,
    audience: `${sandbox.url}/api/v2/`,
  })

  const api = (path: string, init: RequestInit = {}, bearer: string | null = token) =>
    fetch(`${sandbox.url}/api/v2${path}`, {
      ...init,
      headers: {
        ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.headers as Record<string, string> | undefined),
      },
    })

  const admin = (path: string, body?: unknown, key = sandbox.adminKey) =>
    fetch(`${sandbox.url}/__sandbox/${path}`, {
      method: 'POST',
      headers: { 'x-sandbox-admin': key, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })

  beforeAll(async () => {
    sandbox = await startSandbox({ rateLimit: { burst: 1000, perSecond: 1000 } })
    const res = await tokenRequest(credentials())
    token = ((await res.json()) as { access_token: string }).access_token
  })
  afterAll(() => sandbox.close())
  beforeEach(() => sandbox.reset())

  it('issues tokens for JSON and form bodies and both audience spellings', async () => {
    const form = await tokenRequest(
      { ...credentials(), audience: `https://${sandbox.domain}/api/v2` },
      true,
    )
    expect(form.status).toBe(200)
    const body = (await form.json()) as Record<string, unknown>
    expect(body).toMatchObject({ expires_in: 86400, token_type: 'Bearer' })
    expect(String(body['scope']).split(' ')).toContain('delete:sessions')
    expect(form.headers.get('x-ratelimit-limit')).toBe('1000')

    const narrowed = await tokenRequest({ ...credentials(), scope: 'read:users' })
    const narrow = (await narrowed.json()) as { access_token: string; scope: string }
    expect(narrow.scope).toBe('read:users')
    const denied = await api(
      `/users/${encodeURIComponent(DEMO_USERS.alice.user_id)}/sessions`,
      {},
      narrow.access_token,
    )
    expect(denied.status).toBe(403)
  })

  it.each([
    [{ client_secret: 'wrong' }, 401, 'access_denied'],
    [{ client_id: 'nobody' }, 401, 'access_denied'],
    [{ audience: 'https://elsewhere.example.com/api/v2/' }, 403, 'access_denied'],
    [{ audience: '' }, 403, 'access_denied'],
    [{ grant_type: 'password' }, 403, 'unauthorized_client'],
    [{ scope: 'read:users delete:everything' }, 403, 'access_denied'],
  ])('refuses %j with %i %s', async (override, status, error) => {
    const res = await tokenRequest({ ...credentials(), ...override })
    expect(res.status).toBe(status)
    const body = (await res.json()) as Record<string, unknown>
    expect(body['error']).toBe(error)
    expect(typeof body['error_description']).toBe('string')
  })

  it.each([
    [null, 'Missing authentication'],
    ['not-a-token', 'Invalid token'],
  ])('answers 401 invalid_token for bearer %s', async (bearer, message) => {
    const res = await api('/users', {}, bearer)
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message,
      errorCode: 'invalid_token',
    })
  })

  it('expires tokens after 24 hours', async () => {
    let clock = Date.parse('2030-01-01T00:00:00Z')
    const timed = await startSandbox({ now: () => clock })
    try {
      const res = await fetch(`${timed.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credentials',
          client_id: timed.clientId,
          client_secret: timed.clientSecret,
          audience: `https://${timed.domain}/api/v2/`,
        }),
      })
      const { access_token } = (await res.json()) as { access_token: string }
      const call = () =>
        fetch(`${timed.url}/api/v2/tenants/settings`, {
          headers: { authorization: `Bearer ${access_token}` },
        })
      expect((await call()).status).toBe(200)
      clock += 86_400_000
      const expired = await call()
      expect(expired.status).toBe(401)
      expect(((await expired.json()) as { message: string }).message).toMatch(/Expired token/)
    } finally {
      await timed.close()
    }
  })

  it('answers unknown routes with 404 and malformed JSON with 400, with rate-limit headers', async () => {
    const unknown = await api('/no-such-thing')
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ statusCode: 404, error: 'Not Found' })
    expect(unknown.headers.get('x-ratelimit-remaining')).not.toBeNull()

    const malformed = await api('/tenants/settings', { method: 'PATCH', body: '{"friendly_name":' })
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toMatchObject({ statusCode: 400, errorCode: 'invalid_json' })

    const reset = Number(malformed.headers.get('x-ratelimit-reset'))
    expect(Math.abs(reset - Date.now() / 1000)).toBeLessThan(5)
  })

  it('validates tenant and client patches', async () => {
    const wildcard = await api('/tenants/settings', {
      method: 'PATCH',
      body: JSON.stringify({ allowed_logout_urls: ['*.example.com'] }),
    })
    expect(wildcard.status).toBe(400)
    expect(((await wildcard.json()) as { message: string }).message).toMatch(
      /^Payload validation error: .* on property allowed_logout_urls\[0\]\.$/,
    )
    const extra = await api('/tenants/settings', {
      method: 'PATCH',
      body: JSON.stringify({ color: 'blue' }),
    })
    expect(await extra.json()).toMatchObject({
      message: "Payload validation error: 'Additional properties not allowed: color'.",
      errorCode: 'invalid_body',
    })
    const backchannel = await api('/clients/Sp7tQx2mW9cLr4Kv8NbJ3hYd6FgZa1Ue', {
      method: 'PATCH',
      body: JSON.stringify({
        oidc_logout: { backchannel_logout_urls: ['http://insecure.example.com/bcl'] },
      }),
    })
    expect(backchannel.status).toBe(400)
  })

  it('paginates sessions with a cursor that survives deletes in between', async () => {
    const path = `/users/${encodeURIComponent(DEMO_USERS.alice.user_id)}/sessions`
    const first = (await (await api(`${path}?take=1`)).json()) as {
      sessions: { id: string }[]
      next: string
    }
    expect(first.sessions).toHaveLength(1)
    await api(`/sessions/${first.sessions[0]?.id ?? ''}`, { method: 'DELETE' })
    const rest = (await (await api(`${path}?take=10&from=${first.next}`)).json()) as {
      sessions: { id: string }[]
      next?: string
    }
    expect(rest.sessions).toHaveLength(2)
    expect(rest.next).toBeUndefined()
    const bad = await api(`${path}?from=garbage`)
    expect(bad.status).toBe(400)
    const tooMany = await api(`${path}?take=101`)
    expect(tooMany.status).toBe(400)
  })

  it('guards the admin endpoints with the admin key', async () => {
    expect((await admin('reset', undefined, 'wrong-key')).status).toBe(401)
    expect((await admin('faults', { errorRate: 2 })).status).toBe(400)
  })

  it('injects faults from the admin endpoint: storm, failPaths, malformed, reset', async () => {
    expect((await admin('faults', { rateLimitStorm: true })).status).toBe(200)
    const storm = await api('/tenants/settings')
    expect(storm.status).toBe(429)
    expect(await storm.json()).toMatchObject({ errorCode: 'too_many_requests' })
    expect(storm.headers.get('x-ratelimit-remaining')).toBe('0')

    await admin('faults', { failPaths: ['DELETE /api/v2/sessions/*'] })
    const failed = await api(`/sessions/${DEMO_USERS.bob.sessionIds[0]}`, { method: 'DELETE' })
    expect(failed.status).toBe(503)
    expect((await api(`/sessions/${DEMO_USERS.bob.sessionIds[0]}`)).status).toBe(200)

    sandbox.setFaults({ malformedRate: 1, paths: ['/api/v2/users/*'] })
    const malformed = await api(`/users/${encodeURIComponent(DEMO_USERS.bob.user_id)}/sessions`)
    expect(malformed.status).toBe(200)
    await expect(malformed.json()).rejects.toThrow()
    expect((await api('/tenants/settings')).status).toBe(200)

    sandbox.setFaults({ resetRate: 1 })
    await expect(api('/tenants/settings')).rejects.toThrow()

    expect((await admin('reset')).status).toBe(204)
    expect((await api('/tenants/settings')).status).toBe(200)
  })

  it('adds latency and can leave a request unanswered', async () => {
    sandbox.setFaults({ latencyMs: 150 })
    const started = Date.now()
    expect((await api('/tenants/settings')).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)

    sandbox.setFaults({ timeoutRate: 1 })
    await expect(api('/tenants/settings', { signal: AbortSignal.timeout(300) })).rejects.toThrow()
  })

  it('makes 503s at a deterministic rate', async () => {
    const run = async () => {
      sandbox.setFaults({ errorRate: 0.5 })
      const statuses: number[] = []
      for (let i = 0; i < 12; i++) statuses.push((await api('/tenants/settings')).status)
      return statuses
    }
    const a = await run()
    const b = await run()
    expect(a).toEqual(b)
    expect(a).toContain(503)
    expect(a).toContain(200)
  })
})
