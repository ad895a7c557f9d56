import { expect } from 'vitest'
import { runScenario, type SimulationOutcome, type StepOutcome } from '../../../../core/simulation'

// A small tenant for engine tests: three applications with different back-channel subscriptions,
// connections for every federated-logout case, and one user signed in through Google in a
// browser that holds app sessions for A and B.

type Json = Record<string, unknown>

/** Clients: A (custom back-channel), B (no back-channel), C (back-channel, all initiators). */
export const baseClients = (): Json[] => [
  {
    client_id: 'A',
    name: 'Portal',
    app_type: 'regular_web',
    allowed_logout_urls: ['https://a.example.com/bye', 'https://a.example.com/other'],
    oidc_logout: {
      backchannel_logout_urls: ['https://a.example.com/backchannel'],
      backchannel_logout_initiators: { mode: 'custom', selected_initiators: ['rp-logout'] },
    },
  },
  {
    client_id: 'B',
    name: 'Dashboard',
    app_type: 'spa',
    allowed_logout_urls: ['https://b.example.com/bye'],
  },
  {
    client_id: 'C',
    name: 'Billing',
    app_type: 'regular_web',
    allowed_logout_urls: [],
    oidc_logout: {
      backchannel_logout_urls: ['https://c.example.com/backchannel'],
      backchannel_logout_initiators: { mode: 'all' },
    },
  },
]

/** Connections covering each federated-logout rule. */
export const baseConnections = (): Json[] => [
  { name: 'google-oauth2', strategy: 'google-oauth2', options: { client_id: 'own-google-id' } },
  { name: 'google-dev', strategy: 'google-oauth2', options: {} },
  { name: 'Username-Password-Authentication', strategy: 'auth0', options: {} },
  { name: 'email', strategy: 'email', options: {} },
  { name: 'sms', strategy: 'sms' },
  {
    name: 'corp-saml',
    strategy: 'samlp',
    options: {
      signInEndpoint: 'https://idp.corp.example/sso',
      signOutEndpoint: 'https://idp.corp.example/slo',
    },
  },
  { name: 'saml-no-signout', strategy: 'samlp', options: { disableSignout: true } },
  {
    name: 'entra-oidc',
    strategy: 'oidc',
    options: { issuer: 'https://login.microsoftonline.com/tenant-id/v2.0' },
  },
  { name: 'entra', strategy: 'waad', options: {} },
  { name: 'linkedin', strategy: 'linkedin', options: { client_id: 'x' } },
]

/** The user: one session s1 through Google, app sessions A and B, refresh tokens for A and B. */
export const baseState = (): Json => ({
  now: '2026-03-01T10:00:00Z',
  user_id: 'google-oauth2|u1',
  sessions: [
    {
      id: 's1',
      connection: 'google-oauth2',
      created_at: '2026-03-01T08:00:00Z',
      authenticated_at: '2026-03-01T08:00:00Z',
      last_interacted_at: '2026-03-01T09:30:00Z',
      clients: [{ client_id: 'A' }, { client_id: 'B' }],
    },
  ],
  browser_session: 's1',
  idp_sessions: ['google-oauth2'],
  app_sessions: ['A', 'B'],
  refresh_tokens: [
    { id: 'rt1', client_id: 'A', session_id: 's1' },
    { id: 'rt2', client_id: 'B', session_id: null },
  ],
})

/** A whole scenario; each part can be replaced. */
export function scenario(parts: {
  steps: Json[]
  tenant?: Json
  clients?: Json[]
  connections?: Json[]
  state?: Json
}): Json {
  return {
    tenant: parts.tenant ?? {
      domain: 'acme.us.auth0.com',
      allowed_logout_urls: ['https://portal.example.com/bye'],
      session_lifetime: 72,
      idle_session_lifetime: 24,
    },
    clients: parts.clients ?? baseClients(),
    connections: parts.connections ?? baseConnections(),
    state: parts.state ?? baseState(),
    steps: parts.steps,
  }
}

/** Runs a scenario that must be valid. */
export function run(input: Json): SimulationOutcome {
  const result = runScenario(input)
  if (!result.ok)
    throw new Error(`invalid test scenario: ${result.error.path}: ${result.error.message}`)
  return result.outcome
}

/** Runs steps against the base tenant and user (with optional replacements). */
export function runSteps(
  steps: Json[],
  parts: { tenant?: Json; clients?: Json[]; connections?: Json[]; state?: Json } = {},
): SimulationOutcome {
  return run(scenario({ ...parts, steps }))
}

/** The outcome of the only step (or the last one). */
export function last(outcome: SimulationOutcome): StepOutcome {
  const step = outcome.steps[outcome.steps.length - 1]
  if (step === undefined) throw new Error('no steps')
  return step
}

/** Asserts that some note contains every fragment. */
export function expectNote(step: StepOutcome, ...fragments: string[]): void {
  expect(
    step.notes.some((note) => fragments.every((fragment) => note.includes(fragment))),
    `no note contains ${fragments.map((f) => JSON.stringify(f)).join(' and ')}:\n${step.notes.join('\n')}`,
  ).toBe(true)
}
