import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { exportDeployYaml, importDeployFiles } from '../../../../core/config/deploy-format'
import { setField } from '../../../../core/config/draft'
import {
  comparePosture,
  postureScenarioOf,
  scenarioWithConfig,
} from '../../../../core/config/effects'
import type { TenantConfiguration } from '../../../../core/config/model'
import { parseScenario, simulate, type Scenario } from '../../../../core/simulation'
import { buildPostureReport } from '../../../../core/simulation/posture'
import { ACME, pulled } from './builders'

// Simulating a draft: the posture report and any scenario run against the draft as well as the
// live configuration, side by side, so the editor sees the effect before pushing.

const PORTAL = 'clients/Portal'

function fromFile(path: string): TenantConfiguration {
  const result = importDeployFiles([
    { path: path.split('/').pop() ?? path, content: readFileSync(path, 'utf8') },
  ])
  if (!result.ok) throw new Error(result.error)
  return result.config
}

/** ACME with a second regular web app and SAML sign-out turned off. */
const SIGNOUT_OFF = pulled({
  settings: { allowed_logout_urls: ['https://acme.example.com/signed-out'] },
  clients: [
    {
      client_id: 'cl-portal',
      name: 'Portal',
      app_type: 'regular_web',
      allowed_logout_urls: ['https://portal.example.com/bye'],
    },
    {
      client_id: 'cl-admin',
      name: 'Admin',
      app_type: 'regular_web',
      allowed_logout_urls: ['https://admin.example.com/bye'],
    },
  ],
  connections: [
    { id: 'con-corp', name: 'corp-saml', strategy: 'samlp', options: { disableSignout: true } },
  ],
})

describe('postureScenarioOf', () => {
  it('maps a pulled configuration onto what the posture report reads', () => {
    expect(postureScenarioOf(ACME)).toEqual({
      tenant: {
        domain: 'acme.eu.auth0.com',
        allowed_logout_urls: ['https://acme.example.com/signed-out'],
      },
      clients: [
        {
          client_id: 'cl-portal',
          name: 'Portal',
          app_type: 'regular_web',
          allowed_logout_urls: ['https://portal.example.com/bye'],
          oidc_logout: {
            backchannel_logout_urls: ['https://portal.example.com/backchannel-logout'],
            backchannel_logout_initiators: {
              mode: 'custom',
              selected_initiators: ['rp-logout', 'idp-logout'],
            },
          },
        },
        {
          client_id: 'cl-shop',
          name: 'Shop',
          app_type: 'spa',
          allowed_logout_urls: ['https://shop.example.com/bye'],
        },
      ],
      connections: [
        {
          name: 'corp-saml',
          strategy: 'samlp',
          options: { signOutEndpoint: 'https://idp.example.com/slo', disableSignout: false },
        },
      ],
    })
  })

  it('names applications of a file import by name and leaves keyword values out', () => {
    const scenario = postureScenarioOf(fromFile('tests/fixtures/config/tenant.yaml'))
    expect(scenario.tenant).toEqual({
      domain: 'Acme', // the friendly name, when the file cannot say the domain
      allowed_logout_urls: ['https://acme.example.com/signed-out'],
    })
    expect(scenario.clients.map((c) => [c.client_id, c.allowed_logout_urls])).toEqual([
      ['Portal', ['https://portal.example.com/bye']],
      ['Shop', []], // '@@SHOP_LOGOUT_URLS@@' is not known until deploy time
    ])
    // Only the SAML sign-out settings are part of the configuration; a social connection's keys
    // are not, and the report says it assumes developer keys.
    expect(scenario.connections).toEqual([
      {
        name: 'corp-saml',
        strategy: 'samlp',
        options: { signOutEndpoint: 'https://idp.example.com/slo', disableSignout: false },
      },
      { name: 'google-oauth2', strategy: 'google-oauth2' },
    ])
    const report = buildPostureReport(scenario)
    expect(report.summary.applications).toBe(2)
    expect(
      report.findings.find((f) => f.connection === 'google-oauth2' && f.clientId === 'Portal')
        ?.detail,
    ).toContain('could not be read')
  })
})

