import { describe, expect, it } from 'vitest'
import {
  formatScenarioError,
  parseScenario,
  parseScenarioText,
  stripJsonComments,
  type Scenario,
} from '../../../../core/simulation'
import { scenario } from './builders'

type Json = Record<string, unknown>

const minimal = (): Json => ({ state: { now: '2026-03-01T10:00:00Z' }, steps: [] })

const parsed = (input: unknown): Scenario => {
  const result = parseScenario(input)
  if (!result.ok) throw new Error(formatScenarioError(result.error))
  return result.scenario
}

/** A base scenario with one change made by `edit`. */
const edited = (edit: (s: Json & { state: Json; steps: Json[]; clients: Json[] }) => void) => {
  const s = scenario({ steps: [] }) as Json & { state: Json; steps: Json[]; clients: Json[] }
  edit(s)
  return s
}

const sessions = (s: Json & { state: Json }) => s.state['sessions'] as Json[]

describe('parseScenario: the JSON path at fault', () => {
  // [what is wrong, scenario, path, fragment of the message]
  const cases: [string, unknown, string, string][] = [
    ['root is not an object', [], '(root)', 'must be a JSON object'],
    ['state missing', { steps: [] }, 'state', 'is required'],
    ['state.now missing', { state: {}, steps: [] }, 'state.now', 'is required'],
    [
      'state.now without a zone',
      { state: { now: '2026-03-01T10:00:00' }, steps: [] },
      'state.now',
      'with a zone',
    ],
    ['state.now not a date', { state: { now: 'yesterday' }, steps: [] }, 'state.now', 'ISO-8601'],
    ['steps missing', { state: { now: '2026-03-01T10:00:00Z' } }, 'steps', 'is required'],
    ['steps not an array', { ...minimal(), steps: {} }, 'steps', 'must be an array'],
    ['tenant not an object', { ...minimal(), tenant: 'acme' }, 'tenant', 'must be an object'],
    [
      'tenant.allowed_logout_urls item',
      { ...minimal(), tenant: { allowed_logout_urls: ['https://a', 3] } },
      'tenant.allowed_logout_urls[1]',
      'must be a string, got 3',
    ],
    [
      'tenant.session_lifetime zero',
      { ...minimal(), tenant: { session_lifetime: 0 } },
      'tenant.session_lifetime',
      'greater than 0',
    ],
    [
      'tenant.idle_session_lifetime_in_minutes text',
      { ...minimal(), tenant: { idle_session_lifetime_in_minutes: '30' } },
      'tenant.idle_session_lifetime_in_minutes',
      'got "30"',
    ],
    [
      'tenant.sessions.oidc_logout_prompt_enabled',
      { ...minimal(), tenant: { sessions: { oidc_logout_prompt_enabled: 'no' } } },
      'tenant.sessions.oidc_logout_prompt_enabled',
      'true or false',
    ],
    [
      'clients[0].client_id missing',
      { ...minimal(), clients: [{ name: 'x' }] },
      'clients[0].client_id',
      'is required',
    ],
    [
      'clients[1].client_id duplicate',
      edited((s) => s.clients.push({ client_id: 'A' })),
      'clients[3].client_id',
      'duplicate client_id "A" (also at clients[0])',
    ],
    [
      'clients[0].oidc_logout mode',
      {
        ...minimal(),
        clients: [
          { client_id: 'A', oidc_logout: { backchannel_logout_initiators: { mode: 'some' } } },
        ],
      },
      'clients[0].oidc_logout.backchannel_logout_initiators.mode',
      'one of "custom", "all"',
    ],
    [
      'clients[0].oidc_logout urls',
      {
        ...minimal(),
        clients: [{ client_id: 'A', oidc_logout: { backchannel_logout_urls: 'https://x' } }],
      },
      'clients[0].oidc_logout.backchannel_logout_urls',
      'must be an array',
    ],
    [
      'connections[0].strategy missing',
      { ...minimal(), connections: [{ name: 'g' }] },
      'connections[0].strategy',
      'is required',
    ],
    [
      'connections[0].options not an object',
      { ...minimal(), connections: [{ name: 'g', strategy: 'google-oauth2', options: 'x' }] },
      'connections[0].options',
      'must be an object',
    ],
    [
      'connections[1].name duplicate',
      {
        ...minimal(),
        connections: [
          { name: 'g', strategy: 'x' },
          { name: 'g', strategy: 'y' },
        ],
      },
      'connections[1].name',
      'duplicate name',
    ],
    [
      'state.sessions[0].id missing',
      edited((s) => delete sessions(s)[0]?.['id']),
      'state.sessions[0].id',
      'is required',
    ],
    [
      'state.sessions[0].id reserved',
      edited((s) => {
        sessions(s)[0]!['id'] = 'new-3'
        s.state['browser_session'] = 'new-3'
      }),
      'state.sessions[0].id',
      'reserved',
    ],
    [
      'state.sessions[1].id duplicate',
      edited((s) => sessions(s).push({ id: 's1' })),
      'state.sessions[1].id',
      'duplicate id "s1"',
    ],
    [
      'state.sessions[0].created_at',
      edited((s) => (sessions(s)[0]!['created_at'] = 1700000000)),
      'state.sessions[0].created_at',
      'ISO-8601',
    ],
    [
      'state.sessions[0].clients[1].client_id',
      edited((s) => (sessions(s)[0]!['clients'] = [{ client_id: 'A' }, {}])),
      'state.sessions[0].clients[1].client_id',
      'is required',
    ],
    [
      'state.sessions[0].clients[0] a string',
      edited((s) => (sessions(s)[0]!['clients'] = ['A'])),
      'state.sessions[0].clients[0]',
      'must be an object',
    ],
    [
      'state.browser_session unknown',
      edited((s) => (s.state['browser_session'] = 's9')),
      'state.browser_session',
      'not the id of a session',
    ],
    [
      'state.browser_session a number',
      edited((s) => (s.state['browser_session'] = 1)),
      'state.browser_session',
      'a session id or null',
    ],
    [
      'state.idp_sessions[0]',
      edited((s) => (s.state['idp_sessions'] = [5])),
      'state.idp_sessions[0]',
      'must be a string',
    ],
    [
      'state.app_sessions not an array',
      edited((s) => (s.state['app_sessions'] = 'A')),
      'state.app_sessions',
      'must be an array',
    ],
    [
      'state.refresh_tokens[0].client_id',
      edited((s) => (s.state['refresh_tokens'] = [{ id: 'rt1' }])),
      'state.refresh_tokens[0].client_id',
      'is required',
    ],
    [
      'state.refresh_tokens[1].id duplicate',
      edited(
        (s) =>
          (s.state['refresh_tokens'] = [
            { id: 'r', client_id: 'A' },
            { id: 'r', client_id: 'B' },
          ]),
      ),
      'state.refresh_tokens[1].id',
      'duplicate id',
    ],
    [
      'steps[0] not an object',
      { ...minimal(), steps: ['logout'] },
      'steps[0]',
      'must be an object',
    ],
    ['steps[0].do missing', { ...minimal(), steps: [{}] }, 'steps[0].do', 'is required'],
    [
      'steps[1].do unknown',
      { ...minimal(), steps: [{ do: 'wait', minutes: 1 }, { do: 'signout' }] },
      'steps[1].do',
      'got "signout"',
    ],
    [
      'steps[0].client_id for local_logout',
      { ...minimal(), steps: [{ do: 'local_logout' }] },
      'steps[0].client_id',
      'is required',
    ],
    [
      'steps[0].endpoint missing',
      { ...minimal(), steps: [{ do: 'logout' }] },
      'steps[0].endpoint',
      'is required',
    ],
    [
      'steps[0].endpoint unknown',
      { ...minimal(), steps: [{ do: 'logout', endpoint: '/logout' }] },
      'steps[0].endpoint',
      'got "/logout"',
    ],
    [
      'steps[0].confirm',
      { ...minimal(), steps: [{ do: 'logout', endpoint: '/oidc/logout', confirm: 'yes' }] },
      'steps[0].confirm',
      'one of "accept", "deny"',
    ],
    [
      'steps[0].params not an object',
      { ...minimal(), steps: [{ do: 'logout', endpoint: '/v2/logout', params: 'returnTo=x' }] },
      'steps[0].params',
      'must be an object',
    ],
    [
      'steps[0].params.returnTo',
      { ...minimal(), steps: [{ do: 'logout', endpoint: '/v2/logout', params: { returnTo: 5 } }] },
      'steps[0].params.returnTo',
      'non-empty string',
    ],
    [
      'steps[0].params.client_id',
      {
        ...minimal(),
        steps: [{ do: 'logout', endpoint: '/oidc/logout', params: { client_id: true } }],
      },
      'steps[0].params.client_id',
      'non-empty string',
    ],
    [
      'steps[0].params.id_token_hint encoded',
      {
        ...minimal(),
        steps: [{ do: 'logout', endpoint: '/oidc/logout', params: { id_token_hint: 'eyJ...' } }],
      },
      'steps[0].params.id_token_hint',
      'decoded claims',
    ],
    [
      'steps[0].params.id_token_hint.aud',
      {
        ...minimal(),
        steps: [
          { do: 'logout', endpoint: '/oidc/logout', params: { id_token_hint: { sid: 's1' } } },
        ],
      },
      'steps[0].params.id_token_hint.aud',
      'is required',
    ],
    [
      'steps[0].params.state',
      { ...minimal(), steps: [{ do: 'logout', endpoint: '/oidc/logout', params: { state: 7 } }] },
      'steps[0].params.state',
      'non-empty string',
    ],
    [
      'steps[0].prompt',
      { ...minimal(), steps: [{ do: 'login', client_id: 'A', prompt: 'consent' }] },
      'steps[0].prompt',
      'one of "none", "login"',
    ],
    [
      'steps[0].connection',
      { ...minimal(), steps: [{ do: 'login', client_id: 'A', connection: 3 }] },
      'steps[0].connection',
      'non-empty string',
    ],
    [
      'steps[0].client_id for refresh',
      { ...minimal(), steps: [{ do: 'refresh', client_id: '' }] },
      'steps[0].client_id',
      'non-empty string',
    ],
    [
      'steps[0].session_id for delete_session',
      { ...minimal(), steps: [{ do: 'delete_session' }] },
      'steps[0].session_id',
      'is required',
    ],
    [
      'steps[0].session_id for revoke_session',
      { ...minimal(), steps: [{ do: 'revoke_session', session_id: 1 }] },
      'steps[0].session_id',
      'non-empty string',
    ],
    [
      'steps[0].client_id for delete_user_refresh_tokens',
      { ...minimal(), steps: [{ do: 'delete_user_refresh_tokens', client_id: [] }] },
      'steps[0].client_id',
      'got an array',
    ],
    [
      'steps[0].minutes missing',
      { ...minimal(), steps: [{ do: 'wait' }] },
      'steps[0].minutes',
      'is required',
    ],
    [
      'steps[0].minutes negative',
      { ...minimal(), steps: [{ do: 'wait', minutes: -5 }] },
      'steps[0].minutes',
      'from 0 to 52,596,000',
    ],
    [
      'steps[0].minutes beyond 100 years',
      { ...minimal(), steps: [{ do: 'wait', minutes: 1e15 }] },
      'steps[0].minutes',
      'from 0 to 52,596,000',
    ],
    [
      'steps[0].minutes text',
      { ...minimal(), steps: [{ do: 'wait', minutes: '60' }] },
      'steps[0].minutes',
      'got "60"',
    ],
    [
      'steps[0].active',
      { ...minimal(), steps: [{ do: 'wait', minutes: 5, active: 'yes' }] },
      'steps[0].active',
      'true or false',
    ],
  ]

  it.each(cases)('%s', (_what, input, path, message) => {
    const result = parseScenario(input)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.path).toBe(path)
    expect(result.error.message).toContain(message)
    expect(formatScenarioError(result.error)).not.toContain('\n')
  })
})

