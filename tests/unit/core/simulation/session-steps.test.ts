import { describe, expect, it } from 'vitest'
import { baseClients, baseState, expectNote, last, runSteps } from './builders'

type Json = Record<string, unknown>

/** The base user plus a second session s2 (another device) through the database connection. */
const twoDevices = () => {
  const state = baseState() as { sessions: Json[]; refresh_tokens: Json[] }
  state.sessions.push({
    id: 's2',
    connection: 'Username-Password-Authentication',
    created_at: '2026-03-01T09:00:00Z',
    last_interacted_at: '2026-03-01T09:55:00Z',
    clients: [{ client_id: 'C' }, { client_id: 'A' }],
  })
  state.refresh_tokens.push({ id: 'rt3', client_id: 'C', session_id: 's2' })
  return state
}

/** Client A subscribed to more initiators. */
const clientsWithA = (selected: string[]) => {
  const clients = baseClients()
  clients[0] = {
    ...clients[0],
    oidc_logout: {
      backchannel_logout_urls: ['https://a.example.com/backchannel'],
      backchannel_logout_initiators: { mode: 'custom', selected_initiators: selected },
    },
  }
  return clients
}

describe('local_logout', () => {
  it('ends only the app session; the next login is silent', () => {
    const out = runSteps([
      { do: 'local_logout', client_id: 'A' },
      { do: 'login', client_id: 'A' },
    ])
    expect(out.steps[0]).toMatchObject({
      result: 'ok',
      ended: ['app:A'],
      backchannel: [],
      redirect_to: null,
    })
    expectNote(out.steps[0]!, 'nothing is sent to Auth0')
    expectNote(out.steps[0]!, 'next login to A is silent')
    expect(out.steps[1]).toMatchObject({ login: 'silent', via: 'auth0_session' })
    expect(out.final).toEqual({
      app_sessions: ['B', 'A'],
      sessions: ['s1'],
      idp_sessions: ['google-oauth2'],
      refresh_tokens: ['rt1', 'rt2'],
    })
  })

  it('ends nothing when the app had no session', () => {
    const step = last(runSteps([{ do: 'local_logout', client_id: 'C' }]))
    expect(step).toMatchObject({ result: 'ok', ended: [] })
    expectNote(step, 'had no app session')
  })
})

describe('refresh', () => {
  it('is ok while the client holds an active refresh token', () => {
    expect(last(runSteps([{ do: 'refresh', client_id: 'A' }]))).toMatchObject({
      result: 'ok',
      error: null,
      ended: [],
    })
  })

  it('is an error when the client holds none', () => {
    expect(last(runSteps([{ do: 'refresh', client_id: 'C' }]))).toMatchObject({
      result: 'error',
      error: { code: 'invalid_grant' },
    })
  })

  it('still works after logout and local logout: refresh tokens survive', () => {
    const step = last(
      runSteps([
        { do: 'local_logout', client_id: 'A' },
        { do: 'logout', endpoint: '/v2/logout', params: { federated: true } },
        { do: 'refresh', client_id: 'A' },
      ]),
    )
    expect(step.result).toBe('ok')
    expectNote(step, 'bound to session s1, which has ended')
    expectNote(step, 'no app session in this browser')
  })

  it('fails after the token was revoked', () => {
    const out = runSteps([
      { do: 'delete_user_refresh_tokens', client_id: 'A' },
      { do: 'refresh', client_id: 'A' },
    ])
    expect(last(out).result).toBe('error')
  })
})

