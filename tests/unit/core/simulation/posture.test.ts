import { describe, expect, it } from 'vitest'
import {
  buildPostureReport,
  LOGOUT_METHODS,
  SEVERITIES,
  sharedHostingDomain,
  type LogoutMethod,
  type PostureClient,
  type PostureConnection,
  type PostureFinding,
  type PostureReport,
  type PostureRule,
  type PostureScenario,
} from '../../../../core/simulation/posture'
import type { Scenario } from '../../../../core/simulation/types'

// One table per rule of the posture report; each test name cites the reference section
// (auth0-sessions-logout.md) the rule rests on.

const backchannel = (id: string, url = `https://${id.toLowerCase()}.example.com/bc`) => ({
  backchannel_logout_urls: [url],
  backchannel_logout_initiators: { mode: 'custom' as const, selected_initiators: [] },
})

/** A regular web app with an https allow-list entry and back-channel logout: no findings of its own. */
const app = (id: string, over: Partial<PostureClient> = {}): PostureClient => ({
  client_id: id,
  name: `App ${id}`,
  app_type: 'regular_web',
  allowed_logout_urls: [`https://${id.toLowerCase()}.example.com/bye`],
  oidc_logout: backchannel(id),
  ...over,
})

const database: PostureConnection = { name: 'Username-Password-Authentication', strategy: 'auth0' }

const scenario = (over: Partial<PostureScenario> = {}): PostureScenario => ({
  tenant: { domain: 'acme.us.auth0.com', allowed_logout_urls: [] },
  clients: [app('A')],
  connections: [database],
  ...over,
})

const ofRule = (report: PostureReport, rule: PostureRule) =>
  report.findings.filter((f) => f.rule === rule)

const row = (report: PostureReport, clientId: string, method: LogoutMethod) => {
  const found = report.matrix.find((r) => r.clientId === clientId && r.method === method)
  if (found === undefined) throw new Error(`no row ${clientId} ${method}`)
  return found
}

describe('§1.1 silent-sso-after-app-logout: local logout leaves the Auth0 session', () => {
  const cases: [string, PostureScenario, string[], number][] = [
    // [case, scenario, clients expected to have the finding, other apps surviving for A]
    ['one regular web app', scenario(), ['A'], 0],
    [
      'two apps, both with back-channel',
      scenario({ clients: [app('A'), app('B')] }),
      ['A', 'B'],
      1,
    ],
    [
      'a machine-to-machine app is not an application users log out of',
      scenario({ clients: [app('A'), app('M', { app_type: 'non_interactive' })] }),
      ['A'],
      0,
    ],
  ]
  it.each(cases)('§1.1 %s', (_name, input, expected, survivors) => {
    const report = buildPostureReport(input)
    const found = ofRule(report, 'silent-sso-after-app-logout')
    expect(found.map((f) => f.clientId)).toEqual(expected)
    for (const f of found) {
      expect(f).toMatchObject({ severity: 'high', method: 'app-only', reference: '§1.1' })
      expect(f.detail).toMatch(/sends nothing to Auth0.*without asking for credentials/)
    }
    const a = row(report, 'A', 'app-only')
    expect(a).toMatchObject({ endsAuth0Session: false, silentRelogin: true })
    expect(a.silentReloginVia).toEqual(['auth0-session'])
    // Nothing reaches Auth0, so back-channel logout cannot help the other applications.
    expect(a.survivingAppSessions).toHaveLength(survivors)
  })
})

