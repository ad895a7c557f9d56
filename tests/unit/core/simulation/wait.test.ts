import { describe, expect, it } from 'vitest'
import { baseClients, baseState, expectNote, last, runSteps } from './builders'

type Json = Record<string, unknown>

// Base user: s1 created 08:00, last interaction 09:30, now 10:00 on 2026-03-01.
// Base tenant: absolute 72 h, idle 24 h. Idle deadline 2026-03-02T09:30Z; absolute 2026-03-04T08:00Z.

const wait = (minutes: number, active?: boolean) => ({
  do: 'wait',
  minutes,
  ...(active === undefined ? {} : { active }),
})

const idleMinutes = 23 * 60 + 30 // 10:00 → 09:30 next day

describe('wait', () => {
  it('ends nothing before the idle deadline', () => {
    const out = runSteps([wait(idleMinutes - 1)])
    expect(last(out)).toMatchObject({ result: 'ok', ended: [] })
    expect(out.final.sessions).toEqual(['s1'])
  })

  it('ends the session on the idle deadline itself', () => {
    const out = runSteps([wait(idleMinutes)])
    expect(last(out).ended).toEqual(['session:s1'])
    expectNote(last(out), 'expires at 2026-03-02T09:30:00Z', 'idle timeout')
  })

  it('shows expiry in the wait step that crossed the deadline only', () => {
    const out = runSteps([wait(600), wait(idleMinutes), wait(600)])
    expect(out.steps.map((s) => s.ended)).toEqual([[], ['session:s1'], []])
  })

  it('active: the browser keeps the idle timer reset, until the absolute limit', () => {
    const out = runSteps([wait(60 * 60, true)])
    expect(out.final.sessions).toEqual(['s1'])
    const ended = runSteps([wait(60 * 60, true), wait(60 * 10, true)])
    expect(ended.steps[1]?.ended).toEqual(['session:s1'])
    expectNote(ended.steps[1]!, 'expires at 2026-03-04T08:00:00Z', 'absolute timeout')
  })

  it('active: the idle timer starts again when activity stops', () => {
    const out = runSteps([wait(24 * 60, true), wait(24 * 60 - 1), wait(1)])
    expect(out.steps.map((s) => s.ended)).toEqual([[], [], ['session:s1']])
  })

  it('active only concerns the session this browser carries', () => {
    const state = baseState() as { sessions: Json[] }
    state.sessions.push({
      id: 's2',
      created_at: '2026-03-01T09:00:00Z',
      last_interacted_at: '2026-03-01T09:00:00Z',
    })
    const out = runSteps([wait(24 * 60, true)], { state })
    expect(last(out).ended).toEqual(['session:s2'])
    expect(out.final.sessions).toEqual(['s1'])
  })

  it('lists sessions in the order they expired', () => {
    const state = baseState() as { sessions: Json[] }
    state.sessions.push({
      id: 's0',
      created_at: '2026-02-28T20:00:00Z',
      last_interacted_at: '2026-03-01T09:00:00Z',
    })
    expect(last(runSteps([wait(30 * 60)], { state })).ended).toEqual(['session:s0', 'session:s1'])
  })

  it('sends session-expired tokens to subscribers only', () => {
    const clients = baseClients()
    const state = baseState() as { sessions: Json[]; app_sessions: string[] }
    state.sessions[0]!['clients'] = [{ client_id: 'A' }, { client_id: 'B' }, { client_id: 'C' }]
    state.app_sessions = ['A', 'B', 'C']
    const step = last(runSteps([wait(idleMinutes)], { clients, state }))
    expect(step.backchannel).toEqual([{ client_id: 'C', initiator: 'session-expired' }])
    expect(step.ended).toEqual(['session:s1', 'app:C'])
    expectNote(
      step,
      'A has a back-channel logout URL but does not subscribe to the session-expired initiator',
    )
  })

  it('sends session-expired to a custom client that selected it', () => {
    const clients = baseClients()
    clients[0] = {
      ...clients[0],
      oidc_logout: {
        backchannel_logout_urls: ['https://a.example.com/bc'],
        backchannel_logout_initiators: { selected_initiators: ['session-expired'] },
      },
    }
    expect(last(runSteps([wait(idleMinutes)], { clients })).backchannel).toEqual([
      { client_id: 'A', initiator: 'session-expired' },
    ])
  })

  it('leaves refresh tokens, IdP and app sessions alone', () => {
    const out = runSteps([wait(100 * 60)])
    expect(out.final).toEqual({
      app_sessions: ['A', 'B'],
      sessions: [],
      idp_sessions: ['google-oauth2'],
      refresh_tokens: ['rt1', 'rt2'],
    })
    expectNote(last(out), 'Refresh tokens survive')
  })

  it('takes minutes over hours', () => {
    const tenant = {
      session_lifetime: 72,
      idle_session_lifetime: 24,
      idle_session_lifetime_in_minutes: 60,
    }
    const out = runSteps([wait(29), wait(1)], { tenant })
    expect(out.steps.map((s) => s.ended)).toEqual([[], ['session:s1']])
  })

  it('uses the absolute lifetime in minutes', () => {
    const tenant = { session_lifetime_in_minutes: 150, idle_session_lifetime: 24 }
    const out = runSteps([wait(29), wait(1)], { tenant })
    expect(out.steps.map((s) => s.ended)).toEqual([[], ['session:s1']])
    expectNote(out.steps[1]!, 'absolute timeout')
  })

  it('defaults the absolute lifetime to 168 h and the idle one to 72 h, and says so', () => {
    // Idle: last interaction 09:30 + 72 h = 71.5 h after now, before the absolute 08:00 + 168 h.
    const out = runSteps([wait(71 * 60 + 29), wait(1)], { tenant: {} })
    expect(out.steps.map((s) => s.ended)).toEqual([[], ['session:s1']])
    expectNote(out.steps[1]!, 'idle timeout', '72 h')
    expectNote(out.steps[0]!, "Auth0's default of 168 h")
    expectNote(out.steps[0]!, 'Unconfirmed', 'idle_session_lifetime')
  })

  it('a wait of 0 minutes changes nothing', () => {
    expect(last(runSteps([wait(0)])).ended).toEqual([])
  })
})

describe('sessions already expired at state.now', () => {
  it('are not alive from the start, and the first step says why', () => {
    const state = baseState() as { sessions: Json[]; now: string }
    state.now = '2026-03-05T10:00:00Z'
    const out = runSteps([{ do: 'login', client_id: 'A', prompt: 'none' }], { state })
    expect(last(out)).toMatchObject({ login: 'error', login_error: 'login_required' })
    expectNote(last(out), 'Before the first step: session s1 had already expired')
    expect(out.final.sessions).toEqual([])
  })

  it('are not in final even without steps', () => {
    const state = baseState() as { now: string }
    state.now = '2026-03-05T10:00:00Z'
    expect(runSteps([], { state }).final.sessions).toEqual([])
  })
})
