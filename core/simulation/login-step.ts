import { idpKindOf } from './federated-logout'
import type { Step, StepOutcome } from './types'
import {
  blankOutcome,
  connectionByName,
  endSession,
  listOf,
  liveBrowserSession,
  sessionById,
  tenantCookieIsPersistent,
  touchSession,
  type LiveSession,
  type World,
} from './world'

// The `login` step: the app sends the browser to /authorize. The verdict follows the simulation
// contract's "Login semantics" in its order (rules 0-5), which mirrors reference §1.1, with the
// 2026 corrections of issue 14 (reference §12):
// - prompt=none is decided first and never yields an interactive login: it is silent on a live
//   Auth0 session or fails with login_required (passwordless included: a passwordless login does
//   not reuse the session and prompt=none may not ask for a code, so it fails even with a live
//   session — our reading; the docs only say passwordless logins prompt again).
// - A session created through a social connection on Auth0 developer keys gives no SSO to other
//   applications (devkeys page: the SSO cookie is not set on the tenant's domain): another app's
//   login is interactive. Our reading: an app already listed in the session's `clients` keeps
//   reusing it, as the docs speak of single sign-on between applications.
// - An interactive login in a browser that carries a live session replaces that session ("when a
//   user performs a new standard login, Auth0 resets the login session", manage-users/sessions):
//   the old one ends (no logout token: nobody logged out), the new one `new-<step index>` lists
//   the old one's applications too, so later logout tokens still reach them — our reading.

type LoginStep = Step & { do: 'login' }

/** Connection kinds whose login leaves a session at an upstream identity provider. */
const UPSTREAM = new Set(['social', 'saml', 'entra', 'oidc', 'enterprise'])

/**
 * Whether a social connection runs on Auth0 developer keys (no `options.client_id`). `unknown`
 * when its options could not be read (absent, or a connection the scenario does not describe):
 * reference §12 says to treat that as unknown, never as developer keys, so the login rules then go
 * on as for the connection's own keys and a note says what would differ.
 */
function developerKeys(connection: {
  strategy: string
  options?: Record<string, unknown> | null
}): boolean | 'unknown' {
  if (idpKindOf(connection.strategy) !== 'social') return false
  const options = connection.options
  if (options === undefined || options === null) return 'unknown'
  const clientId = options.client_id
  return !(typeof clientId === 'string' && clientId.trim() !== '')
}

/** Starts the client's app session; words for the notes either way. */
function startApp(world: World, clientId: string): string {
  if (world.appSessions.includes(clientId)) return `${clientId} keeps its app session`
  world.appSessions.push(clientId)
  return `${clientId} starts an app session`
}

function createSession(
  world: World,
  id: string,
  connection: string | null,
  clients: readonly string[],
) {
  const session: LiveSession = {
    id,
    connection,
    createdAt: world.now,
    lastInteractedAt: world.now,
    expiresAt: null,
    idleExpiresAt: null,
    persistent: tenantCookieIsPersistent(world.scenario),
    clients: [...new Set(clients)],
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
    touchSession(session, world.now)
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
    if (current !== undefined) endSession(out, current)
    createSession(world, id, connection, [...(current?.clients ?? []), step.client_id])
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
        `A new login resets the browser's login session, so session ${id} replaces session ${current.id}, which ends; no logout token is sent, as nobody logged out, and ${listOf(current.clients)} ${current.clients.length === 1 ? 'takes' : 'take'} part in ${id} as ${current.clients.length === 1 ? 'it' : 'they'} did in ${current.id} (manage-users/sessions: "Auth0 resets the login session"; the carried-over applications are the simulator's reading).`,
      )
    }
    return out
  }

  const passwordless =
    target !== undefined && (target.strategy === 'email' || target.strategy === 'sms')
  // Rule 0: prompt=none never shows a page, so it is silent or fails (reference §1.1).
  if (step.prompt === 'none' && passwordless) {
    return fail(
      `prompt=none fails with login_required: ${target.name} is a passwordless (${target.strategy}) connection, which does not reuse the Auth0 session, and prompt=none may not ask for a code (reference §1.1; the simulator's reading).`,
    )
  }
  const sessionConnection =
    current?.connection == null ? undefined : connectionByName(world, current.connection)
  const sessionDevKeys = sessionConnection === undefined ? false : developerKeys(sessionConnection)
  const devKeysMatter =
    current !== undefined &&
    !passwordless &&
    step.prompt !== 'login' &&
    (step.prompt === 'none' || !current.clients.includes(step.client_id))
  if (sessionDevKeys === 'unknown' && sessionConnection !== undefined && devKeysMatter) {
    out.notes.push(
      `The settings of ${sessionConnection.name} could not be read, so whether it runs on Auth0 developer keys is unknown; the simulator treats it as having its own keys. On developer keys, prompt=none would fail with login_required and other applications would get no single sign-on (reference §12).`,
    )
  }
  if (step.prompt === 'none' && current !== undefined && sessionConnection !== undefined) {
    const connection = sessionConnection
    if (sessionDevKeys === true) {
      return fail(
        `prompt=none fails with login_required: session ${current.id} came through ${connection.name}, a social connection on Auth0 developer keys, and silent authentication does not work with developer keys.`,
      )
    }
  }
  // Rule 0: passwordless logins prompt again.
  if (passwordless) {
    return interactive(
      `${target.name} is a passwordless (${target.strategy}) connection, and passwordless logins do not reuse the Auth0 session; the user is asked for a code again (reference §1.1).`,
    )
  }
  // Rule 1.
  if (step.prompt === 'login') {
    return interactive(
      'prompt=login shows the login page even when a session exists (reference §1.1).',
    )
  }
  // Rule 2, unless the session came through developer keys and this is another application.
  if (
    current !== undefined &&
    sessionConnection !== undefined &&
    !current.clients.includes(step.client_id)
  ) {
    const connection = sessionConnection
    if (sessionDevKeys === true) {
      return interactive(
        `session ${current.id} came through ${connection.name}, a social connection on Auth0 developer keys, and with developer keys there is no single sign-on between applications (the SSO cookie is not set on the tenant's domain; devkeys page), so ${step.client_id} does not get the session and the user logs in again.`,
      )
    }
  }
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
    createSession(world, id, target.name, [step.client_id])
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
