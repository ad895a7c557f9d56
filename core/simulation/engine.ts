import { loginStep } from './login-step'
import { logoutStep } from './logout-step'
import type { FinalState, Scenario, SimulationOutcome, Step, StepOutcome } from './types'
import {
  blankOutcome,
  createWorld,
  deadlineOf,
  duration,
  endApp,
  endRefreshToken,
  endSession,
  expiryReason,
  isoTime,
  listOf,
  liveBrowserSession,
  sendBackchannel,
  survivorNotes,
  touchSession,
  type LiveSession,
  type World,
} from './world'

// The logout simulator: a validated scenario in, the outcome of every step out (simulation
// contract v1). Pure and synchronous: no Node, DOM or network, so the renderer can run it on
// every keystroke and the CLI and tests share it.

const MINUTE = 60_000

const SESSION_REVOKED_NOTE =
  'Doc conflict: the sessions Management API page calls the back-channel initiator for deleted sessions "session-deleted"; the initiators page and the API enum call it "session-revoked", which the simulator uses (reference §3.3).'

function localLogout(world: World, step: Step & { do: 'local_logout' }): StepOutcome {
  const out = blankOutcome('local_logout')
  if (endApp(world, out, step.client_id)) {
    out.notes.push(`${step.client_id} clears its own session; nothing is sent to Auth0.`)
  } else {
    out.notes.push(
      `${step.client_id} had no app session in this browser, so nothing ends; nothing is sent to Auth0.`,
    )
  }
  const current = liveBrowserSession(world)
  if (current !== undefined) {
    out.notes.push(
      `The Auth0 session ${current.id} is still alive, so the next login to ${step.client_id} is silent: /authorize finds the session and returns without asking for credentials (prompt=none succeeds; prompt=login still shows the login page). Reference §1.1.`,
    )
  }
  return out
}

function refresh(world: World, step: Step & { do: 'refresh' }): StepOutcome {
  const out = blankOutcome('refresh')
  const token = world.refreshTokens.find((t) => t.alive && t.clientId === step.client_id)
  if (token === undefined) {
    out.result = 'error'
    out.error = {
      code: 'invalid_grant',
      message: `${step.client_id} holds no active refresh token.`,
    }
    out.notes.push(
      `${step.client_id} holds no active refresh token (none issued, or revoked), so the exchange fails and the app must send the user to log in.`,
    )
    return out
  }
  const session =
    token.sessionId === null ? undefined : world.sessions.find((s) => s.id === token.sessionId)
  out.notes.push(
    `${step.client_id} exchanges refresh token ${token.id} for new tokens; the exchange does not look at the Auth0 session (reference §7, §10).`,
  )
  if (token.sessionId !== null && session?.alive !== true) {
    out.notes.push(
      `Token ${token.id} is bound to session ${token.sessionId}, which has ended: refresh tokens survive logout, expiry and session deletion, so it still works (reference §7). Only POST /sessions/{id}/revoke or revoking the token stops it.`,
    )
  }
  if (!world.appSessions.includes(step.client_id)) {
    out.notes.push(
      `${step.client_id} has no app session in this browser, yet whoever holds the token gets fresh access tokens without logging in (reference §10).`,
    )
  }
  return out
}

function deleteSession(world: World, step: Step & { do: 'delete_session' }): StepOutcome {
  const out = blankOutcome('delete_session')
  const session = world.sessions.find((s) => s.id === step.session_id && s.alive)
  if (session === undefined) {
    out.notes.push(
      `DELETE /api/v2/sessions/${step.session_id}: there is no live session ${step.session_id}, so nothing ends (the endpoint declares no 404).`,
    )
    return out
  }
  endSession(out, session)
  out.notes.push(
    `DELETE /api/v2/sessions/${session.id} ends the Auth0 session; refresh tokens bound to it are not revoked (use POST /sessions/{id}/revoke for that; reference §4, §7).`,
  )
  sendBackchannel(world, out, [session], 'session-revoked')
  out.notes.push(SESSION_REVOKED_NOTE)
  survivorNotes(world, out)
  return out
}

