import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type {
  AppError,
  AppErrorCode,
  Input,
  JobView,
  Method,
  TenantSummary,
} from '../../preload/contract'
import type { Faults } from '../../main/sandbox/faults'
import {
  DEMO_USERS,
  startSandbox,
  type Sandbox,
  type SandboxSession,
} from '../../main/sandbox/server'
import { createManagementApi } from '../../main/services/auth0/management-api'
import { applyEdits, newDraft } from '../../core/config/draft'
import { createTestApp, must, sharedSandbox } from '../helpers/test-app'

// Fault sweep (issue 8): every feature that talks to a tenant, against every fault the Sandbox can
// inject — 429 storms, 5xx, requests that never answer, malformed JSON, connection resets, the
// tenant gone. Each must end in a typed error with a readable sentence (no stack, no secret), and
// the same call must work again once the fault clears: a state the user can continue from.

const ALICE = DEMO_USERS.alice.user_id
const [CHROME, SAFARI, FIREFOX] = DEMO_USERS.alice.sessionIds

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo', rateLimit: { burst: 1000, perSecond: 1000 } })
})
afterAll(() => sandbox.close())
beforeEach(() => sandbox.reset())

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** The real services and invoker on a Sandbox (the shared one by default), with short timeouts. */
function openApp(tenant: () => Sandbox = () => sandbox, prefix = 'sc-faults-') {
  const dataDir = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(dataDir)
  const app = createTestApp({
    dataDir,
    createApi: (connection) =>
      createManagementApi(connection, {
        timeoutMs: 800,
        retry: { rateLimited: 1, transient: 1, baseDelayMs: 20, maxRateLimitWaitMs: 200 },
      }),
    launchSandbox: sharedSandbox(tenant),
  })
  return app
}

/** Each tenant-facing call of the contract, with a valid input for the demo data. */
const FEATURES: { [M in Method]?: Input<M> } = {
  testConnection: { id: 'sandbox' },
  getTenantSnapshot: { id: 'sandbox' },
  searchUsers: { query: 'alice' },
  getUserLayers: { userId: ALICE },
  getUserScenario: { userId: ALICE },
  previewLogout: { userId: ALICE, action: { kind: 'delete-session', sessionId: CHROME ?? '' } },
  planBulkLogout: { source: { kind: 'list', text: ALICE }, mode: 'all-sessions' },
  // Needs the draft saved by prepareConfigDraft; before pullConfig, which discards it.
  previewConfigPush: { tenantId: 'sandbox' },
  pullConfig: { tenantId: 'sandbox', discardDraft: true },
}

/** A pulled snapshot and a draft with one edit, so a push can be previewed. */
async function prepareConfigDraft(call: ReturnType<typeof openApp>['call']): Promise<void> {
  const ws = await must(call('pullConfig', { tenantId: 'sandbox', discardDraft: true }))
  if (!ws.snapshot) throw new Error('no snapshot')
  const draft = applyEdits(newDraft(ws.snapshot), [
    { resource: 'tenant', field: 'allowed_logout_urls', after: ['https://www.example.com/x'] },
  ])
  await must(call('saveConfigDraft', { tenantId: 'sandbox', draft }))
}

const FAULTS: { name: string; faults: Faults; codes: AppErrorCode[] }[] = [
  { name: '429 storm', faults: { rateLimitStorm: true }, codes: ['RATE_LIMITED'] },
  { name: '5xx burst', faults: { errorRate: 1 }, codes: ['REMOTE'] },
  { name: 'timeouts', faults: { timeoutRate: 1 }, codes: ['TIMEOUT'] },
  { name: 'malformed JSON', faults: { malformedRate: 1 }, codes: ['REMOTE'] },
  { name: 'connection resets', faults: { resetRate: 1 }, codes: ['NETWORK'] },
]

/** The failure a call ended in: its error, or for a connection test the failed test's error. */
function failureOf(
  method: Method,
  result: Awaited<ReturnType<ReturnType<typeof openApp>['call']>>,
): AppError | null {
  if (!result.ok) return result.error
  if (method === 'testConnection') {
    const summary = result.value as TenantSummary
    return summary.connection.state === 'failed' ? (summary.connection.error ?? null) : null
  }
  return null
}

/** What a person must be able to read: one short sentence, no stack, no secret. */
function expectReadable(message: string): void {
  expect(message.length).toBeGreaterThan(10)
  expect(message.length).toBeLessThan(500)
  expect(message).not.toMatch(/\n\s+at /)
  expect(message).not.toContain(sandbox.clientSecret)
  expect(message).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/) // a JWT (management token)
}

