import type { AppNode, IdpNode, RefreshTokenNode, SessionNode, UserLayers } from '../layers/types'
import type {
  BackchannelOutcome,
  EndedRefreshToken,
  EndedSession,
  LogoutAction,
  LogoutPreview,
  LogoutRequest,
  LogoutRequestKind,
} from './types'
import { AppFailure } from '../result'
import { joinWords, plural } from '../text'

/**
 * Names under which `selected_initiators` may hold the initiator Management API session deletion
 * and revocation fire.
 *
 * Doc conflict (reference §3.3): the back-channel initiators page calls it `session-revoked`, the
 * sessions Management API page `session-deleted`. We name it `session-revoked` (the documented
 * initiator list and the SDK enum agree on it) and accept either when reading a client's settings.
 */
export const SESSION_REVOKED_INITIATORS: readonly string[] = ['session-revoked', 'session-deleted']

/** What is said about access tokens in every preview (reference §6, §3.4). */
export const ACCESS_TOKENS_SURVIVE =
  'Access tokens already issued stay valid until they expire: they cannot be revoked, so an application can keep calling APIs with one until then.'

/**
 * The warning of the logout overview (seeds/logout-overview.md) about applications that share the
 * ended Auth0 SSO session, shown whenever a session ends.
 */
export const UNCOMMITTED_WORK_WARNING =
  'Ending an Auth0 SSO session that other applications use can make the user lose work if they have uncommitted transactions in them.'

/** Deletion and revocation are asynchronous (reference §4, §7). */
export const EVENTUAL_CONSISTENCY_NOTE =
  'Deleting and revoking sessions and refresh tokens is asynchronous and eventually consistent: they may still be listed, or even work, for a short while after the requests succeed.'

/** The stable key of a request: kind, user and target, each URI-encoded so `|` in ids is safe. */
export function requestKey(kind: LogoutRequestKind, userId: string, targetId: string): string {
  return [kind, userId, targetId].map(encodeURIComponent).join(':')
}

/** A request with its key. User-wide kinds target the user id. */
export function logoutRequest(
  kind: LogoutRequestKind,
  userId: string,
  targetId: string,
  label: string,
): LogoutRequest {
  return { kind, targetId, userId, label, key: requestKey(kind, userId, targetId) }
}

/**
 * Whether an application receives a back-channel logout token when the Management API deletes or
 * revokes a session it was used in (reference §3.3).
 *
 * Management API deletion and revocation fire the `session-revoked` initiator (accepted under its
 * other documented name `session-deleted`). In `all` mode every initiator is on; in `custom` mode only
 * the selected ones plus `rp-logout` and `idp-logout`, which fire only for logouts through the logout
 * endpoints. `applicationsRead` false means the tenant's applications could not be read, so the
 * subscription is unknown and no delivery is promised.
 */
export function backchannelOnSessionEnd(
  app: AppNode,
  applicationsRead = true,
): { receives: boolean; reason: string } {
  const alias = '(the sessions API page calls it session-deleted)'
  if (!applicationsRead) {
    return {
      receives: false,
      reason:
        'Applications could not be read, so its back-channel settings are unknown: assume its own session keeps running until it expires.',
    }
  }
  if (!app.known) {
    return {
      receives: false,
      reason:
        'Not an application of the tenant (deleted?): no back-channel logout is sent, and any session it still holds keeps running until it expires.',
    }
  }
  const { subscribed, url, mode, initiators } = app.backchannel
  if (!subscribed) {
    return {
      receives: false,
      reason:
        'Not subscribed to back-channel logout: its own session keeps running until it expires.',
    }
  }
  const at = url ? ` at ${url}` : ''
  if (mode === 'all' || initiators.includes('all')) {
    return {
      receives: true,
      reason: `Subscribed with all initiators: it receives a logout token${at} through the session-revoked initiator ${alias}, and should then end its own session.`,
    }
  }
  const selected = SESSION_REVOKED_INITIATORS.find((name) => initiators.includes(name))
  if (selected !== undefined) {
    const how =
      selected === 'session-revoked'
        ? 'the session-revoked initiator is selected'
        : 'the session-revoked initiator is selected under its other name, session-deleted'
    return {
      receives: true,
      reason: `Subscribed and ${how}: it receives a logout token${at}, and should then end its own session.`,
    }
  }
  return {
    receives: false,
    reason: `Subscribed, but the session-revoked initiator is not selected ${alias}. The always-on rp-logout and idp-logout initiators fire only for logouts through the logout endpoints, not for Management API actions, so its own session keeps running until it expires.`,
  }
}