describe('§1.1 idp-session-survives: logout without federated leaves the IdP session', () => {
  const cases: [string, PostureConnection, boolean, boolean][] = [
    // [case, connection, finding for /v2/logout and /oidc/logout, federated would end it]
    [
      'Google on own keys',
      { name: 'g', strategy: 'google-oauth2', options: { client_id: 'x' } },
      true,
      true,
    ],
    [
      'Google on developer keys',
      { name: 'g', strategy: 'google-oauth2', options: {} },
      true,
      false,
    ],
    ['SAML with sign-out on', { name: 'g', strategy: 'samlp', options: {} }, true, true],
    ['Okta', { name: 'g', strategy: 'okta', options: {} }, true, true],
    ['Entra ID (waad)', { name: 'g', strategy: 'waad', options: {} }, true, true],
    ['database: no IdP session', { name: 'g', strategy: 'auth0', options: {} }, false, false],
    ['passwordless email: no IdP session', { name: 'g', strategy: 'email' }, false, false],
    ['passwordless SMS: no IdP session', { name: 'g', strategy: 'sms' }, false, false],
  ]
  it.each(cases)('§1.1 %s', (_name, connection, survives, federatedHelps) => {
    const report = buildPostureReport(scenario({ connections: [connection] }))
    const found = ofRule(report, 'idp-session-survives')
    expect(found.map((f) => f.method)).toEqual(survives ? ['/v2/logout', '/oidc/logout'] : [])
    for (const f of found) {
      expect(f).toMatchObject({ severity: 'medium', reference: '§1.1', connection: 'g' })
      expect(f.detail).toMatch(/identity-provider session at g.*survives/)
      expect(f.detail).toMatch(
        federatedHelps ? /Sending federated would end it too/ : /would not help/,
      )
    }
    for (const method of ['/v2/logout', '/oidc/logout'] as const) {
      const r = row(report, 'A', method)
      expect(r.endsAuth0Session).toBe(true)
      expect(r.silentRelogin).toBe(survives)
      expect(r.silentReloginVia).toEqual(survives ? ['idp:g'] : [])
    }
  })

  it('§1.1 only the connections an application can use (GET /connections/{id}/clients) count', () => {
    const google = { name: 'g', strategy: 'google-oauth2', options: {}, clients: ['B'] }
    const report = buildPostureReport(
      scenario({ clients: [app('A'), app('B')], connections: [google] }),
    )
    expect(new Set(ofRule(report, 'idp-session-survives').map((f) => f.clientId))).toEqual(
      new Set(['B']),
    )
    expect(row(report, 'A', '/v2/logout').silentRelogin).toBe(false)
    expect(row(report, 'B', '/v2/logout').silentRelogin).toBe(true)
  })

  it('§1.1 an IdP session the state shows counts even when the connection is not described', () => {
    const report = buildPostureReport(
      scenario({
        connections: [],
        state: { sessions: [{ connection: 'github' }], idp_sessions: ['github'] },
      }),
    )
    expect(row(report, 'A', '/v2/logout').silentReloginVia).toEqual(['idp:github'])
    expect(ofRule(report, 'no-connections')).toEqual([])
  })
})

describe('§12 connection options not readable (no read:connections_options): unknown, not guessed', () => {
  const unread: [string, PostureConnection][] = [
    ['social (Google)', { name: 'g', strategy: 'google-oauth2' }],
    ['social (Facebook), options null', { name: 'g', strategy: 'facebook', options: null }],
    ['SAML', { name: 'g', strategy: 'samlp' }],
    ['Enterprise OIDC', { name: 'g', strategy: 'oidc' }],
  ]
  it.each(unread)('%s: no high finding, no developer-keys fix, the scope named', (_n, c) => {
    const report = buildPostureReport(scenario({ connections: [c] }))
    expect(ofRule(report, 'federated-not-possible')).toEqual([])
    expect(report.findings.filter((f) => f.severity === 'high' && f.connection === 'g')).toEqual([])
    for (const f of report.findings) {
      expect(`${f.detail} ${f.fix}`).not.toMatch(
        /developer keys are assumed|Client ID and Client Secret/,
      )
    }
    const unknown = ofRule(report, 'federated-unknown')
    expect(unknown).toHaveLength(1)
    expect(unknown[0]).toMatchObject({
      severity: 'low',
      clientId: 'A',
      method: '/v2/logout?federated',
      connection: 'g',
    })
    expect(unknown[0]?.detail).toMatch(/options could not be read.*read:connections_options/)
    expect(unknown[0]?.fix).toMatch(/read:connections_options/)
    // Every finding about the connection says why it is unsure and which scope to grant.
    const about = report.findings.filter((f) => f.connection === 'g')
    expect(about.length).toBeGreaterThan(0)
    for (const f of about) expect(`${f.detail} ${f.fix}`).toMatch(/read:connections_options/)
    // Nothing claims the IdP session ended.
    expect(row(report, 'A', '/v2/logout?federated').idpSessionsEnded).toEqual([])
  })

  it('options read as {} on a social connection are still developer keys (a fact, high)', () => {
    const report = buildPostureReport(
      scenario({ connections: [{ name: 'g', strategy: 'google-oauth2', options: {} }] }),
    )
    expect(ofRule(report, 'federated-not-possible')).toHaveLength(1)
    expect(ofRule(report, 'federated-unknown')).toEqual([])
  })
})

