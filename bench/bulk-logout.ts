import { ManagementClient } from 'auth0'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSandbox, type Sandbox, type SandboxSession } from '../main/sandbox/server'
import { createJobRunner } from '../main/services/logout/jobs/job-runner'
import { writeFileAtomic, type AtomicWrite } from '../main/services/atomic-write'
import { createLogoutExecutor, logoutItem } from '../main/services/logout/jobs/logout-executor'
import { createManagementApi } from '../main/services/auth0/management-api'
import { createRatePacer } from '../main/services/auth0/rate-pacer'

// Bulk logout: 2,000 sessions spread over 500 users, picked by a session filter (the device's
// user agent), signed out as one job: the job runner (journal on disk, retries) + the real
// Management API client (auth0 SDK + pacer) against the Sandbox with a fixed token bucket.
//
// efficiency = ((requests - burst) / perSecond) / elapsed: 1.0 means the job sent exactly as fast
// as the tenant's rate limit allows. Baseline, same run, same Sandbox: a plain sequential loop
// over the official SDK (its own 429 handling) deleting another 2,000 sessions of the same users.

const RATE = { burst: 50, perSecond: 100 }
const USERS = 500
const PER_USER = 4
const FIRST_USER = 1000 // past the Sandbox's well-known demo users, in the `large` seed
const CONCURRENCY = 8 // 4 (the default) also reaches the limit here; 8 leaves room for slower disks
const JOB_AGENT = 'BulkLogout/1.0 (job)'
const BASELINE_AGENT = 'BulkLogout/1.0 (baseline)'

const urlOf = (input: string | URL | Request): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url

const round = (n: number, digits = 2): number => Number(n.toFixed(digits))

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A fetch that counts the /api/v2 requests it sends and the 429s it gets back. */
const countingFetch = (rewrite?: (url: string) => string) => {
  const counts = { requests: 0, status429: 0 }
  const fetcher: typeof fetch = async (input, init) => {
    const url = urlOf(input)
    const target = rewrite === undefined ? url : rewrite(url)
    const isApi = url.includes('/api/v2/')
    if (isApi) counts.requests += 1
    const response =
      target === url
        ? await fetch(input, init)
        : input instanceof Request
          ? await fetch(new Request(target, input), init)
          : await fetch(target, init)
    if (isApi && response.status === 429) counts.status429 += 1
    return response
  }
  return { fetcher, counts }
}

/** Every user gets 4 sessions for the job and 4 for the baseline, beside the ones it had. */
const seedSessions = (sandbox: Sandbox): void => {
  const users = sandbox.store.users.slice(FIRST_USER, FIRST_USER + USERS)
  const template = sandbox.store.listSessions(sandbox.store.users[0]?.user_id ?? '')[0]
  if (template === undefined) throw new Error('the Sandbox has no session to copy')
  users.forEach((user, u) => {
    for (let k = 0; k < PER_USER * 2; k++) {
      const agent = k < PER_USER ? JOB_AGENT : BASELINE_AGENT
      const session: SandboxSession = {
        ...template,
        id: `bulk-${u}-${k}`,
        user_id: user.user_id,
        device: { ...template.device, initial_user_agent: agent, last_user_agent: agent },
        clients: [...template.clients],
      }
      sandbox.store.putSession(session)
    }
  })
}

/** The session filter an operator would use: every session last seen with this user agent. */
const sessionsByAgent = (sandbox: Sandbox, agent: string): SandboxSession[] =>
  sandbox.store.users
    .slice(FIRST_USER, FIRST_USER + USERS)
    .flatMap((user) =>
      sandbox.store.listSessions(user.user_id).filter((s) => s.device.last_user_agent === agent),
    )

/** Counts the Sandbox's DELETE /sessions/{id} handling per session id. */
const countDeletes = (sandbox: Sandbox): Map<string, number> => {
  const counts = new Map<string, number>()
  const store = sandbox.store
  const original = store.deleteSession.bind(store)
  store.deleteSession = (id) => {
    counts.set(id, (counts.get(id) ?? 0) + 1)
    return original(id)
  }
  return counts
}

