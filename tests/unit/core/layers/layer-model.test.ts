import { describe, expect, it } from 'vitest'
import type {
  Auth0Client,
  Auth0Connection,
  Auth0RefreshToken,
  Auth0Session,
  Auth0User,
} from '../../../../core/auth0/types'
import { buildUserLayers, type LayerInput } from '../../../../core/layers/layer-model'

const now = new Date('2026-11-25T12:00:00.000Z')
const CHROME_WIN =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'
const IOS_APP = 'AcmeMobile/4.2.1 CFNetwork/1496.0.7 Darwin/23.5.0'

const user: Auth0User = {
  user_id: 'auth0|ada',
  email: 'ada@example.com',
  name: 'Ada',
  picture: 'https://example.com/ada.png',
  identities: [
    { connection: 'Username-Password-Authentication', provider: 'auth0', user_id: 'ada' },
    { connection: 'google-oauth2', provider: 'google-oauth2', user_id: '1234', isSocial: true },
  ],
  last_login: '2026-11-24T08:00:00.000Z',
  logins_count: 42,
}

const connections: Auth0Connection[] = [
  { id: 'con_db', name: 'Username-Password-Authentication', strategy: 'auth0', options: {} },
  {
    id: 'con_g',
    name: 'google-oauth2',
    strategy: 'google-oauth2',
    options: { client_id: 'own.apps.googleusercontent.com' },
  },
  {
    id: 'con_s',
    name: 'acme-sso',
    display_name: 'Acme Corp SSO',
    strategy: 'samlp',
    options: { signInEndpoint: 'https://idp.acme.example/sso', disableSignout: true },
  },
  { id: 'con_gd', name: 'google-dev', strategy: 'google-oauth2', options: {} },
]

const clients: Auth0Client[] = [
  {
    client_id: 'portal',
    name: 'Support Portal',
    app_type: 'regular_web',
    oidc_logout: {
      backchannel_logout_urls: ['https://portal.example.com/bcl'],
      backchannel_logout_initiators: { mode: 'custom', selected_initiators: ['password-changed'] },
    },
  },
  { client_id: 'mobile', name: 'Mobile App', app_type: 'native' },
  {
    client_id: 'wiki',
    name: 'Wiki',
    app_type: 'spa',
    oidc_logout: {
      backchannel_logout_urls: ['https://wiki.example.com/bcl'],
      backchannel_logout_initiators: { mode: 'all' },
    },
  },
]

const device = (ua: string, ip = '203.0.113.10') => ({
  initial_user_agent: ua,
  initial_ip: ip,
  initial_asn: '64500',
  last_user_agent: ua,
  last_ip: ip,
  last_asn: '64500',
})

function session(id: string, fields: Partial<Auth0Session> = {}): Auth0Session {
  return {
    id,
    user_id: user.user_id,
    created_at: '2026-11-20T10:00:00.000Z',
    updated_at: '2026-11-24T10:00:00.000Z',
    authenticated_at: '2026-11-20T10:00:00.000Z',
    last_interacted_at: '2026-11-24T10:00:00.000Z',
    idle_expires_at: '2026-11-27T10:00:00.000Z',
    expires_at: '2026-12-20T10:00:00.000Z',
    device: device(CHROME_WIN),
    clients: [{ client_id: 'portal' }],
    authentication: { methods: [{ name: 'pwd', timestamp: '2026-11-20T10:00:00.000Z' }] },
    cookie: { mode: 'persistent' },
    ...fields,
  }
}

function token(id: string, fields: Partial<Auth0RefreshToken> = {}): Auth0RefreshToken {
  return {
    id,
    user_id: user.user_id,
    client_id: 'mobile',
    session_id: null,
    created_at: '2026-10-01T10:00:00.000Z',
    last_exchanged_at: '2026-11-24T10:00:00.000Z',
    idle_expires_at: '2026-12-24T10:00:00.000Z',
    expires_at: '2027-10-01T10:00:00.000Z',
    device: device(IOS_APP),
    rotating: true,
    resource_servers: [{ audience: 'https://api.example.com', scopes: 'read:orders' }],
    ...fields,
  }
}