describe('§12 findings scoped by the connection clients list', () => {
  it('an application not enabled for the connection has no finding about it', () => {
    const saml = { name: 'corp', strategy: 'samlp', options: { disableSignout: true } }
    const report = buildPostureReport(
      scenario({
        clients: [app('A'), app('B'), app('C')],
        connections: [{ ...saml, clients: ['A', 'C'] }],
      }),
    )
    const scoped = (rule: PostureRule) =>
      [...new Set(ofRule(report, rule).map((f) => f.clientId))].sort()
    expect(scoped('federated-not-possible')).toEqual(['A', 'C'])
    expect(scoped('idp-session-survives')).toEqual(['A', 'C'])
    expect(row(report, 'B', '/v2/logout?federated').silentReloginVia).toEqual([])
  })

  it('an empty list means no application uses it; no list means every application may', () => {
    const google = { name: 'g', strategy: 'google-oauth2', options: {} }
    const none = buildPostureReport(
      scenario({ clients: [app('A')], connections: [{ ...google, clients: [] }] }),
    )
    expect(ofRule(none, 'idp-session-survives')).toEqual([])
    const all = buildPostureReport(scenario({ clients: [app('A')], connections: [google] }))
    expect(ofRule(all, 'idp-session-survives')).toHaveLength(2)
  })
})

describe('§3.1 federated-not-possible: federated logout that cannot reach the IdP', () => {
  const cases: [string, PostureConnection, string | null, RegExp | null][] = [
    // [case, connection, reference of the finding (null: federated works), fix]
    [
      'social connection on Auth0 developer keys',
      { name: 'g', strategy: 'google-oauth2', options: {} },
      '§3.1',
      /own Google Client ID and Client Secret/,
    ],
    [
      'Enterprise OIDC connection to Microsoft Entra ID',
      {
        name: 'g',
        strategy: 'oidc',
        options: { issuer: 'https://login.microsoftonline.com/t/v2.0' },
      },
      '§3.1',
      /waad\) or SAML connection/,
    ],
    [
      'SAML connection with disableSignout (§3.2)',
      { name: 'g', strategy: 'samlp', options: { disableSignout: true } },
      '§3.2',
      /Enable Sign Out/,
    ],
    [
      'provider Auth0 does not list (LinkedIn)',
      { name: 'g', strategy: 'linkedin', options: { client_id: 'x' } },
      '§3.1',
      /does not list LinkedIn/,
    ],
    [
      'Google on own keys',
      { name: 'g', strategy: 'google-oauth2', options: { client_id: 'x' } },
      null,
      null,
    ],
    ['Entra ID (waad)', { name: 'g', strategy: 'waad', options: {} }, null, null],
    ['SAML with sign-out on', { name: 'g', strategy: 'samlp', options: {} }, null, null],
    [
      'OIDC to another provider',
      { name: 'g', strategy: 'oidc', options: { issuer: 'https://idp.example.com' } },
      null,
      null,
    ],
  ]
  it.each(cases)('§3.1 %s', (_name, connection, reference, fix) => {
    const report = buildPostureReport(scenario({ connections: [connection] }))
    const found = ofRule(report, 'federated-not-possible')
    const federatedRow = row(report, 'A', '/v2/logout?federated')
    if (reference === null || fix === null) {
      expect(found).toEqual([])
      expect(federatedRow.idpSessionsEnded).toEqual(['g'])
      expect(federatedRow.silentRelogin).toBe(false)
      return
    }
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({
      severity: 'high',
      clientId: 'A',
      method: '/v2/logout?federated',
      connection: 'g',
      reference,
    })
    expect(found[0]?.detail).toMatch(/federated was asked for and does not happen/)
    expect(found[0]?.fix).toMatch(fix)
    expect(federatedRow).toMatchObject({ silentRelogin: true, idpSessionsEnded: [] })
    expect(federatedRow.silentReloginVia).toEqual(['idp:g'])
  })
})

