import { afterEach, describe, expect, it } from 'vitest'
import { createDeletionLag } from '../../../../main/sandbox/consistency'
import { faultsSchema } from '../../../../main/sandbox/faults'
import { MANAGEMENT_SCOPES, matchRoute } from '../../../../main/sandbox/management-api'
import {
  DEFAULT_CONSISTENCY_DELAY_MS,
  DEMO_USERS,
  startSandbox,
  type Sandbox,
} from '../../../../main/sandbox/server'
import { createSandboxStore, type SandboxStore } from '../../../../main/sandbox/store'

const NOW = Date.parse('2030-03-15T12:00:00Z')
const { alice, bob } = DEMO_USERS
const ALICE = alice.user_id
const CHROME = alice.sessionIds[0]
const SAFARI = alice.sessionIds[1]
const DASHBOARD = alice.refreshTokenIds.dashboard
const MOBILE = alice.refreshTokenIds.mobile

/** Calls one Management API route of the sandbox on `store`, as the server does. */
const call = (store: SandboxStore, method: string, path: string, nowMs: number) => {
  const found = matchRoute(method, path)
  if (found === null) throw new Error(`no route for ${method} ${path}`)
  try {
    const result = found.route.handle({
      store,
      params: found.params,
      query: new URLSearchParams(),
      body: {},
      scopes: new Set(MANAGEMENT_SCOPES),
      nowMs,
    })
    return { status: result.status, body: result.body }
  } catch (err) {
    return { status: (err as { statusCode: number }).statusCode, body: undefined }
  }
}

const ids = (items: { id: string }[]) => items.map((i) => i.id).sort()