function input(fields: Partial<LayerInput> = {}): LayerInput {
  return {
    tenantId: 'tenant-1',
    user,
    sessions: [],
    refreshTokens: [],
    clients,
    connections,
    ...fields,
  }
}

describe('buildUserLayers: a typical user', () => {
  const layers = buildUserLayers(
    input({
      sessions: [
        session('s-pwd'),
        session('s-google', {
          last_interacted_at: '2026-11-25T09:00:00.000Z',
          device: device(SAFARI_IPHONE, '198.51.100.7'),
          clients: [{ client_id: 'portal' }, { client_id: 'mobile' }, { client_id: 'portal' }],
          authentication: {
            methods: [
              { name: 'federated', timestamp: '2026-11-25T08:59:00.000Z' },
              { name: 'mfa', type: 'otp', timestamp: '2026-11-25T09:00:00.000Z' },
            ],
          },
        }),
      ],
      refreshTokens: [
        token('rt-bound', { session_id: 's-google' }),
        token('rt-legacy', { expires_at: '2026-12-04T10:00:00.000Z' }),
        token('rt-orphan', {
          session_id: 's-gone',
          expires_at: '2026-11-30T10:00:00.000Z',
          resource_servers: [
            { audience: 'https://api.example.com' },
            { audience: 'https://api.example.com' },
            { audience: 'https://billing.example.com' },
          ],
        }),
      ],
    }),
    now,
  )

  it('describes the user', () => {
    expect(layers.tenantId).toBe('tenant-1')
    expect(layers.fetchedAt).toBe(now.toISOString())
    expect(layers.user).toEqual({
      userId: 'auth0|ada',
      email: 'ada@example.com',
      name: 'Ada',
      picture: 'https://example.com/ada.png',
      connections: ['Username-Password-Authentication', 'google-oauth2'],
      lastLogin: '2026-11-24T08:00:00.000Z',
      loginsCount: 42,
    })
    expect(layers.unavailable).toEqual([])
  })

  it('makes one IdP per identity and attributes sessions by method', () => {
    const withoutReasons = layers.idps.map(({ federatedLogout, ...idp }) => ({
      ...idp,
      supported: federatedLogout.supported,
    }))
    expect(withoutReasons).toEqual([
      {
        id: 'idp:Username-Password-Authentication',
        connection: 'Username-Password-Authentication',
        strategy: 'auth0',
        kind: 'database',
        supported: false,
        sessionIds: ['session:s-pwd'],
      },
      {
        id: 'idp:google-oauth2',
        connection: 'google-oauth2',
        strategy: 'google-oauth2',
        kind: 'social',
        supported: true,
        sessionIds: ['session:s-google'],
      },
    ])
    expect(layers.idps[0]?.federatedLogout.reason).toMatch(/^Password logins/)
    expect(layers.idps[1]?.federatedLogout.reason).toMatch(/Google session/)
  })

  it('builds session nodes, newest interaction first', () => {
    expect(layers.sessions.map((s) => s.id)).toEqual(['session:s-google', 'session:s-pwd'])
    const [google, pwd] = layers.sessions
    expect(google).toMatchObject({
      sessionId: 's-google',
      firstDevice: { label: 'Safari on iPhone', ip: '198.51.100.7', asn: '64500' },
      lastDevice: { label: 'Safari on iPhone', browser: 'Safari', os: 'iOS' },
      methods: [
        {
          name: 'federated',
          label: 'Federated login (google-oauth2)',
          timestamp: '2026-11-25T08:59:00.000Z',
        },
        { name: 'mfa', label: 'MFA (otp)', timestamp: '2026-11-25T09:00:00.000Z' },
      ],
      idpIds: ['idp:google-oauth2'],
      appIds: ['app:portal', 'app:mobile'],
      refreshTokenIds: ['rt:rt-bound'],
      status: 'active',
      endsAt: '2026-11-27T10:00:00.000Z',
      endsBy: 'idle',
      cookieMode: 'persistent',
    })
    expect(pwd).toMatchObject({
      methods: [{ name: 'pwd', label: 'Password' }],
      lastDevice: { label: 'Chrome on Windows' },
      idpIds: ['idp:Username-Password-Authentication'],
      appIds: ['app:portal'],
      refreshTokenIds: [],
    })
  })

  it('builds app nodes with back-channel subscriptions', () => {
    expect(layers.apps).toEqual([
      {
        id: 'app:portal',
        clientId: 'portal',
        name: 'Support Portal',
        appType: 'regular_web',
        known: true,
        backchannel: {
          subscribed: true,
          url: 'https://portal.example.com/bcl',
          mode: 'custom',
          initiators: ['rp-logout', 'idp-logout', 'password-changed'],
        },
        sessionIds: ['session:s-google', 'session:s-pwd'],
        refreshTokenIds: [],
      },
      {
        id: 'app:mobile',
        clientId: 'mobile',
        name: 'Mobile App',
        appType: 'native',
        known: true,
        backchannel: { subscribed: false, initiators: [] },
        sessionIds: ['session:s-google'],
        refreshTokenIds: ['rt:rt-bound', 'rt:rt-legacy', 'rt:rt-orphan'],
      },
    ])
  })

  it('binds, unbinds and orphans refresh tokens', () => {
    const byId = new Map(layers.refreshTokens.map((t) => [t.tokenId, t]))
    expect(byId.get('rt-bound')).toMatchObject({
      id: 'rt:rt-bound',
      appId: 'app:mobile',
      appName: 'Mobile App',
      sessionNodeId: 'session:s-google',
      orphaned: false,
      endsAt: '2026-12-24T10:00:00.000Z',
      device: { label: 'AcmeMobile (iOS app)' },
      audiences: ['https://api.example.com'],
      rotating: true,
    })
    expect(byId.get('rt-legacy')).toMatchObject({ sessionNodeId: null, orphaned: false })
    expect(byId.get('rt-orphan')).toMatchObject({
      sessionNodeId: null,
      orphaned: true,
      endsAt: '2026-11-30T10:00:00.000Z',
      audiences: ['https://api.example.com', 'https://billing.example.com'],
    })
  })

  it('links every layer', () => {
    expect(layers.links).toEqual(
      expect.arrayContaining([
        { from: 'idp:google-oauth2', to: 'session:s-google', kind: 'idp-session' },
        {
          from: 'idp:Username-Password-Authentication',
          to: 'session:s-pwd',
          kind: 'idp-session',
        },
        { from: 'session:s-google', to: 'app:portal', kind: 'session-app' },
        { from: 'session:s-google', to: 'app:mobile', kind: 'session-app' },
        { from: 'session:s-pwd', to: 'app:portal', kind: 'session-app' },
        { from: 'session:s-google', to: 'rt:rt-bound', kind: 'session-token' },
        { from: 'app:mobile', to: 'rt:rt-bound', kind: 'app-token' },
        { from: 'app:mobile', to: 'rt:rt-legacy', kind: 'app-token' },
        { from: 'app:mobile', to: 'rt:rt-orphan', kind: 'app-token' },
      ]),
    )
    expect(layers.links).toHaveLength(9)
  })

  it('summarises in plain language', () => {
    expect(layers.summary).toEqual({
      text:
        'Signed in on 2 devices through a password (no IdP session) and Google (IdP session can be ended: yes); ' +
        '2 refresh tokens will keep Mobile App signed in after any logout until 2026-12-04. ' +
        '1 refresh token is bound to a listed session: revoking that session ends it, a plain logout does not.',
      devices: 2,
      sessions: 2,
      refreshTokens: 3,
      unboundRefreshTokens: 2,
    })
  })
})