describe('comparePosture', () => {
  it('reports no change for the same configuration', () => {
    const comparison = comparePosture(ACME, ACME)
    expect(comparison.resolved).toEqual([])
    expect(comparison.introduced).toEqual([])
    expect(comparison.sentences).toEqual(['No change to the posture report.'])
    expect(comparison.after).toEqual(comparison.before)
  })

  it('turning SAML sign-out back on: applications no longer risk silent re-login', () => {
    const draft = setField(SIGNOUT_OFF, 'connections/corp-saml', 'options.disableSignout', false)
    const comparison = comparePosture(SIGNOUT_OFF, draft)
    expect(comparison.introduced).toEqual([])
    expect(comparison.resolved.map((f) => [f.rule, f.clientId, f.severity])).toEqual([
      ['federated-not-possible', 'cl-admin', 'high'],
      ['federated-not-possible', 'cl-portal', 'high'],
    ])
    expect(comparison.sentences).toEqual([
      'After this change, 2 applications no longer risk silent re-login: Admin and Portal.',
      '2 high findings resolved: Admin: federated cannot end the corp-saml session and Portal: federated cannot end the corp-saml session.',
    ])
  })

  it('turning it off is the reverse', () => {
    const draft = setField(SIGNOUT_OFF, 'connections/corp-saml', 'options.disableSignout', false)
    expect(comparePosture(draft, SIGNOUT_OFF).sentences[0]).toBe(
      'After this change, 2 applications risk silent re-login whatever logout they use: Admin and Portal.',
    )
  })

  it('a wildcard on shared hosting is a new high finding', () => {
    const draft = setField(ACME, PORTAL, 'allowed_logout_urls', [
      'https://portal.example.com/bye',
      'https://*.herokuapp.com/bye',
    ])
    const comparison = comparePosture(ACME, draft)
    expect(comparison.introduced.map((f) => f.rule)).toEqual(['allow-list-wildcard'])
    expect(comparison.sentences).toEqual([
      '1 new high finding: Portal: Wildcard Allowed Logout URL on a shared hosting domain (herokuapp.com).',
    ])
  })

  it('an entry that only moved in its list is neither resolved nor new', () => {
    const live = setField(ACME, PORTAL, 'allowed_logout_urls', [
      'https://portal.example.com/bye',
      'http://legacy.example.com/bye',
    ])
    const draft = setField(ACME, PORTAL, 'allowed_logout_urls', [
      'https://portal.example.com/signed-out',
      'https://portal.example.com/bye',
      'http://legacy.example.com/bye',
    ])
    const comparison = comparePosture(live, draft)
    expect(comparison.before.findings.some((f) => f.id === 'allow-list-http:cl-portal:1')).toBe(
      true,
    )
    expect(comparison.after.findings.some((f) => f.id === 'allow-list-http:cl-portal:2')).toBe(true)
    expect(comparison.sentences).toEqual(['No change to the posture report.'])
  })

  it('matches applications by resource, whether the side came from the tenant or a file', () => {
    const exported = importDeployFiles([{ path: 'tenant.yaml', content: exportDeployYaml(ACME) }])
    if (!exported.ok) throw new Error(exported.error)
    expect(comparePosture(ACME, exported.config).sentences).toEqual([
      'No change to the posture report.',
    ])
  })

  it('a removed application resolves its findings, but is not "no longer at risk"', () => {
    const draft = structuredClone(SIGNOUT_OFF)
    delete draft.resources['clients/Admin']
    const comparison = comparePosture(SIGNOUT_OFF, draft)
    expect(comparison.resolved.map((f) => f.id)).toEqual([
      'silent-sso-after-app-logout:cl-admin',
      'federated-not-possible:cl-admin:/v2/logout?federated:corp-saml',
      'backchannel-missing:cl-admin',
      'idp-session-survives:cl-admin:/v2/logout:corp-saml',
      'idp-session-survives:cl-admin:/oidc/logout:corp-saml',
      // Portal has no other application left whose logout it could miss.
      'backchannel-missing:cl-portal',
    ])
    expect(comparison.sentences).toEqual([
      '2 high findings resolved: Admin: Local logout leaves the Auth0 session: silent SSO back in and Admin: federated cannot end the corp-saml session.',
      '4 medium findings resolved: Admin: App session survives logout from the other applications, Admin: Silent re-login through the corp-saml session (2 methods) and Portal: App session survives logout from the other applications.',
    ])
  })
})

