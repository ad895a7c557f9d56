import { describe, expect, it } from 'vitest'
import type { AppNode } from '../../../../preload/contract'
import { dependentsOf } from '../../../../core/layers/layer-graph'
import type {
  Auth0Client,
  Auth0Connection,
  Auth0RefreshToken,
  Auth0Session,
  Auth0User,
} from '../../../../core/auth0/types'
import { buildUserLayers, type LayerInput } from '../../../../core/layers/layer-model'
import {
  ACCESS_TOKENS_SURVIVE,
  EVENTUAL_CONSISTENCY_NOTE,
  UNCOMMITTED_WORK_WARNING,
  backchannelOnSessionEnd,
  previewLogout,
  requestKey,
} from '../../../../core/logout/preview'
import type { LogoutAction, LogoutPreview } from '../../../../core/logout/types'
import { AppFailure } from '../../../../core/result'

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
  identities: [
    { connection: 'Username-Password-Authentication', provider: 'auth0', user_id: 'ada' },
    { connection: 'google-oauth2', provider: 'google-oauth2', user_id: '1234', isSocial: true },
  ],
}

const connections: Auth0Connection[] = [
  { name: 'Username-Password-Authentication', strategy: 'auth0', options: {} },
  { name: 'google-oauth2', strategy: 'google-oauth2', options: { client_id: 'own.apps' } },
]

const subscribed = (mode: 'custom' | 'all', selected?: string[]): Auth0Client['oidc_logout'] => ({
  backchannel_logout_urls: ['https://apps.example.com/bcl'],
  backchannel_logout_initiators: { mode, ...(selected && { selected_initiators: selected }) },
})

const clients: Auth0Client[] = [
  {
    client_id: 'portal',
    name: 'Support Portal',
    app_type: 'regular_web',
    oidc_logout: subscribed('custom', ['password-changed']),
  },
  { client_id: 'wiki', name: 'Wiki', app_type: 'regular_web', oidc_logout: subscribed('all') },
  {
    client_id: 'billing',
    name: 'Billing',
    app_type: 'regular_web',
    oidc_logout: subscribed('custom', ['session-revoked']),
  },
  {
    client_id: 'legacy',
    name: 'Legacy CRM',
    app_type: 'regular_web',
    oidc_logout: subscribed('custom', ['session-deleted']),
  },
  { client_id: 'mobile', name: 'Mobile App', app_type: 'native' },
  { client_id: 'reports', name: 'Reports', app_type: 'spa', oidc_logout: subscribed('all') },
]

const device = (ua: string, ip: string) => ({
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
    last_interacted_at: '2026-11-24T10:00:00.000Z',
    idle_expires_at: '2026-11-27T10:00:00.000Z',
    expires_at: '2026-12-20T10:00:00.000Z',
    device: device(CHROME_WIN, '203.0.113.10'),
    authentication: { methods: [{ name: 'pwd' }] },
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
    expires_at: '2027-10-01T10:00:00.000Z',
    device: device(IOS_APP, '198.51.100.7'),
    ...fields,
  }
}

/** A laptop session used by five apps, a phone session by two, bound/unbound/orphaned tokens. */
function input(fields: Partial<LayerInput> = {}): LayerInput {
  return {
    tenantId: 'tenant-1',
    user,
    sessions: [
      session('s-laptop', {
        clients: ['portal', 'wiki', 'billing', 'legacy', 'mobile'].map((client_id) => ({
          client_id,
        })),
      }),
      session('s-phone', {
        last_interacted_at: '2026-11-25T09:00:00.000Z',
        device: device(SAFARI_IPHONE, '198.51.100.7'),
        clients: [{ client_id: 'reports' }, { client_id: 'mobile' }],
        authentication: { methods: [{ name: 'federated' }] },
      }),
    ],
    refreshTokens: [
      token('rt-laptop', { session_id: 's-laptop', last_exchanged_at: '2026-11-25T08:00:00.000Z' }),
      token('rt-wiki', { client_id: 'wiki', session_id: 's-laptop' }),
      token('rt-phone', { session_id: 's-phone', last_exchanged_at: '2026-11-25T07:00:00.000Z' }),
      token('rt-unbound', { last_exchanged_at: '2026-11-20T10:00:00.000Z' }),
      token('rt-orphan', {
        client_id: 'billing',
        session_id: 's-gone',
        last_exchanged_at: '2026-11-19T10:00:00.000Z',
      }),
    ],
    clients,
    connections,
    ...fields,
  }
}