/** What the action ends, before the preview is put into words. */
interface Plan {
  title: string
  global: boolean
  sessions: SessionNode[]
  tokens: RefreshTokenNode[]
  requests: LogoutRequest[]
  /** How sessions end: `delete` leaves bound tokens alive, `revoke` ends them too. */
  sessionEnd: 'delete' | 'revoke' | null
  /** User-wide requests end what could not be listed too. */
  allSessions: boolean
  allTokens: boolean
}

const deviceText = (s: SessionNode): string =>
  s.lastDevice.ip ? `${s.lastDevice.label} · ${s.lastDevice.ip}` : s.lastDevice.label

/**
 * The blast radius of a logout action: what ends, which applications get a back-channel logout
 * token, what survives and why, warnings, and exactly the requests the job will send.
 *
 * Pure: reads only `layers` (data already fetched). Session ids are Auth0 session ids (`sid`), token
 * ids refresh-token ids, client ids application client ids; an id not in `layers` throws
 * `AppFailure('NOT_FOUND')`. Planning per action: `delete-session` → one `delete-session`;
 * `revoke-session` → one `revoke-session`; `revoke-refresh-token` → one `delete-refresh-token`;
 * `revoke-app-tokens` → one `delete-refresh-token` per listed token of that app (none when it has
 * none); `delete-all-sessions` → one `delete-user-sessions`; `revoke-all-refresh-tokens` → one
 * `delete-user-refresh-tokens`; `sign-out-everywhere` → both user-wide requests, sessions first.
 */
