import { buildPostureReport } from '../core/simulation/posture'
import type { Scenario, ScenarioClient, ScenarioConnection } from '../core/simulation/types'

// Posture report: a tenant with 1,000 applications (regular web, SPA, native; some wildcards,
// http, query strings, invalid and empty allow-lists; a third with back-channel logout) and nine
// connections (database, social on own and developer keys, SAML with and without sign-out, OIDC to
// Entra, Entra ID, LinkedIn, passwordless; two limited by clients), reported for all four
// logout methods. Baseline, same run: JSON.stringify + JSON.parse of the same scenario, the
// cheapest thing the console does with it anyway (IPC and export both serialise it).

const CLIENTS = 1000
const WARMUP = 3
const RUNS = 21

const round = (n: number, digits = 2): number => Number(n.toFixed(digits))

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

const APP_TYPES = ['regular_web', 'spa', 'native'] as const

function logoutUrls(i: number): string[] {
  if (i % 50 === 7) return []
  const urls = [`https://app-${i}.example.com/bye`, `https://app-${i}.example.com/signed-out`]
  if (i % 10 === 1) urls.push(`https://*.app-${i}.example.com/bye`)
  if (i % 25 === 3) urls.push(`https://*.herokuapp.com/logout`)
  if (i % 15 === 4) urls.push(`http://app-${i}.example.com/bye`)
  if (i % 20 === 5) urls.push(`https://app-${i}.example.com/bye?from=logout`)
  if (i % 33 === 6) urls.push(`app-${i}.example.com/bye`)
  return urls
}

function clientOf(i: number): ScenarioClient {
  const client: ScenarioClient = {
    client_id: `client-${String(i).padStart(4, '0')}`,
    name: `Application ${i}`,
    app_type: APP_TYPES[i % APP_TYPES.length],
    allowed_logout_urls: logoutUrls(i),
  }
  if (i % 3 === 0) {
    client.oidc_logout = {
      backchannel_logout_urls: [
        i % 30 === 0 ? `http://app-${i}.example.com/bc` : `https://app-${i}.example.com/bc`,
      ],
      backchannel_logout_initiators:
        i % 2 === 0
          ? { mode: 'custom', selected_initiators: ['rp-logout', 'session-revoked'] }
          : { mode: 'all', selected_initiators: [] },
    }
  }
  return client
}

/** The benchmark tenant: a validated scenario with an empty state. */
export function postureBenchScenario(clients = CLIENTS): Scenario {
  const all = Array.from({ length: clients }, (_, i) => clientOf(i))
  const half = all.filter((_, i) => i % 2 === 0).map((c) => c.client_id)
  const connections: (ScenarioConnection & { clients?: string[] })[] = [
    { name: 'Username-Password-Authentication', strategy: 'auth0', options: {} },
    { name: 'google-oauth2', strategy: 'google-oauth2', options: { client_id: 'own' } },
    { name: 'facebook', strategy: 'facebook', options: {} },
    {
      name: 'corp-saml',
      strategy: 'samlp',
      options: { signInEndpoint: 'https://idp.corp.example/sso' },
      clients: half,
    },
    { name: 'legacy-saml', strategy: 'samlp', options: { disableSignout: true } },
    {
      name: 'entra-oidc',
      strategy: 'oidc',
      options: { issuer: 'https://login.microsoftonline.com/t/v2.0' },
      clients: half,
    },
    { name: 'entra', strategy: 'waad', options: {} },
    { name: 'linkedin', strategy: 'linkedin', options: { client_id: 'x' } },
    { name: 'email', strategy: 'email', options: {} },
  ]
  return {
    tenant: {
      domain: 'bench.us.auth0.com',
      allowed_logout_urls: ['https://www.example.com/bye', 'https://*.example.com/bye'],
      sessions: { oidc_logout_prompt_enabled: true },
    },
    clients: all,
    connections,
    state: {
      now: '2026-03-01T10:00:00Z',
      sessions: [],
      browser_session: null,
      idp_sessions: [],
      app_sessions: [],
      refresh_tokens: [],
    },
    steps: [],
  }
}

/** Median time to build the posture report for 1,000 applications × 4 logout methods. */
export async function benchPostureReport(): Promise<Record<string, unknown>> {
  const scenario = postureBenchScenario()
  let report = buildPostureReport(scenario)
  for (let i = 0; i < WARMUP; i++) {
    report = buildPostureReport(scenario)
    JSON.parse(JSON.stringify(scenario))
  }
  const times: number[] = []
  const baseline: number[] = []
  // Alternate the two so JIT warm-up and GC pauses do not favour either.
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now()
    report = buildPostureReport(scenario)
    times.push(performance.now() - t)
    t = performance.now()
    JSON.parse(JSON.stringify(scenario))
    baseline.push(performance.now() - t)
  }
  const medianMs = median(times)
  const baselineMs = median(baseline)
  return {
    bench: 'posture-report',
    clients: CLIENTS,
    methods: report.methods.length,
    connections: scenario.connections.length,
    matrix_rows: report.matrix.length,
    findings: report.findings.length,
    runs: RUNS,
    median_ms: round(medianMs),
    max_ms: round(Math.max(...times)),
    baseline: 'JSON.stringify + JSON.parse of the same scenario',
    baseline_ms: round(baselineMs),
    ratio: round(medianMs / baselineMs, 1),
    target_ms: 100,
  }
}