const layers = buildUserLayers(input(), now)

const byApp = (p: LogoutPreview) => Object.fromEntries(p.backchannel.map((b) => [b.appName, b]))
const survivingTokens = (p: LogoutPreview) =>
  Object.fromEntries(p.survives.refreshTokens.map((t) => [t.id, t.reason]))

describe('previewLogout: delete one session', () => {
  const preview = previewLogout(layers, { kind: 'delete-session', sessionId: 's-laptop' })

  it('ends exactly that session and no refresh token', () => {
    expect(preview.title).toBe('End 1 session of ada@example.com')
    expect(preview.global).toBe(false)
    expect(preview.ends).toEqual({
      sessions: [
        {
          id: 'session:s-laptop',
          sessionId: 's-laptop',
          device: 'Chrome on Windows · 203.0.113.10',
          apps: ['Support Portal', 'Wiki', 'Billing', 'Legacy CRM', 'Mobile App'],
        },
      ],
      refreshTokens: [],
    })
    expect(preview.counts).toEqual({ sessions: 1, refreshTokens: 0, requests: 1 })
  })

  it('plans exactly one DELETE /sessions/{id}', () => {
    expect(preview.requests).toEqual([
      {
        kind: 'delete-session',
        targetId: 's-laptop',
        userId: 'auth0|ada',
        label: 'End session on Chrome on Windows · 203.0.113.10',
        key: requestKey('delete-session', 'auth0|ada', 's-laptop'),
      },
    ])
  })

  it('decides back-channel delivery per app and initiator mode', () => {
    const apps = byApp(preview)
    // Apps of the ended session first, in layer order; then subscribed apps it did not use.
    expect(Object.keys(apps)).toEqual([
      'Mobile App',
      'Support Portal',
      'Wiki',
      'Billing',
      'Legacy CRM',
      'Reports',
    ])
    // custom mode without session-revoked: rp-logout/idp-logout do not fire for API actions
    expect(apps['Support Portal']).toMatchObject({ appId: 'app:portal', receives: false })
    expect(apps['Support Portal']?.reason).toMatch(
      /^Subscribed, but the session-revoked initiator is not selected/,
    )
    expect(apps['Support Portal']?.reason).toMatch(/session-deleted/)
    expect(apps['Support Portal']?.reason).toMatch(/rp-logout and idp-logout/)
    // mode all
    expect(apps.Wiki).toMatchObject({ receives: true })
    expect(apps.Wiki?.reason).toMatch(/all initiators/)
    // custom with session-revoked, and with its alias session-deleted
    expect(apps.Billing).toMatchObject({ receives: true })
    expect(apps['Legacy CRM']).toMatchObject({ receives: true })
    expect(apps['Legacy CRM']?.reason).toMatch(/session-deleted/)
    // not subscribed
    expect(apps['Mobile App']).toEqual({
      appId: 'app:mobile',
      appName: 'Mobile App',
      receives: false,
      reason:
        'Not subscribed to back-channel logout: its own session keeps running until it expires.',
    })
    // subscribed with every initiator, but not used in the ended session
    expect(apps.Reports).toMatchObject({ receives: false })
    expect(apps.Reports?.reason).toMatch(/^Not used in the ended sessions/)
  })

  it('says which app sessions, refresh tokens, sessions and IdP sessions survive', () => {
    expect(preview.survives.accessTokens).toBe(ACCESS_TOKENS_SURVIVE)
    expect(preview.survives.appSessions.map((a) => a.appName)).toEqual([
      'Mobile App',
      'Support Portal',
    ])
    const tokens = survivingTokens(preview)
    expect(Object.keys(tokens).sort()).toEqual(
      ['rt:rt-laptop', 'rt:rt-orphan', 'rt:rt-phone', 'rt:rt-unbound', 'rt:rt-wiki'].sort(),
    )
    expect(tokens['rt:rt-laptop']).toMatch(/deleting a session does not revoke/)
    expect(tokens['rt:rt-wiki']).toMatch(/deleting a session does not revoke/)
    expect(tokens['rt:rt-phone']).toBe('Bound to a session this action does not end.')
    expect(tokens['rt:rt-unbound']).toMatch(/^Not bound to any session/)
    expect(tokens['rt:rt-orphan']).toMatch(/no longer listed/)
    expect(preview.survives.sessions.map((s) => s.sessionId)).toEqual(['s-phone'])
    // The database identity has no IdP session; Google's was not used by the ended session.
    expect(preview.survives.idpSessions).toEqual([
      {
        connection: 'google-oauth2',
        reason: 'This action never ends identity-provider sessions.',
      },
    ])
  })

  it('warns about lost work, bound tokens left valid and eventual consistency', () => {
    expect(preview.warnings[0]).toContain(UNCOMMITTED_WORK_WARNING)
    expect(preview.warnings[0]).toContain(
      'Support Portal, Wiki, Billing, Legacy CRM and Mobile App',
    )
    expect(preview.warnings).toContain(
      '2 refresh tokens are bound to the ended session and stay valid: deleting a session does not revoke refresh tokens. Revoke the session instead to end them too.',
    )
    expect(preview.warnings.at(-1)).toBe(EVENTUAL_CONSISTENCY_NOTE)
  })

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(preview))).toEqual(preview)
  })
})

