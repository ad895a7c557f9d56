import { createJobRunner } from '../../main/services/logout/jobs/job-runner'
import { createLogoutExecutor, logoutItem } from '../../main/services/logout/jobs/logout-executor'
import { createManagementApi } from '../../main/services/auth0/management-api'
import { createRatePacer } from '../../main/services/auth0/rate-pacer'

// Child process of tests/integration/jobs-crash.test.ts: runs one logout job against the Sandbox
// started by the test, exactly as the app would, until the test kills it with SIGKILL.
//
// Input (env): CRASH_SANDBOX_URL, CRASH_SANDBOX_DOMAIN, CRASH_CLIENT_ID, CRASH_CLIENT_SECRET,
// CRASH_JOB_DIR, CRASH_USER_ID, CRASH_SESSION_IDS (comma-separated), CRASH_CONCURRENCY.
// Output (stdout): `job <id>` once the job is on disk, `finished` if it ever completes.

const env = (name: string): string => {
  const value = process.env[name]
  if (value === undefined || value === '') throw new Error(`${name} is not set`)
  return value
}

const unlimited = { burst: 100_000, perSecond: 100_000 }
const api = createManagementApi(
  {
    domain: env('CRASH_SANDBOX_DOMAIN'),
    clientId: env('CRASH_CLIENT_ID'),
    clientSecret: env('CRASH_CLIENT_SECRET'),
    plan: 'enterprise-production',
    insecureBaseUrl: env('CRASH_SANDBOX_URL'),
  },
  { pacer: createRatePacer(unlimited) },
)
const runner = createJobRunner({
  dir: env('CRASH_JOB_DIR'),
  execute: createLogoutExecutor(api),
  concurrency: Number(env('CRASH_CONCURRENCY')),
})
const userId = env('CRASH_USER_ID')
const items = env('CRASH_SESSION_IDS')
  .split(',')
  .map((sid) =>
    logoutItem({ kind: 'delete-session', targetId: sid, userId, label: `session ${sid}` }),
  )

const main = async (): Promise<void> => {
  await api.connect()
  const job = await runner.start({
    tenantId: 'sandbox',
    action: `Sign out ${items.length} sessions`,
    reason: 'crash test',
    items,
  })
  process.stdout.write(`job ${job.id}\n`)
  await runner.whenIdle(job.id)
  process.stdout.write('finished\n')
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