describe('§3.1 federated-social-caveat: federated logout with a social provider', () => {
  const cases: [string, PostureConnection, boolean][] = [
    [
      'Google on own keys',
      { name: 'g', strategy: 'google-oauth2', options: { client_id: 'x' } },
      true,
    ],
    [
      'Google on developer keys (federated does nothing)',
      { name: 'g', strategy: 'google-oauth2', options: {} },
      false,
    ],
    ['Okta (enterprise)', { name: 'g', strategy: 'okta', options: {} }, false],
  ]
  it.each(cases)('§3.1 %s', (_name, connection, expected) => {
    const found = ofRule(
      buildPostureReport(scenario({ connections: [connection] })),
      'federated-social-caveat',
    )
    expect(found).toHaveLength(expected ? 1 : 0)
    if (expected) {
      expect(found[0]).toMatchObject({ severity: 'info', reference: '§3.1', connection: 'g' })
      expect(found[0]?.clientId).toBeUndefined()
    }
  })
})

describe('§3.3 backchannel-missing: other applications keep their sessions', () => {
  const cases: [string, Partial<PostureClient>, string | null, RegExp | null][] = [
    // [case, settings of B, severity of B's finding (null: none), words in the detail]
    [
      'no back-channel logout URL',
      { oidc_logout: undefined },
      'medium',
      /has no back-channel logout URL/,
    ],
    [
      'an http URL (HTTPS only)',
      { oidc_logout: backchannel('B', 'http://b.example.com/bc') },
      'medium',
      /must be HTTPS/,
    ],
    [
      'a URL on an Auth0 domain',
      { oidc_logout: backchannel('B', 'https://acme.us.auth0.com/bc') },
      'medium',
      /Auth0 domains/,
    ],
    [
      'a loopback URL',
      { oidc_logout: backchannel('B', 'https://127.0.0.1/bc') },
      'medium',
      /must be public/,
    ],
    [
      'an empty URL list (unsubscribed)',
      { oidc_logout: { ...backchannel('B'), backchannel_logout_urls: [] } },
      'medium',
      /no back-channel logout URL/,
    ],
    [
      'a single-page app without a URL',
      { app_type: 'spa', oidc_logout: undefined },
      'low',
      /no back-channel/,
    ],
    ['custom mode with no initiator selected (rp-logout is always on)', {}, null, null],
    [
      'mode all',
      {
        oidc_logout: {
          ...backchannel('B'),
          backchannel_logout_initiators: { mode: 'all', selected_initiators: [] },
        },
      },
      null,
      null,
    ],
  ]
  it.each(cases)('§3.3 %s', (_name, settings, severity, words) => {
    const report = buildPostureReport(scenario({ clients: [app('A'), app('B', settings)] }))
    const found = ofRule(report, 'backchannel-missing')
    const surviving = row(report, 'A', '/v2/logout').survivingAppSessions
    if (severity === null || words === null) {
      expect(found).toEqual([])
      expect(surviving).toEqual([])
      return
    }
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ clientId: 'B', severity, reference: '§3.3' })
    expect(found[0]?.detail).toMatch(words)
    for (const method of ['/v2/logout', '/v2/logout?federated', '/oidc/logout'] as const) {
      expect(row(report, 'A', method).survivingAppSessions).toEqual(['B'])
      // An application's own logout ends its own session: it never lists itself.
      expect(row(report, 'B', method).survivingAppSessions).toEqual([])
    }
  })

  it('§3.3 a tenant with one application shares its session with nobody', () => {
    const report = buildPostureReport(scenario({ clients: [app('A', { oidc_logout: undefined })] }))
    expect(ofRule(report, 'backchannel-missing')).toEqual([])
  })

  it('§3.3 rows share frozen lists of surviving applications', () => {
    const report = buildPostureReport(
      scenario({ clients: [app('A'), app('B', { oidc_logout: undefined }), app('C')] }),
    )
    const a = row(report, 'A', '/v2/logout').survivingAppSessions
    expect(a).toEqual(['B'])
    expect(Object.isFrozen(a)).toBe(true)
    expect(row(report, 'C', '/oidc/logout').survivingAppSessions).toBe(a)
  })
})