describe('deletion lag (eventual consistency)', () => {
  const setup = (delayMs = 1000) => {
    const store = createSandboxStore({ seed: 'demo', nowMs: NOW })
    const lag = createDeletionLag()
    return { store, lag, at: (ms: number) => lag.view(store, NOW + ms, delayMs) }
  }

  it('keeps a deleted session readable until the delay has passed; the store shows it at once', () => {
    const { store, at } = setup()
    expect(call(at(0), 'DELETE', `/sessions/${CHROME}`, NOW).status).toBe(202)
    expect(store.getSession(CHROME)).toBeUndefined()
    expect(call(at(999), 'GET', `/sessions/${CHROME}`, NOW).status).toBe(200)
    expect(ids(at(999).listSessions(ALICE))).toContain(CHROME)
    expect(call(at(1000), 'GET', `/sessions/${CHROME}`, NOW).status).toBe(404)
    expect(ids(at(1000).listSessions(ALICE))).not.toContain(CHROME)
    // Delete is not revoke: the bound refresh token was never touched.
    expect(at(1000).getRefreshToken(DASHBOARD)).toBeDefined()
  })

  it('answers a second delete or revoke during the window like the first, and 404 after it', () => {
    const { at } = setup()
    expect(call(at(0), 'POST', `/sessions/${SAFARI}/revoke`, NOW).status).toBe(202)
    expect(call(at(500), 'POST', `/sessions/${SAFARI}/revoke`, NOW).status).toBe(202)
    expect(call(at(500), 'DELETE', `/sessions/${SAFARI}`, NOW).status).toBe(202)
    expect(call(at(500), 'DELETE', `/refresh-tokens/${MOBILE}`, NOW).status).toBe(202)
    // The repeats did not extend the window.
    expect(call(at(1000), 'POST', `/sessions/${SAFARI}/revoke`, NOW).status).toBe(404)
    expect(call(at(1000), 'GET', `/refresh-tokens/${MOBILE}`, NOW).status).toBe(404)
  })

  it('shows a revoked session and its bound refresh tokens until the delay has passed', () => {
    const { store, at } = setup()
    expect(call(at(0), 'POST', `/sessions/${CHROME}/revoke`, NOW).status).toBe(202)
    expect(store.getRefreshToken(DASHBOARD)).toBeUndefined()
    expect(call(at(10), 'GET', `/refresh-tokens/${DASHBOARD}`, NOW).status).toBe(200)
    expect(ids(at(10).listRefreshTokens(ALICE))).toContain(DASHBOARD)
    expect(ids(at(1000).listRefreshTokens(ALICE))).not.toContain(DASHBOARD)
    expect(ids(at(1000).listRefreshTokens(ALICE))).toContain(MOBILE)
  })

  it('revoking a session deleted a moment ago still revokes its bound tokens', () => {
    const { store, at } = setup()
    call(at(0), 'DELETE', `/sessions/${CHROME}`, NOW)
    expect(store.getRefreshToken(DASHBOARD)).toBeDefined()
    expect(call(at(100), 'POST', `/sessions/${CHROME}/revoke`, NOW).status).toBe(202)
    expect(store.getRefreshToken(DASHBOARD)).toBeUndefined()
    expect(at(200).getRefreshToken(DASHBOARD)).toBeDefined()
    expect(at(1100).getRefreshToken(DASHBOARD)).toBeUndefined()
  })

  it('keeps user-wide deletes listed until the delay has passed', () => {
    const { store, at } = setup()
    const sessions = ids(store.listSessions(bob.user_id))
    const tokens = ids(store.listRefreshTokens(bob.user_id))
    expect(sessions.length).toBeGreaterThan(0)
    expect(call(at(0), 'DELETE', `/users/${bob.user_id}/sessions`, NOW).status).toBe(202)
    expect(call(at(0), 'DELETE', `/users/${bob.user_id}/refresh-tokens`, NOW).status).toBe(202)
    expect(store.listSessions(bob.user_id)).toEqual([])
    expect(ids(at(999).listSessions(bob.user_id))).toEqual(sessions)
    expect(ids(at(999).listRefreshTokens(bob.user_id))).toEqual(tokens)
    const list = call(at(999), 'GET', `/users/${bob.user_id}/sessions`, NOW)
    expect(ids((list.body as { sessions: { id: string }[] }).sessions)).toEqual(sessions)
    expect(call(at(999), 'DELETE', `/users/${bob.user_id}/sessions`, NOW).status).toBe(202)
    expect(at(1000).listSessions(bob.user_id)).toEqual([])
    expect(at(1000).listRefreshTokens(bob.user_id)).toEqual([])
  })

  it('lets a recreated record win over its ghost and never lists an id twice', () => {
    const { store, at } = setup()
    const original = store.getSession(CHROME)
    if (original === undefined) throw new Error('seed changed')
    call(at(0), 'DELETE', `/sessions/${CHROME}`, NOW)
    store.putSession({ ...original, session_metadata: { again: 'yes' } })
    expect(at(10).getSession(CHROME)?.session_metadata).toEqual({ again: 'yes' })
    expect(
      at(10)
        .listSessions(ALICE)
        .filter((s) => s.id === CHROME),
    ).toHaveLength(1)
  })

  it('does not bring a ghost back when it is patched', () => {
    const { store, at } = setup()
    call(at(0), 'DELETE', `/sessions/${CHROME}`, NOW)
    const found = matchRoute('PATCH', `/sessions/${CHROME}`)
    found?.route.handle({
      store: at(10),
      params: found.params,
      query: new URLSearchParams(),
      body: { session_metadata: { k: 'v' } },
      scopes: new Set(MANAGEMENT_SCOPES),
      nowMs: NOW,
    })
    expect(store.getSession(CHROME)).toBeUndefined()
    expect(at(20).getSession(CHROME)?.session_metadata).toEqual({ k: 'v' })
    expect(at(1000).getSession(CHROME)).toBeUndefined()
  })

  it('writes through the view to the store (tenant settings)', () => {
    const { store, at } = setup()
    const view = at(0)
    view.tenant = { ...view.tenant, friendly_name: 'Changed' }
    expect(store.tenant.friendly_name).toBe('Changed')
    expect(view.users).toBe(store.users)
  })

  it('forgets every ghost on clear', () => {
    const { lag, at } = setup()
    call(at(0), 'DELETE', `/sessions/${CHROME}`, NOW)
    lag.clear()
    expect(at(10).getSession(CHROME)).toBeUndefined()
  })

  it('is a fault option: a non-negative integer of ms', () => {
    expect(faultsSchema.safeParse({ consistencyDelayMs: 1500 }).success).toBe(true)
    expect(faultsSchema.safeParse({ consistencyDelayMs: -1 }).success).toBe(false)
    expect(faultsSchema.safeParse({ consistencyDelayMs: 1.5 }).success).toBe(false)
  })
})