describe('buildUserLayers: edge cases', () => {
  it('says so when there is no session at all', () => {
    const layers = buildUserLayers(input(), now)
    expect(layers.summary).toEqual({
      text: 'No active Auth0 session.',
      devices: 0,
      sessions: 0,
      refreshTokens: 0,
      unboundRefreshTokens: 0,
    })
    expect(layers.apps).toEqual([])
    expect(layers.links).toEqual([])
  })

  it('keeps sessions that used no application', () => {
    const layers = buildUserLayers(input({ sessions: [session('s1', { clients: [] })] }), now)
    expect(layers.sessions[0]?.appIds).toEqual([])
    expect(layers.apps).toEqual([])
    expect(layers.links.filter((l) => l.kind === 'session-app')).toEqual([])
    const noClients = buildUserLayers(
      input({ sessions: [session('s2', { clients: undefined })] }),
      now,
    )
    expect(noClients.sessions[0]?.appIds).toEqual([])
  })

  it('marks client ids missing from the tenant as unknown applications', () => {
    const layers = buildUserLayers(
      input({
        sessions: [session('s1', { clients: [{ client_id: 'deleted-app' }] })],
        refreshTokens: [token('t1', { client_id: 'gone-too' })],
      }),
      now,
    )
    expect(layers.apps).toEqual([
      expect.objectContaining({
        id: 'app:deleted-app',
        known: false,
        name: 'Unknown application (deleted-app)',
        appType: 'unknown',
        backchannel: { subscribed: false, initiators: [] },
      }),
      expect.objectContaining({ id: 'app:gone-too', known: false }),
    ])
    expect(layers.refreshTokens[0]?.appName).toBe('Unknown application (gone-too)')
    expect(layers.summary.text).toContain(
      '1 refresh token will keep Unknown application (gone-too) signed in after any logout until 2026-12-24',
    )
  })

  it('lists "all" back-channel initiators in mode all', () => {
    const layers = buildUserLayers(
      input({ sessions: [session('s1', { clients: [{ client_id: 'wiki' }] })] }),
      now,
    )
    expect(layers.apps[0]?.backchannel).toEqual({
      subscribed: true,
      url: 'https://wiki.example.com/bcl',
      mode: 'all',
      initiators: ['all'],
    })
  })

  it('tells expired-but-listed sessions apart', () => {
    const layers = buildUserLayers(
      input({
        sessions: [
          session('idle-out', { idle_expires_at: '2026-11-25T11:00:00.000Z' }),
          session('absolute-out', {
            idle_expires_at: '2026-11-26T00:00:00.000Z',
            expires_at: '2026-11-25T12:00:00.000Z',
          }),
          session('alive', { last_interacted_at: '2026-11-23T00:00:00.000Z' }),
        ],
      }),
      now,
    )
    const status = Object.fromEntries(
      layers.sessions.map((s) => [s.sessionId, [s.status, s.endsBy]]),
    )
    expect(status).toEqual({
      'idle-out': ['expired', 'idle'],
      'absolute-out': ['expired', 'absolute'],
      alive: ['active', 'idle'],
    })
    expect(layers.summary.sessions).toBe(1)
    expect(layers.summary.text).toBe(
      'Signed in on 1 device through a password (no IdP session). 2 more sessions are listed but already expired.',
    )

    const allExpired = buildUserLayers(
      input({ sessions: [session('idle-out', { idle_expires_at: '2026-11-25T11:00:00.000Z' })] }),
      now,
    )
    expect(allExpired.summary.text).toBe(
      'No active Auth0 session. 1 listed session has already expired.',
    )
  })

  it('sessions without deadlines stay active', () => {
    const layers = buildUserLayers(
      input({ sessions: [session('s1', { idle_expires_at: null, expires_at: undefined })] }),
      now,
    )
    expect(layers.sessions[0]).toMatchObject({ status: 'active' })
    expect(layers.sessions[0]?.endsAt).toBeUndefined()
    expect(layers.sessions[0]?.endsBy).toBeUndefined()
  })

  it('reports federated-logout support per connection type', () => {
    const layers = buildUserLayers(
      input({
        user: {
          user_id: 'samlp|acme-sso|ada',
          identities: [
            { connection: 'acme-sso', provider: 'samlp', user_id: 'ada' },
            { connection: 'google-dev', provider: 'google-oauth2', user_id: '1' },
            { connection: 'contoso', provider: 'waad', user_id: '2' },
            { connection: 'linkedin', provider: 'linkedin', user_id: '3' },
          ],
        },
        sessions: [session('s1', { authentication: { methods: [{ name: 'federated' }] } })],
      }),
      now,
    )
    const support = Object.fromEntries(
      layers.idps.map((i) => [i.connection, [i.kind, i.federatedLogout.supported]]),
    )
    expect(support).toEqual({
      'acme-sso': ['saml', false],
      'google-dev': ['social', false],
      contoso: ['entra', true],
      linkedin: ['social', false],
    })
    expect(layers.idps.find((i) => i.connection === 'google-dev')?.federatedLogout.reason).toMatch(
      /developer keys/,
    )
    expect(layers.idps.find((i) => i.connection === 'linkedin')?.federatedLogout.reason).toMatch(
      /^unconfirmed:/,
    )
    // `federated` cannot say which linked identity was used: all non-database ones are linked.
    expect(layers.sessions[0]?.idpIds).toHaveLength(4)
    expect(layers.sessions[0]?.methods[0]?.label).toBe('Federated login')
    expect(layers.summary.text).toBe(
      'Signed in on 1 device through Acme Corp SSO (IdP session can be ended: no), ' +
        'Google (IdP session can be ended: no), contoso (IdP session can be ended: yes) and ' +
        'LinkedIn (IdP session can be ended: no).',
    )
  })

  it('names the connection when two IdPs would read the same', () => {
    const layers = buildUserLayers(
      input({
        user: {
          user_id: 'google-oauth2|1',
          identities: [
            { connection: 'google-oauth2', provider: 'google-oauth2' },
            { connection: 'google-dev', provider: 'google-oauth2' },
          ],
        },
        sessions: [session('s1', { authentication: { methods: [{ name: 'federated' }] } })],
      }),
      now,
    )
    expect(layers.summary.text).toBe(
      'Signed in on 1 device through Google (connection google-oauth2; IdP session can be ended: yes) ' +
        'and Google (connection google-dev; IdP session can be ended: no).',
    )
  })

  it('attributes a session with no recognised method to the only identity', () => {
    const layers = buildUserLayers(
      input({
        user: { user_id: 'auth0|x', identities: [{ connection: 'db', provider: 'auth0' }] },
        sessions: [session('s1', { authentication: { methods: [] } })],
      }),
      now,
    )
    expect(layers.sessions[0]?.idpIds).toEqual(['idp:db'])
  })

  it('links passwordless sessions to the matching connection', () => {
    const layers = buildUserLayers(
      input({
        user: {
          user_id: 'sms|1',
          identities: [
            { connection: 'sms', provider: 'sms' },
            { connection: 'email', provider: 'email' },
          ],
        },
        sessions: [session('s1', { authentication: { methods: [{ name: 'sms' }] } })],
      }),
      now,
    )
    expect(layers.sessions[0]).toMatchObject({ idpIds: ['idp:sms'], methods: [{ label: 'SMS' }] })
    expect(layers.idps.map((i) => i.kind)).toEqual(['passwordless', 'passwordless'])
    expect(layers.summary.text).toBe('Signed in on 1 device through SMS codes (no IdP session).')
  })

  it('groups unbound tokens per app with the latest expiry, or none', () => {
    const layers = buildUserLayers(
      input({
        refreshTokens: [
          token('a', { expires_at: '2026-12-04T10:00:00.000Z', idle_expires_at: undefined }),
          token('b', { expires_at: '2026-12-01T10:00:00.000Z', idle_expires_at: undefined }),
          token('c', { client_id: 'portal', expires_at: undefined, idle_expires_at: undefined }),
          token('d', { client_id: 'portal', expires_at: '2027-01-01T00:00:00.000Z' }),
          token('e', { client_id: 'wiki', expires_at: '2026-11-01T00:00:00.000Z' }),
        ],
      }),
      now,
    )
    expect(layers.refreshTokens.find((t) => t.tokenId === 'c')?.endsAt).toBeUndefined()
    expect(layers.summary).toEqual({
      text:
        'No active Auth0 session; ' +
        '2 refresh tokens will keep Mobile App signed in after any logout until 2026-12-04; ' +
        '2 refresh tokens will keep Support Portal signed in after any logout with no expiry. ' +
        '1 listed refresh token has already expired.',
      devices: 0,
      sessions: 0,
      refreshTokens: 5,
      unboundRefreshTokens: 4,
    })
  })

  it('counts devices by last label and IP', () => {
    const layers = buildUserLayers(
      input({
        sessions: [
          session('a'),
          session('b'),
          session('c', { device: device(CHROME_WIN, '192.0.2.1') }),
        ],
      }),
      now,
    )
    expect(layers.summary).toMatchObject({ devices: 2, sessions: 3 })
    expect(layers.summary.text).toMatch(/^Signed in on 2 devices in 3 sessions through/)
  })

  it('turns null parts into unavailable ones', () => {
    const forbidden = {
      code: 'FORBIDDEN' as const,
      message: 'The tenant client lacks read:sessions.',
    }
    const layers = buildUserLayers(
      input({
        sessions: null,
        clients: null,
        connections: null,
        refreshTokens: [token('bound-somewhere', { session_id: 's9' }), token('legacy')],
        unavailable: [{ part: 'sessions', error: forbidden }],
      }),
      now,
    )
    expect(layers.unavailable).toEqual([
      { part: 'sessions', error: forbidden },
      { part: 'applications', error: { code: 'INTERNAL', message: 'Applications were not read.' } },
      { part: 'connections', error: { code: 'INTERNAL', message: 'Connections were not read.' } },
    ])
    // Without the session list no token can be called orphaned.
    expect(layers.refreshTokens.map((t) => [t.tokenId, t.sessionNodeId, t.orphaned])).toEqual([
      ['bound-somewhere', null, false],
      ['legacy', null, false],
    ])
    expect(layers.apps[0]).toMatchObject({ known: false, name: 'Unknown application (mobile)' })
    // Without connections the strategy comes from the identity's provider.
    expect(layers.idps.map((i) => [i.strategy, i.kind])).toEqual([
      ['auth0', 'database'],
      ['google-oauth2', 'social'],
    ])
    expect(layers.summary).toEqual({
      text:
        'Sessions could not be read: The tenant client lacks read:sessions. ' +
        '1 refresh token will keep Unknown application (mobile) signed in after any logout until 2026-12-24. ' +
        '1 refresh token is bound to sessions that could not be read. ' +
        'Applications could not be read: Applications were not read. ' +
        'Connections could not be read: Connections were not read.',
      devices: 0,
      sessions: 0,
      refreshTokens: 2,
      unboundRefreshTokens: 1,
    })
  })

  it('says when refresh tokens could not be read', () => {
    const layers = buildUserLayers(
      input({
        sessions: [session('s1')],
        refreshTokens: null,
        unavailable: [
          { part: 'refreshTokens', error: { code: 'FORBIDDEN', message: 'Missing scope' } },
        ],
      }),
      now,
    )
    expect(layers.refreshTokens).toEqual([])
    expect(layers.summary.text).toBe(
      'Signed in on 1 device through a password (no IdP session). Refresh tokens could not be read: Missing scope.',
    )
  })

  it('ignores duplicates, non-string dates and extra fields', () => {
    const extra = { ...session('s1'), actor: { sub: 'support' }, created_at: { seconds: 1 } }
    const layers = buildUserLayers(
      input({ sessions: [extra, session('s1')], refreshTokens: [token('t'), token('t')] }),
      now,
    )
    expect(layers.sessions).toHaveLength(1)
    expect(layers.sessions[0]?.createdAt).toBeUndefined()
    expect(layers.refreshTokens).toHaveLength(1)
  })

  it('falls back to the other end of the device record', () => {
    const layers = buildUserLayers(
      input({
        sessions: [
          session('s1', { device: { initial_user_agent: SAFARI_IPHONE, initial_ip: '192.0.2.4' } }),
        ],
      }),
      now,
    )
    expect(layers.sessions[0]?.lastDevice).toMatchObject({
      label: 'Safari on iPhone',
      ip: '192.0.2.4',
    })
    const none = buildUserLayers(input({ sessions: [session('s2', { device: undefined })] }), now)
    expect(none.sessions[0]?.lastDevice.label).toBe('Unknown device')
  })
})