describe('§7 refresh-tokens-survive: refresh tokens outlive every logout', () => {
  const cases: [string, Partial<PostureClient>, PostureScenario['state'], RegExp | null][] = [
    ['single-page app', { app_type: 'spa' }, undefined, /single-page application/],
    ['native app', { app_type: 'native' }, undefined, /native application/],
    ['regular web app', {}, undefined, null],
    [
      'regular web app the state shows holding refresh tokens',
      {},
      { refresh_tokens: [{ client_id: 'A' }, { client_id: 'A' }] },
      /the scenario shows 2 tokens/,
    ],
  ]
  it.each(cases)('§7 %s', (_name, settings, state, words) => {
    const report = buildPostureReport(scenario({ clients: [app('A', settings)], state }))
    const found = ofRule(report, 'refresh-tokens-survive')
    for (const method of LOGOUT_METHODS) {
      expect(row(report, 'A', method).refreshTokensSurvive).toBe(words !== null)
    }
    if (words === null) {
      expect(found).toEqual([])
      return
    }
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ severity: 'medium', reference: '§7', clientId: 'A' })
    expect(found[0]?.method).toBeUndefined()
    expect(found[0]?.detail).toMatch(words)
    expect(found[0]?.detail).toContain(
      'Refresh tokens survive every logout; revoke them or use session-bound revocation.',
    )
  })
})

describe('§2.5 allow-list-wildcard: wildcards cover subdomains someone else can own', () => {
  const cases: [string, string, 'high' | 'medium' | null][] = [
    ['own domain', 'https://*.example.com/bye', 'medium'],
    ['prefix and suffix in the label', 'https://app-*-eu.example.com/bye', 'medium'],
    ['herokuapp.com', 'https://*.herokuapp.com/bye', 'high'],
    ['vercel.app', 'https://*.vercel.app', 'high'],
    ['azurewebsites.net', 'https://*.azurewebsites.net/', 'high'],
    ['github.io', 'https://*.github.io/', 'high'],
    ['netlify.app', 'https://*.netlify.app/', 'high'],
    ['cloudfront.net', 'https://*.cloudfront.net/', 'high'],
    ['s3.amazonaws.com', 'https://*.s3.amazonaws.com/', 'high'],
    ['regional S3', 'https://*.s3.eu-west-1.amazonaws.com/', 'high'],
    ['prefix on a shared domain', 'https://myapp-*.vercel.app/', 'high'],
    ['no wildcard', 'https://a.example.com/bye', null],
    ['no wildcard on a shared domain', 'https://myapp.herokuapp.com/bye', null],
  ]
  it.each(cases)('§2.5 %s: %s', (_name, entry, severity) => {
    for (const where of ['tenant', 'client'] as const) {
      const report = buildPostureReport(
        where === 'tenant'
          ? scenario({ tenant: { allowed_logout_urls: [entry] } })
          : scenario({
              clients: [app('A', { allowed_logout_urls: ['https://a.example.com/x', entry] })],
            }),
      )
      const found = ofRule(report, 'allow-list-wildcard')
      if (severity === null) {
        expect(found).toEqual([])
        continue
      }
      expect(found).toHaveLength(1)
      expect(found[0]).toMatchObject({ severity, entry, reference: '§2.5' })
      expect(found[0]?.clientId).toBe(where === 'tenant' ? undefined : 'A')
      expect(found[0]?.list).toBe(where === 'tenant' ? 'tenant' : 'client:A')
      if (severity === 'high') expect(found[0]?.detail).toMatch(/shared hosting/)
    }
  })

  it.each([
    ['herokuapp.com', 'herokuapp.com'],
    ['eu.herokuapp.com', 'herokuapp.com'],
    ['notherokuapp.com', null],
    ['s3-eu-west-1.amazonaws.com', 'amazonaws.com (S3)'],
    ['ec2.amazonaws.com', null],
  ])('§2.5 sharedHostingDomain(%s)', (host, expected) => {
    expect(sharedHostingDomain(host)).toBe(expected)
  })
})