describe('scenarioWithConfig', () => {
  const parsed = parseScenario({
    tenant: { allowed_logout_urls: [], session_lifetime: 168 },
    clients: [
      {
        client_id: 'cl-portal',
        name: 'Portal',
        app_type: 'regular_web',
        allowed_logout_urls: ['https://portal.example.com/bye'],
      },
    ],
    connections: [{ name: 'corp-saml', strategy: 'samlp', options: { disableSignout: true } }],
    state: {
      now: '2026-03-01T10:00:00Z',
      sessions: [{ id: 's1', connection: 'corp-saml', clients: [{ client_id: 'cl-portal' }] }],
      browser_session: 's1',
      idp_sessions: ['corp-saml'],
      app_sessions: ['cl-portal'],
    },
    steps: [
      {
        do: 'logout',
        endpoint: '/v2/logout',
        params: {
          client_id: 'cl-portal',
          returnTo: 'https://portal.example.com/signed-out',
          federated: '',
        },
      },
    ],
  })
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error))
  const scenario: Scenario = parsed.scenario

  it('runs the same steps against the draft: a return URL and federated logout now work', () => {
    let draft = setField(ACME, PORTAL, 'allowed_logout_urls', [
      'https://portal.example.com/signed-out',
    ])
    draft = setField(draft, 'tenant', 'session_lifetime', 600)
    const live = simulate(scenarioWithConfig(scenario, SIGNOUT_OFF)).steps[0]
    const edited = simulate(scenarioWithConfig(scenario, draft)).steps[0]
    expect([live?.result, live?.idp_logout]).toEqual(['error', null])
    expect([edited?.result, edited?.redirect_to, edited?.idp_logout]).toEqual([
      'ok',
      'https://portal.example.com/signed-out',
      'corp-saml',
    ])
  })

  it('takes lifetimes in minutes and leaves what the configuration does not set', () => {
    const next = scenarioWithConfig(scenario, setField(ACME, 'tenant', 'session_lifetime', 600))
    expect(next.tenant.session_lifetime_in_minutes).toBe(600)
    expect(next.tenant.session_lifetime).toBeUndefined()
    expect(next.tenant.allowed_logout_urls).toEqual(['https://acme.example.com/signed-out'])
    expect(next.state).toEqual(scenario.state)
    expect(next.steps).toEqual(scenario.steps)
    expect(scenario.tenant.session_lifetime).toBe(168) // the input is not changed
    const untouched = scenarioWithConfig(scenario, pulled({}))
    expect(untouched).toEqual(scenario)
  })

  it('adds and removes back-channel logout with the configuration', () => {
    const withUrl = scenarioWithConfig(scenario, ACME)
    expect(withUrl.clients[0]?.oidc_logout?.backchannel_logout_urls).toEqual([
      'https://portal.example.com/backchannel-logout',
    ])
    const removed = setField(ACME, PORTAL, 'oidc_logout.backchannel_logout_urls', [])
    expect(scenarioWithConfig(withUrl, removed).clients[0]?.oidc_logout).toBeUndefined()
  })
})