describe('parseScenario: the applications a connection is enabled for', () => {
  it('keeps connections[].clients, and absent stays absent (not read)', () => {
    const s = parsed({
      ...minimal(),
      connections: [
        { name: 'corp', strategy: 'samlp', clients: ['app-a', 'app-b'] },
        { name: 'google-oauth2', strategy: 'google-oauth2' },
      ],
    })
    expect(s.connections[0]?.clients).toEqual(['app-a', 'app-b'])
    expect(s.connections[1]).not.toHaveProperty('clients')
  })

  it('names the path of a client id that is not text', () => {
    const result = parseScenario({
      ...minimal(),
      connections: [{ name: 'corp', strategy: 'samlp', clients: ['app-a', 7] }],
    })
    expect(result.ok || formatScenarioError(result.error)).toMatch(/connections\[0\]\.clients\[1\]/)
  })
})

describe('parseScenario: defaults and leniency', () => {
  it('fills in the contract defaults', () => {
    const s = parsed({
      ...minimal(),
      steps: [
        { do: 'logout', endpoint: '/oidc/logout' },
        { do: 'wait', minutes: 5 },
      ],
    })
    expect(s.tenant).toEqual({
      allowed_logout_urls: [],
      sessions: { oidc_logout_prompt_enabled: true },
    })
    expect(s.clients).toEqual([])
    expect(s.connections).toEqual([])
    expect(s.state).toEqual({
      now: '2026-03-01T10:00:00Z',
      sessions: [],
      browser_session: null,
      idp_sessions: [],
      app_sessions: [],
      refresh_tokens: [],
    })
    expect(s.steps).toEqual([
      {
        do: 'logout',
        endpoint: '/oidc/logout',
        params: { federated: false, given: [] },
        confirm: 'accept',
      },
      { do: 'wait', minutes: 5, active: false },
    ])
  })

  it('ignores unknown fields', () => {
    const s = parsed({
      ...minimal(),
      version: 1,
      tenant: { friendly_name: 'Acme', allowed_logout_urls: [] },
      steps: [{ do: 'refresh', client_id: 'A', note: 'x' }],
    })
    expect(s.tenant).not.toHaveProperty('friendly_name')
    expect(s.steps[0]).toEqual({ do: 'refresh', client_id: 'A' })
  })

  it('treats null optional fields as absent', () => {
    const s = parsed({
      tenant: { domain: null, session_lifetime: null, sessions: null },
      clients: [{ client_id: 'A', name: null, allowed_logout_urls: null, oidc_logout: null }],
      state: {
        now: '2026-03-01T10:00:00Z',
        sessions: [{ id: 's1', connection: null, last_interacted_at: null }],
        browser_session: null,
        refresh_tokens: [{ id: 'r', client_id: 'A', session_id: null }],
      },
      steps: [{ do: 'login', client_id: 'A', prompt: null }],
    })
    expect(s.tenant.session_lifetime).toBeUndefined()
    expect(s.clients[0]).toEqual({ client_id: 'A', allowed_logout_urls: [] })
    expect(s.state.sessions[0]).toEqual({ id: 's1', connection: null, clients: [] })
    expect(s.steps[0]).toEqual({ do: 'login', client_id: 'A' })
  })

  it('records federated by presence, whatever its value', () => {
    for (const value of [true, false, '', 'false', null, 0]) {
      const s = parsed({
        ...minimal(),
        steps: [{ do: 'logout', endpoint: '/v2/logout', params: { federated: value } }],
      })
      expect(s.steps[0]).toMatchObject({ params: { federated: true, given: ['federated'] } })
    }
  })

  it('keeps only the parameters the endpoint reads', () => {
    const s = parsed({
      ...minimal(),
      steps: [
        {
          do: 'logout',
          endpoint: '/v2/logout',
          params: { returnTo: 'https://a/', post_logout_redirect_uri: 'https://b/', state: 'x' },
        },
      ],
    })
    expect(s.steps[0]).toMatchObject({
      params: { returnTo: 'https://a/', given: ['returnTo', 'post_logout_redirect_uri', 'state'] },
    })
    expect(s.steps[0]).not.toHaveProperty('params.post_logout_redirect_uri')
  })

  it('removes duplicate names from the browser lists', () => {
    const s = parsed({
      ...minimal(),
      state: { now: '2026-03-01T10:00:00Z', app_sessions: ['A', 'A'] },
    })
    expect(s.state.app_sessions).toEqual(['A'])
  })

  it('accepts offsets other than Z', () => {
    expect(parsed({ ...minimal(), state: { now: '2026-03-01T11:00:00.5+01:00' } }).state.now).toBe(
      '2026-03-01T11:00:00.5+01:00',
    )
  })

  it('allows clients and connections the file does not describe', () => {
    const s = parsed({
      state: {
        now: '2026-03-01T10:00:00Z',
        sessions: [{ id: 's1', connection: 'github', clients: [{ client_id: 'Z' }] }],
        app_sessions: ['Z'],
      },
      steps: [{ do: 'login', client_id: 'Q', connection: 'nowhere' }],
    })
    expect(s.state.sessions[0]?.clients).toEqual([{ client_id: 'Z' }])
  })
})

