import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  DEMO_USERS,
  startSandbox,
  type Sandbox,
  type SandboxRefreshToken,
  type SandboxSession,
} from '../../main/sandbox/server'
import { createJobRunner, type JobRunner } from '../../main/services/logout/jobs/job-runner'
import type { LogoutRequest, JobRecord } from '../../main/services/logout/jobs/job-types'
import { createLogoutExecutor, logoutItem } from '../../main/services/logout/jobs/logout-executor'
import { verifyGone } from '../../main/services/logout/jobs/verify'
import { createManagementApi, type ManagementApi } from '../../main/services/auth0/management-api'
import { createRatePacer } from '../../main/services/auth0/rate-pacer'

// The job engine with real parts only: the Management API client (auth0 SDK + pacer) against the
// Sandbox tenant over HTTP on 127.0.0.1, a journal on disk, and for the crash a second Node process
// killed with SIGKILL in the middle of a job.

const UNLIMITED = { burst: 100_000, perSecond: 100_000 }
const ALICE = DEMO_USERS.alice.user_id

const dirs: string[] = []
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sc-jobs-it-'))
  dirs.push(d)
  return d
}
afterAll(() => {
  for (const d of dirs.splice(0)) {
    rmSync(d, { recursive: true, force: true, maxRetries: 10, retryDelay: 20 })
  }
})

const urlOf = (input: string | URL | Request): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url

/** The real client, with a fetch that counts the HTTP statuses of /api/v2 answers. */
const apiFor = (
  sandbox: Sandbox,
  clientId = sandbox.clientId,
  clientSecret = sandbox.clientSecret,
) => {
  const statuses: number[] = []
  const counting: typeof fetch = async (input, init) => {
    const response = await fetch(input, init)
    if (urlOf(input).includes('/api/v2/')) statuses.push(response.status)
    return response
  }
  const api = createManagementApi(
    {
      domain: sandbox.domain,
      clientId,
      clientSecret,
      plan: 'enterprise-production',
      insecureBaseUrl: sandbox.url,
    },
    { fetch: counting, pacer: createRatePacer(UNLIMITED) },
  )
  return { api, statuses }
}

/** Adds `count` copies of one of alice's sessions with ids `<prefix>-<i>`. */
const addSessions = (sandbox: Sandbox, prefix: string, count: number): string[] => {
  const template = sandbox.store.listSessions(ALICE)[0] as SandboxSession
  return Array.from({ length: count }, (_, i) => {
    const id = `${prefix}-${i}`
    sandbox.store.putSession({ ...template, id })
    return id
  })
}

/** Counts `store.deleteSession` calls per id (every DELETE /sessions/{id} the Sandbox handles). */
const countDeletes = (sandbox: Sandbox) => {
  const requests = new Map<string, number>()
  const applied = new Map<string, number>()
  const store = sandbox.store
  const original = store.deleteSession.bind(store)
  store.deleteSession = (id) => {
    requests.set(id, (requests.get(id) ?? 0) + 1)
    const deleted = original(id)
    if (deleted) applied.set(id, (applied.get(id) ?? 0) + 1)
    return deleted
  }
  return { requests, applied, total: () => [...requests.values()].reduce((a, b) => a + b, 0) }
}

const sessionItems = (ids: string[]): LogoutRequest[] =>
  ids.map((sid) =>
    logoutItem({ kind: 'delete-session', targetId: sid, userId: ALICE, label: `session ${sid}` }),
  )