describe('sandbox consistencyDelayMs over HTTP', () => {
  let clock = NOW
  let sandbox: Sandbox | undefined
  afterEach(async () => {
    await sandbox?.close()
    sandbox = undefined
  })

  const open = async (consistencyDelayMs?: number) => {
    clock = NOW
    sandbox = await startSandbox({
      now: () => clock,
      ...(consistencyDelayMs !== undefined && { consistencyDelayMs }),
    })
    const s = sandbox
    const res = await fetch(`${s.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: s.clientId,
        client_secret: s.clientSecret,
        audience: `${s.url}/api/v2/`,
      }),
    })
    const { access_token } = (await res.json()) as { access_token: string }
    const api = async (method: string, path: string) =>
      (
        await fetch(`${s.url}/api/v2${path}`, {
          method,
          headers: { authorization: `Bearer ${access_token}` },
        })
      ).status
    return { s, api }
  }

  it('is on by default, as Auth0 deletes asynchronously; 0 makes a delete show at once', async () => {
    const { s, api } = await open()
    expect(await api('DELETE', `/sessions/${CHROME}`)).toBe(202)
    expect(await api('GET', `/sessions/${CHROME}`)).toBe(200)
    clock += DEFAULT_CONSISTENCY_DELAY_MS
    expect(await api('GET', `/sessions/${CHROME}`)).toBe(404)
    s.setFaults({ consistencyDelayMs: 0 })
    expect(await api('DELETE', `/sessions/${SAFARI}`)).toBe(202)
    expect(await api('GET', `/sessions/${SAFARI}`)).toBe(404)
    expect(await api('POST', `/sessions/${SAFARI}/revoke`)).toBe(404)
  })

  it('takes the start option, and setFaults overrides it until cleared', async () => {
    const { s, api } = await open(2000)
    expect(await api('DELETE', `/sessions/${CHROME}`)).toBe(202)
    expect(await api('GET', `/sessions/${CHROME}`)).toBe(200)
    expect(await api('POST', `/sessions/${CHROME}/revoke`)).toBe(202)
    clock += 2000
    expect(await api('GET', `/sessions/${CHROME}`)).toBe(404)

    s.setFaults({ consistencyDelayMs: 0 })
    expect(await api('DELETE', `/sessions/${SAFARI}`)).toBe(202)
    expect(await api('GET', `/sessions/${SAFARI}`)).toBe(404)

    s.setFaults({})
    expect(await api('DELETE', `/refresh-tokens/${MOBILE}`)).toBe(202)
    expect(await api('GET', `/refresh-tokens/${MOBILE}`)).toBe(200)
    s.reset()
    expect(await api('DELETE', `/sessions/${CHROME}`)).toBe(202)
    clock += 1999
    expect(await api('GET', `/sessions/${CHROME}`)).toBe(200)
    clock += 1
    expect(await api('GET', `/sessions/${CHROME}`)).toBe(404)
  })

  it('setFaults({ consistencyDelayMs }) sets another delay', async () => {
    const { s, api } = await open(0)
    s.setFaults({ consistencyDelayMs: 500 })
    expect(await api('DELETE', `/users/${encodeURIComponent(ALICE)}/sessions`)).toBe(202)
    expect(await api('GET', `/sessions/${CHROME}`)).toBe(200)
    clock += 500
    expect(await api('GET', `/sessions/${CHROME}`)).toBe(404)
  })
})