describe('scenario text', () => {
  it('strips // and /* */ comments but not // inside strings', () => {
    const text = '{ "a": "https://x.example.com/y", // c\n /* block\n comment */ "b": "/* no */" }'
    expect(JSON.parse(stripJsonComments(text))).toEqual({
      a: 'https://x.example.com/y',
      b: '/* no */',
    })
  })

  it('keeps line breaks so positions still point at the right line', () => {
    const text = '{ /* one\ntwo */ "a": 1 }'
    expect(stripJsonComments(text).split('\n')).toHaveLength(2)
  })

  it('keeps escaped quotes inside strings', () => {
    expect(JSON.parse(stripJsonComments('{"a": "say \\"//hi\\"" }'))).toEqual({ a: 'say "//hi"' })
  })

  it('reads a scenario with comments and a byte-order mark', () => {
    const result = parseScenarioText(
      '\uFEFF{ // scenario\n "state": { "now": "2026-03-01T10:00:00Z" }, "steps": [ /* none */ ] }',
    )
    expect(result.ok).toBe(true)
  })

  it('reports text that is not JSON in one line', () => {
    const result = parseScenarioText('{\n "state": {,\n}')
    expect(result).toMatchObject({ ok: false, kind: 'json' })
    if (result.ok) return
    expect(result.message).toMatch(/^not valid JSON: /)
    expect(result.message).not.toContain('\n')
  })

  it('reports an empty file', () => {
    expect(parseScenarioText('')).toMatchObject({ ok: false, kind: 'json' })
  })

  it('reports an invalid scenario with its path', () => {
    const result = parseScenarioText(
      '{"state": {"now": "2026-03-01T10:00:00Z"}, "steps": [{"do": "x"}]}',
    )
    expect(result).toMatchObject({ ok: false, kind: 'invalid' })
    if (result.ok) return
    expect(result.message).toMatch(/^invalid scenario at steps\[0\]\.do: /)
  })
})
