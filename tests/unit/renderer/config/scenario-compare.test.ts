import { describe, expect, it } from 'vitest'
import { setField } from '../../../../core/config/draft'
import { importDeployFiles } from '../../../../core/config/deploy-format'
import { compareScenarioOutcomes } from '../../../../renderer/features/config/scenario-compare'
import { parseScenario, type Scenario } from '../../../../core/simulation'

// A scenario run against the snapshot and the draft, step by step: the redirect verdict, what
// ended, who was told over the back channel, the login verdict, and a summary of what differs.
// (Here rather than in tests/unit/config: the node project does not compile renderer/features.)

const PORTAL = 'clients/Portal'

/** A Deploy CLI export: Portal lists its return URL and subscribes to back-channel logout. */
const TENANT_YAML = `tenant:
  allowed_logout_urls: [https://acme.example.com/signed-out]
  sessions:
    oidc_logout_prompt_enabled: true
clients:
  - name: Portal
    app_type: regular_web
    allowed_logout_urls: [https://portal.example.com/bye]
    oidc_logout:
      backchannel_logout_urls: [https://portal.example.com/backchannel-logout]
      backchannel_logout_initiators: { mode: custom, selected_initiators: [] }
`
const imported = importDeployFiles([{ path: 'tenant.yaml', content: TENANT_YAML }])
if (!imported.ok) throw new Error(imported.error)
const ACME = imported.config

function scenarioOf(input: unknown): Scenario {
  const parsed = parseScenario(input)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error))
  return parsed.scenario
}

/** Signed in to Portal with the database connection; an app-only logout, a logout, a login. */
const LOGOUT_THEN_LOGIN = scenarioOf({
  tenant: { allowed_logout_urls: [] },
  clients: [{ client_id: 'cl-portal', name: 'Portal', allowed_logout_urls: [] }],
  connections: [{ name: 'db', strategy: 'auth0' }],
  state: {
    now: '2026-03-01T10:00:00Z',
    sessions: [{ id: 's1', connection: 'db', clients: [{ client_id: 'cl-portal' }] }],
    browser_session: 's1',
    idp_sessions: [],
    app_sessions: ['cl-portal'],
  },
  steps: [
    { do: 'local_logout', client_id: 'cl-portal' },
    {
      do: 'logout',
      endpoint: '/v2/logout',
      params: { client_id: 'cl-portal', returnTo: 'https://portal.example.com/bye' },
    },
    { do: 'login', client_id: 'cl-portal', connection: 'db' },
  ],
})

/** ACME's Portal no longer lists the return URL the scenario uses. */
const REFUSING = setField(ACME, PORTAL, 'allowed_logout_urls', [
  'https://portal.example.com/signed-out',
])

