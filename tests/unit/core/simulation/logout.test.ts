import { describe, expect, it } from 'vitest'
import { withState } from '../../../../core/simulation/logout-step'
import { baseClients, baseState, expectNote, last, runSteps } from './builders'

const v2 = (params: Record<string, unknown> = {}) => ({
  do: 'logout',
  endpoint: '/v2/logout',
  params,
})
const oidc = (params: Record<string, unknown> = {}, confirm?: 'accept' | 'deny') => ({
  do: 'logout',
  endpoint: '/oidc/logout',
  params,
  ...(confirm === undefined ? {} : { confirm }),
})

/** The base user, signed in through another connection. */
const signedInThrough = (connection: string) => {
  const state = baseState() as { sessions: Record<string, unknown>[]; idp_sessions: string[] }
  state.sessions[0]!['connection'] = connection
  state.idp_sessions = [connection]
  return state
}

describe('logout /v2/logout', () => {
  it('ends the Auth0 session, not the app sessions, and sends rp-logout tokens', () => {
    const out = runSteps([v2({ returnTo: 'https://a.example.com/bye', client_id: 'A' })])
    expect(last(out)).toMatchObject({
      do: 'logout',
      result: 'ok',
      prompted: false,
      redirect_to: 'https://a.example.com/bye',
      allow_list: 'client:A',
      matched_entry: 'https://a.example.com/bye',
      error: null,
      ended: ['session:s1', 'app:A'],
      backchannel: [{ client_id: 'A', initiator: 'rp-logout' }],
      login: null,
      idp_logout: null,
    })
    expect(out.final).toEqual({
      app_sessions: ['B'],
      sessions: [],
      idp_sessions: ['google-oauth2'],
      refresh_tokens: ['rt1', 'rt2'],
    })
    expectNote(last(out), 'App sessions still alive in this browser: B')
    expectNote(last(out), 'identity-provider session for google-oauth2 is still alive')
    expectNote(last(out), 'Refresh tokens survive logout')
    expectNote(last(out), 'B took part in session s1 but has no back-channel logout URL')
  })

  it('sends tokens to every subscribed client the session lists, in its order', () => {
    const state = baseState() as { sessions: Record<string, unknown>[]; app_sessions: string[] }
    state.sessions[0]!['clients'] = [{ client_id: 'C' }, { client_id: 'B' }, { client_id: 'A' }]
    state.app_sessions = ['A', 'B', 'C']
    const step = last(runSteps([v2()], { state }))
    expect(step.backchannel).toEqual([
      { client_id: 'C', initiator: 'rp-logout' },
      { client_id: 'A', initiator: 'rp-logout' },
    ])
    expect(step.ended).toEqual(['session:s1', 'app:C', 'app:A'])
  })

  it('sends no token to a client that was not part of the session', () => {
    const state = baseState() as { app_sessions: string[] }
    state.app_sessions = ['A', 'B', 'C']
    const step = last(runSteps([v2()], { state }))
    expect(step.backchannel.map((b) => b.client_id)).toEqual(['A'])
    expect(step.ended).not.toContain('app:C')
  })

  it('returns the URL exactly as given, query and fragment included', () => {
    const step = last(
      runSteps([v2({ returnTo: 'https://A.example.com/bye?next=%2Fhome#top', client_id: 'A' })]),
    )
    expect(step).toMatchObject({
      result: 'ok',
      redirect_to: 'https://A.example.com/bye?next=%2Fhome#top',
      matched_entry: 'https://a.example.com/bye',
    })
  })

  it('ends nothing when returnTo is not allowed, and says which list was checked', () => {
    const out = runSteps([v2({ returnTo: 'https://portal.example.com/bye', client_id: 'A' })])
    expect(last(out)).toMatchObject({
      result: 'error',
      allow_list: 'client:A',
      matched_entry: null,
      redirect_to: null,
      ended: [],
      backchannel: [],
      error: {
        code: 'invalid_request',
        message:
          'The "returnTo" querystring parameter "https://portal.example.com/bye" is not defined as a valid URL in "Allowed Logout URLs".',
      },
    })
    expect(out.final.sessions).toEqual(['s1'])
    expectNote(last(out), 'Unconfirmed', 'nothing ends')
  })

  it('uses the first entry of the application list when returnTo is absent', () => {
    expect(last(runSteps([v2({ client_id: 'A' })]))).toMatchObject({
      redirect_to: 'https://a.example.com/bye',
      matched_entry: 'https://a.example.com/bye',
      allow_list: 'client:A',
    })
  })

  it('logs out without a redirect when neither client_id nor returnTo is sent (unconfirmed)', () => {
    const step = last(runSteps([v2()]))
    expect(step).toMatchObject({
      result: 'ok',
      redirect_to: null,
      allow_list: null,
      ended: ['session:s1', 'app:A'],
    })
    expectNote(step, 'Unconfirmed')
  })

  it('has nothing to end when the browser carries no live session', () => {
    const steps = runSteps([v2(), v2({ federated: '' })]).steps
    expect(steps[1]).toMatchObject({ result: 'ok', ended: [], backchannel: [], idp_logout: null })
    expectNote(steps[1]!, 'no live Auth0 session')
  })

  it('notes parameters /v2/logout does not read', () => {
    expectNote(
      last(runSteps([v2({ post_logout_redirect_uri: 'https://a/', state: 'x' })])),
      'does not read post_logout_redirect_uri, state',
    )
  })
})