describe('buildUserLayers: 5,000 sessions and 5,000 refresh tokens', () => {
  it('builds every node and link', () => {
    const sessions: Auth0Session[] = []
    const refreshTokens: Auth0RefreshToken[] = []
    const appCount = 50
    for (let i = 0; i < 5000; i++) {
      const minute = String(i % 60).padStart(2, '0')
      sessions.push(
        session(`s${i}`, {
          last_interacted_at: `2026-11-${String(1 + (i % 24)).padStart(2, '0')}T10:${minute}:00.000Z`,
          // Every 10th session has expired (idle deadline in the past).
          idle_expires_at: i % 10 === 0 ? '2026-11-24T00:00:00.000Z' : '2026-11-28T00:00:00.000Z',
          clients: [{ client_id: `c${i % appCount}` }, { client_id: 'portal' }],
          device: device(i % 2 ? CHROME_WIN : SAFARI_IPHONE, `192.0.2.${i % 200}`),
          authentication: { methods: [{ name: i % 2 ? 'pwd' : 'federated' }] },
        }),
      )
    }
    for (let i = 0; i < 5000; i++) {
      // 4,000 bound, 500 orphaned, 500 without a session id.
      const sessionId = i < 4000 ? `s${i}` : i < 4500 ? `gone${i}` : null
      refreshTokens.push(token(`t${i}`, { client_id: `c${i % appCount}`, session_id: sessionId }))
    }
    const layers = buildUserLayers(input({ sessions, refreshTokens }), now)

    expect(layers.sessions).toHaveLength(5000)
    expect(layers.refreshTokens).toHaveLength(5000)
    expect(layers.apps).toHaveLength(appCount + 1)
    expect(layers.sessions.filter((s) => s.status === 'expired')).toHaveLength(500)
    expect(layers.refreshTokens.filter((t) => t.orphaned)).toHaveLength(500)
    expect(layers.refreshTokens.filter((t) => t.sessionNodeId !== null)).toHaveLength(4000)
    expect(layers.summary).toMatchObject({
      sessions: 4500,
      refreshTokens: 5000,
      unboundRefreshTokens: 1000,
      // 200 (browser, IP) pairs; the 20 IPs ending in 0 carry only expired sessions.
      devices: 180,
    })
    const count = (kind: string) => layers.links.filter((l) => l.kind === kind).length
    expect(count('idp-session')).toBe(5000)
    expect(count('session-app')).toBe(10000)
    expect(count('session-token')).toBe(4000)
    expect(count('app-token')).toBe(5000)
    expect(layers.idps.map((i) => i.sessionIds.length)).toEqual([2500, 2500])
    expect(layers.apps.find((a) => a.id === 'app:portal')?.sessionIds).toHaveLength(5000)
    expect(layers.apps.find((a) => a.id === 'app:c7')?.refreshTokenIds).toHaveLength(100)
    // Newest interaction first.
    const keys = layers.sessions.map((s) => Date.parse(s.lastInteractedAt ?? ''))
    expect(keys.every((k, i) => i === 0 || (keys[i - 1] ?? 0) >= k)).toBe(true)
  })
})