const statusCounts = (record: JobRecord): Record<string, number> => {
  const counts: Record<string, number> = {}
  for (const state of Object.values(record.states)) {
    counts[state.status] = (counts[state.status] ?? 0) + 1
  }
  return counts
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('a logout job killed with SIGKILL midway', () => {
  const TOTAL = 300
  const CONCURRENCY = 4
  let sandbox: Sandbox

  beforeAll(async () => {
    sandbox = await startSandbox({ rateLimit: UNLIMITED })
  })
  afterAll(async () => {
    await sandbox.close()
  })

  it('resumes after recover(): every item done or gone, none lost, none applied twice', async () => {
    const dir = tempDir()
    const ids = addSessions(sandbox, 'crash', TOTAL)
    const deletes = countDeletes(sandbox)
    // Latency on the Management API only: the job takes seconds and is in full flight when killed.
    sandbox.setFaults({ latencyMs: 25, paths: ['/api/v2/*'] })

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/helpers/jobs-crash-child.ts'],
      {
        cwd: process.cwd(),
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          CRASH_SANDBOX_URL: sandbox.url,
          CRASH_SANDBOX_DOMAIN: sandbox.domain,
          CRASH_CLIENT_ID: sandbox.clientId,
          CRASH_CLIENT_SECRET: sandbox.clientSecret,
          CRASH_JOB_DIR: dir,
          CRASH_USER_ID: ALICE,
          CRASH_SESSION_IDS: ids.join(','),
          CRASH_CONCURRENCY: String(CONCURRENCY),
        },
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    )

    // Kill it once about a third of the deletes reached the Sandbox.
    const deadline = Date.now() + 20_000
    while (deletes.total() < TOTAL / 3 && child.exitCode === null && Date.now() < deadline) {
      await delay(2)
    }
    expect(child.exitCode, `child ended on its own: ${stderr}`).toBeNull()
    child.kill('SIGKILL')
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' })
    expect(stdout).not.toContain('finished')
    const jobId = /job (\S+)/.exec(stdout)?.[1] as string
    expect(jobId).toBeDefined()
    // Requests already inside the Sandbox's latency wait are handled (or dropped) by now.
    await delay(200)
    const requestsAtCrash = new Map(deletes.requests)

    // The journal as the crash left it (read before recover() rewrites it).
    const file = join(dir, `job-${jobId}.json`)
    const atCrash = (JSON.parse(readFileSync(file, 'utf8')) as { job: JobRecord }).job
    const crashCounts = statusCounts(atCrash)
    expect(crashCounts['done']).toBeGreaterThan(0)
    expect(crashCounts['pending']).toBeGreaterThan(0)
    expect(crashCounts['running'] ?? 0).toBeLessThanOrEqual(CONCURRENCY)
    // Write-ahead: nothing reached the Sandbox that the journal did not record as started.
    for (const item of atCrash.items) {
      const status = atCrash.states[item.key]?.status
      if ((requestsAtCrash.get(item.targetId) ?? 0) > 0) expect(status).not.toBe('pending')
      if (status === 'done') expect(requestsAtCrash.get(item.targetId)).toBe(1)
    }

    // The app starts again.
    sandbox.setFaults({})
    const { api } = apiFor(sandbox)
    const runner = createJobRunner({ dir, execute: createLogoutExecutor(api), concurrency: 8 })
    const interrupted = runner.recover()
    expect(interrupted.map((job) => job.id)).toEqual([jobId])
    expect(interrupted[0]?.status).toBe('interrupted')
    expect(statusCounts(interrupted[0] as JobRecord)['running']).toBeUndefined()
    await runner.resume(jobId)
    const finished = await runner.whenIdle(jobId)

    expect(finished.status).toBe('completed')
    const counts = statusCounts(finished)
    expect((counts['done'] ?? 0) + (counts['gone'] ?? 0)).toBe(TOTAL)
    // None lost: every session is gone from the tenant.
    expect(ids.filter((sid) => sandbox.store.getSession(sid) !== undefined)).toEqual([])
    // None applied twice, and no item re-sent except the few in flight at the crash.
    for (const sid of ids) expect(deletes.applied.get(sid)).toBe(1)
    const inDoubt = atCrash.items.filter((i) => atCrash.states[i.key]?.status === 'running')
    for (const item of atCrash.items) {
      const sent = deletes.requests.get(item.targetId) ?? 0
      if (atCrash.states[item.key]?.status === 'running') expect(sent).toBeLessThanOrEqual(2)
      else expect(sent, item.targetId).toBe(1)
    }
    expect(deletes.total()).toBeLessThanOrEqual(TOTAL + inDoubt.length)
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  }, 60_000)
})

describe('logout jobs against a faulty Sandbox', () => {
  let sandbox: Sandbox
  let runner: JobRunner

  beforeAll(async () => {
    sandbox = await startSandbox({ rateLimit: UNLIMITED })
  })
  afterEach(() => sandbox.setFaults({}))
  afterAll(async () => {
    await sandbox.close()
  })

  it('completes despite 20% of requests failing with 503, by retrying', async () => {
    const ids = addSessions(sandbox, 'flaky', 120)
    const { api, statuses } = apiFor(sandbox)
    await api.connect()
    runner = createJobRunner({
      dir: tempDir(),
      execute: createLogoutExecutor(api),
      concurrency: 6,
      // 0.2^8: a failed item would take eight 503s in a row.
      retry: { attempts: 8, baseDelayMs: 10 },
    })
    sandbox.setFaults({ errorRate: 0.2, latencyMs: 15, paths: ['/api/v2/*'] })
    const { id } = await runner.start({
      tenantId: 'sandbox',
      action: 'flaky',
      items: sessionItems(ids),
    })
    const record = await runner.whenIdle(id)
    expect(record.status).toBe('completed')
    expect(statusCounts(record)).toEqual({ done: 120 })
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(5)
    const retried = Object.values(record.states).filter((s) => s.attempts > 1)
    expect(retried.length).toBeGreaterThan(5)
    expect(ids.filter((sid) => sandbox.store.getSession(sid) !== undefined)).toEqual([])
  })

  it('waits out a 429 storm without failing an item', async () => {
    const ids = addSessions(sandbox, 'storm', 40)
    const { api, statuses } = apiFor(sandbox)
    await api.connect()
    runner = createJobRunner({ dir: tempDir(), execute: createLogoutExecutor(api) })
    sandbox.setFaults({ rateLimitStorm: true, paths: ['/api/v2/*'] })
    const started = Date.now()
    const calm = delay(1200).then(() => sandbox.setFaults({}))
    const { id } = await runner.start({
      tenantId: 'sandbox',
      action: 'storm',
      items: sessionItems(ids),
    })
    const record = await runner.whenIdle(id)
    await calm
    expect(Date.now() - started).toBeGreaterThanOrEqual(1200)
    expect(statusCounts(record)).toEqual({ done: 40 })
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0)
    expect(ids.filter((sid) => sandbox.store.getSession(sid) !== undefined)).toEqual([])
  })
})