describe('previewLogout: revoke one session', () => {
  const preview = previewLogout(layers, { kind: 'revoke-session', sessionId: 's-laptop' })

  it('ends the session and exactly its bound refresh tokens', () => {
    expect(preview.title).toBe('Revoke 1 session and 2 refresh tokens of ada@example.com')
    expect(preview.ends.refreshTokens).toEqual([
      { id: 'rt:rt-laptop', tokenId: 'rt-laptop', appName: 'Mobile App', bound: true },
      { id: 'rt:rt-wiki', tokenId: 'rt-wiki', appName: 'Wiki', bound: true },
    ])
    expect(preview.requests.map((r) => [r.kind, r.targetId])).toEqual([
      ['revoke-session', 's-laptop'],
    ])
    expect(preview.counts).toEqual({ sessions: 1, refreshTokens: 2, requests: 1 })
  })

  it('agrees with the layer map: the ended tokens are the session’s dependents', () => {
    const dependents = [...dependentsOf(layers, 'session:s-laptop')].filter((id) =>
      id.startsWith('rt:'),
    )
    expect(preview.ends.refreshTokens.map((t) => t.id).sort()).toEqual(dependents.sort())
  })

  it('leaves other tokens alive, with reasons, and sends the same back-channel logouts', () => {
    expect(Object.keys(survivingTokens(preview)).sort()).toEqual([
      'rt:rt-orphan',
      'rt:rt-phone',
      'rt:rt-unbound',
    ])
    const deleted = previewLogout(layers, { kind: 'delete-session', sessionId: 's-laptop' })
    expect(preview.backchannel).toEqual(deleted.backchannel)
    expect(preview.warnings.some((w) => w.includes('deleting a session does not revoke'))).toBe(
      false,
    )
  })

  it('names the IdP the ended session signed in through', () => {
    const phone = previewLogout(layers, { kind: 'revoke-session', sessionId: 's-phone' })
    expect(phone.survives.idpSessions).toHaveLength(1)
    expect(phone.survives.idpSessions[0]?.connection).toBe('google-oauth2')
    expect(phone.survives.idpSessions[0]?.reason).toMatch(
      /^The user signed in through it in an ended session\. The Management API never ends/,
    )
    expect(byApp(phone).Reports).toMatchObject({ receives: true })
    expect(phone.title).toBe('Revoke 1 session and 1 refresh token of ada@example.com')
  })
})