describe('federated logout per provider', () => {
  // [case, connection, IdP ended, idp_logout, words of a note]
  const cases: [string, string, boolean, string | null, string][] = [
    [
      'Google with its own keys',
      'google-oauth2',
      true,
      'google-oauth2',
      "also ends the user's Google session",
    ],
    ['Google on developer keys', 'google-dev', false, null, 'developer keys'],
    [
      'database connection',
      'Username-Password-Authentication',
      false,
      null,
      'no upstream identity-provider session',
    ],
    ['passwordless', 'email', false, null, 'Passwordless'],
    ['SAML with sign-out', 'corp-saml', true, 'corp-saml', 'https://idp.corp.example/slo'],
    ['SAML with disableSignout', 'saml-no-signout', false, null, 'disableSignout'],
    ['Entra ID through an OIDC connection', 'entra-oidc', false, null, 'Microsoft Entra ID'],
    ['Entra ID native connection', 'entra', true, 'entra', 'Microsoft Entra ID session'],
    ['provider Auth0 does not list', 'linkedin', false, null, 'unconfirmed'],
    ['connection the scenario does not describe', 'github', false, null, 'not among the scenario'],
  ]

  it.each(cases)('%s', (_name, connection, ended, idpLogout, words) => {
    const out = runSteps([v2({ federated: true })], { state: signedInThrough(connection) })
    const step = last(out)
    expect(step.idp_logout).toBe(idpLogout)
    expect(step.ended.includes(`idp:${connection}`)).toBe(ended)
    expect(out.final.idp_sessions).toEqual(ended ? [] : [connection])
    expectNote(step, words)
  })

  it('treats federated=false as requested on /v2/logout (presence only)', () => {
    const step = last(runSteps([v2({ federated: false })]))
    expect(step.idp_logout).toBe('google-oauth2')
    expect(step.ended).toContain('idp:google-oauth2')
    expectNote(step, 'whatever its value')
  })

  it('does not request IdP logout without the parameter', () => {
    const step = last(runSteps([v2({ returnTo: 'https://portal.example.com/bye' })]))
    expect(step.idp_logout).toBeNull()
    expect(step.ended).not.toContain('idp:google-oauth2')
  })

  it('ends only the IdP session of the connection the session came through', () => {
    const state = baseState() as { idp_sessions: string[] }
    state.idp_sessions = ['corp-saml', 'google-oauth2']
    const out = runSteps([v2({ federated: true })], { state })
    expect(last(out).ended).toEqual(['session:s1', 'idp:google-oauth2', 'app:A'])
    expect(out.final.idp_sessions).toEqual(['corp-saml'])
  })

  it('asks the IdP even when this browser holds no session there', () => {
    const state = baseState() as { idp_sessions: string[] }
    state.idp_sessions = []
    const step = last(runSteps([v2({ federated: true })], { state }))
    expect(step.idp_logout).toBe('google-oauth2')
    expectNote(step, 'holds no session there')
  })

  it('does nothing at the IdP when the logout was refused', () => {
    const step = last(runSteps([v2({ federated: true, returnTo: 'https://evil.example.com/' })]))
    expect(step).toMatchObject({ result: 'error', idp_logout: null, ended: [] })
  })
})