describe('verifyGone against the Sandbox', () => {
  let sandbox: Sandbox
  let api: ManagementApi

  beforeAll(async () => {
    sandbox = await startSandbox({
      rateLimit: UNLIMITED,
      // Verification right after the job; polling through the delay is in logout-flow.test.ts.
      consistencyDelayMs: 0,
      extraClients: [
        { clientId: 'no-read-m2m', clientSecret: 'no-read-secret', scopes: ['read:users'] },
      ],
    })
    api = apiFor(sandbox).api
  })
  afterAll(async () => {
    await sandbox.close()
  })

  const { bob, carol } = DEMO_USERS

  it('verifies every kind of item after a real job', async () => {
    const [sid] = addSessions(sandbox, 'verify-del', 1)
    const tokenTemplate = sandbox.store.listRefreshTokens(ALICE)[0] as SandboxRefreshToken
    const [revoked] = addSessions(sandbox, 'verify-revoke', 1)
    sandbox.store.putRefreshToken({
      ...tokenTemplate,
      id: 'verify-rt-bound',
      session_id: revoked as string,
    })
    sandbox.store.putRefreshToken({ ...tokenTemplate, id: 'verify-rt', session_id: null })
    const items = [
      logoutItem({ kind: 'delete-session', targetId: sid as string, userId: ALICE, label: 'a' }),
      logoutItem({
        kind: 'revoke-session',
        targetId: revoked as string,
        userId: ALICE,
        label: 'b',
      }),
      logoutItem({
        kind: 'delete-refresh-token',
        targetId: 'verify-rt',
        userId: ALICE,
        label: 'c',
      }),
      logoutItem({
        kind: 'delete-user-sessions',
        targetId: carol.user_id,
        userId: carol.user_id,
        label: 'd',
      }),
      logoutItem({
        kind: 'delete-user-refresh-tokens',
        targetId: bob.user_id,
        userId: bob.user_id,
        label: 'e',
      }),
    ]
    expect(sandbox.store.listSessions(carol.user_id).length).toBeGreaterThan(0)
    expect(sandbox.store.listRefreshTokens(bob.user_id).length).toBeGreaterThan(0)
    const before = await verifyGone(api, items, { attempts: 1, delayMs: 0 })
    expect(Object.values(before)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending'])

    const runner = createJobRunner({ dir: tempDir(), execute: createLogoutExecutor(api) })
    const { id } = await runner.start({ tenantId: 'sandbox', action: 'verify', items })
    expect(statusCounts(await runner.whenIdle(id))).toEqual({ done: 5 })
    const after = await verifyGone(api, items, { attempts: 3, delayMs: 20 })
    expect(after).toEqual(Object.fromEntries(items.map((i) => [i.key, 'verified'])))
    expect(sandbox.store.getRefreshToken('verify-rt-bound')).toBeUndefined()
  })

  it('polls until a delete applied late shows, and reports what never went as pending', async () => {
    const [late, stays] = addSessions(sandbox, 'verify-late', 2) as [string, string]
    setTimeout(() => sandbox.store.deleteSession(late), 120)
    const items = [late, stays].map((sid) =>
      logoutItem({ kind: 'delete-session', targetId: sid, userId: ALICE, label: sid }),
    )
    const result = await verifyGone(api, items, { attempts: 6, delayMs: 50 })
    expect(result).toEqual({
      [`delete-session:${late}`]: 'verified',
      [`delete-session:${stays}`]: 'pending',
    })
  })

  it('answers failed when the client may not read sessions (403)', async () => {
    const blind = apiFor(sandbox, 'no-read-m2m', 'no-read-secret').api
    const [sid] = addSessions(sandbox, 'verify-forbidden', 1)
    const item = logoutItem({
      kind: 'delete-session',
      targetId: sid as string,
      userId: ALICE,
      label: 'x',
    })
    expect(await verifyGone(blind, [item], { attempts: 3, delayMs: 10 })).toEqual({
      [item.key]: 'failed',
    })
  })
})