describe('previewLogout: refresh tokens only', () => {
  it('revokes one unbound token without any back-channel logout', () => {
    const preview = previewLogout(layers, { kind: 'revoke-refresh-token', tokenId: 'rt-unbound' })
    expect(preview.title).toBe('Revoke 1 refresh token of ada@example.com (Mobile App)')
    expect(preview.ends).toEqual({
      sessions: [],
      refreshTokens: [
        { id: 'rt:rt-unbound', tokenId: 'rt-unbound', appName: 'Mobile App', bound: false },
      ],
    })
    expect(preview.requests.map((r) => [r.kind, r.targetId])).toEqual([
      ['delete-refresh-token', 'rt-unbound'],
    ])
    expect(preview.backchannel).toEqual([
      {
        appId: 'app:mobile',
        appName: 'Mobile App',
        receives: false,
        reason: 'Revoking refresh tokens sends no back-channel logout.',
      },
    ])
    expect(preview.survives.appSessions.map((a) => a.appName)).toEqual(['Mobile App'])
    expect(preview.survives.sessions).toHaveLength(2)
    expect(preview.survives.sessions[0]?.reason).toMatch(/^This action ends no session/)
    expect(Object.values(survivingTokens(preview))).toEqual(
      Array(4).fill('Not part of this action.'),
    )
    expect(preview.warnings.some((w) => w.includes(UNCOMMITTED_WORK_WARNING))).toBe(false)
    expect(preview.warnings).toContain(
      'Mobile App can get new tokens without a password (silent authentication or single sign-on) while 2 Auth0 sessions stay active.',
    )
  })

  it('revokes every token of one app, one request per token', () => {
    const preview = previewLogout(layers, { kind: 'revoke-app-tokens', clientId: 'mobile' })
    expect(preview.title).toBe('Revoke 3 refresh tokens of Mobile App for ada@example.com')
    expect(preview.ends.refreshTokens.map((t) => [t.tokenId, t.bound])).toEqual([
      ['rt-laptop', true],
      ['rt-phone', true],
      ['rt-unbound', false],
    ])
    expect(preview.requests.map((r) => [r.kind, r.targetId])).toEqual([
      ['delete-refresh-token', 'rt-laptop'],
      ['delete-refresh-token', 'rt-phone'],
      ['delete-refresh-token', 'rt-unbound'],
    ])
    expect(new Set(preview.requests.map((r) => r.key)).size).toBe(3)
    expect(preview.counts).toEqual({ sessions: 0, refreshTokens: 3, requests: 3 })
    expect(preview.global).toBe(false)
  })

  it('plans nothing for an app the user used but holds no token of', () => {
    const preview = previewLogout(layers, { kind: 'revoke-app-tokens', clientId: 'portal' })
    expect(preview.requests).toEqual([])
    expect(preview.warnings).toContain('There is nothing to end: no request will be sent.')
  })
})