describe('logout /oidc/logout', () => {
  const hint = { aud: 'A', sid: 's1', sub: 'google-oauth2|u1', iss: 'https://acme.us.auth0.com/' }

  it('logs out without a prompt when id_token_hint names the current session', () => {
    const step = last(
      runSteps([
        oidc({ id_token_hint: hint, post_logout_redirect_uri: 'https://a.example.com/bye' }),
      ]),
    )
    expect(step).toMatchObject({
      result: 'ok',
      prompted: false,
      redirect_to: 'https://a.example.com/bye',
      allow_list: 'client:A',
      ended: ['session:s1', 'app:A'],
      backchannel: [{ client_id: 'A', initiator: 'rp-logout' }],
    })
  })

  it('appends state to the redirect', () => {
    const step = last(
      runSteps([
        oidc({
          id_token_hint: hint,
          post_logout_redirect_uri: 'https://a.example.com/bye',
          state: 'a b&c',
        }),
      ]),
    )
    expect(step.redirect_to).toBe('https://a.example.com/bye?state=a%20b%26c')
    expect(step.matched_entry).toBe('https://a.example.com/bye')
  })

  it('appends state to the first entry when only client_id is sent', () => {
    const step = last(runSteps([oidc({ client_id: 'A', logout_hint: 's1', state: 'xyz' })]))
    expect(step).toMatchObject({
      redirect_to: 'https://a.example.com/bye?state=xyz',
      matched_entry: 'https://a.example.com/bye',
      prompted: false,
    })
  })

  it.each([
    ['https://a.example.com/bye', 's', 'https://a.example.com/bye?state=s'],
    ['https://a.example.com/bye?x=1', 's', 'https://a.example.com/bye?x=1&state=s'],
    ['https://a.example.com/bye?', 's', 'https://a.example.com/bye?state=s'],
    ['https://a.example.com/bye#frag', 's', 'https://a.example.com/bye?state=s#frag'],
  ])('withState(%s)', (url, state, expected) => {
    expect(withState(url, state)).toBe(expected)
  })

  // [case, params, prompted]
  const prompts: [string, Record<string, unknown>, boolean][] = [
    ['no hint at all', {}, true],
    ['id_token_hint for the current session', { id_token_hint: hint }, false],
    ['id_token_hint for another session', { id_token_hint: { ...hint, sid: 'old' } }, true],
    ['id_token_hint without sid', { id_token_hint: { aud: 'A' } }, true],
    ['logout_hint for the current session', { logout_hint: 's1' }, false],
    ['stale logout_hint', { logout_hint: 'random' }, true],
    ['logout_hint + client_id', { logout_hint: 's1', client_id: 'A' }, false],
  ]

  it.each(prompts)('confirmation prompt: %s', (_name, params, prompted) => {
    const step = last(runSteps([oidc(params)]))
    expect(step.prompted).toBe(prompted)
    expect(step.result).toBe('ok')
    expect(step.ended[0]).toBe('session:s1')
    if (prompted) expectNote(step, 'confirm the logout')
  })

  it('prompts when the browser has no current session, even with a hint', () => {
    const steps = runSteps([oidc({ id_token_hint: hint }), oidc({ id_token_hint: hint })]).steps
    expect(steps[0]?.prompted).toBe(false)
    expect(steps[1]?.prompted).toBe(true)
  })

  it('aborts when the user denies: nothing ends, no redirect', () => {
    const out = runSteps([
      oidc({ post_logout_redirect_uri: 'https://portal.example.com/bye', federated: true }, 'deny'),
    ])
    expect(last(out)).toMatchObject({
      result: 'aborted',
      prompted: true,
      redirect_to: null,
      allow_list: 'tenant',
      matched_entry: 'https://portal.example.com/bye',
      ended: [],
      backchannel: [],
      idp_logout: null,
      error: null,
    })
    expect(out.final).toEqual({
      app_sessions: ['A', 'B'],
      sessions: ['s1'],
      idp_sessions: ['google-oauth2'],
      refresh_tokens: ['rt1', 'rt2'],
    })
    expectNote(last(out), 'Unconfirmed', 'survives a deny')
  })

  it('ignores confirm: deny when there is no prompt', () => {
    const step = last(runSteps([oidc({ id_token_hint: hint }, 'deny')]))
    expect(step).toMatchObject({ result: 'ok', prompted: false, ended: ['session:s1', 'app:A'] })
  })

  it('skips the prompt when the tenant disabled it', () => {
    const step = last(
      runSteps([oidc({}, 'deny')], {
        tenant: { allowed_logout_urls: [], sessions: { oidc_logout_prompt_enabled: false } },
      }),
    )
    expect(step).toMatchObject({ result: 'ok', prompted: false, ended: ['session:s1', 'app:A'] })
    expectNote(step, 'oidc_logout_prompt_enabled is false')
  })

  // [case, params, words of the error]
  const inconsistent: [string, Record<string, unknown>, string][] = [
    [
      'client_id differs from aud',
      { id_token_hint: hint, client_id: 'B' },
      'does not match the aud A',
    ],
    [
      'logout_hint differs from sid',
      { id_token_hint: hint, logout_hint: 's2' },
      'does not match the sid s1',
    ],
    [
      'token from another tenant',
      { id_token_hint: { ...hint, iss: 'https://evil.auth0.com/' } },
      'is not this tenant',
    ],
  ]

  it.each(inconsistent)('rejects an inconsistent request: %s', (_name, params, words) => {
    const out = runSteps([oidc(params)])
    expect(last(out)).toMatchObject({
      result: 'error',
      prompted: false,
      ended: [],
      error: { code: 'invalid_request' },
    })
    expect(last(out).error?.message).toContain(words)
    expect(out.final.sessions).toEqual(['s1'])
  })

  it('accepts an issuer without the trailing slash', () => {
    expect(
      last(runSteps([oidc({ id_token_hint: { ...hint, iss: 'https://acme.us.auth0.com' } })]))
        .result,
    ).toBe('ok')
  })

  it('compares the query string exactly and mentions the doc history', () => {
    const step = last(
      runSteps([
        oidc({ id_token_hint: hint, post_logout_redirect_uri: 'https://a.example.com/bye?next=1' }),
      ]),
    )
    expect(step).toMatchObject({
      result: 'error',
      allow_list: 'client:A',
      matched_entry: null,
      ended: [],
    })
    expectNote(step, 'would match if the query string were ignored', 'February 2026')
  })

  it('checks post_logout_redirect_uri against the tenant list with logout_hint only', () => {
    const step = last(
      runSteps([
        oidc({ logout_hint: 's1', post_logout_redirect_uri: 'https://a.example.com/bye' }),
      ]),
    )
    expect(step).toMatchObject({ result: 'error', allow_list: 'tenant' })
  })

  it('requests federated logout by presence (GET)', () => {
    const step = last(runSteps([oidc({ id_token_hint: hint, federated: 'false' })]))
    expect(step.idp_logout).toBe('google-oauth2')
    expectNote(step, 'presence is enough')
  })

  it('notes parameters /oidc/logout does not read', () => {
    expectNote(
      last(runSteps([oidc({ id_token_hint: hint, returnTo: 'https://a/' })])),
      'does not read returnTo',
    )
  })

  it('uses an undescribed client as one with an empty list', () => {
    const step = last(
      runSteps([oidc({ client_id: 'Z', post_logout_redirect_uri: 'https://z.example.com/' })], {
        clients: baseClients(),
      }),
    )
    expect(step).toMatchObject({ result: 'error', allow_list: 'client:Z' })
  })
})