function revokeSession(world: World, step: Step & { do: 'revoke_session' }): StepOutcome {
  const out = blankOutcome('revoke_session')
  const session = world.sessions.find((s) => s.id === step.session_id && s.alive)
  if (session === undefined) {
    out.result = 'error'
    out.error = {
      code: 'not_found',
      message: `POST /api/v2/sessions/${step.session_id}/revoke: no live session ${step.session_id} (404).`,
    }
    out.notes.push(`There is no live session ${step.session_id} to revoke, so nothing ends.`)
    return out
  }
  endSession(out, session)
  const tokens = world.refreshTokens.filter((t) => t.alive && t.sessionId === session.id)
  for (const token of tokens) endRefreshToken(out, token)
  out.notes.push(
    `POST /api/v2/sessions/${session.id}/revoke ends the Auth0 session and revokes the refresh tokens bound to it${tokens.length > 0 ? ` (${listOf(tokens.map((t) => t.id))})` : ' (there are none)'}; tokens with another or no session_id stay (reference §4).`,
  )
  sendBackchannel(world, out, [session], 'session-revoked')
  out.notes.push(SESSION_REVOKED_NOTE)
  survivorNotes(world, out)
  return out
}

function deleteUserSessions(world: World): StepOutcome {
  const out = blankOutcome('delete_user_sessions')
  const sessions = world.sessions.filter((s) => s.alive)
  const who = world.scenario.state.user_id ?? '{user_id}'
  if (sessions.length === 0) {
    out.notes.push(
      `DELETE /api/v2/users/${who}/sessions: the user has no live session; nothing ends.`,
    )
    return out
  }
  for (const session of sessions) endSession(out, session)
  out.notes.push(
    `DELETE /api/v2/users/${who}/sessions ends every Auth0 session of the user (${listOf(sessions.map((s) => s.id))}); refresh tokens are not revoked (reference §4, §7).`,
  )
  sendBackchannel(world, out, sessions, 'session-revoked')
  out.notes.push(SESSION_REVOKED_NOTE)
  survivorNotes(world, out)
  return out
}

function deleteUserRefreshTokens(
  world: World,
  step: Step & { do: 'delete_user_refresh_tokens' },
): StepOutcome {
  const out = blankOutcome('delete_user_refresh_tokens')
  const tokens = world.refreshTokens.filter(
    (t) => t.alive && (step.client_id === undefined || t.clientId === step.client_id),
  )
  for (const token of tokens) endRefreshToken(out, token)
  const scope =
    step.client_id === undefined
      ? "all the user's refresh tokens"
      : `the user's refresh tokens for ${step.client_id}`
  out.notes.push(
    tokens.length === 0
      ? `Revoking ${scope}: there are none alive, so nothing ends.`
      : `Revoking ${scope} ends ${listOf(tokens.map((t) => t.id))}. Auth0 sessions and app sessions are not touched, no logout token is sent, and access tokens already issued stay valid until they expire (reference §4, §6).`,
  )
  return out
}

/**
 * Which defaults and session-specific deadlines a wait relied on. The persistent defaults are
 * noted always (as before); the non-persistent ones only when a non-persistent session is alive.
 */
function lifetimeNotes(world: World, sessions: readonly LiveSession[]): string[] {
  const { lifetimes } = world
  const notes: string[] = []
  if (lifetimes.absoluteDefaulted) {
    notes.push(
      'The tenant gives no session_lifetime, so Auth0\'s default of 168 h (7 days) "require log in after" applies (tenant-settings page, reference §12).',
    )
  }
  if (lifetimes.idleDefaulted) {
    notes.push(
      "Unconfirmed: the tenant gives no idle_session_lifetime, so the default of 72 h applies; Auth0's docs do not state the default (reference §5.1).",
    )
  }
  const ephemeral = sessions.filter((s) => !s.persistent)
  if (ephemeral.length > 0) {
    const missing = [
      ...(lifetimes.ephemeralAbsoluteDefaulted ? ['ephemeral_session_lifetime'] : []),
      ...(lifetimes.ephemeralIdleDefaulted ? ['idle_ephemeral_session_lifetime'] : []),
    ]
    if (missing.length > 0) {
      notes.push(
        `Unconfirmed: the tenant gives no ${listOf(missing)}, so non-persistent sessions (${listOf(ephemeral.map((s) => s.id))}) take the persistent lifetimes; Auth0's docs state no default for them (reference §7, §11).`,
      )
    }
    notes.push(
      `Non-persistent sessions (${listOf(ephemeral.map((s) => s.id))}) also end when the browser closes; the simulator does not model closing the browser (reference §7).`,
    )
  }
  const own = sessions.filter((s) => s.expiresAt !== null || s.idleExpiresAt !== null)
  if (own.length > 0) {
    notes.push(
      `${listOf(own.map((s) => s.id))} ${own.length === 1 ? 'carries its' : 'carry their'} own expires_at / idle_expires_at (as the Management API reports them, possibly set by an Action), which the simulator uses instead of the tenant lifetimes; the next interaction with Auth0 restarts the idle timer with the tenant's idle lifetime (reference §7).`,
    )
  }
  return notes
}