describe('fault sweep: every tenant-facing feature × every fault', () => {
  for (const fault of FAULTS) {
    it(`${fault.name}: typed error, readable message, works again once cleared`, async () => {
      const { call, services } = openApp()
      try {
        // Warm up: the token is fetched before the faults start, as in a running app.
        await must(call('testConnection', { id: 'sandbox' }))
        await prepareConfigDraft(call)
        sandbox.setFaults(fault.faults)
        for (const [method, input] of Object.entries(FEATURES) as [Method, never][]) {
          const error = failureOf(method, await call(method, input))
          expect(error, `${method} under ${fault.name}`).not.toBeNull()
          if (error === null) continue
          expect(fault.codes, `${method}: ${error.message}`).toContain(error.code)
          expectReadable(error.message)
        }
        sandbox.setFaults({})
        // Nothing was lost: the draft saved before the faults is still there.
        const ws = await must(call('getConfigWorkspace', { tenantId: 'sandbox' }))
        expect(ws.draft?.config.resources['tenant']?.fields['allowed_logout_urls']).toEqual([
          'https://www.example.com/x',
        ])
        for (const [method, input] of Object.entries(FEATURES) as [Method, never][]) {
          const error = failureOf(method, await call(method, input))
          expect(error, `${method} after ${fault.name} cleared`).toBeNull()
        }
      } finally {
        sandbox.setFaults({})
        await services.dispose()
      }
    })
  }

  it('the tenant gone entirely: NETWORK, local features still answer, works again when back', async () => {
    let tenant = await startSandbox({ seed: 'demo' })
    const { port, clientId, clientSecret } = tenant
    const { call, services } = openApp(() => tenant, 'sc-faults-gone-')
    try {
      await must(call('testConnection', { id: 'sandbox' }))
      await prepareConfigDraft(call)
      await tenant.close()
      for (const [method, input] of Object.entries(FEATURES) as [Method, never][]) {
        const error = failureOf(method, await call(method, input))
        expect(error, `${method} with the tenant gone`).not.toBeNull()
        if (error === null) continue
        expect(['NETWORK', 'TIMEOUT'], `${method}: ${error.message}`).toContain(error.code)
        expectReadable(error.message)
      }
      // Local features still answer.
      await must(call('listTenants', undefined))
      await must(call('listActivity', undefined))
      await must(call('listJobs', undefined))
      const offline = await must(call('getConfigWorkspace', { tenantId: 'sandbox' }))
      expect(offline.draft).not.toBeNull()
      tenant = await startSandbox({ seed: 'demo', port, clientId, clientSecret })
      for (const [method, input] of Object.entries(FEATURES) as [Method, never][]) {
        const error = failureOf(method, await call(method, input))
        expect(error, `${method} once the tenant is back`).toBeNull()
      }
    } finally {
      await services.dispose()
      await tenant.close()
    }
  })
})