describe('§2.5 allow-list-http: http in production', () => {
  const cases: [string, boolean][] = [
    ['http://portal.example.com/bye', true],
    ['HTTP://portal.example.com/bye', true],
    ['http://*.example.com/bye', true],
    ['http://localhost:3000/bye', false],
    ['http://app.localhost/bye', false],
    ['http://127.0.0.1:8080/bye', false],
    ['http://[::1]:8080/bye', false],
    ['https://portal.example.com/bye', false],
    ['com.example.app://logout', false],
  ]
  it.each(cases)('§2.5 %s', (entry, flagged) => {
    const report = buildPostureReport(
      scenario({ clients: [app('A', { allowed_logout_urls: [entry] })] }),
    )
    const found = ofRule(report, 'allow-list-http')
    expect(found).toHaveLength(flagged ? 1 : 0)
    if (flagged) {
      expect(found[0]).toMatchObject({ severity: 'medium', title: 'http in production', entry })
    }
  })
})

describe('§2.5 allow-list-invalid-entry: entries Auth0 would reject', () => {
  const cases: [string, RegExp | null][] = [
    ['*.example.com', /needs its scheme/],
    ['https://*.com', /top-level domain/],
    ['https://sub.*.example.com', /left-most label/],
    ['https://*.*.example.com', /only one wildcard/],
    ['https://example.com/*/bye', /only allowed in the host/],
    ['https://example.com/a b', /whitespace/],
    ['https://a.example.com/bye', null],
  ]
  it.each(cases)('§2.5 %s', (entry, reason) => {
    const report = buildPostureReport(
      scenario({
        clients: [app('A', { allowed_logout_urls: ['https://a.example.com/ok', entry] })],
      }),
    )
    const found = ofRule(report, 'allow-list-invalid-entry')
    if (reason === null) {
      expect(found).toEqual([])
      return
    }
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ severity: 'medium', entry, reference: '§2.5', clientId: 'A' })
    expect(found[0]?.detail).toMatch(reason)
    // An invalid entry is reported once, not also as a wildcard.
    expect(ofRule(report, 'allow-list-wildcard')).toEqual([])
  })
})

describe('§2.5 allow-list-too-many: more than 100 entries', () => {
  const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://a.example.com/p${i}`)
  const cases: [string, number, boolean][] = [
    ['100 entries', 100, false],
    ['101 entries', 101, true],
    ['150 entries', 150, true],
  ]
  it.each(cases)('§2.5 %s', (_name, n, flagged) => {
    for (const where of ['tenant', 'client'] as const) {
      const report = buildPostureReport(
        where === 'tenant'
          ? scenario({ tenant: { allowed_logout_urls: urls(n) } })
          : scenario({ clients: [app('A', { allowed_logout_urls: urls(n) })] }),
      )
      const found = ofRule(report, 'allow-list-too-many')
      expect(found).toHaveLength(flagged ? 1 : 0)
      if (flagged) expect(found[0]?.detail).toContain(`holds ${n} entries`)
      // The size is one finding about the list, not an invalid 101st entry.
      expect(ofRule(report, 'allow-list-invalid-entry')).toEqual([])
    }
  })
})

