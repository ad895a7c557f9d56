import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedTenantSettings } from '../../main/sandbox/seed-catalog'
import { generateUserGraph } from '../../main/sandbox/seed-users'
import { startSandbox, type Sandbox } from '../../main/sandbox/server'
import type { SandboxUser } from '../../main/sandbox/types'

// The large seed must start in seconds and answer paginated queries without generating everything.
describe('sandbox large seed', () => {
  let sandbox: Sandbox
  let startMs: number
  let token: string

  const api = async (path: string) => {
    const res = await fetch(`${sandbox.url}/api/v2${path}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(res.status).toBe(200)
    return (await res.json()) as Record<string, unknown>
  }

  beforeAll(async () => {
    const started = performance.now()
    sandbox = await startSandbox({ seed: 'large', rateLimit: { burst: 1000, perSecond: 1000 } })
    startMs = performance.now() - started
    const res = await fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: sandbox.clientId,
        client_secret: sandbox.clientSecret,
        audience: `${sandbox.url}/api/v2/`,
      }),
    })
    token = ((await res.json()) as { access_token: string }).access_token
  })
  afterAll(() => sandbox.close())

  it('starts within a few seconds with 100,000 users and generates sessions lazily', () => {
    expect(startMs).toBeLessThan(5000)
    expect(sandbox.store.users).toHaveLength(100_000)
    expect(sandbox.store.materializedUserCount()).toBeLessThan(10)
  })

  it('pages users with totals and reads one user’s sessions by cursor', async () => {
    const page = await api('/users?per_page=100&page=3&include_totals=true')
    expect(page).toMatchObject({ start: 300, limit: 100, length: 100, total: 100_000 })
    const users = page['users'] as { user_id: string }[]
    const busiest = users
      .map((u) => ({ u, n: sandbox.store.listSessions(u.user_id).length }))
      .sort((a, b) => b.n - a.n)[0]
    expect(busiest?.n).toBeGreaterThan(2)
    const id = encodeURIComponent(busiest?.u.user_id ?? '')
    const first = await api(`/users/${id}/sessions?take=2`)
    const second = await api(`/users/${id}/sessions?take=50&from=${String(first['next'])}`)
    const all = [...(first['sessions'] as unknown[]), ...(second['sessions'] as unknown[])]
    expect(all).toHaveLength(busiest?.n ?? 0)
  })

  it('finds a session of a user nobody has looked at yet by its id alone', async () => {
    const store = sandbox.store
    // Users with sessions logged in within the absolute lifetime (7 days); pick one not yet generated.
    const recent = store.referenceNow - 6.5 * 86_400_000
    const index = store.users.findIndex(
      (u, i) => i > 80_000 && Date.parse(u.last_login ?? '') > recent,
    )
    const user = store.users[index] as SandboxUser
    // The first session id does not depend on how many sessions the user has.
    const ctx = {
      seed: 'large',
      nowMs: store.referenceNow,
      tenant: seedTenantSettings(),
      withPictures: false,
    }
    const sessionId = generateUserGraph(ctx, index, user, 1).sessions[0]?.id ?? ''
    const before = store.materializedUserCount()
    const session = await api(`/sessions/${sessionId}`)
    expect(session).toMatchObject({ id: sessionId, user_id: user.user_id })
    expect(store.materializedUserCount()).toBe(before + 1)
    const searched = await api(`/users?q=${encodeURIComponent(`email:"${user.email}"`)}`)
    expect((searched as unknown as SandboxUser[]).map((u) => u.user_id)).toEqual([user.user_id])
  })
})
