import { describe, expect, it } from 'vitest'
import { formatScenarioError, parseScenario, type Scenario } from '../../../../core/simulation'
import { baseState, expectNote, last, runSteps, scenario } from './builders'

// Issue 14 item 8 (and one piece of item 2): the simulator behaves as Auth0 does in 2026
// (reference §12). Base tenant: absolute 72 h, idle 24 h; s1 created 08:00, last interaction 09:30,
// now 10:00; s1 lists A and B.

type Json = Record<string, unknown>

const wait = (minutes: number, active = false) => ({ do: 'wait', minutes, active })
const login = (fields: Json = {}) => ({ do: 'login', client_id: 'C', ...fields })

/** The base user with s1 changed by `fields`. */
const withSession = (fields: Json, state: Json = baseState()) => {
  const sessions = state['sessions'] as Json[]
  sessions[0] = { ...sessions[0], ...fields }
  return state
}

const noBrowserSession = () => ({ ...baseState(), browser_session: null })

const parsed = (input: unknown): Scenario => {
  const result = parseScenario(input)
  if (!result.ok) throw new Error(formatScenarioError(result.error))
  return result.scenario
}

describe("(a) a session's own expires_at, idle_expires_at and cookie.mode", () => {
  it('reads expires_at: the session ends then, before the tenant lifetime would end it', () => {
    const state = withSession({ expires_at: '2026-03-01T12:00:00Z' })
    const out = runSteps([wait(119), wait(1)], { state })
    expect(out.steps.map((s) => s.ended)).toEqual([[], ['session:s1']])
    expectNote(out.steps[1]!, 'absolute timeout', 'expires_at 2026-03-01T12:00:00Z')
  })

  it('reads idle_expires_at: the session ends then without interaction', () => {
    const state = withSession({ idle_expires_at: '2026-03-01T11:00:00Z' })
    const out = runSteps([wait(59), wait(1)], { state })
    expect(out.steps.map((s) => s.ended)).toEqual([[], ['session:s1']])
    expectNote(out.steps[1]!, 'idle timeout', 'idle_expires_at 2026-03-01T11:00:00Z')
  })

  it('an interaction resets idle_expires_at to the tenant idle lifetime from then', () => {
    // Silent login at 10:30 → idle deadline 10:30 + 24 h, not 11:00.
    const state = withSession({ idle_expires_at: '2026-03-01T11:00:00Z' })
    const out = runSteps([wait(30), login({ client_id: 'A' }), wait(60 * 23)], { state })
    expect(out.final.sessions).toEqual(['s1'])
  })

  it('an active browser cannot keep a session past its own expires_at', () => {
    const state = withSession({ expires_at: '2026-03-01T12:00:00Z' })
    const step = last(runSteps([wait(180, true)], { state }))
    expect(step.ended).toEqual(['session:s1'])
    expectNote(step, 'expires at 2026-03-01T12:00:00Z')
  })

  it('a session already past its own expires_at at state.now is not alive', () => {
    const state = withSession({ expires_at: '2026-03-01T09:59:00Z' })
    const out = runSteps([login({ client_id: 'A', prompt: 'none' })], { state })
    expect(last(out)).toMatchObject({ login: 'error', login_error: 'login_required' })
    expectNote(out.steps[0]!, 'Before the first step', 'already expired')
  })

  it('a non-persistent session takes the ephemeral lifetimes', () => {
    const tenant = {
      session_lifetime: 72,
      idle_session_lifetime: 24,
      ephemeral_session_lifetime: 48,
      idle_ephemeral_session_lifetime: 1,
    }
    // idle 1 h from 09:30 → 10:30.
    const ephemeral = withSession({ cookie: { mode: 'non-persistent' } })
    const out = runSteps([wait(29), wait(1)], { tenant, state: ephemeral })
    expect(out.steps.map((s) => s.ended)).toEqual([[], ['session:s1']])
    expectNote(out.steps[1]!, 'idle timeout', 'non-persistent')
    // The same tenant, a persistent session: 24 h idle.
    const persistent = withSession({ cookie: { mode: 'persistent' } })
    expect(runSteps([wait(30)], { tenant, state: persistent }).final.sessions).toEqual(['s1'])
  })

  it('ephemeral lifetimes in minutes win over hours', () => {
    const tenant = {
      session_lifetime: 72,
      idle_session_lifetime: 24,
      ephemeral_session_lifetime: 48,
      ephemeral_session_lifetime_in_minutes: 150,
    }
    // absolute 150 min from 08:00 → 10:30.
    const state = withSession({ cookie: { mode: 'non-persistent' } })
    const out = runSteps([wait(29), wait(1)], { tenant, state })
    expect(out.steps.map((s) => s.ended)).toEqual([[], ['session:s1']])
    expectNote(out.steps[1]!, 'absolute timeout')
  })

  it('without ephemeral lifetimes a non-persistent session takes the persistent ones, and says so', () => {
    const state = withSession({ cookie: { mode: 'non-persistent' } })
    const out = runSteps([wait(60 * 23 + 29), wait(1)], { state })
    expect(out.steps.map((s) => s.ended)).toEqual([[], ['session:s1']])
    expectNote(out.steps[0]!, 'Unconfirmed', 'ephemeral')
  })

  it('tenant session_cookie.mode non-persistent gives new sessions the ephemeral lifetimes', () => {
    const tenant = {
      session_lifetime: 72,
      idle_session_lifetime: 24,
      idle_ephemeral_session_lifetime: 1,
      session_cookie: { mode: 'non-persistent' },
    }
    const out = runSteps([login({ prompt: 'login' }), wait(59), wait(1)], { tenant })
    // C subscribes to every initiator, so the session-expired token also ends app:C.
    expect(out.steps[2]!.ended).toEqual(['session:new-0', 'app:C'])
    expectNote(out.steps[2]!, 'idle timeout', 'non-persistent')
  })

  it('parses the new optional fields and keeps them', () => {
    const s = parsed(
      scenario({
        steps: [],
        tenant: {
          custom_domains: ['login.acme.com', { domain: 'id.acme.com', primary: false }],
          ephemeral_session_lifetime: 12,
          idle_ephemeral_session_lifetime: 2,
          ephemeral_session_lifetime_in_minutes: 600,
          idle_ephemeral_session_lifetime_in_minutes: 60,
          session_cookie: { mode: 'non-persistent' },
        },
        state: withSession({
          expires_at: '2026-03-02T08:00:00Z',
          idle_expires_at: '2026-03-01T20:00:00Z',
          cookie: { mode: 'non-persistent' },
        }),
      }),
    )
    expect(s.tenant).toMatchObject({
      custom_domains: ['login.acme.com', 'id.acme.com'],
      ephemeral_session_lifetime: 12,
      idle_ephemeral_session_lifetime: 2,
      ephemeral_session_lifetime_in_minutes: 600,
      idle_ephemeral_session_lifetime_in_minutes: 60,
      session_cookie: { mode: 'non-persistent' },
    })
    expect(s.state.sessions[0]).toMatchObject({
      expires_at: '2026-03-02T08:00:00Z',
      idle_expires_at: '2026-03-01T20:00:00Z',
      cookie: { mode: 'non-persistent' },
    })
  })

  const faults: [string, Json, string][] = [
    [
      'cookie.mode',
      { state: withSession({ cookie: { mode: 'forever' } }) },
      'state.sessions[0].cookie.mode',
    ],
    ['expires_at', { state: withSession({ expires_at: 'soon' }) }, 'state.sessions[0].expires_at'],
    [
      'idle_expires_at',
      { state: withSession({ idle_expires_at: 5 }) },
      'state.sessions[0].idle_expires_at',
    ],
    [
      'ephemeral lifetime',
      { tenant: { idle_ephemeral_session_lifetime: 0 } },
      'tenant.idle_ephemeral_session_lifetime',
    ],
    [
      'session_cookie.mode',
      { tenant: { session_cookie: { mode: 'sometimes' } } },
      'tenant.session_cookie.mode',
    ],
    ['custom domain', { tenant: { custom_domains: [''] } }, 'tenant.custom_domains[0]'],
    [
      'custom domain object',
      { tenant: { custom_domains: [{ primary: true }] } },
      'tenant.custom_domains[0].domain',
    ],
  ]
  it.each(faults)('refuses a bad %s with its path', (_what, parts, path) => {
    const result = parseScenario(scenario({ steps: [], ...parts }))
    expect(result.ok ? null : result.error.path).toBe(path)
  })
})