export function previewLogout(layers: UserLayers, action: LogoutAction): LogoutPreview {
  // Every logout action goes through the session and refresh-token endpoints: on a plan without
  // them there is nothing to preview, and the plan's plain explanation is the answer.
  const refused = layers.unavailable.find((u) => u.error.reason === 'enterprise-only')
  if (refused !== undefined) {
    throw new AppFailure('FORBIDDEN', refused.error.message, 'enterprise-only')
  }
  const plan = planAction(layers, action)
  const appsById = new Map(layers.apps.map((a) => [a.id, a]))
  const appName = (appId: string): string => appsById.get(appId)?.name ?? appId.replace(/^app:/, '')
  const unavailable = new Set(layers.unavailable.map((u) => u.part))
  const unavailableReason = (part: UserLayers['unavailable'][number]['part']): string =>
    layers.unavailable
      .find((u) => u.part === part)
      ?.error.message.trim()
      .replace(/[.\s]+$/, '') ?? 'not read'

  const endedSessionIds = new Set(plan.sessions.map((s) => s.id))
  const endedTokenIds = new Set(plan.tokens.map((t) => t.id))
  const describeSession = (s: SessionNode): EndedSession => ({
    id: s.id,
    sessionId: s.sessionId,
    device: deviceText(s),
    apps: s.appIds.map(appName),
  })

  // Back-channel: apps used in the ended sessions are evaluated; apps whose tokens end are told
  // nothing (revoking refresh tokens sends no logout token); other subscribed apps are listed so
  // the operator sees why they are not notified.
  const usedAppIds = new Set(plan.sessions.flatMap((s) => s.appIds))
  const tokenAppIds = new Set(plan.tokens.map((t) => t.appId))
  const backchannel: BackchannelOutcome[] = []
  const appSessions: LogoutPreview['survives']['appSessions'] = []
  const orderedApps = [
    ...layers.apps.filter((a) => usedAppIds.has(a.id)),
    ...layers.apps.filter((a) => !usedAppIds.has(a.id)),
  ]
  for (const app of orderedApps) {
    const entry = { appId: app.id, appName: app.name }
    if (usedAppIds.has(app.id)) {
      const outcome = backchannelOnSessionEnd(app, !unavailable.has('applications'))
      backchannel.push({ ...entry, ...outcome })
      if (!outcome.receives) appSessions.push({ appName: app.name, reason: outcome.reason })
    } else if (tokenAppIds.has(app.id)) {
      const why =
        plan.sessions.length > 0
          ? 'Not used in the ended sessions, and revoking refresh tokens sends no back-channel logout'
          : 'Revoking refresh tokens sends no back-channel logout'
      backchannel.push({ ...entry, receives: false, reason: `${why}.` })
      appSessions.push({
        appName: app.name,
        reason: `${why}: it keeps its own session and the access tokens it holds until they expire, but cannot refresh them with the revoked tokens.`,
      })
    } else if (plan.sessions.length > 0 && app.backchannel.subscribed) {
      backchannel.push({
        ...entry,
        receives: false,
        reason:
          'Not used in the ended sessions: only applications the user signed in to during a session receive its logout token.',
      })
    }
  }

  const endedIdpIds = new Set(plan.sessions.flatMap((s) => s.idpIds))
  const idpSessions = layers.idps.filter(hasUpstreamSession).map((idp) => ({
    connection: idp.connection,
    reason: endedIdpIds.has(idp.id)
      ? `The user signed in through it in an ended session. The Management API never ends the identity provider's session, so the next login through it may not ask for a password. ${idp.federatedLogout.reason}`
      : 'This action never ends identity-provider sessions.',
  }))

  const survivingTokens = layers.refreshTokens
    .filter((t) => !endedTokenIds.has(t.id))
    .map((t) => ({
      id: t.id,
      appName: t.appName,
      reason: tokenSurvivalReason(t, plan, endedSessionIds),
    }))

  const survivingSessions = layers.sessions
    .filter((s) => !endedSessionIds.has(s.id))
    .map((s) => ({
      ...describeSession(s),
      reason:
        plan.sessions.length > 0 || plan.allSessions
          ? 'Not part of this action: it keeps running until it expires or is ended.'
          : 'This action ends no session: it keeps running until it expires or is ended.',
    }))

  const warnings: string[] = []
  const endsSessions = plan.sessions.length > 0 || plan.allSessions
  if (endsSessions) {
    const shared = [...usedAppIds].map(appName)
    warnings.push(
      shared.length > 1
        ? `${UNCOMMITTED_WORK_WARNING} Applications sharing the ended ${plan.sessions.length === 1 ? 'session' : 'sessions'}: ${joinWords(shared)}.`
        : UNCOMMITTED_WORK_WARNING,
    )
  }
  if (plan.allSessions && unavailable.has('sessions')) {
    warnings.push(
      `Sessions could not be read (${unavailableReason('sessions')}): the request ends all of them, but they cannot be listed here, nor which applications receive a back-channel logout.`,
    )
  }
  if ((plan.allTokens || plan.sessionEnd === 'revoke') && unavailable.has('refreshTokens')) {
    warnings.push(
      `Refresh tokens could not be read (${unavailableReason('refreshTokens')}): the requests end ${plan.allTokens ? 'all of them' : 'the ones bound to the session'}, but they cannot be listed here.`,
    )
  }
  if (plan.sessionEnd === 'delete') {
    const bound = layers.refreshTokens.filter(
      (t) => t.sessionNodeId !== null && endedSessionIds.has(t.sessionNodeId),
    ).length
    if (bound > 0) {
      warnings.push(
        `${plural(bound, 'refresh token is', 'refresh tokens are')} bound to the ended ${plan.sessions.length === 1 ? 'session' : 'sessions'} and stay${bound === 1 ? 's' : ''} valid: deleting a session does not revoke refresh tokens. Revoke the session instead to end ${bound === 1 ? 'it' : 'them'} too.`,
      )
    }
  }
  if (endsSessions && survivingTokens.length > 0) {
    warnings.push(
      `${plural(survivingTokens.length, 'refresh token survives', 'refresh tokens survive')} this action: the applications holding them stay signed in until they are revoked or expire.`,
    )
  }
  if (plan.tokens.length > 0 || plan.allTokens) {
    // A token's app can sign in again through a surviving Auth0 session (SSO, silent auth; §1.1).
    const activeLeft = layers.sessions.filter(
      (s) => !endedSessionIds.has(s.id) && s.status === 'active',
    )
    const appsLeft = new Set(
      activeLeft.flatMap((s) => s.appIds).filter((id) => plan.allTokens || tokenAppIds.has(id)),
    )
    if (appsLeft.size > 0) {
      const sessions = plural(activeLeft.length, 'Auth0 session stays', 'Auth0 sessions stay')
      warnings.push(
        `${joinWords([...appsLeft].map(appName))} can get new tokens without a password (silent authentication or single sign-on) while ${sessions} active.`,
      )
    }
  }
  if (plan.requests.length === 0) warnings.push('There is nothing to end: no request will be sent.')
  warnings.push(EVENTUAL_CONSISTENCY_NOTE)

  const endedSessions = plan.sessions.map(describeSession)
  const endedTokens: EndedRefreshToken[] = plan.tokens.map((t) => ({
    id: t.id,
    tokenId: t.tokenId,
    appName: t.appName,
    bound: t.sessionNodeId !== null,
  }))
  return {
    action: { ...action },
    title: plan.title,
    global: plan.global,
    ends: { sessions: endedSessions, refreshTokens: endedTokens },
    backchannel,
    survives: {
      accessTokens: ACCESS_TOKENS_SURVIVE,
      idpSessions,
      refreshTokens: survivingTokens,
      appSessions,
      sessions: survivingSessions,
    },
    warnings,
    requests: plan.requests,
    counts: {
      sessions: endedSessions.length,
      refreshTokens: endedTokens.length,
      requests: plan.requests.length,
    },
  }
}

