/**
 * Logout actions, the requests they send, and the preview of what they end and what survives.
 *
 * Plain JSON (it crosses IPC); the contract re-exports these types (`preload/contract/logout.ts`).
 */

/** What the operator asked to end, before anything is sent. */
export type LogoutAction =
  /** `DELETE /sessions/{id}`: ends the session only; its refresh tokens stay valid. */
  | { kind: 'delete-session'; sessionId: string }
  /** `POST /sessions/{id}/revoke`: ends the session and the refresh tokens bound to it. */
  | { kind: 'revoke-session'; sessionId: string }
  /** `DELETE /refresh-tokens/{id}`. */
  | { kind: 'revoke-refresh-token'; tokenId: string }
  /** Every refresh token of one application for the user, one `DELETE /refresh-tokens/{id}` each. */
  | { kind: 'revoke-app-tokens'; clientId: string }
  /** `DELETE /users/{id}/sessions`. */
  | { kind: 'delete-all-sessions' }
  /** `DELETE /users/{id}/refresh-tokens`. */
  | { kind: 'revoke-all-refresh-tokens' }
  /** Both user-wide requests: every session and every refresh token. */
  | { kind: 'sign-out-everywhere' }

/** The Management API calls a logout job can send (reference §4). */
export type LogoutRequestKind =
  | 'delete-session'
  | 'revoke-session'
  | 'delete-refresh-token'
  | 'delete-user-sessions'
  | 'delete-user-refresh-tokens'

/**
 * One Management API request a logout job will send.
 *
 * `targetId` is the session id, the refresh-token id, or the user id for the user-wide kinds. `key`
 * identifies the request across retries and resumes: same kind, user and target, same key.
 */
export interface LogoutRequest {
  kind: LogoutRequestKind
  targetId: string
  userId: string
  label: string
  key: string
}

/** A session the action ends. */
export interface EndedSession {
  /** `session:<sid>` */
  id: string
  sessionId: string
  /** "Chrome on Windows · 203.0.113.10" */
  device: string
  /** Names of the applications used in it. */
  apps: string[]
}

/** A session the action leaves running, and why. */
export interface SurvivingSession extends EndedSession {
  reason: string
}

/** A refresh token the action ends. */
export interface EndedRefreshToken {
  /** `rt:<id>` */
  id: string
  tokenId: string
  appName: string
  /** Bound to a listed session. */
  bound: boolean
}

/** Whether one application receives an OIDC back-channel logout token, and why (reference §3.3). */
export interface BackchannelOutcome {
  appId: string
  appName: string
  receives: boolean
  reason: string
}

/** What a logout action leaves running: the preview states it, the job keeps it, the receipt restates it. */
export interface Survivors {
  /** Access tokens stay valid until they expire: they cannot be revoked. */
  accessTokens: string
  /** Upstream identity-provider sessions: no Management API action ends them. */
  idpSessions: { connection: string; reason: string }[]
  refreshTokens: { id: string; appName: string; reason: string }[]
  /** Applications whose own (local) session keeps running. */
  appSessions: { appName: string; reason: string }[]
  /** The user's Auth0 sessions the action does not end. */
  sessions: SurvivingSession[]
}

/**
 * The blast radius of a logout action, computed from data already read and before anything is sent.
 *
 * Plain JSON, so it can cross to the renderer. `requests` is exactly what the job sends.
 */
export interface LogoutPreview {
  action: LogoutAction | BulkAction
  /** "End 1 session of alice@example.com" */
  title: string
  /** User-wide actions; the renderer asks for typed confirmation. */
  global: boolean
  ends: { sessions: EndedSession[]; refreshTokens: EndedRefreshToken[] }
  /** Applications used in the ended sessions, plus those whose refresh tokens end. */
  backchannel: BackchannelOutcome[]
  survives: Survivors
  warnings: string[]
  requests: LogoutRequest[]
  counts: { sessions: number; refreshTokens: number; requests: number }
}

/** Session criteria for bulk logout (incident response). All given criteria must match. */
export interface SessionFilter {
  /** IPv4 CIDR (`203.0.113.0/24`), a full address, or a prefix ending at a dot. */
  ip?: string
  /** Autonomous system number, with or without `AS`. */
  asn?: string
  /** Case-insensitive part of the user agent. */
  userAgent?: string
  /** ISO date: created strictly before. */
  createdBefore?: string
  /** ISO date: created at or after. */
  createdAfter?: string
  /** A connection name. */
  connection?: string
  /** The session was used by this application. */
  clientId?: string
}

/** Who a bulk logout is aimed at: a pasted list or CSV of user ids / emails, or a connection. */
export type BulkSource = { kind: 'list'; text: string } | { kind: 'connection'; connection: string }

/**
 * What a bulk logout ends for each user of the cohort.
 *
 * - `matching-sessions`: one `delete-session` per session matching the filter (a filter is required).
 * - `all-sessions`: one `delete-user-sessions` per user.
 * - `all-sessions-and-tokens`: that, plus one `delete-user-refresh-tokens` per user.
 */
export type BulkMode = 'matching-sessions' | 'all-sessions' | 'all-sessions-and-tokens'

/** A bulk logout: the cohort and what is ended for it. */
export interface BulkAction {
  kind: 'bulk'
  source: BulkSource
  mode: BulkMode
  filter?: SessionFilter
  /** The cohort and filter in words. */
  description: string
}

/** How a bulk cohort was read: who is in it and who was left out, and why. */
export interface CohortSummary {
  users: number
  sessions: number
  skipped: { userId: string; reason: string }[]
  listErrors: { line: number; text: string; reason: string }[]
}