describe('(b) the default "require log in after" is 168 h (7 days)', () => {
  it('a tenant without session_lifetime keeps the session past 72 h, until 168 h', () => {
    // Created 08:00, now 10:00: 168 h after creation is 166 h from now.
    const tenant = { idle_session_lifetime: 200 }
    const out = runSteps([wait(70 * 60), wait(96 * 60 - 1), wait(1)], { tenant })
    expect(out.steps.map((s) => s.ended)).toEqual([[], [], ['session:s1']])
    expectNote(out.steps[2]!, 'absolute timeout', '168 h')
    expectNote(out.steps[0]!, "Auth0's default", '168 h')
  })
})

describe('(c) a social login on Auth0 developer keys gives no SSO to other apps', () => {
  const devKeys = () => {
    const state = withSession({ connection: 'google-dev' })
    state['idp_sessions'] = ['google-dev']
    return state
  }

  it('the next login of another app is interactive, not silent on the dev-keys session', () => {
    const out = runSteps([login()], { state: devKeys() })
    expect(last(out)).toMatchObject({ result: 'ok', login: 'interactive', via: null })
    expectNote(last(out), 'developer keys', 'no single sign-on')
  })

  it('also when the app names the dev-keys connection and its IdP session is alive', () => {
    const out = runSteps([login({ connection: 'google-dev' })], { state: devKeys() })
    expect(last(out)).toMatchObject({ login: 'interactive', via: null })
  })

  it('an app that already takes part in the session keeps reusing it', () => {
    const out = runSteps([login({ client_id: 'A' })], { state: devKeys() })
    expect(last(out)).toMatchObject({ login: 'silent', via: 'auth0_session' })
  })

  it('unreadable connection options are unknown, never developer keys (reference §12)', () => {
    const connections = [{ name: 'google-oauth2', strategy: 'google-oauth2' }]
    const step = last(runSteps([login()], { connections }))
    expect(step).toMatchObject({ login: 'silent', via: 'auth0_session' })
    expectNote(step, 'could not be read', 'developer keys')
    const none = last(runSteps([login({ prompt: 'none' })], { connections }))
    expect(none).toMatchObject({ login: 'silent', via: 'auth0_session' })
    expectNote(none, 'could not be read', 'login_required')
  })

  it('a session through the connection with its own keys still gives SSO', () => {
    expect(last(runSteps([login()]))).toMatchObject({ login: 'silent', via: 'auth0_session' })
  })
})

