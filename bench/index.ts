import { ManagementClient } from 'auth0'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DEMO_USERS, startSandbox, type Sandbox } from '../main/sandbox/server'
import { createManagementApi } from '../main/services/auth0/management-api'
import { createRatePacer } from '../main/services/auth0/rate-pacer'
import { benchBulkLogout } from './bulk-logout'
import { drive } from './drive'
import { benchConfigDiff } from './config-diff'
import { benchPacerLearning } from './pacer-learning'
import { benchPostureReport } from './posture-report'
import { benchSessionLayers } from './session-layers'

// `npm run bench`: JSON lines only, one per measurement, on stdout. Everything runs on 127.0.0.1.
//
// 1. sandbox-throughput: the real Management API client (auth0 SDK + pacer + error mapping) against
//    the Sandbox with rate limiting out of the way, next to baselines measured in the same run: raw
//    fetch against the same Sandbox endpoint (cost of our client + SDK), the bare SDK (cost of the
//    SDK alone), and raw fetch against a node:http server answering the same JSON (cost of the
//    Sandbox itself).
// 2. pacer: the client against a Sandbox with a fixed token bucket; the pacer must keep 429s at 0
//    while sustaining >= 95% of the configured rate. `pacer-off` is the same load with a pacer that
//    believes the plan is far bigger than it is, to show what pacing prevents.

const THROUGHPUT_REQUESTS = 2000
const ROUNDS = 3
const CONCURRENCY = 16
const PACED = { burst: 10, perSecond: 20 }
const PACED_REQUESTS = 110 // 9 from the burst (one token kept in reserve), then ~5 s of pacing
const USER = DEMO_USERS.alice.user_id

const urlOf = (input: string | URL | Request): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url

const emit = (line: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

const round = (n: number, digits = 1): number => Number(n.toFixed(digits))

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

const tokenFor = async (sandbox: Sandbox): Promise<string> => {
  const response = await fetch(`${sandbox.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: sandbox.clientId,
      client_secret: sandbox.clientSecret,
      audience: `https://${sandbox.domain}/api/v2/`,
    }),
  })
  const body = (await response.json()) as { access_token: string }
  return body.access_token
}

const connectionTo = (sandbox: Sandbox) => ({
  domain: sandbox.domain,
  clientId: sandbox.clientId,
  clientSecret: sandbox.clientSecret,
  plan: 'enterprise-production' as const,
  insecureBaseUrl: sandbox.url,
})