describe('§2.1 allow-list-empty and first-entry-unusable: where logout without returnTo goes', () => {
  const cases: [string, Partial<PostureClient>, PostureRule | null, string | null][] = [
    // [case, settings, finding, default redirect of /v2/logout with client_id]
    ['empty list', { allowed_logout_urls: [] }, 'allow-list-empty', null],
    ['list missing altogether', { allowed_logout_urls: undefined }, 'allow-list-empty', null],
    [
      'wildcard first',
      { allowed_logout_urls: ['https://*.example.com/bye', 'https://a.example.com/bye'] },
      'allow-list-first-entry-unusable',
      'https://*.example.com/bye',
    ],
    [
      'invalid entry first',
      { allowed_logout_urls: ['a.example.com/bye'] },
      'allow-list-first-entry-unusable',
      'a.example.com/bye',
    ],
    [
      'exact URL first',
      { allowed_logout_urls: ['https://a.example.com/bye', 'https://*.example.com/x'] },
      null,
      'https://a.example.com/bye',
    ],
    [
      'machine-to-machine app with an empty list',
      { app_type: 'non_interactive', allowed_logout_urls: [] },
      null,
      null,
    ],
  ]
  it.each(cases)('§2.1 %s', (_name, settings, rule, redirect) => {
    const report = buildPostureReport(scenario({ clients: [app('A', settings)] }))
    const found = report.findings.filter(
      (f) => f.rule === 'allow-list-empty' || f.rule === 'allow-list-first-entry-unusable',
    )
    expect(found.map((f) => f.rule)).toEqual(rule === null ? [] : [rule])
    if (rule !== null) expect(found[0]).toMatchObject({ reference: '§2.1', clientId: 'A' })
    if (rule === 'allow-list-empty') {
      expect(found[0]?.detail).toMatch(/nowhere to go/)
      expect(found[0]?.severity).toBe('medium')
    }
    if (settings.app_type === 'non_interactive') {
      expect(report.matrix).toEqual([])
      return
    }
    for (const method of ['/v2/logout', '/v2/logout?federated', '/oidc/logout'] as const) {
      expect(row(report, 'A', method)).toMatchObject({
        allowList: 'client:A',
        defaultRedirect: redirect,
      })
    }
    expect(row(report, 'A', 'app-only')).toMatchObject({ allowList: null, defaultRedirect: null })
  })
})

describe('§2.2 allow-list-oidc-query: /oidc/logout matches query strings exactly', () => {
  const cases: [string, string, boolean][] = [
    ['query string', 'https://a.example.com/bye?from=app', true],
    ['empty query', 'https://a.example.com/bye?', true],
    ['no query', 'https://a.example.com/bye', false],
  ]
  it.each(cases)('§2.2 %s', (_name, entry, flagged) => {
    const report = buildPostureReport(
      scenario({
        tenant: { allowed_logout_urls: [entry] },
        clients: [app('A', { allowed_logout_urls: [entry] })],
      }),
    )
    const found = ofRule(report, 'allow-list-oidc-query')
    expect(found.map((f) => f.clientId)).toEqual(flagged ? [undefined, 'A'] : [])
    for (const f of found) {
      expect(f).toMatchObject({ severity: 'low', method: '/oidc/logout', reference: '§2.2', entry })
    }
    const ids = row(report, 'A', '/oidc/logout').findingIds
    expect(ids.includes('allow-list-oidc-query:A:0')).toBe(flagged)
    expect(row(report, 'A', '/v2/logout').findingIds).not.toContain('allow-list-oidc-query:A:0')
  })
})

describe('§1 machine-to-machine and §1.1 no-connections: what the report cannot assess', () => {
  it.each([
    [
      'a machine-to-machine app',
      scenario({ clients: [app('M', { app_type: 'non_interactive' })] }),
      'machine-to-machine',
      'M',
    ],
    ['no connections at all', scenario({ connections: [] }), 'no-connections', undefined],
  ] as const)('§1 / §1.1 %s gives an info finding', (_name, input, rule, clientId) => {
    const found = ofRule(buildPostureReport(input), rule)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ severity: 'info' })
    expect(found[0]?.clientId).toBe(clientId)
  })
})

/** A tenant that triggers every rule, for the report-wide properties. */
const busy = (): PostureScenario => ({
  tenant: {
    domain: 'acme.us.auth0.com',
    allowed_logout_urls: ['https://*.herokuapp.com/bye', 'http://www.example.com/x?y=1'],
  },
  clients: [
    app('A', { allowed_logout_urls: ['https://*.example.com/bye', '*.example.com'] }),
    app('B', { app_type: 'spa', oidc_logout: undefined, allowed_logout_urls: [] }),
    app('C', { app_type: 'native', allowed_logout_urls: ['com.example.c://logout'] }),
    app('M', { app_type: 'non_interactive' }),
  ],
  connections: [
    database,
    { name: 'google-oauth2', strategy: 'google-oauth2', options: { client_id: 'own' } },
    { name: 'google-dev', strategy: 'google-oauth2', options: {} },
    { name: 'legacy-saml', strategy: 'samlp', options: { disableSignout: true } },
    { name: 'entra', strategy: 'waad', options: {}, clients: ['A', 'C'] },
  ],
})

const shuffled = <T>(xs: readonly T[]): T[] => [...xs].reverse()

