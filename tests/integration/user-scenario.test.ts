import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../main/sandbox/server'
import { DEMO_USERS } from '../../main/sandbox/seed-well-known'
import { createTenantApi } from '../../main/tenant-backends'
import { runScenario } from '../../core/simulation'
import { createTestApp, must, sharedSandbox } from '../helpers/test-app'

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' })
})
afterAll(() => sandbox.close())

describe('a simulator scenario built from a real user', () => {
  it('carries the tenant domain, each session’s own deadlines and cookie, and runs', async () => {
    const app = createTestApp({
      createApi: createTenantApi,
      launchSandbox: sharedSandbox(() => sandbox),
    })
    const { json } = await must(app.call('getUserScenario', { userId: DEMO_USERS.alice.user_id }))
    const scenario = JSON.parse(json) as {
      tenant: { domain: string }
      state: { sessions: { id: string; expires_at?: string; idle_expires_at?: string }[] }
    }
    // The canonical domain, so that an id_token_hint issued by this tenant is recognised.
    expect(scenario.tenant.domain).toBe(sandbox.domain)
    const live = scenario.state.sessions
    expect(live.length).toBeGreaterThan(0)
    expect(live.every((s) => typeof s.expires_at === 'string')).toBe(true)
    for (const s of live) {
      const stored = sandbox.store.getSession(s.id)
      expect(s.expires_at).toBe(stored?.expires_at)
      expect(s.idle_expires_at).toBe(stored?.idle_expires_at)
    }
    // Which applications use each connection, as GET /connections/{id}/clients lists them.
    const withClients = (scenario as unknown as { connections: { clients?: string[] }[] })
      .connections
    expect(withClients.length).toBeGreaterThan(0)
    expect(withClients.every((c) => Array.isArray(c.clients))).toBe(true)
    const run = runScenario(scenario)
    expect(run.ok).toBe(true)
    await app.services.dispose()
  })
})