const benchThroughput = async (): Promise<void> => {
  const unlimited = { burst: 1_000_000_000, perSecond: 1_000_000_000 }
  const sandbox = await startSandbox({ rateLimit: unlimited })
  const bare = createServer()
  try {
    const api = createManagementApi(connectionTo(sandbox), { pacer: createRatePacer(unlimited) })
    await api.connect()
    const token = await tokenFor(sandbox)
    const userUrl = `${sandbox.url}/api/v2/users/${encodeURIComponent(USER)}`
    // The SDK alone: static token, https→http rewrite, no pacer, no checks, no error mapping.
    const sdk = new ManagementClient({
      domain: sandbox.domain,
      token,
      maxRetries: 0,
      fetch: (input, init) =>
        fetch(urlOf(input).replace(`https://${sandbox.domain}`, sandbox.url), init),
    })
    const rawGet = async (url: string) => {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
      if (!response.ok) throw new Error(`HTTP ${response.status}`)
      return response.json()
    }

    // The same JSON body, served with nothing else to do.
    const body = JSON.stringify(await rawGet(userUrl))
    bare.on('request', (_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
      })
      res.end(body)
    })
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve))
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/api/v2/users/x`

    // Warm up connections and JIT on all three paths.
    await drive(500, CONCURRENCY, () => api.getUser(USER))
    await drive(500, CONCURRENCY, () => sdk.users.get(USER))
    await drive(500, CONCURRENCY, () => rawGet(userUrl))
    await drive(500, CONCURRENCY, () => rawGet(bareUrl))

    // Alternate the three paths for a few rounds and keep each one's median, so JIT warm-up and
    // GC pauses do not favour whichever runs last.
    const rounds: { client: number; sdk: number; raw: number; bare: number }[] = []
    for (let i = 0; i < ROUNDS; i++) {
      rounds.push({
        client: await drive(THROUGHPUT_REQUESTS, CONCURRENCY, () => api.getUser(USER)),
        sdk: await drive(THROUGHPUT_REQUESTS, CONCURRENCY, () => sdk.users.get(USER)),
        raw: await drive(THROUGHPUT_REQUESTS, CONCURRENCY, () => rawGet(userUrl)),
        bare: await drive(THROUGHPUT_REQUESTS, CONCURRENCY, () => rawGet(bareUrl)),
      })
    }
    const seconds = median(rounds.map((r) => r.client))
    const rps = THROUGHPUT_REQUESTS / seconds
    const baseline = THROUGHPUT_REQUESTS / median(rounds.map((r) => r.raw))
    emit({
      bench: 'sandbox-throughput',
      client: 'management-api (auth0 SDK + pacer)',
      endpoint: 'GET /api/v2/users/{id}',
      concurrency: CONCURRENCY,
      requests: THROUGHPUT_REQUESTS,
      rounds: ROUNDS,
      seconds: round(seconds, 2),
      rps: round(rps),
      baseline: 'raw fetch, same sandbox endpoint',
      baseline_rps: round(baseline),
      ratio: round(rps / baseline, 2),
      sdk_only_rps: round(THROUGHPUT_REQUESTS / median(rounds.map((r) => r.sdk))),
      bare_http_rps: round(THROUGHPUT_REQUESTS / median(rounds.map((r) => r.bare))),
    })
  } finally {
    bare.close()
    await sandbox.close()
  }
}

/** Drives the paced load and counts what the wire saw. */
const pacedRun = async (pacerConfig: { burst: number; perSecond: number }) => {
  const sandbox = await startSandbox({ rateLimit: PACED })
  try {
    const statuses: number[] = []
    const starts: number[] = []
    const counting: typeof fetch = async (input, init) => {
      const isApi = urlOf(input).includes('/api/v2/')
      if (isApi) starts.push(performance.now())
      const response = await fetch(input, init)
      if (isApi) statuses.push(response.status)
      return response
    }
    const pacer = createRatePacer(pacerConfig)
    const api = createManagementApi(connectionTo(sandbox), { fetch: counting, pacer })
    await api.connect()
    const seconds = await drive(PACED_REQUESTS, 8, () => api.getUser(USER))
    return { statuses, starts, seconds, snapshot: pacer.snapshot() }
  } finally {
    await sandbox.close()
  }
}

const benchPacer = async (): Promise<void> => {
  const on = await pacedRun(PACED)
  const burst = on.snapshot.burst - on.snapshot.reserve
  // Sustained rate: requests after the initial burst, over the time from the first request to the
  // last one leaving (the burst leaves at t=0, the rest at the refill rate).
  const span = ((on.starts.at(-1) ?? 0) - (on.starts[0] ?? 0)) / 1000
  const sustained = (on.starts.length - burst) / span
  emit({
    bench: 'pacer',
    configured_burst: PACED.burst,
    configured_rps: PACED.perSecond,
    requests: PACED_REQUESTS,
    http_requests: on.statuses.length,
    seconds: round(on.seconds, 2),
    achieved_rps: round(sustained, 2),
    ratio: round(sustained / PACED.perSecond, 3),
    overall_rps: round(PACED_REQUESTS / on.seconds, 2),
    status_429: on.statuses.filter((s) => s === 429).length,
    ok: on.statuses.filter((s) => s === 200).length,
  })

  // The same load from a pacer that believes in a bucket 5x too big and a rate 5x too high.
  const off = await pacedRun({ burst: PACED.burst * 5, perSecond: PACED.perSecond * 5 })
  emit({
    bench: 'pacer-off',
    configured_rps: PACED.perSecond,
    believed_rps: PACED.perSecond * 5,
    requests: PACED_REQUESTS,
    http_requests: off.statuses.length,
    seconds: round(off.seconds, 2),
    overall_rps: round(PACED_REQUESTS / off.seconds, 2),
    status_429: off.statuses.filter((s) => s === 429).length,
    blocks: off.snapshot.blocks,
  })
}

// `npm run bench` runs every measurement; `npm run bench -- NAME…` only the named ones.
const suites: Record<string, () => Promise<void>> = {
  'sandbox-throughput': benchThroughput,
  pacer: benchPacer,
  'pacer-learning': async () => emit(await benchPacerLearning()),
  'session-layers': async () => emit(await benchSessionLayers()),
  'bulk-logout': async () => emit(await benchBulkLogout()),
  'posture-report': async () => emit(await benchPostureReport()),
  'config-diff': async () => emit(await benchConfigDiff()),
}
const wanted = process.argv.slice(2)
const unknown = wanted.filter((name) => !(name in suites))
if (unknown.length > 0) {
  process.stderr.write(
    `Unknown bench: ${unknown.join(', ')}. Known: ${Object.keys(suites).join(', ')}\n`,
  )
  process.exit(2)
}
for (const [name, run] of Object.entries(suites)) {
  if (wanted.length === 0 || wanted.includes(name)) await run()
}