describe('previewLogout: user-wide actions', () => {
  it('delete-all-sessions: one DELETE /users/{id}/sessions, every token survives', () => {
    const preview = previewLogout(layers, { kind: 'delete-all-sessions' })
    expect(preview.global).toBe(true)
    expect(preview.title).toBe('End all 2 sessions of ada@example.com')
    expect(preview.requests).toEqual([
      {
        kind: 'delete-user-sessions',
        targetId: 'auth0|ada',
        userId: 'auth0|ada',
        label: 'End every session of ada@example.com',
        key: 'delete-user-sessions:auth0%7Cada:auth0%7Cada',
      },
    ])
    expect(preview.ends.sessions.map((s) => s.sessionId)).toEqual(['s-phone', 's-laptop'])
    expect(preview.ends.refreshTokens).toEqual([])
    expect(preview.survives.refreshTokens).toHaveLength(5)
    expect(preview.survives.sessions).toEqual([])
    expect(byApp(preview).Reports).toMatchObject({ receives: true })
    expect(preview.warnings).toContain(
      '5 refresh tokens survive this action: the applications holding them stay signed in until they are revoked or expire.',
    )
  })

  it('revoke-all-refresh-tokens: one DELETE /users/{id}/refresh-tokens, every session survives', () => {
    const preview = previewLogout(layers, { kind: 'revoke-all-refresh-tokens' })
    expect(preview.global).toBe(true)
    expect(preview.title).toBe('Revoke all 5 refresh tokens of ada@example.com')
    expect(preview.requests.map((r) => [r.kind, r.targetId])).toEqual([
      ['delete-user-refresh-tokens', 'auth0|ada'],
    ])
    expect(preview.ends.refreshTokens).toHaveLength(5)
    expect(preview.ends.sessions).toEqual([])
    expect(preview.survives.sessions.map((s) => s.sessionId)).toEqual(['s-phone', 's-laptop'])
    expect(preview.backchannel.every((b) => !b.receives)).toBe(true)
    expect(preview.backchannel.map((b) => b.appName)).toEqual(['Mobile App', 'Wiki', 'Billing'])
    expect(preview.warnings.some((w) => w.includes(UNCOMMITTED_WORK_WARNING))).toBe(false)
  })

  it('sign-out-everywhere: both user-wide requests, nothing listed survives but IdP sessions', () => {
    const preview = previewLogout(layers, { kind: 'sign-out-everywhere' })
    expect(preview.global).toBe(true)
    expect(preview.title).toBe(
      'Sign ada@example.com out everywhere: all 2 sessions and all 5 refresh tokens',
    )
    expect(preview.requests.map((r) => r.kind)).toEqual([
      'delete-user-sessions',
      'delete-user-refresh-tokens',
    ])
    expect(preview.counts).toEqual({ sessions: 2, refreshTokens: 5, requests: 2 })
    expect(preview.survives.sessions).toEqual([])
    expect(preview.survives.refreshTokens).toEqual([])
    expect(preview.survives.idpSessions.map((i) => i.connection)).toEqual(['google-oauth2'])
    expect(preview.survives.accessTokens).toBe(ACCESS_TOKENS_SURVIVE)
  })
})

describe('previewLogout: what survives, per action kind', () => {
  const cases: [LogoutAction, { sessions: number; tokens: number; requests: string[] }][] = [
    [
      { kind: 'delete-session', sessionId: 's-phone' },
      { sessions: 1, tokens: 5, requests: ['delete-session'] },
    ],
    [
      { kind: 'revoke-session', sessionId: 's-phone' },
      { sessions: 1, tokens: 4, requests: ['revoke-session'] },
    ],
    [
      { kind: 'revoke-refresh-token', tokenId: 'rt-orphan' },
      { sessions: 2, tokens: 4, requests: ['delete-refresh-token'] },
    ],
    [
      { kind: 'revoke-app-tokens', clientId: 'wiki' },
      { sessions: 2, tokens: 4, requests: ['delete-refresh-token'] },
    ],
    [
      { kind: 'delete-all-sessions' },
      { sessions: 0, tokens: 5, requests: ['delete-user-sessions'] },
    ],
    [
      { kind: 'revoke-all-refresh-tokens' },
      { sessions: 2, tokens: 0, requests: ['delete-user-refresh-tokens'] },
    ],
    [
      { kind: 'sign-out-everywhere' },
      { sessions: 0, tokens: 0, requests: ['delete-user-sessions', 'delete-user-refresh-tokens'] },
    ],
  ]
  it.each(cases)('%o', (action, expected) => {
    const preview = previewLogout(layers, action)
    expect(preview.survives.sessions).toHaveLength(expected.sessions)
    expect(preview.survives.refreshTokens).toHaveLength(expected.tokens)
    expect(preview.requests.map((r) => r.kind)).toEqual(expected.requests)
    expect(preview.counts.requests).toBe(preview.requests.length)
    expect(preview.ends.sessions.length + preview.survives.sessions.length).toBe(2)
    expect(preview.ends.refreshTokens.length + preview.survives.refreshTokens.length).toBe(5)
    expect(preview.survives.accessTokens).toBe(ACCESS_TOKENS_SURVIVE)
    expect(preview.warnings.at(-1)).toBe(EVENTUAL_CONSISTENCY_NOTE)
    expect(preview.requests.every((r) => r.userId === 'auth0|ada')).toBe(true)
    const endsSession = preview.ends.sessions.length > 0
    expect(preview.warnings.some((w) => w.startsWith(UNCOMMITTED_WORK_WARNING))).toBe(endsSession)
  })
})