/** Database and passwordless connections have no upstream session to survive. */
const hasUpstreamSession = (idp: IdpNode): boolean =>
  idp.kind !== 'database' && idp.kind !== 'passwordless'

function tokenSurvivalReason(
  t: RefreshTokenNode,
  plan: Plan,
  endedSessionIds: Set<string>,
): string {
  if (plan.sessionEnd === null) return 'Not part of this action.'
  if (t.sessionNodeId === null) {
    return t.orphaned
      ? 'Bound to a session that is no longer listed: no session action ends it; revoke it directly.'
      : 'Not bound to any session (issued before session binding): it survives every session logout until it is revoked or expires.'
  }
  if (endedSessionIds.has(t.sessionNodeId)) {
    return 'Bound to an ended session, but deleting a session does not revoke its refresh tokens: revoke the session instead to end its tokens too.'
  }
  return 'Bound to a session this action does not end.'
}

function planAction(layers: UserLayers, action: LogoutAction): Plan {
  const userId = layers.user.userId
  const who = layers.user.email ?? layers.user.name ?? userId
  const findSession = (sessionId: string): SessionNode => {
    const found = layers.sessions.find((s) => s.sessionId === sessionId)
    if (!found)
      throw new AppFailure('NOT_FOUND', `Session ${sessionId} is not a session of ${who}.`)
    return found
  }
  const base = { global: false, sessionEnd: null, allSessions: false, allTokens: false } as const
  const allSessionsTitle = (n: number) =>
    layers.sessions.length === 0 && layers.unavailable.some((u) => u.part === 'sessions')
      ? 'all sessions'
      : `all ${plural(n, 'session')}`
  const allTokensTitle = (n: number) =>
    layers.refreshTokens.length === 0 && layers.unavailable.some((u) => u.part === 'refreshTokens')
      ? 'all refresh tokens'
      : `all ${plural(n, 'refresh token')}`

  switch (action.kind) {
    case 'delete-session': {
      const s = findSession(action.sessionId)
      return {
        ...base,
        title: `End 1 session of ${who}`,
        sessions: [s],
        tokens: [],
        sessionEnd: 'delete',
        requests: [
          logoutRequest('delete-session', userId, s.sessionId, `End session on ${deviceText(s)}`),
        ],
      }
    }
    case 'revoke-session': {
      const s = findSession(action.sessionId)
      const tokens = layers.refreshTokens.filter((t) => t.sessionNodeId === s.id)
      return {
        ...base,
        title:
          tokens.length === 0
            ? `Revoke 1 session of ${who}`
            : `Revoke 1 session and ${plural(tokens.length, 'refresh token')} of ${who}`,
        sessions: [s],
        tokens,
        sessionEnd: 'revoke',
        requests: [
          logoutRequest(
            'revoke-session',
            userId,
            s.sessionId,
            `Revoke session on ${deviceText(s)} and its refresh tokens`,
          ),
        ],
      }
    }
    case 'revoke-refresh-token': {
      const t = layers.refreshTokens.find((x) => x.tokenId === action.tokenId)
      if (!t) {
        throw new AppFailure(
          'NOT_FOUND',
          `Refresh token ${action.tokenId} is not a refresh token of ${who}.`,
        )
      }
      return {
        ...base,
        title: `Revoke 1 refresh token of ${who} (${t.appName})`,
        sessions: [],
        tokens: [t],
        requests: [
          logoutRequest(
            'delete-refresh-token',
            userId,
            t.tokenId,
            `Revoke refresh token of ${t.appName} on ${t.device.label}`,
          ),
        ],
      }
    }
    case 'revoke-app-tokens': {
      const app = layers.apps.find((a) => a.clientId === action.clientId)
      if (!app) {
        throw new AppFailure(
          'NOT_FOUND',
          `Application ${action.clientId} holds no session or refresh token of ${who}.`,
        )
      }
      const tokens = layers.refreshTokens.filter((t) => t.clientId === action.clientId)
      return {
        ...base,
        title: `Revoke ${plural(tokens.length, 'refresh token')} of ${app.name} for ${who}`,
        sessions: [],
        tokens,
        requests: tokens.map((t) =>
          logoutRequest(
            'delete-refresh-token',
            userId,
            t.tokenId,
            `Revoke refresh token of ${app.name} on ${t.device.label}`,
          ),
        ),
      }
    }
    case 'delete-all-sessions':
      return {
        ...base,
        global: true,
        title: `End ${allSessionsTitle(layers.sessions.length)} of ${who}`,
        sessions: layers.sessions,
        tokens: [],
        sessionEnd: 'delete',
        allSessions: true,
        requests: [
          logoutRequest('delete-user-sessions', userId, userId, `End every session of ${who}`),
        ],
      }
    case 'revoke-all-refresh-tokens':
      return {
        ...base,
        global: true,
        title: `Revoke ${allTokensTitle(layers.refreshTokens.length)} of ${who}`,
        sessions: [],
        tokens: layers.refreshTokens,
        allTokens: true,
        requests: [
          logoutRequest(
            'delete-user-refresh-tokens',
            userId,
            userId,
            `Revoke every refresh token of ${who}`,
          ),
        ],
      }
    case 'sign-out-everywhere':
      return {
        ...base,
        global: true,
        title: `Sign ${who} out everywhere: ${allSessionsTitle(layers.sessions.length)} and ${allTokensTitle(layers.refreshTokens.length)}`,
        sessions: layers.sessions,
        tokens: layers.refreshTokens,
        // Every token ends, bound or not: the user-wide token request covers them all.
        sessionEnd: 'revoke',
        allSessions: true,
        allTokens: true,
        requests: [
          logoutRequest('delete-user-sessions', userId, userId, `End every session of ${who}`),
          logoutRequest(
            'delete-user-refresh-tokens',
            userId,
            userId,
            `Revoke every refresh token of ${who}`,
          ),
        ],
      }
    default:
      return assertNever(action)
  }
}

function assertNever(value: never): never {
  throw new AppFailure('INVALID_INPUT', `Unknown logout action: ${JSON.stringify(value)}.`)
}
