import { idpKindOf } from './federated-logout'
import type { Step, StepOutcome } from './types'
import {
  blankOutcome,
  connectionByName,
  liveBrowserSession,
  sessionById,
  type LiveSession,
  type World,
} from './world'

// The `login` step: the app sends the browser to /authorize. The verdict follows the simulation
// contract's "Login semantics" in its order (rules 0-5), which mirrors reference §1.1.

type LoginStep = Step & { do: 'login' }

/** Connection kinds whose login leaves a session at an upstream identity provider. */
const UPSTREAM = new Set(['social', 'saml', 'entra', 'oidc', 'enterprise'])

/** Whether a connection is social and runs on Auth0 developer keys (no `options.client_id`). */
function onDeveloperKeys(connection: {
  strategy: string
  options?: Record<string, unknown> | null
}) {
  const clientId = connection.options?.client_id
  return (
    idpKindOf(connection.strategy) === 'social' &&
    !(typeof clientId === 'string' && clientId.trim() !== '')
  )
}

/** Starts the client's app session; words for the notes either way. */
function startApp(world: World, clientId: string): string {
  if (world.appSessions.includes(clientId)) return `${clientId} keeps its app session`
  world.appSessions.push(clientId)
  return `${clientId} starts an app session`
}

function createSession(world: World, id: string, connection: string | null, clientId: string) {
  const session: LiveSession = {
    id,
    connection,
    createdAt: world.now,
    lastInteractedAt: world.now,
    clients: [clientId],
    alive: true,
  }
  world.sessions.push(session)
  world.browserSession = id
  return session
}

/** Runs a `login` step; `index` names the session an interactive login creates (`new-<index>`). */
export function loginStep(world: World, step: LoginStep, index: number): StepOutcome {
  const out = blankOutcome('login')
  const current = liveBrowserSession(world)
  const target =
    step.connection === undefined ? undefined : connectionByName(world, step.connection)
  if (target !== undefined && !target.described) {
    out.notes.push(
      `Connection ${target.name} is not among the scenario's connections; the simulator takes its strategy to be ${target.strategy} with unknown settings.`,
    )
  }

  const fail = (reason: string): StepOutcome => {
    out.result = 'error'
    out.login = 'error'
    out.login_error = 'login_required'
    out.error = { code: 'login_required', message: reason }
    out.notes.push(
      `${reason} The app must send the user to /authorize without prompt=none (reference §1.1).`,
    )
    return out
  }

  const silent = (session: LiveSession, why: string): StepOutcome => {
    out.login = 'silent'
    out.via = 'auth0_session'
    session.lastInteractedAt = world.now
    if (!session.clients.includes(step.client_id)) session.clients.push(step.client_id)
    const app = startApp(world, step.client_id)
    out.notes.push(
      `Silent login: ${why} Auth0 returns to ${step.client_id} without asking for credentials, and the interaction resets the session's idle timer (reference §1.1); ${app}.`,
    )
    return out
  }

  const interactive = (why: string): StepOutcome => {
    out.login = 'interactive'
    const previous = sessionById(world, world.browserSession)
    const connection = step.connection ?? previous?.connection ?? null
    const id = `new-${index}`
    createSession(world, id, connection, step.client_id)
    const app = startApp(world, step.client_id)
    out.notes.push(`Interactive login: ${why}`)
    if (step.connection === undefined && world.idpSessions.length > 0) {
      out.notes.push(
        `Auth0 shows its login page. If the user picks ${world.idpSessions.join(' or ')} there, that identity provider's session is still alive and completes the login without a password (reference §1.1).`,
      )
    }
    out.notes.push(
      `Auth0 creates session ${id}${connection === null ? '' : ` through ${connection}`}${step.connection === undefined && connection !== null ? ' (no connection was given; the simulator assumes the one the browser last used)' : ''} and ${app}.`,
    )
    if (
      connection !== null &&
      UPSTREAM.has(idpKindOf(connectionByName(world, connection).strategy))
    ) {
      if (!world.idpSessions.includes(connection)) world.idpSessions.push(connection)
    }
    if (current !== undefined) {
      out.notes.push(
        `Session ${current.id} is no longer the one this browser carries; the simulator keeps it on the server until it expires or is deleted.`,
      )
    }
    return out
  }

  // Rule 0: passwordless, and silent authentication on developer keys.
  if (target !== undefined && (target.strategy === 'email' || target.strategy === 'sms')) {
    return interactive(
      `${target.name} is a passwordless (${target.strategy}) connection, and passwordless logins do not reuse the Auth0 session; the user is asked for a code again (reference §1.1).`,
    )
  }
  if (step.prompt === 'none' && current !== undefined && current.connection !== null) {
    const connection = connectionByName(world, current.connection)
    if (onDeveloperKeys(connection)) {
      return fail(
        `prompt=none fails with login_required: session ${current.id} came through ${connection.name}, a social connection on Auth0 developer keys, and silent authentication does not work with developer keys.`,
      )
    }
  }
  // Rule 1.
  if (step.prompt === 'login') {
    return interactive(
      'prompt=login shows the login page even when a session exists (reference §1.1).',
    )
  }
  // Rule 2.
  if (current !== undefined) {
    return silent(
      current,
      `the browser still carries the live Auth0 session ${current.id}${step.prompt === 'none' ? ', so prompt=none succeeds' : ''}.`,
    )
  }
  // Rule 3.
  if (step.prompt === 'none') {
    return fail(
      'prompt=none fails with login_required: the browser carries no live Auth0 session (ended, expired, or never there).',
    )
  }
  // Rule 4.
  if (target !== undefined && world.idpSessions.includes(target.name)) {
    out.login = 'silent'
    out.via = 'idp_session'
    const id = `new-${index}`
    createSession(world, id, target.name, step.client_id)
    const app = startApp(world, step.client_id)
    out.notes.push(
      `Silent login through the identity provider: there is no Auth0 session, but the app passes connection=${target.name} and that identity provider's session is still alive, so it completes the login without asking for credentials. To the user, logout looks broken (reference §1.1).`,
      `Auth0 creates session ${id} and ${app}. Ending the identity-provider session needs logout with federated, where the provider supports it (reference §3.1).`,
    )
    return out
  }
  // Rule 5.
  return interactive(
    'there is no live Auth0 session and no usable identity-provider session, so the user is asked for credentials.',
  )
}