describe('(d) prompt=none is never interactive', () => {
  it('passwordless without a session fails with login_required', () => {
    for (const connection of ['email', 'sms']) {
      const out = runSteps([login({ prompt: 'none', connection })], { state: noBrowserSession() })
      expect(last(out)).toMatchObject({
        result: 'error',
        login: 'error',
        login_error: 'login_required',
        error: { code: 'login_required' },
      })
      expect(out.final.sessions).toEqual(['s1'])
      expect(out.final.app_sessions).toEqual(['A', 'B'])
    }
  })

  it('passwordless with a live session also fails: it cannot reuse the session and may not prompt', () => {
    const out = runSteps([login({ prompt: 'none', connection: 'email' })])
    expect(last(out)).toMatchObject({ login: 'error', login_error: 'login_required' })
    expectNote(last(out), 'passwordless', 'prompt=none')
    expect(out.final.sessions).toEqual(['s1'])
  })

  it('a live IdP session does not rescue prompt=none without an Auth0 session', () => {
    const out = runSteps([login({ prompt: 'none', connection: 'google-oauth2' })], {
      state: noBrowserSession(),
    })
    expect(last(out)).toMatchObject({ login: 'error', login_error: 'login_required' })
  })
})

describe("(e) prompt=login replaces the browser's session", () => {
  it('ends the old session and carries the new one; no parallel session is left', () => {
    const out = runSteps([login({ prompt: 'login' })])
    expect(last(out)).toMatchObject({ result: 'ok', login: 'interactive', backchannel: [] })
    expect(last(out).ended).toEqual(['session:s1'])
    expect(out.final.sessions).toEqual(['new-0'])
    expect(out.final.app_sessions).toEqual(['A', 'B', 'C'])
    expectNote(last(out), 'replaces session s1')
  })

  it('the apps of the old session take part in the new one, so a later logout notifies them', () => {
    const out = runSteps([login({ prompt: 'login' }), { do: 'logout', endpoint: '/v2/logout' }])
    expect(out.steps[1]!.ended).toEqual(['session:new-0', 'app:A', 'app:C'])
  })

  it('sessions on other devices are not touched', () => {
    const state = baseState() as Json & { sessions: Json[] }
    state.sessions.push({ id: 's2', connection: 'google-oauth2', clients: [{ client_id: 'B' }] })
    const out = runSteps([login({ prompt: 'login' })], { state })
    expect(out.final.sessions).toEqual(['s2', 'new-0'])
  })
})

describe('(f) /oidc/logout accepts id_token_hint issued by any domain of the tenant', () => {
  const tenant = {
    domain: 'acme.us.auth0.com',
    custom_domains: ['login.acme.com'],
    allowed_logout_urls: [],
    session_lifetime: 72,
    idle_session_lifetime: 24,
  }
  const oidc = (iss: string) => ({
    do: 'logout',
    endpoint: '/oidc/logout',
    params: { id_token_hint: { aud: 'A', sid: 's1', iss } },
  })

  it.each(['https://login.acme.com/', 'https://login.acme.com', 'https://acme.us.auth0.com/'])(
    'accepts iss %s',
    (iss) => {
      const step = last(runSteps([oidc(iss)], { tenant }))
      expect(step).toMatchObject({ result: 'ok', error: null })
      expect(step.ended).toContain('session:s1')
    },
  )

  it('accepts a custom domain given as the Management API object', () => {
    const objects = { ...tenant, custom_domains: [{ domain: 'login.acme.com', primary: true }] }
    expect(last(runSteps([oidc('https://login.acme.com/')], { tenant: objects })).result).toBe('ok')
  })

  it.each(['https://other.us.auth0.com/', 'https://login.acme.com.evil.example/'])(
    'refuses iss %s, another tenant',
    (iss) => {
      const step = last(runSteps([oidc(iss)], { tenant }))
      expect(step).toMatchObject({ result: 'error', error: { code: 'invalid_request' } })
      expect(step.ended).toEqual([])
      expectNote(step, 'login.acme.com')
    },
  )
})