describe('previewLogout: unknown ids', () => {
  const cases: LogoutAction[] = [
    { kind: 'delete-session', sessionId: 's-nope' },
    { kind: 'revoke-session', sessionId: 'session:s-laptop' },
    { kind: 'revoke-refresh-token', tokenId: 'rt-nope' },
    { kind: 'revoke-app-tokens', clientId: 'nope' },
  ]
  it.each(cases)('%o throws NOT_FOUND', (action) => {
    let error: unknown
    try {
      previewLogout(layers, action)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(AppFailure)
    expect((error as AppFailure).code).toBe('NOT_FOUND')
    expect((error as AppFailure).message).toContain('ada@example.com')
  })
})

describe('previewLogout: parts that could not be read', () => {
  it('promises no back-channel delivery when applications could not be read', () => {
    const blind = buildUserLayers(input({ clients: null }), now)
    const preview = previewLogout(blind, { kind: 'delete-session', sessionId: 's-laptop' })
    expect(preview.backchannel.every((b) => !b.receives)).toBe(true)
    expect(preview.backchannel[0]?.reason).toMatch(/^Applications could not be read/)
  })

  it('says the user-wide request ends sessions it cannot list', () => {
    const blind = buildUserLayers(input({ sessions: null }), now)
    const preview = previewLogout(blind, { kind: 'delete-all-sessions' })
    expect(preview.title).toBe('End all sessions of ada@example.com')
    expect(preview.requests.map((r) => r.kind)).toEqual(['delete-user-sessions'])
    expect(preview.warnings[0]).toBe(UNCOMMITTED_WORK_WARNING)
    expect(preview.warnings.some((w) => w.startsWith('Sessions could not be read'))).toBe(true)
  })

  it('says revoking a session also ends tokens it cannot list', () => {
    const blind = buildUserLayers(input({ refreshTokens: null }), now)
    const preview = previewLogout(blind, { kind: 'revoke-session', sessionId: 's-phone' })
    expect(preview.title).toBe('Revoke 1 session of ada@example.com')
    expect(preview.warnings.some((w) => w.startsWith('Refresh tokens could not be read'))).toBe(
      true,
    )
  })
})

describe('backchannelOnSessionEnd', () => {
  const app = (backchannel: AppNode['backchannel'], known = true): AppNode => ({
    id: 'app:x',
    clientId: 'x',
    name: 'X',
    appType: 'regular_web',
    known,
    backchannel,
    sessionIds: [],
    refreshTokenIds: [],
  })
  const url = 'https://x.example.com/bcl'
  const cases: [string, AppNode, boolean, RegExp][] = [
    [
      'mode all',
      app({ subscribed: true, url, mode: 'all', initiators: ['all'] }),
      true,
      /all initiators/,
    ],
    [
      'custom with session-revoked',
      app({
        subscribed: true,
        url,
        mode: 'custom',
        initiators: ['rp-logout', 'idp-logout', 'session-revoked'],
      }),
      true,
      /session-revoked initiator is selected: it receives a logout token at https/,
    ],
    [
      'custom with the session-deleted alias',
      app({
        subscribed: true,
        url,
        mode: 'custom',
        initiators: ['rp-logout', 'idp-logout', 'session-deleted'],
      }),
      true,
      /under its other name, session-deleted/,
    ],
    [
      'custom with only the always-on initiators',
      app({ subscribed: true, url, mode: 'custom', initiators: ['rp-logout', 'idp-logout'] }),
      false,
      /^Subscribed, but the session-revoked initiator is not selected/,
    ],
    ['not subscribed', app({ subscribed: false, initiators: [] }), false, /^Not subscribed/],
    [
      'deleted application',
      app({ subscribed: false, initiators: [] }, false),
      false,
      /^Not an application of the tenant/,
    ],
  ]
  it.each(cases)('%s', (_name, node, receives, reason) => {
    const outcome = backchannelOnSessionEnd(node)
    expect(outcome.receives).toBe(receives)
    expect(outcome.reason).toMatch(reason)
  })

  it('promises nothing when the applications could not be read', () => {
    const node = app({ subscribed: true, url, mode: 'all', initiators: ['all'] })
    expect(backchannelOnSessionEnd(node, false).receives).toBe(false)
  })
})