function wait(world: World, step: Step & { do: 'wait' }): StepOutcome {
  const out = blankOutcome('wait')
  const end = world.now + step.minutes * MINUTE
  const browser = liveBrowserSession(world)
  const expired: { session: LiveSession; at: number; limit: 'idle' | 'absolute' }[] = []
  const alive = world.sessions.filter((s) => s.alive)
  for (const session of alive) {
    const active = step.active && session === browser
    if (active) {
      // The browser keeps interacting, so the idle timer is reset until the absolute limit.
      touchSession(session, end)
    }
    const deadline = deadlineOf(world, session)
    if (active && deadline.limit === 'absolute' && deadline.at <= end) {
      session.lastInteractedAt = deadline.at
    }
    if (deadline.at <= end) expired.push({ session, ...deadline })
  }
  expired.sort((a, b) => a.at - b.at)
  out.notes.push(
    `${duration(step.minutes)} pass: ${isoTime(world.now)} → ${isoTime(end)}${!step.active ? ', with no interaction with Auth0' : browser === undefined ? ', with the browser interacting with Auth0, though it carries no live session to keep alive' : ", with the browser interacting with Auth0 throughout (its session's idle timer keeps resetting)"}.`,
  )
  world.now = end
  for (const { session, at, limit } of expired) {
    endSession(out, session)
    out.notes.push(
      `Session ${session.id} expires at ${isoTime(at)} (${expiryReason(world, session, limit)}).`,
    )
  }
  out.notes.push(...lifetimeNotes(world, alive))
  if (expired.length > 0) {
    sendBackchannel(
      world,
      out,
      expired.map((e) => e.session),
      'session-expired',
    )
    survivorNotes(world, out)
  } else if (world.refreshTokens.some((t) => t.alive)) {
    out.notes.push('Refresh-token lifetimes are not simulated; the tokens stay alive.')
  }
  if (world.idpSessions.length > 0 || world.appSessions.length > 0) {
    out.notes.push(
      'Identity-provider and application sessions have lifetimes of their own, which the simulator does not model; they stay alive.',
    )
  }
  return out
}

/** Sessions already past a deadline at `state.now` are not alive when the first step runs. */
function expireAtStart(world: World): string[] {
  const notes: string[] = []
  for (const session of world.sessions) {
    const { at, limit } = deadlineOf(world, session)
    if (at <= world.now) {
      session.alive = false
      notes.push(
        `Before the first step: session ${session.id} had already expired at ${isoTime(at)} (${expiryReason(world, session, limit)}), so it is not alive.`,
      )
    }
  }
  return notes
}

function runStep(world: World, step: Step, index: number): StepOutcome {
  switch (step.do) {
    case 'local_logout':
      return localLogout(world, step)
    case 'logout':
      return logoutStep(world, step)
    case 'login':
      return loginStep(world, step, index)
    case 'refresh':
      return refresh(world, step)
    case 'delete_session':
      return deleteSession(world, step)
    case 'revoke_session':
      return revokeSession(world, step)
    case 'delete_user_sessions':
      return deleteUserSessions(world)
    case 'delete_user_refresh_tokens':
      return deleteUserRefreshTokens(world, step)
    case 'wait':
      return wait(world, step)
  }
}

function finalState(world: World): FinalState {
  return {
    app_sessions: [...world.appSessions],
    sessions: world.sessions.filter((s) => s.alive).map((s) => s.id),
    idp_sessions: [...world.idpSessions],
    refresh_tokens: world.refreshTokens.filter((t) => t.alive).map((t) => t.id),
  }
}

/**
 * Runs a validated scenario: each step against the state the previous one left.
 *
 * Never throws for anything a scenario can express; Auth0 errors are outcomes (`result: "error"`).
 */
export function simulate(scenario: Scenario): SimulationOutcome {
  const world = createWorld(scenario)
  const startNotes = expireAtStart(world)
  const steps = scenario.steps.map((step, index) => runStep(world, step, index))
  const first = steps[0]
  if (first !== undefined) first.notes.unshift(...startNotes)
  return { steps, final: finalState(world) }
}
