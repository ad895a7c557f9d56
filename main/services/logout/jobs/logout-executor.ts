import type { TenantApi } from '../../ports'
import { AppFailure } from '../../../../core/result'
import type { LogoutRequest, LogoutRequestKind } from './job-types'

/** The Management API calls a logout job makes. */
export type LogoutApi = Pick<
  TenantApi,
  | 'deleteSession'
  | 'revokeSession'
  | 'deleteRefreshToken'
  | 'deleteUserSessions'
  | 'deleteUserRefreshTokens'
>

/** The `execute` function of a logout job (see {@link createJobRunner}'s options). */
export type LogoutExecute = (item: LogoutRequest, signal: AbortSignal) => Promise<void>

/** The item key of a target: `<kind>:<targetId>`, unique as long as targets are. */
export const logoutItemKey = (kind: LogoutRequestKind, targetId: string): string =>
  `${kind}:${targetId}`

/** Builds a job item; the key is {@link logoutItemKey}. */
export const logoutItem = (item: Omit<LogoutRequest, 'key'>): LogoutRequest => ({
  key: logoutItemKey(item.kind, item.targetId),
  ...item,
})

/**
 * Maps every item kind to its one Management API request (reference §4).
 *
 * - `delete-session`: `DELETE /sessions/{id}`; the session's refresh tokens stay valid.
 * - `revoke-session`: `POST /sessions/{id}/revoke`; the session and its bound refresh tokens.
 * - `delete-refresh-token`: `DELETE /refresh-tokens/{id}`.
 * - `delete-user-sessions`: `DELETE /users/{id}/sessions` (targetId is the user id).
 * - `delete-user-refresh-tokens`: `DELETE /users/{id}/refresh-tokens` (targetId is the user id).
 *
 * The API client paces and maps failures to AppFailure; a request is not started once the job is
 * discarded (the client itself cannot abort one in flight).
 */
export const createLogoutExecutor =
  (api: LogoutApi): LogoutExecute =>
  async (item, signal) => {
    signal.throwIfAborted()
    switch (item.kind) {
      case 'delete-session':
        return api.deleteSession(item.targetId)
      case 'revoke-session':
        return api.revokeSession(item.targetId)
      case 'delete-refresh-token':
        return api.deleteRefreshToken(item.targetId)
      case 'delete-user-sessions':
        return api.deleteUserSessions(item.targetId)
      case 'delete-user-refresh-tokens':
        return api.deleteUserRefreshTokens(item.targetId)
    }
    const unknown: never = item.kind
    throw new AppFailure('INVALID_INPUT', `Unknown job item kind ${String(unknown)}.`)
  }
