import { describe, expect, it } from 'vitest'
import { baseState, expectNote, last, runSteps } from './builders'

const login = (fields: Record<string, unknown> = {}) => ({ do: 'login', client_id: 'C', ...fields })
const logout = { do: 'logout', endpoint: '/v2/logout' }

/** The base user, signed in through another connection. */
const signedInThrough = (connection: string, idp: string[] = [connection]) => {
  const state = baseState() as { sessions: Record<string, unknown>[]; idp_sessions: string[] }
  state.sessions[0]!['connection'] = connection
  state.idp_sessions = idp
  return state
}

const noSession = () => {
  const state = baseState() as Record<string, unknown>
  state['browser_session'] = null
  return state
}

describe('login: the contract rules in order', () => {
  it('rule 0: a passwordless connection is interactive even with a live session', () => {
    const out = runSteps([login({ connection: 'email' })])
    expect(last(out)).toMatchObject({
      result: 'ok',
      login: 'interactive',
      via: null,
      login_error: null,
    })
    // The new login replaces the browser's session s1 (issue 14: no parallel session).
    expect(out.final.sessions).toEqual(['new-0'])
    expectNote(last(out), 'passwordless', 'do not reuse the Auth0 session')
  })

  it('rule 0: prompt=none on developer keys fails with login_required', () => {
    const out = runSteps([login({ prompt: 'none' })], { state: signedInThrough('google-dev') })
    expect(last(out)).toMatchObject({
      result: 'error',
      login: 'error',
      login_error: 'login_required',
      via: null,
      error: { code: 'login_required' },
      ended: [],
    })
    expectNote(last(out), 'developer keys')
    expect(out.final.app_sessions).toEqual(['A', 'B'])
  })

  it('developer keys do not stop an app of the session from reusing it without prompt=none', () => {
    // Another app gets no SSO on developer keys (auth0-2026.test.ts); A is in s1's clients.
    const step = last(
      runSteps([login({ client_id: 'A' })], { state: signedInThrough('google-dev') }),
    )
    expect(step).toMatchObject({ login: 'silent', via: 'auth0_session' })
  })

  it('rule 1: prompt=login is interactive and creates new-<step index>, replacing s1', () => {
    const out = runSteps([{ do: 'wait', minutes: 1 }, login({ prompt: 'login' })])
    expect(last(out)).toMatchObject({ result: 'ok', login: 'interactive', via: null })
    expect(last(out).ended).toEqual(['session:s1'])
    expect(out.final.sessions).toEqual(['new-1'])
    expect(out.final.app_sessions).toEqual(['A', 'B', 'C'])
    expectNote(last(out), 'session new-1 replaces session s1')
  })

  it('rule 2: a live Auth0 session makes the login silent, also with prompt=none', () => {
    for (const prompt of [undefined, 'none']) {
      const out = runSteps([login(prompt === undefined ? {} : { prompt })])
      expect(last(out)).toMatchObject({
        result: 'ok',
        login: 'silent',
        via: 'auth0_session',
        login_error: null,
      })
      expect(out.final.sessions).toEqual(['s1'])
      expect(out.final.app_sessions).toEqual(['A', 'B', 'C'])
    }
  })

  it('rule 2: the silent login adds the client to the session, so later logout tokens reach it', () => {
    const out = runSteps([login(), logout])
    expect(out.steps[1]?.backchannel).toEqual([
      { client_id: 'A', initiator: 'rp-logout' },
      { client_id: 'C', initiator: 'rp-logout' },
    ])
    expect(out.steps[1]?.ended).toEqual(['session:s1', 'app:A', 'app:C'])
  })

  it('rule 2: a silent login resets the idle timer', () => {
    // idle 24 h: s1 last interacted at 09:30; a login at 20:00 keeps it alive past 09:30 next day.
    const out = runSteps([{ do: 'wait', minutes: 600 }, login(), { do: 'wait', minutes: 1000 }])
    expect(out.final.sessions).toEqual(['s1'])
    expect(runSteps([{ do: 'wait', minutes: 1600 }]).final.sessions).toEqual([])
  })

  it('rule 3: prompt=none without a session fails with login_required', () => {
    const out = runSteps([logout, login({ prompt: 'none', connection: 'google-oauth2' })])
    expect(last(out)).toMatchObject({
      result: 'error',
      login: 'error',
      login_error: 'login_required',
    })
    expectNote(last(out), 'no live Auth0 session')
  })

  it('rule 4: no Auth0 session but a live IdP session for the connection → silent via the IdP', () => {
    const out = runSteps([logout, login({ connection: 'google-oauth2' })])
    expect(last(out)).toMatchObject({ result: 'ok', login: 'silent', via: 'idp_session' })
    expect(out.final.sessions).toEqual(['new-1'])
    expectNote(last(out), 'logout looks broken')
  })

  it('rule 4 needs the connection: without it the login is interactive', () => {
    const out = runSteps([logout, login()])
    expect(last(out)).toMatchObject({ login: 'interactive', via: null })
    expectNote(last(out), 'If the user picks google-oauth2 there')
  })

  it('rule 4 needs a live IdP session: after federated logout the login is interactive', () => {
    const out = runSteps([
      { do: 'logout', endpoint: '/v2/logout', params: { federated: true } },
      login({ connection: 'google-oauth2' }),
    ])
    expect(last(out)).toMatchObject({ login: 'interactive', via: null })
    expect(out.final.idp_sessions).toEqual(['google-oauth2'])
  })

  it('rule 5: nothing alive → interactive; the IdP session is recreated for an IdP connection', () => {
    const state = noSession()
    state['idp_sessions'] = []
    const out = runSteps([login({ connection: 'corp-saml' })], { state })
    expect(last(out)).toMatchObject({ login: 'interactive', via: null })
    expect(out.final).toMatchObject({ sessions: ['s1', 'new-0'], idp_sessions: ['corp-saml'] })
  })

  it('a database login leaves no IdP session', () => {
    const state = noSession()
    state['idp_sessions'] = []
    expect(
      runSteps([login({ connection: 'Username-Password-Authentication' })], { state }).final
        .idp_sessions,
    ).toEqual([])
  })

  it('without a connection, the interactive login assumes the one the browser last used', () => {
    const out = runSteps(
      [logout, login(), { do: 'logout', endpoint: '/v2/logout', params: { federated: true } }],
      {
        state: { ...baseState(), idp_sessions: [] },
      },
    )
    expectNote(out.steps[1]!, 'assumes the one the browser last used')
    expect(out.steps[2]).toMatchObject({
      idp_logout: 'google-oauth2',
      ended: ['session:new-1', 'idp:google-oauth2', 'app:C'],
    })
  })

  it('later steps can name the session a login created', () => {
    const out = runSteps([
      logout,
      login({ connection: 'email' }),
      { do: 'revoke_session', session_id: 'new-1' },
    ])
    expect(last(out)).toMatchObject({ result: 'ok', ended: ['session:new-1', 'app:C'] })
  })

  it('a connection the scenario does not describe is taken by its name', () => {
    const step = last(runSteps([login({ connection: 'sms-custom' })]))
    expectNote(step, 'not among the scenario')
  })

  it('an expired session does not count as live', () => {
    const out = runSteps([{ do: 'wait', minutes: 24 * 60 }, login({ prompt: 'none' })])
    expect(last(out)).toMatchObject({ login: 'error', login_error: 'login_required' })
  })
})
