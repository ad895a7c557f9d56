import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ActivityEntry, JobView, LogoutReceipt } from '../../preload/contract'
import { createAppServices } from '../../main/app-services'
import {
  DEFAULT_CLIENT_SECRET,
  DEMO_USERS,
  startSandbox,
  type Sandbox,
  type SandboxRefreshToken,
  type SandboxSession,
} from '../../main/sandbox/server'
import { createActivityLog } from '../../main/services/activity/activity-log'
import {
  PREVIEW_TTL_MS,
  createLogoutService,
  type LogoutDeps,
  type LogoutService,
} from '../../main/services/logout/logout-service'
import { createTenantApi } from '../../main/tenant-backends'
import {
  createMemorySecretStore,
  createMemorySettings,
  createRecordingEvents,
} from '../helpers/memory-adapters'
import { must, sharedSandbox } from '../helpers/test-app'

// The whole logout flow with nothing of ours faked: the app services (tenants, users, logout, job
// runner, journal, verification, activity log) call the Sandbox tenant over real HTTP through the
// auth0 SDK, and write their journals, receipts and activity log to a temp data dir.

const { alice, bob } = DEMO_USERS
const ALICE = alice.user_id
const CHROME = alice.sessionIds[0]
const SAFARI = alice.sessionIds[1]
const FIREFOX = alice.sessionIds[2]
const DASHBOARD = alice.refreshTokenIds.dashboard
const MOBILE = alice.refreshTokenIds.mobile
/** Verification that gives up quickly, for the tests where it must give up. */
const QUICK_VERIFY = { attempts: 3, delayMs: 150 }

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' })
})
afterAll(() => sandbox.close())
beforeEach(() => sandbox.reset())

const dirs: string[] = []
const disposers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const dispose of disposers.splice(0)) await dispose()
})
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/**
 * The app's services on a fresh temp data dir, against the shared Sandbox. `logout` is the app's
 * own logout service unless `logoutDeps` asks for a clock or verification settings, which
 * createAppServices does not expose: then it is built with the same collaborators the app wires.
 */
