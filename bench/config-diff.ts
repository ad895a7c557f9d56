import { diffConfigs } from '../core/config/diff'
import { setField } from '../core/config/draft'
import { planPush } from '../core/config/merge'
import { configFromManagementApi, type TenantConfiguration } from '../core/config/model'
import { validateConfig } from '../core/config/validate'

// Offline configuration editing at tenant scale: a configuration of 1,000 applications (every
// modelled field set: logout, callback and origin lists, back-channel logout on a third, refresh
// tokens) and 200 connections (SAML with sign-out settings, social, database). The draft changes
// 5% of the applications, the live tenant 6.3% (a quarter of them also changed in the draft, so
// those fields conflict). Measured: the field diff draft vs snapshot, the three-way push plan, and
// validating the whole draft: what the Changes tab and the push preview do on every edit.
// Baseline, same run: JSON.stringify of both configurations and a string comparison, the cheapest
// "are they equal" there is (it cannot say which field differs, or ignore units).

const CLIENTS = 1000
const CONNECTIONS = 200
const WARMUP = 3
const RUNS = 21

const round = (n: number, digits = 2): number => Number(n.toFixed(digits))

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

const APP_TYPES = ['regular_web', 'spa', 'native', 'non_interactive'] as const

function client(i: number): Record<string, unknown> {
  const host = `app-${i}.example.com`
  return {
    client_id: `client-${String(i).padStart(4, '0')}`,
    name: `Application ${i}`,
    app_type: APP_TYPES[i % APP_TYPES.length],
    allowed_logout_urls: [
      `https://${host}/bye`,
      `https://${host}/signed-out`,
      `https://*.${host}/bye`,
    ],
    callbacks: [`https://${host}/callback`, `http://localhost:${3000 + (i % 100)}/callback`],
    web_origins: [`https://${host}`],
    ...(i % 3 === 0 && {
      oidc_logout: {
        backchannel_logout_urls: [`https://${host}/backchannel-logout`],
        backchannel_logout_initiators: {
          mode: 'custom',
          selected_initiators: ['rp-logout', 'idp-logout', 'password-changed'],
        },
        backchannel_logout_session_metadata: { include: i % 2 === 0 },
      },
    }),
    refresh_token: {
      rotation_type: 'rotating',
      expiration_type: 'expiring',
      leeway: 0,
      token_lifetime: 2_592_000,
      idle_token_lifetime: 1_296_000,
      infinite_token_lifetime: false,
      infinite_idle_token_lifetime: false,
    },
  }
}

function connection(i: number): Record<string, unknown> {
  const name = `connection-${i}`
  if (i % 4 === 0) {
    return {
      id: `con_${i}`,
      name,
      strategy: 'samlp',
      options: { signOutEndpoint: `https://idp-${i}.example.com/slo`, disableSignout: i % 8 === 0 },
    }
  }
  return { id: `con_${i}`, name, strategy: i % 4 === 1 ? 'google-oauth2' : 'auth0', options: {} }
}

/** The benchmark snapshot: a pulled tenant of 1,000 applications and 200 connections. */
export function configBenchSnapshot(): TenantConfiguration {
  return configFromManagementApi(
    {
      settings: {
        allowed_logout_urls: ['https://www.example.com/bye'],
        session_lifetime: 168,
        idle_session_lifetime: 72,
        sessions: { oidc_logout_prompt_enabled: true },
      },
      clients: Array.from({ length: CLIENTS }, (_, i) => client(i)),
      connections: Array.from({ length: CONNECTIONS }, (_, i) => connection(i)),
    },
    {
      kind: 'tenant',
      tenantId: 'bench',
      domain: 'bench.us.auth0.com',
      pulledAt: '2026-03-01T10:00:00Z',
    },
  )
}

/** Changes the Allowed Logout URLs of every `step`th application from `start`, as one editor would. */
function edited(
  config: TenantConfiguration,
  start: number,
  step: number,
  who: string,
): TenantConfiguration {
  let next = config
  for (let i = start; i < CLIENTS; i += step) {
    next = setField(next, `clients/Application ${i}`, 'allowed_logout_urls', [
      `https://app-${i}.example.com/${who}`,
    ])
  }
  return next
}

/** Median times of diff, push plan and validation over 1,000 applications and 200 connections. */
export async function benchConfigDiff(): Promise<Record<string, unknown>> {
  const base = configBenchSnapshot()
  // Mine: every 20th application and the idle lifetime. Theirs: every 80th application (each one
  // of mine, so a conflict) and every 20th from the fifth (changed live only).
  const mine = setField(edited(base, 0, 20, 'mine'), 'tenant', 'idle_session_lifetime', 2_880)
  const theirs = edited(edited(base, 0, 80, 'theirs'), 5, 20, 'theirs')

  const run = () => ({
    differences: diffConfigs(base, mine),
    plan: planPush(base, mine, theirs),
    problems: validateConfig(mine, 'enterprise-production'),
  })
  const baselineRun = () => JSON.stringify(base) === JSON.stringify(mine)
  let result = run()
  for (let i = 0; i < WARMUP; i++) {
    result = run()
    baselineRun()
  }
  const times = { diff: [] as number[], plan: [] as number[], validate: [] as number[] }
  const total: number[] = []
  const baseline: number[] = []
  // Alternate the measured work and the baseline so JIT warm-up and GC pauses favour neither.
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    const differences = diffConfigs(base, mine)
    const t1 = performance.now()
    const plan = planPush(base, mine, theirs)
    const t2 = performance.now()
    const problems = validateConfig(mine, 'enterprise-production')
    const t3 = performance.now()
    baselineRun()
    const t4 = performance.now()
    times.diff.push(t1 - t0)
    times.plan.push(t2 - t1)
    times.validate.push(t3 - t2)
    total.push(t3 - t0)
    baseline.push(t4 - t3)
    result = { differences, plan, problems }
  }
  const fields = result.plan.flatMap((r) => r.fields)
  const medianMs = median(total)
  const baselineMs = median(baseline)
  return {
    bench: 'config-diff',
    clients: CLIENTS,
    connections: CONNECTIONS,
    resources: Object.keys(base.resources).length,
    differences: result.differences.length,
    plan_resources: result.plan.length,
    push_fields: fields.filter((f) => f.status === 'push').length,
    conflict_fields: fields.filter((f) => f.status === 'conflict').length,
    theirs_fields: fields.filter((f) => f.status === 'theirs').length,
    problems: result.problems.length,
    runs: RUNS,
    diff_ms: round(median(times.diff)),
    plan_ms: round(median(times.plan)),
    validate_ms: round(median(times.validate)),
    median_ms: round(medianMs),
    max_ms: round(Math.max(...total)),
    baseline: 'JSON.stringify of both configurations + string compare',
    baseline_ms: round(baselineMs),
    ratio: round(medianMs / baselineMs, 1),
  }
}