describe('compareScenarioOutcomes', () => {
  it('finds no difference when the draft is the snapshot', () => {
    const result = compareScenarioOutcomes(LOGOUT_THEN_LOGIN, ACME, ACME)
    expect(result.differing).toEqual([])
    expect(result.summary).toBe('The draft changes no step’s outcome.')
    expect(result.steps.map((s) => s.differences)).toEqual([[], [], []])
    expect(result.steps.map((s) => s.change)).toEqual(['', '', ''])
  })

  it('shows a return URL the draft refuses: nothing ends, nobody is told, the next login is silent', () => {
    const result = compareScenarioOutcomes(LOGOUT_THEN_LOGIN, ACME, REFUSING)
    expect(result.differing).toEqual([1, 2])
    const [local, logout, login] = result.steps
    expect(local?.differences).toEqual([])

    expect(logout?.subject).toBe('/v2/logout · Portal · return to https://portal.example.com/bye')
    expect(logout?.snapshot.redirect).toEqual({
      verdict: 'allowed',
      list: 'client:cl-portal',
      listLabel: 'Portal’s list',
      entry: 'https://portal.example.com/bye',
      to: 'https://portal.example.com/bye',
    })
    expect(logout?.draft.redirect).toEqual({
      verdict: 'refused',
      list: 'client:cl-portal',
      listLabel: 'Portal’s list',
      entry: null,
      to: null,
    })
    expect(logout?.differences).toEqual(['redirect', 'result', 'ended', 'backchannel'])
    expect(logout?.snapshot.endedLabels).toEqual(['Auth0 session s1'])
    expect(logout?.draft.ended).toEqual([])
    // ACME's Portal subscribes to back-channel logout: told with the snapshot only.
    expect(logout?.snapshot.backchannelLabels).toEqual(['Portal (rp-logout)'])
    expect(logout?.draft.backchannel).toEqual([])
    expect(logout?.draft.error?.code).toBe('invalid_request')
    expect(logout?.change).toBe('the return URL is refused (the snapshot allowed it)')

    expect(login?.snapshot.redirect).toBeNull()
    expect(login?.snapshot.login).toMatchObject({
      verdict: 'interactive',
      text: 'asks for credentials',
    })
    expect(login?.draft.login).toMatchObject({
      verdict: 'silent',
      via: 'auth0_session',
      text: 'silent (Auth0 session)',
    })
    expect(login?.differences).toEqual(['login'])

    expect(result.summary).toBe(
      '2 of 3 steps end differently with the draft: step 2: the return URL is refused (the snapshot allowed it); step 3: the login is silent through the Auth0 session (with the snapshot it asks for credentials).',
    )
  })

  it('works the other way round: a draft that allows the URL the snapshot refused', () => {
    const result = compareScenarioOutcomes(LOGOUT_THEN_LOGIN, REFUSING, ACME)
    expect(result.steps[1]?.snapshot.redirect?.verdict).toBe('refused')
    expect(result.steps[1]?.draft.redirect?.verdict).toBe('allowed')
    expect(result.steps[1]?.change).toBe('the return URL is allowed (the snapshot refused it)')
  })

  it('names the entry that decides when both allow the URL through different entries', () => {
    const wildcard = setField(ACME, PORTAL, 'allowed_logout_urls', ['https://*.example.com/bye'])
    const step = compareScenarioOutcomes(LOGOUT_THEN_LOGIN, ACME, wildcard).steps[1]
    expect(step?.differences).toEqual(['redirect'])
    expect(step?.change).toBe(
      'the return URL is allowed by Portal’s list entry https://*.example.com/bye (the snapshot: Portal’s list entry https://portal.example.com/bye)',
    )
  })

  it('compares back-channel recipients and the logout prompt', () => {
    const scenario = scenarioOf({
      ...structuredClone(LOGOUT_THEN_LOGIN),
      steps: [
        {
          do: 'logout',
          endpoint: '/oidc/logout',
          params: {
            client_id: 'cl-portal',
            post_logout_redirect_uri: 'https://portal.example.com/bye',
          },
        },
      ],
    })
    let draft = setField(ACME, PORTAL, 'oidc_logout.backchannel_logout_urls', [])
    draft = setField(draft, 'tenant', 'sessions.oidc_logout_prompt_enabled', false)
    const [step] = compareScenarioOutcomes(scenario, ACME, draft).steps
    expect(step?.snapshot.prompted).toBe(true)
    expect(step?.draft.prompted).toBe(false)
    expect(step?.snapshot.backchannelLabels).toEqual(['Portal (rp-logout)'])
    expect(step?.draft.backchannelLabels).toEqual([])
    expect(step?.differences).toEqual(['ended', 'backchannel', 'prompt'])
    expect(step?.change).toBe('it ends 1 layer (the snapshot: 2 layers)')
  })

  it('summarises the first three differing steps and counts the rest', () => {
    const logout = LOGOUT_THEN_LOGIN.steps[1]
    const scenario: Scenario = {
      ...LOGOUT_THEN_LOGIN,
      steps: [logout, logout, logout, logout].filter((s) => s !== undefined),
    }
    // No session left after the first logout: the others still check the return URL.
    const result = compareScenarioOutcomes(scenario, ACME, REFUSING)
    expect(result.differing).toEqual([0, 1, 2, 3])
    expect(result.summary).toMatch(/^4 of 4 steps end differently with the draft: step 1: /)
    expect(result.summary).toMatch(/; and 1 more\.$/)
  })
})