describe('fault sweep: logout jobs', () => {
  /** Waits for the job to reach a state where nothing more happens on its own. */
  async function settle(
    call: ReturnType<typeof openApp>['call'],
    id: string,
    done: (v: JobView) => boolean,
  ): Promise<JobView> {
    const deadline = Date.now() + 20_000
    for (;;) {
      const jobs = await must(call('listJobs', undefined))
      const job = jobs.find((j) => j.progress.id === id)
      if (job !== undefined && done(job)) return job
      if (Date.now() > deadline) throw new Error(`job ${id} did not settle: ${JSON.stringify(job)}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  it('a 5xx on one session mid-job: that item fails readably, the rest end, a retry finishes it, nothing is sent twice', async () => {
    const { call, services } = openApp()
    try {
      const sessions = [CHROME, SAFARI, FIREFOX] as string[]
      sandbox.setFaults({ failPaths: [`DELETE /api/v2/sessions/${SAFARI}`] })
      const views: JobView[] = []
      for (const sessionId of sessions) {
        const preview = await must(
          call('previewLogout', { userId: ALICE, action: { kind: 'delete-session', sessionId } }),
        )
        views.push(await must(call('startLogout', { previewId: preview.previewId })))
      }
      const failedJob = views[1] as JobView
      const settled = await settle(call, failedJob.progress.id, (v) => v.receipt !== undefined)
      expect(settled.progress.failed).toBe(1)
      const item = settled.items.find((i) => i.status === 'failed')
      expect(item?.error?.message).toBeDefined()
      expectReadable(item?.error?.message ?? '')
      for (const other of [views[0], views[2]] as JobView[]) {
        const v = await settle(call, other.progress.id, (j) => j.receipt !== undefined)
        expect(v.progress.failed).toBe(0)
        // Nothing done twice: a request that succeeded is never sent again.
        expect(v.items.map((i) => i.attempts)).toEqual([1])
      }
      expect(sandbox.store.getSession(CHROME ?? '')).toBeUndefined()
      expect(sandbox.store.getSession(SAFARI ?? '')).toBeDefined()

      sandbox.setFaults({})
      await must(call('controlJob', { id: failedJob.progress.id, command: 'retry-failed' }))
      const retried = await settle(
        call,
        failedJob.progress.id,
        (v) =>
          v.progress.status === 'completed' &&
          v.progress.failed === 0 &&
          v.progress.done + v.progress.gone === v.progress.total &&
          v.receipt !== undefined,
      )
      // The failing delete was retried (deletes are idempotent); the retry sent it once more.
      expect(retried.items[0]?.attempts).toBeGreaterThan(settled.items[0]?.attempts ?? 0)
      expect(retried.progress.failed).toBe(0)
      expect(sandbox.store.getSession(SAFARI ?? '')).toBeUndefined()
    } finally {
      sandbox.setFaults({})
      await services.dispose()
    }
  })
  it('the tenant killed mid-job: nothing lost, nothing sent twice, the retry finishes once it is back', async () => {
    let tenant = await startSandbox({ seed: 'demo', rateLimit: { burst: 1000, perSecond: 1000 } })
    const { port, clientId, clientSecret } = tenant
    const { call, services } = openApp(() => tenant, 'sc-faults-killed-')
    try {
      // 60 of alice's sessions, each its own DELETE, slow enough to be cut off part-way.
      const template = tenant.store.listSessions(ALICE)[0] as SandboxSession
      const ids = Array.from({ length: 60 }, (_, i) => `killed-${i}`)
      for (const id of ids) tenant.store.putSession({ ...template, id })
      const sent = new Map<string, number>()
      const countDeletes = (t: Sandbox) => {
        const original = t.store.deleteSession.bind(t.store)
        t.store.deleteSession = (id) => {
          sent.set(id, (sent.get(id) ?? 0) + 1)
          return original(id)
        }
      }
      countDeletes(tenant)
      const plan = await must(
        call('planBulkLogout', {
          source: { kind: 'list', text: ALICE },
          mode: 'matching-sessions',
          filter: { userAgent: template.device?.last_user_agent?.slice(0, 20) ?? 'Mozilla' },
        }),
      )
      const job = await must(
        call('startLogout', { previewId: plan.previewId, confirmation: plan.confirmText ?? '' }),
      )
      tenant.setFaults({ latencyMs: 40 })
      const id = job.progress.id
      await settle(call, id, (v) => v.progress.done + v.progress.gone >= 5)
      await tenant.close() // killed mid-job
      const cut = await settle(
        call,
        id,
        (v) => v.progress.status !== 'running' || v.receipt !== undefined,
      )
      const doneBefore = new Set(
        cut.items.filter((i) => i.status === 'done' || i.status === 'gone').map((i) => i.key),
      )
      expect(doneBefore.size).toBeGreaterThanOrEqual(5)
      expect(doneBefore.size).toBeLessThan(cut.progress.total)
      // Paused with the reason, nothing failed or lost: every item is done or still to do.
      expect(cut.progress.status).toBe('paused')
      expect(cut.progress.failed).toBe(0)
      expect(cut.items).toHaveLength(cut.progress.total)
      expect(cut.error?.code).toBe('NETWORK')
      expectReadable(cut.error?.message ?? '')

      tenant = await startSandbox({ seed: 'demo', port, clientId, clientSecret })
      countDeletes(tenant)
      await must(call('controlJob', { id, command: 'resume' }))
      const finished = await settle(
        call,
        id,
        (v) =>
          v.progress.status === 'completed' &&
          v.progress.done + v.progress.gone === v.progress.total &&
          v.receipt !== undefined,
      )
      // Nothing sent twice: an item that ended before the kill was never sent again.
      for (const item of finished.items) {
        if (doneBefore.has(item.key)) expect(item.attempts, item.key).toBe(1)
      }
      for (const [sid, n] of sent) expect(n, sid).toBeLessThanOrEqual(2)
    } finally {
      await services.dispose()
      await tenant.close()
    }
  })
})