describe('the report as a whole', () => {
  const report = buildPostureReport(busy())

  it('covers every interactive application × method, applications by client id', () => {
    expect(report.matrix.map((r) => `${r.clientId} ${r.method}`)).toEqual(
      ['A', 'B', 'C'].flatMap((id) => LOGOUT_METHODS.map((m) => `${id} ${m}`)),
    )
  })

  it('is the same whatever order clients and connections come in', () => {
    const input = busy()
    const again = buildPostureReport({
      ...input,
      clients: shuffled(input.clients),
      connections: shuffled(input.connections),
    })
    expect(JSON.stringify(again)).toBe(JSON.stringify(report))
  })

  it('orders findings worst first, tenant-wide before applications, then by client id and method', () => {
    const rank = (f: PostureFinding) => SEVERITIES.indexOf(f.severity)
    const key = (f: PostureFinding) => [
      rank(f),
      f.clientId === undefined ? '' : `~${f.clientId}`,
      f.method === undefined ? -1 : LOGOUT_METHODS.indexOf(f.method),
    ]
    const keys = report.findings.map(key)
    const sorted = [...keys].sort((a, b) => {
      for (let i = 0; i < a.length; i++) {
        const x = a[i] as string | number
        const y = b[i] as string | number
        if (x < y) return -1
        if (x > y) return 1
      }
      return 0
    })
    expect(keys).toEqual(sorted)
  })

  it('gives every finding a unique id and a reference section', () => {
    const ids = report.findings.map((f) => f.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const f of report.findings) expect(f.reference).toMatch(/^§\d+(\.\d+)?$/)
  })

  it('covers every rule with this tenant', () => {
    const rules = new Set(report.findings.map((f) => f.rule))
    const all: PostureRule[] = [
      'silent-sso-after-app-logout',
      'idp-session-survives',
      'federated-not-possible',
      'federated-social-caveat',
      'backchannel-missing',
      'refresh-tokens-survive',
      'allow-list-wildcard',
      'allow-list-http',
      'allow-list-invalid-entry',
      'allow-list-empty',
      'allow-list-first-entry-unusable',
      'allow-list-oidc-query',
      'machine-to-machine',
    ]
    for (const rule of all) expect(rules, rule).toContain(rule)
  })

  it('summarises counts per severity, per rule, tenant-wide and per application', () => {
    const { summary } = report
    expect(summary).toMatchObject({
      applications: 4,
      interactiveApplications: 3,
      connections: 5,
      identityProviderConnections: 4,
      findings: report.findings.length,
    })
    for (const s of SEVERITIES) {
      expect(summary.bySeverity[s]).toBe(report.findings.filter((f) => f.severity === s).length)
    }
    expect(summary.bySeverity.total).toBe(report.findings.length)
    expect(Object.values(summary.byRule).reduce((a, b) => a + b, 0)).toBe(report.findings.length)
    expect(summary.byClient.map((c) => c.clientId)).toEqual(['A', 'B', 'C', 'M'])
    for (const c of summary.byClient) {
      expect(c.total).toBe(report.findings.filter((f) => f.clientId === c.clientId).length)
    }
    expect(summary.tenant.total).toBe(
      report.findings.filter((f) => f.clientId === undefined).length,
    )
  })

  it('links each matrix row to its findings and their worst severity', () => {
    const byId = new Map(report.findings.map((f) => [f.id, f]))
    for (const r of report.matrix) {
      for (const id of r.findingIds) {
        expect(byId.get(id)).toMatchObject({ clientId: r.clientId, method: r.method })
      }
    }
    expect(row(report, 'A', 'app-only').worst).toBe('high')
    expect(row(report, 'A', '/v2/logout?federated').worst).toBe('high')
  })

  it('accepts a validated Scenario as it stands, with an empty state', () => {
    const full: Scenario = {
      tenant: { allowed_logout_urls: [], sessions: { oidc_logout_prompt_enabled: true } },
      clients: [{ client_id: 'A', allowed_logout_urls: ['https://a.example.com/bye'] }],
      connections: [],
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
    const r = buildPostureReport(full)
    expect(r.matrix).toHaveLength(4)
    expect(r.tenant).toEqual({})
  })
})