/** Runs the bulk-logout job and the SDK baseline; answers one JSON-able line. */
export async function benchBulkLogout(
  options: { concurrency?: number } = {},
): Promise<Record<string, unknown>> {
  const concurrency = options.concurrency ?? CONCURRENCY
  const sandbox = await startSandbox({ seed: 'large', rateLimit: RATE })
  const dir = mkdtempSync(join(tmpdir(), 'sc-bench-jobs-'))
  try {
    seedSessions(sandbox)
    const jobSessions = sessionsByAgent(sandbox, JOB_AGENT)
    const baselineSessions = sessionsByAgent(sandbox, BASELINE_AGENT)
    const serverDeletes = countDeletes(sandbox)

    // 1. The job: runner + real client, paced for burst 50 / 100 per second.
    const wire = countingFetch()
    const api = createManagementApi(
      {
        domain: sandbox.domain,
        clientId: sandbox.clientId,
        clientSecret: sandbox.clientSecret,
        plan: 'enterprise-production',
        insecureBaseUrl: sandbox.url,
      },
      { fetch: wire.fetcher, pacer: createRatePacer(RATE) },
    )
    await api.connect() // the token endpoint is not rate limited; keep it out of the timing
    let journalWrites = 0
    const countingWrite: AtomicWrite = async (file, data) => {
      journalWrites += 1
      await writeFileAtomic(file, data)
    }
    const runner = createJobRunner({
      dir,
      execute: createLogoutExecutor(api),
      concurrency,
      writeAtomic: countingWrite,
    })
    const items = jobSessions.map((s) =>
      logoutItem({
        kind: 'delete-session',
        targetId: s.id,
        userId: s.user_id,
        label: `${JOB_AGENT} session of ${s.user_id}`,
      }),
    )
    const started = performance.now()
    const { id } = await runner.start({
      tenantId: 'sandbox',
      action: `Sign out ${items.length} sessions of ${USERS} users`,
      reason: 'bench',
      items,
    })
    const record = await runner.whenIdle(id)
    const elapsed = (performance.now() - started) / 1000
    const states = Object.values(record.states)
    const jobIds = new Set(jobSessions.map((s) => s.id))
    const lost = jobSessions.filter((s) => sandbox.store.getSession(s.id) !== undefined).length
    const repeated = [...serverDeletes].filter(([sid, n]) => jobIds.has(sid) && n > 1).length
    const requests = wire.counts.requests

    // 2. Baseline: the official SDK, one delete after another, on a refilled bucket.
    await delay((RATE.burst / RATE.perSecond) * 1000 + 500)
    const sdkWire = countingFetch((url) => url.replace(`https://${sandbox.domain}`, sandbox.url))
    const sdk = new ManagementClient({
      domain: sandbox.domain,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      fetch: sdkWire.fetcher,
    })
    let baselineFailed = 0
    const baselineStarted = performance.now()
    for (const session of baselineSessions) {
      try {
        await sdk.sessions.delete(session.id)
      } catch {
        baselineFailed += 1
      }
    }
    const baselineElapsed = (performance.now() - baselineStarted) / 1000
    const baselineLost = baselineSessions.filter(
      (s) => sandbox.store.getSession(s.id) !== undefined,
    ).length

    return {
      bench: 'bulk-logout',
      sessions: jobSessions.length,
      users: USERS,
      rate_limit: `burst ${RATE.burst}, ${RATE.perSecond}/s`,
      concurrency,
      requests,
      elapsed_s: round(elapsed),
      efficiency: round((requests - RATE.burst) / RATE.perSecond / elapsed, 3),
      lost,
      repeated,
      extra_requests: requests - jobSessions.length,
      responses_429: wire.counts.status429,
      failed: states.filter((s) => s.status === 'failed').length,
      journal_writes: journalWrites,
      baseline: 'sequential auth0 SDK ManagementClient.sessions.delete',
      baseline_requests: sdkWire.counts.requests,
      baseline_elapsed_s: round(baselineElapsed),
      baseline_efficiency: round(
        (sdkWire.counts.requests - RATE.burst) / RATE.perSecond / baselineElapsed,
        3,
      ),
      baseline_responses_429: sdkWire.counts.status429,
      baseline_failed: baselineFailed,
      baseline_lost: baselineLost,
    }
  } finally {
    await sandbox.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