function openApp(
  logoutDeps: Partial<Pick<LogoutDeps, 'now' | 'verify' | 'activity'>> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'sc-logout-it-')),
) {
  dirs.push(dataDir)
  const events = createRecordingEvents()
  const services = createAppServices({
    host: 'web',
    version: 'test',
    dataDir,
    settings: createMemorySettings(),
    secrets: createMemorySecretStore(),
    events,
    openExternal: async () => {},
    startupNotices: [],
    createApi: createTenantApi,
    launchSandbox: sharedSandbox(() => sandbox),
  })
  let logout: LogoutService = services.logout
  if (Object.keys(logoutDeps).length > 0) {
    logout = createLogoutService({
      dataDir,
      events,
      activity: logoutDeps.activity ?? createActivityLog({ file: join(dataDir, 'activity.jsonl') }),
      tenants: {
        active: () => services.tenants.active(),
        summary: (id) => services.tenants.summary(id),
        logoutApi: (id) => services.tenants.api(id),
      },
      readLayers: (userId) => services.users.layers(userId),
      ...(logoutDeps.now && { now: logoutDeps.now }),
      ...(logoutDeps.verify && { verify: logoutDeps.verify }),
    })
    const own = logout
    disposers.push(() => own.dispose())
  }
  disposers.push(() => services.dispose())

  /**
   * The job once verified, its receipt written and its activity entry appended: the first
   * `jobChanged` event carrying a receipt is the one emitted after all three.
   */
  const settled = async (jobId: string, timeoutMs = 30_000): Promise<JobView> => {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = events.emitted
        .filter((e) => e.name === 'jobChanged')
        .map((e) => e.payload as JobView)
        .find((v) => v.progress.id === jobId && v.receipt !== undefined)
      if (found) return found
      if (Date.now() > deadline) throw new Error(`job ${jobId} not settled in ${timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }

  const activityLines = (): ActivityEntry[] => {
    const file = join(dataDir, 'activity.jsonl')
    if (!existsSync(file)) return []
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as ActivityEntry)
  }

  return { services, logout, dataDir, settled, activityLines }
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}

const receiptOf = (job: JobView): LogoutReceipt => {
  if (job.receipt === undefined) throw new Error('no receipt')
  return job.receipt
}

/** A copy of one of the user's sessions under a new id, put straight into the Sandbox. */
function addSession(userId: string, template: string, id: string): string {
  const source = sandbox.store.getSession(template) as SandboxSession
  sandbox.store.putSession({ ...source, id, user_id: userId })
  return id
}

describe('targeted logout', () => {
  it('deletes one session: preview, start without confirmation, verified receipt, activity entry', async () => {
    const app = openApp()
    const previewed = await must(
      app.logout.preview(ALICE, { kind: 'delete-session', sessionId: CHROME }),
    )
    const { preview } = previewed
    expect(previewed.confirmText).toBeNull()
    expect(preview.global).toBe(false)
    expect(preview.counts).toEqual({ sessions: 1, refreshTokens: 0, requests: 1 })
    expect(preview.ends.sessions.map((s) => s.sessionId)).toEqual([CHROME])
    expect(preview.ends.refreshTokens).toEqual([])
    expect(preview.survives.sessions.map((s) => s.sessionId).sort()).toEqual(
      [FIREFOX, SAFARI].sort(),
    )
    // Delete ≠ revoke: the preview says the bound Dashboard token survives.
    expect(preview.survives.refreshTokens.map((t) => t.id)).toContain(`rt:${DASHBOARD}`)
    expect(preview.requests.map((r) => [r.kind, r.targetId])).toEqual([['delete-session', CHROME]])

    const reason = 'Laptop reported stolen (ticket SUP-4711)'
    const started = await must(app.logout.start(previewed.previewId, undefined, reason))
    expect(started.reason).toBe(reason)
    const job = await app.settled(started.progress.id)

    expect(job.progress.status).toBe('completed')
    expect(job.items.map((i) => i.status)).toEqual(['done'])
    const receipt = receiptOf(job)
    expect(receipt.counts).toEqual({ verified: 1, pending: 0, failed: 0 })
    expect(receipt.items[0]).toMatchObject({ result: 'done', verification: 'verified' })
    expect(receipt.remains.refreshTokens.map((t) => t.id)).toContain(`rt:${DASHBOARD}`)

    expect(sandbox.store.getSession(CHROME)).toBeUndefined()
    expect(sandbox.store.getSession(SAFARI)).toBeDefined()
    expect(sandbox.store.getRefreshToken(DASHBOARD)?.session_id).toBe(CHROME)

    // The receipt and the journal are real files; list() serves the same receipt.
    const jobsDir = join(app.dataDir, 'jobs', 'sandbox')
    const onDisk = JSON.parse(
      readFileSync(join(jobsDir, `${job.progress.id}.receipt.json`), 'utf8'),
    ) as LogoutReceipt
    expect(onDisk).toEqual(receipt)
    const listed = await must(app.logout.list())
    expect(listed.map((j) => j.receipt?.jobId)).toEqual([job.progress.id])

    const entries = app.activityLines()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      tenantId: 'sandbox',
      environment: 'sandbox',
      operatorReason: reason,
      jobId: job.progress.id,
      outcome: { status: 'completed', ended: 1, pending: 0, failed: 0 },
      targets: [{ kind: 'delete-session', id: CHROME }],
    })

    const files = filesUnder(app.dataDir)
    expect(files.length).toBeGreaterThanOrEqual(3)
    for (const file of files) {
      expect(readFileSync(file, 'utf8'), file).not.toContain(DEFAULT_CLIENT_SECRET)
    }
    expect(sandbox.clientSecret).toBe(DEFAULT_CLIENT_SECRET)
  })

  it('revokes a session and the refresh token bound to it', async () => {
    const app = openApp()
    const previewed = await must(
      app.logout.preview(ALICE, { kind: 'revoke-session', sessionId: CHROME }),
    )
    expect(previewed.preview.ends.refreshTokens.map((t) => t.tokenId)).toEqual([DASHBOARD])
    const started = await must(app.logout.start(previewed.previewId))
    const receipt = receiptOf(await app.settled(started.progress.id))
    expect(receipt.counts).toEqual({ verified: 1, pending: 0, failed: 0 })
    expect(sandbox.store.getSession(CHROME)).toBeUndefined()
    expect(sandbox.store.getRefreshToken(DASHBOARD)).toBeUndefined()
    expect(sandbox.store.getRefreshToken(MOBILE)).toBeDefined()
    expect(sandbox.store.getSession(SAFARI)).toBeDefined()
  })
})

/** Copies of one of the user's refresh tokens under new ids, put straight into the Sandbox. */
function addTokens(template: string, count: number): string[] {
  const source = sandbox.store.getRefreshToken(template) as SandboxRefreshToken
  return Array.from({ length: count }, (_, i) => {
    const id = `${template}-copy-${i}`
    sandbox.store.putRefreshToken({ ...source, id })
    return id
  })
}

describe('what survives, on the receipt', () => {
  /** A job of at least 8 token revokes on a slow tenant, paused while 4 are in flight. */
  async function pausedTokenJob(app: ReturnType<typeof openApp>) {
    const mobileApp = sandbox.store.getRefreshToken(MOBILE)?.client_id ?? ''
    addTokens(MOBILE, 7)
    sandbox.setFaults({ latencyMs: 400 })
    const previewed = await must(
      app.logout.preview(ALICE, { kind: 'revoke-app-tokens', clientId: mobileApp }),
    )
    const { survives } = previewed.preview
    // Revoking tokens ends no session: every one of Alice's sessions is still signed in after it.
    expect(survives.sessions.map((x) => x.sessionId).sort()).toEqual(
      [CHROME, SAFARI, FIREFOX].sort(),
    )
    const started = await must(app.logout.start(previewed.previewId))
    const paused = await must(app.logout.control(started.progress.id, 'pause'))
    expect(paused?.progress.status).toBe('paused')
    expect(paused?.progress.pending).toBeGreaterThan(0)
    sandbox.setFaults({})
    return { jobId: started.progress.id, survives, requests: previewed.preview.requests.length }
  }

  it('pause, then resume: the receipt still lists the sessions, tokens and IdP sessions that survive', async () => {
    const app = openApp()
    const { jobId, survives, requests } = await pausedTokenJob(app)
    expect(requests).toBeGreaterThanOrEqual(8)
    await must(app.logout.control(jobId, 'resume'))
    const receipt = receiptOf(await app.settled(jobId))
    expect(receipt.counts).toEqual({ verified: requests, pending: 0, failed: 0 })
    // Quitting waits for every receipt and entry being written: one of each, none failed.
    await app.services.dispose()
    const [job] = await must(app.logout.list())
    expect(job?.error).toBeUndefined()
    expect(app.activityLines()).toHaveLength(1)
    expect(receipt.remains).toEqual(survives)
  })

  it('quit mid-job, then resume in a new app: the journal kept what survives', async () => {
    const first = openApp()
    const { jobId, survives } = await pausedTokenJob(first)
    await first.services.dispose()
    const journal = readFileSync(
      join(first.dataDir, 'jobs', 'sandbox', `job-${jobId}.json`),
      'utf8',
    )
    expect(journal).toContain(SAFARI)

    const second = openApp({}, first.dataDir)
    const listed = await must(second.logout.list())
    expect(listed.map((j) => j.progress.id)).toContain(jobId)
    await must(second.logout.control(jobId, 'resume'))
    const receipt = receiptOf(await second.settled(jobId))
    expect(receipt.remains).toEqual(survives)
    const onDisk = JSON.parse(
      readFileSync(join(first.dataDir, 'jobs', 'sandbox', `${jobId}.receipt.json`), 'utf8'),
    ) as LogoutReceipt
    expect(onDisk.remains.sessions.map((x) => x.sessionId).sort()).toEqual(
      [CHROME, SAFARI, FIREFOX].sort(),
    )
  })
})

describe('an activity log that cannot be written', () => {
  it('the job still ends with its receipt; the failure is logged, the app goes on and quits cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-logout-log-'))
    dirs.push(dir)
    // The log's path is a folder: every append fails with a storage error.
    const app = openApp({ activity: createActivityLog({ file: dir }) })
    const previewed = await must(
      app.logout.preview(ALICE, { kind: 'delete-session', sessionId: FIREFOX }),
    )
    const started = await must(app.logout.start(previewed.previewId))
    const job = await app.settled(started.progress.id)
    expect(receiptOf(job).counts).toEqual({ verified: 1, pending: 0, failed: 0 })
    expect(job.error).toMatchObject({
      code: 'STORAGE',
      message: expect.stringContaining('activity-log entry could not be written') as unknown,
    })
    expect(sandbox.store.getSession(FIREFOX)).toBeUndefined()
    // Later work is unaffected.
    await must(app.logout.preview(ALICE, { kind: 'delete-session', sessionId: SAFARI }))
  })
})

describe('global logout', () => {
  it('needs the typed email: none or a wrong one is INVALID_INPUT, the right one completes', async () => {
    const app = openApp()
    const previewed = await must(app.logout.preview(bob.user_id, { kind: 'sign-out-everywhere' }))
    expect(previewed.preview.global).toBe(true)
    expect(previewed.confirmText).toBe(bob.email)

    for (const wrong of [undefined, '', 'alice@example.com', 'bob@example']) {
      const refused = await app.logout.start(previewed.previewId, wrong)
      expect(refused.ok ? null : refused.error.code, String(wrong)).toBe('INVALID_INPUT')
    }
    // Nothing was sent.
    expect(sandbox.store.listSessions(bob.user_id)).toHaveLength(2)
    expect((await must(app.logout.list())).length).toBe(0)

    const started = await must(app.logout.start(previewed.previewId, bob.email))
    const job = await app.settled(started.progress.id)
    expect(job.items.map((i) => [i.kind, i.status]).sort()).toEqual([
      ['delete-user-refresh-tokens', 'done'],
      ['delete-user-sessions', 'done'],
    ])
    expect(receiptOf(job).counts).toEqual({ verified: 2, pending: 0, failed: 0 })
    expect(sandbox.store.listSessions(bob.user_id)).toEqual([])
    expect(sandbox.store.listRefreshTokens(bob.user_id)).toEqual([])
    expect(sandbox.store.listSessions(ALICE)).toHaveLength(3)
  })
})

describe('the job sends exactly what was previewed', () => {
  it('a session created after the preview survives a targeted delete', async () => {
    const app = openApp()
    const previewed = await must(
      app.logout.preview(ALICE, { kind: 'delete-session', sessionId: CHROME }),
    )
    const added = addSession(ALICE, CHROME, 'alice-chrome-macos-later')
    const started = await must(app.logout.start(previewed.previewId))
    expect(started.items.map((i) => i.targetId)).toEqual([CHROME])
    const receipt = receiptOf(await app.settled(started.progress.id))
    expect(receipt.counts.verified).toBe(1)
    expect(sandbox.store.getSession(CHROME)).toBeUndefined()
    expect(sandbox.store.getSession(added)).toBeDefined()
  })

  it('a session matching the bulk filter but created after the plan survives', async () => {
    const app = openApp()
    const planned = await must(
      app.logout.planBulk({ kind: 'list', text: ALICE }, 'matching-sessions', {
        userAgent: 'Firefox',
      }),
    )
    expect(planned.preview.requests.map((r) => r.targetId)).toEqual([FIREFOX])
    const added = addSession(ALICE, FIREFOX, 'alice-firefox-windows-later')
    const started = await must(app.logout.start(planned.previewId, planned.confirmText ?? ''))
    await app.settled(started.progress.id)
    expect(sandbox.store.getSession(FIREFOX)).toBeUndefined()
    expect(sandbox.store.getSession(added)).toBeDefined()
    expect(sandbox.store.getSession(CHROME)).toBeDefined()
  })
})

describe('an expired preview', () => {
  it('is refused with CONFLICT and sends nothing', async () => {
    let clock = Date.now()
    const app = openApp({ now: () => new Date(clock) })
    const previewed = await must(
      app.logout.preview(ALICE, { kind: 'delete-session', sessionId: CHROME }),
    )
    clock += PREVIEW_TTL_MS + 1
    const refused = await app.logout.start(previewed.previewId)
    expect(refused.ok ? null : refused.error.code).toBe('CONFLICT')
    const again = await app.logout.start(previewed.previewId)
    expect(again.ok ? null : again.error.code).toBe('NOT_FOUND')
    expect(sandbox.store.getSession(CHROME)).toBeDefined()
    expect((await must(app.logout.list())).length).toBe(0)
  })
})

describe('faults', () => {
  /** Demo users with at least one session, past the well-known four. */
  const cohort = () =>
    sandbox.store.users
      .slice(4)
      .filter((u) => sandbox.store.listSessions(u.user_id).length > 0)
      .slice(0, 20)
      .map((u) => u.user_id)

  const planAll = async (app: ReturnType<typeof openApp>, users: string[]) => {
    const planned = await must(
      app.logout.planBulk({ kind: 'list', text: users.join('\n') }, 'all-sessions'),
    )
    expect(planned.confirmText).toBe(String(users.length))
    expect(planned.preview.requests).toHaveLength(users.length)
    return planned
  }

  it('a bulk logout completes through 503s and latency, every item retried to success', async () => {
    const app = openApp()
    const users = cohort()
    expect(users).toHaveLength(20)
    const planned = await planAll(app, users)
    sandbox.setFaults({ errorRate: 0.3, latencyMs: 20 })
    const started = await must(app.logout.start(planned.previewId, planned.confirmText ?? ''))
    const job = await app.settled(started.progress.id)
    sandbox.setFaults({})

    expect(job.progress.status).toBe('completed')
    expect(job.items.filter((i) => i.status === 'failed')).toEqual([])
    // Some items needed more than one attempt: the faults really hit the job.
    expect(job.items.some((i) => i.attempts > 1)).toBe(true)
    expect(receiptOf(job).counts).toEqual({ verified: 20, pending: 0, failed: 0 })
    for (const u of users) expect(sandbox.store.listSessions(u)).toEqual([])
  })

  it('a bulk logout completes through a short 429 storm', async () => {
    const app = openApp()
    const users = cohort()
    const planned = await planAll(app, users)
    const stormStart = Date.now()
    sandbox.setFaults({ rateLimitStorm: true })
    const calm = setTimeout(() => sandbox.setFaults({}), 1000)
    try {
      const started = await must(app.logout.start(planned.previewId, planned.confirmText ?? ''))
      const job = await app.settled(started.progress.id)
      // Every request during the storm got 429: nothing could end before it was over.
      expect(Date.now() - stormStart).toBeGreaterThanOrEqual(1000)
      expect(job.progress.status).toBe('completed')
      expect(job.items.filter((i) => i.status === 'failed')).toEqual([])
      expect(receiptOf(job).counts).toEqual({ verified: users.length, pending: 0, failed: 0 })
      for (const u of users) expect(sandbox.store.listSessions(u)).toEqual([])
    } finally {
      clearTimeout(calm)
      sandbox.setFaults({})
    }
  })
})

describe('eventual consistency', () => {
  it('verification polls until a delayed delete shows: the receipt still ends verified', async () => {
    const app = openApp()
    sandbox.setFaults({ consistencyDelayMs: 1500 })
    const previewed = await must(
      app.logout.preview(ALICE, { kind: 'revoke-session', sessionId: CHROME }),
    )
    const t0 = Date.now()
    const started = await must(app.logout.start(previewed.previewId))
    const job = await app.settled(started.progress.id)
    // The Sandbox showed the session for 1.5 s after the revoke: only a later poll saw it gone.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1500)
    expect(receiptOf(job).counts).toEqual({ verified: 1, pending: 0, failed: 0 })
    expect(app.activityLines()[0]?.outcome.status).toBe('completed')
  })

  it('a delete that shows later than verification looks is "pending", not success', async () => {
    const app = openApp({ verify: QUICK_VERIFY })
    sandbox.setFaults({ consistencyDelayMs: 20_000 })
    const previewed = await must(app.logout.preview(bob.user_id, { kind: 'sign-out-everywhere' }))
    const started = await must(app.logout.start(previewed.previewId, bob.email))
    const job = await app.settled(started.progress.id)
    expect(job.items.map((i) => i.status)).toEqual(['done', 'done'])
    const receipt = receiptOf(job)
    expect(receipt.counts).toEqual({ verified: 0, pending: 2, failed: 0 })
    expect(receipt.items.map((i) => i.verification)).toEqual(['pending', 'pending'])
    // Not "completed", and not "failed" either: every request was accepted, none is confirmed.
    expect(app.activityLines()[0]?.outcome).toEqual({
      status: 'partial',
      ended: 0,
      pending: 2,
      failed: 0,
    })
    // Auth0 (the Sandbox) did accept the deletes.
    expect(sandbox.store.listSessions(bob.user_id)).toEqual([])
  })
})

describe('a job whose every request fails', () => {
  it('ends failed, with a failed receipt and activity entry, after the retries', async () => {
    const app = openApp()
    const previewed = await must(
      app.logout.preview(ALICE, { kind: 'delete-session', sessionId: CHROME }),
    )
    sandbox.setFaults({ failPaths: ['DELETE /api/v2/sessions/*'] })
    const started = await must(app.logout.start(previewed.previewId))
    const job = await app.settled(started.progress.id)
    sandbox.setFaults({})
    expect(job.items.map((i) => [i.status, i.attempts, i.error?.code])).toEqual([
      ['failed', 3, 'REMOTE'],
    ])
    expect(receiptOf(job).counts).toEqual({ verified: 0, pending: 0, failed: 1 })
    expect(app.activityLines()[0]?.outcome.status).toBe('failed')
    expect(sandbox.store.getSession(CHROME)).toBeDefined()
  })
})

describe('a target already gone when the job runs', () => {
  it('404 on revoke counts as gone: verified receipt, job not failed', async () => {
    const app = openApp()
    const previewed = await must(
      app.logout.preview(ALICE, { kind: 'revoke-session', sessionId: CHROME }),
    )
    // Someone else revoked it (session and bound token) between the preview and the start.
    expect(sandbox.store.revokeSession(CHROME)).toEqual({ refreshTokensDeleted: 1 })
    const started = await must(app.logout.start(previewed.previewId))
    const job = await app.settled(started.progress.id)
    expect(job.progress.status).toBe('completed')
    expect(job.items.map((i) => i.status)).toEqual(['gone'])
    expect(receiptOf(job).counts).toEqual({ verified: 1, pending: 0, failed: 0 })
    expect(receiptOf(job).items[0]).toMatchObject({ result: 'gone', verification: 'verified' })
    expect(app.activityLines()[0]?.outcome.status).toBe('completed')
  })

  it('a session deleted (not revoked) meanwhile: gone, but its surviving bound token is reported pending', async () => {
    const app = openApp({ verify: QUICK_VERIFY })
    const previewed = await must(
      app.logout.preview(ALICE, { kind: 'revoke-session', sessionId: CHROME }),
    )
    sandbox.store.deleteSession(CHROME)
    const started = await must(app.logout.start(previewed.previewId))
    const job = await app.settled(started.progress.id)
    expect(job.items.map((i) => i.status)).toEqual(['gone'])
    // The 404 did not revoke the Dashboard token bound to the session: verification notices.
    expect(sandbox.store.getRefreshToken(DASHBOARD)).toBeDefined()
    expect(receiptOf(job).counts).toEqual({ verified: 0, pending: 1, failed: 0 })
  })
})
