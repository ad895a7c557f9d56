import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  parseScenarioText,
  simulate,
  STEP_KINDS,
  stripJsonComments,
  type Scenario,
  type SimulationOutcome,
} from '../../../../core/simulation'

// Every example of the simulation contract must run as written. `contract-*.json` are verbatim
// copies of the contract's two JSONC blocks (comments and all); `steps/*.json` are the examples
// this suite adds for step kinds the contract shows no example of, each with the outcome the
// simulator must print (`*.outcome.json`).

const fixtures = fileURLToPath(new URL('../../../fixtures/simulation/', import.meta.url))
const read = (...parts: string[]) => readFileSync(join(fixtures, ...parts), 'utf8')

function scenarioFrom(text: string): Scenario {
  const result = parseScenarioText(text)
  if (!result.ok) throw new Error(result.message)
  return result.scenario
}

describe('the contract scenario example', () => {
  const text = read('contract-scenario.json')

  it('is JSON with comments, as the contract writes it', () => {
    expect(text).toContain('// tenant-level list')
    expect(text).toContain('/* applied in order, each against the state the previous one left */')
  })

  it('runs as written: no steps, everything still alive', () => {
    const outcome = simulate(scenarioFrom(text))
    expect(outcome).toEqual({
      steps: [],
      final: {
        app_sessions: ['A', 'B'],
        sessions: ['s1'],
        idp_sessions: ['google-oauth2'],
        refresh_tokens: ['rt1'],
      },
    })
  })

  it('reads every field the contract lists', () => {
    const scenario = scenarioFrom(text)
    expect(scenario.tenant).toEqual({
      domain: 'acme.us.auth0.com',
      allowed_logout_urls: ['https://portal.example.com/bye'],
      session_lifetime: 72,
      idle_session_lifetime: 24,
      sessions: { oidc_logout_prompt_enabled: true },
    })
    expect(scenario.clients[0]?.oidc_logout?.backchannel_logout_initiators).toEqual({
      mode: 'custom',
      selected_initiators: ['rp-logout', 'idp-logout'],
    })
    expect(scenario.connections[0]).toEqual({
      name: 'google-oauth2',
      strategy: 'google-oauth2',
      options: { client_id: '…' },
    })
    expect(scenario.state.sessions[0]?.clients).toEqual([{ client_id: 'A' }, { client_id: 'B' }])
    expect(scenario.state.refresh_tokens).toEqual([{ id: 'rt1', client_id: 'A', session_id: 's1' }])
  })
})

describe('the contract outcome example', () => {
  const example = JSON.parse(stripJsonComments(read('contract-outcome.json'))) as {
    steps: Record<string, unknown>[]
    final: Record<string, unknown>
  }

  // The situation the example describes: the contract scenario, then a federated /v2/logout
  // through A's allow-list.
  const contract = scenarioFrom(read('contract-scenario.json'))
  const outcome: SimulationOutcome = simulate({
    ...contract,
    steps: [
      {
        do: 'logout',
        endpoint: '/v2/logout',
        params: {
          returnTo: 'https://a.example.com/bye',
          client_id: 'A',
          federated: true,
          given: ['returnTo', 'client_id', 'federated'],
        },
        confirm: 'accept',
      },
    ],
  })
  const step = outcome.steps[0]!

  it('has exactly the fields, in the order, the simulator prints', () => {
    expect(Object.keys(step)).toEqual(Object.keys(example.steps[0]!))
    expect(Object.keys(outcome.final)).toEqual(Object.keys(example.final))
    expect(Object.keys(outcome)).toEqual(Object.keys(example))
  })

  it('matches the example for that situation, field by field', () => {
    const { backchannel: _b, ended: _e, notes: _n, idp_logout: _i, ...rest } = example.steps[0]!
    const { backchannel: _sb, ended: _se, notes: _sn, idp_logout: _si, ...actual } = step
    expect(actual).toEqual(rest)
    expect(step.ended.slice(0, 2)).toEqual(example.steps[0]!['ended'])
    expect(outcome.final).toEqual(example.final)
  })

  // Two fields of the example contradict the contract's own rules; the simulator follows the rules.
  it('names the IdP asked to log out (the example shows null while ending idp:google-oauth2)', () => {
    expect(example.steps[0]!['idp_logout']).toBeNull()
    expect(example.steps[0]!['ended']).toContain('idp:google-oauth2')
    expect(step.idp_logout).toBe('google-oauth2')
  })

  it('sends the logout token to A, the one subscribed client (the example shows B)', () => {
    // The example's `backchannel` names B, which the contract scenario does not describe (so it
    // has no back-channel URL); a token to B would also end app:B, contradicting the example's
    // final app_sessions ["B"]. Under the contract's rules the token goes to A, whose app
    // session ends, which is what leaves exactly ["B"].
    expect(example.steps[0]!['backchannel']).toEqual([{ client_id: 'B', initiator: 'rp-logout' }])
    expect(step.backchannel).toEqual([{ client_id: 'A', initiator: 'rp-logout' }])
    expect(step.ended).toEqual(['session:s1', 'idp:google-oauth2', 'app:A'])
  })
})

describe('step examples added for the contract', () => {
  const dir = join(fixtures, 'steps')
  const names = readdirSync(dir)
    .filter((file) => file.endsWith('.json') && !file.endsWith('.outcome.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort()

  it.each(names)('%s runs and prints its recorded outcome', (name) => {
    const outcome = simulate(scenarioFrom(read('steps', `${name}.json`)))
    expect(outcome).toEqual(JSON.parse(read('steps', `${name}.outcome.json`)))
  })

  it('cover every step kind', () => {
    const used = new Set(
      names.flatMap((name) =>
        scenarioFrom(read('steps', `${name}.json`)).steps.map((step) => step.do),
      ),
    )
    expect([...STEP_KINDS].filter((kind) => !used.has(kind))).toEqual([])
  })
})