describe('delete_session', () => {
  it('ends one session, sends session-revoked tokens, keeps refresh tokens', () => {
    const out = runSteps([{ do: 'delete_session', session_id: 's1' }], {
      clients: clientsWithA(['session-revoked']),
    })
    expect(last(out)).toMatchObject({
      result: 'ok',
      ended: ['session:s1', 'app:A'],
      backchannel: [{ client_id: 'A', initiator: 'session-revoked' }],
    })
    expect(out.final.refresh_tokens).toEqual(['rt1', 'rt2'])
    expectNote(last(out), 'refresh tokens bound to it are not revoked')
  })

  it('sends no token to a client that subscribes only to the always-on initiators', () => {
    const step = last(runSteps([{ do: 'delete_session', session_id: 's1' }]))
    expect(step.backchannel).toEqual([])
    expect(step.ended).toEqual(['session:s1'])
    expectNote(step, 'does not subscribe to the session-revoked initiator')
  })

  it('ends app sessions only for the session this browser carries', () => {
    const out = runSteps([{ do: 'delete_session', session_id: 's2' }], { state: twoDevices() })
    expect(last(out)).toMatchObject({
      ended: ['session:s2'],
      backchannel: [{ client_id: 'C', initiator: 'session-revoked' }],
    })
    expect(out.final).toMatchObject({ sessions: ['s1'], app_sessions: ['A', 'B'] })
    expectNote(last(out), 'on another device')
  })

  it('is ok and ends nothing for an unknown or ended session', () => {
    const out = runSteps([
      { do: 'delete_session', session_id: 'nope' },
      { do: 'logout', endpoint: '/v2/logout' },
      { do: 'delete_session', session_id: 's1' },
    ])
    expect(out.steps[0]).toMatchObject({ result: 'ok', ended: [] })
    expect(out.steps[2]).toMatchObject({ result: 'ok', ended: [] })
  })
})

describe('revoke_session', () => {
  it('ends the session and the refresh tokens bound to it, nothing else', () => {
    const out = runSteps([{ do: 'revoke_session', session_id: 's2' }], { state: twoDevices() })
    expect(last(out)).toMatchObject({
      result: 'ok',
      ended: ['session:s2', 'refresh_token:rt3'],
      backchannel: [{ client_id: 'C', initiator: 'session-revoked' }],
    })
    expect(out.final.refresh_tokens).toEqual(['rt1', 'rt2'])
  })

  it('keeps tokens with no session_id', () => {
    const out = runSteps([{ do: 'revoke_session', session_id: 's1' }])
    expect(last(out).ended).toEqual(['session:s1', 'refresh_token:rt1'])
    expect(out.final.refresh_tokens).toEqual(['rt2'])
  })

  it('is a 404 error for an unknown session', () => {
    expect(last(runSteps([{ do: 'revoke_session', session_id: 'nope' }]))).toMatchObject({
      result: 'error',
      error: { code: 'not_found' },
      ended: [],
    })
  })
})

describe('delete_user_sessions', () => {
  it('ends every session of the user and sends a token per session', () => {
    const out = runSteps([{ do: 'delete_user_sessions' }], {
      state: twoDevices(),
      clients: clientsWithA(['session-revoked']),
    })
    expect(last(out)).toMatchObject({
      result: 'ok',
      ended: ['session:s1', 'session:s2', 'app:A'],
      backchannel: [
        { client_id: 'A', initiator: 'session-revoked' },
        { client_id: 'C', initiator: 'session-revoked' },
        { client_id: 'A', initiator: 'session-revoked' },
      ],
    })
    expect(out.final).toEqual({
      app_sessions: ['B'],
      sessions: [],
      idp_sessions: ['google-oauth2'],
      refresh_tokens: ['rt1', 'rt2', 'rt3'],
    })
  })

  it('ends nothing when no session is alive', () => {
    const out = runSteps([{ do: 'delete_user_sessions' }, { do: 'delete_user_sessions' }])
    expect(out.steps[1]).toMatchObject({ result: 'ok', ended: [], backchannel: [] })
  })
})

describe('delete_user_refresh_tokens', () => {
  it('revokes all the user’s tokens and nothing else', () => {
    const out = runSteps([{ do: 'delete_user_refresh_tokens' }], { state: twoDevices() })
    expect(last(out)).toMatchObject({
      result: 'ok',
      ended: ['refresh_token:rt1', 'refresh_token:rt2', 'refresh_token:rt3'],
      backchannel: [],
    })
    expect(out.final).toMatchObject({
      sessions: ['s1', 's2'],
      app_sessions: ['A', 'B'],
      refresh_tokens: [],
    })
  })

  it('revokes one client’s tokens', () => {
    const out = runSteps([{ do: 'delete_user_refresh_tokens', client_id: 'B' }])
    expect(last(out).ended).toEqual(['refresh_token:rt2'])
    expect(out.final.refresh_tokens).toEqual(['rt1'])
  })
})
