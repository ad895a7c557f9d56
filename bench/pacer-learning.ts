import { startSandbox } from '../main/sandbox/server'
import { createManagementApi } from '../main/services/auth0/management-api'
import { createRatePacer } from '../main/services/auth0/rate-pacer'
import { drive } from './drive'

// pacer-learning: a tenant whose bucket size Auth0 does not document (5 burst, 40/s), read 200
// times (a user's sessions) with 4 at once. The console's own pacer starts at the slowest plan
// (2/s) and learns by probing; the baseline is a pacer told the bucket's exact numbers, in the
// same run. Targets: 0 × 429, and within 2× of the baseline's time.

const BUCKET = { burst: 5, perSecond: 40 }
const READS = 200
const CONCURRENCY = 4

async function run(pacer: 'learning' | 'exact') {
  const sandbox = await startSandbox({ seed: 'large', rateLimit: BUCKET })
  let status429 = 0
  const api = createManagementApi(
    {
      domain: sandbox.domain,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      plan: 'enterprise-production',
      insecureBaseUrl: sandbox.url,
    },
    {
      ...(pacer === 'exact' && { pacer: createRatePacer({ ...BUCKET, reserve: 1 }) }),
      fetch: async (input, init) => {
        const response = await fetch(input, init)
        if (response.status === 429) status429 += 1
        return response
      },
    },
  )
  const ids = sandbox.store.users.slice(0, READS).map((u) => u.user_id)
  let next = 0
  const seconds = await drive(ids.length, CONCURRENCY, () =>
    api.listUserSessions(ids[next++] as string),
  )
  const learned = api.rateLimit().perSecond
  await sandbox.close()
  return { seconds, status429, learned }
}

/** The measurement as one JSON line. */
export async function benchPacerLearning(): Promise<Record<string, unknown>> {
  const learning = await run('learning')
  const exact = await run('exact')
  return {
    bench: 'pacer-learning',
    bucket: `burst ${BUCKET.burst}, ${BUCKET.perSecond}/s (a size Auth0 does not document)`,
    reads: READS,
    concurrency: CONCURRENCY,
    seconds: Number(learning.seconds.toFixed(2)),
    status_429: learning.status429,
    learned_rps: Number(learning.learned.toFixed(1)),
    baseline: 'a pacer told the exact bucket',
    baseline_seconds: Number(exact.seconds.toFixed(2)),
    baseline_429: exact.status429,
    ratio: Number((learning.seconds / exact.seconds).toFixed(2)),
  }
}
