import type { TenantApi } from '../../ports'
import { AppFailure } from '../../../../core/result'
import type { LogoutRequest } from './job-types'
import { RETRYABLE_CODES } from './job-runner'

/**
 * After a logout job: are the targets really gone?
 *
 * Auth0 applies session and refresh-token deletes asynchronously (reference §4, §7), so a 204
 * only means "accepted". This re-reads every affected object, polling a bounded number of times.
 */

/** The Management API reads verification needs. */
export type VerifyApi = Pick<
  TenantApi,
  'getSession' | 'getRefreshToken' | 'listUserSessions' | 'listUserRefreshTokens'
>

/**
 * Per item: `verified` (gone), `pending` (still there after the last poll: Auth0 has not applied
 * it yet, or something recreated it) or `failed` (it could not be checked, e.g. a missing read
 * scope or Auth0 kept failing).
 */
export type VerifyStatus = 'verified' | 'pending' | 'failed'

/** How long to keep looking. */
export interface VerifyOptions {
  /** Checks per item at most, the first included. */
  attempts: number
  /** Wait between rounds of checks. */
  delayMs: number
  /** Checks in flight at once; default 4. The API client paces them anyway. */
  concurrency?: number
  /** Waits `ms`; default a timer. */
  sleep?: (ms: number) => Promise<void>
}

type Check = 'gone' | 'present' | { error: AppFailure }

const isNotFound = (err: unknown): boolean => err instanceof AppFailure && err.code === 'NOT_FOUND'

const asFailure = (err: unknown): AppFailure =>
  err instanceof AppFailure
    ? err
    : new AppFailure('INTERNAL', err instanceof Error ? err.message : String(err))

/** Reading a deleted object answers 404: gone. */
const goneIfNotFound = async (read: () => Promise<unknown>): Promise<Check> => {
  try {
    await read()
    return 'present'
  } catch (err) {
    if (isNotFound(err)) return 'gone'
    throw err
  }
}

/** A list that must be empty; a user who no longer exists has nothing left either. */
const goneIfEmpty = async (list: () => Promise<unknown[]>): Promise<Check> => {
  try {
    return (await list()).length === 0 ? 'gone' : 'present'
  } catch (err) {
    if (isNotFound(err)) return 'gone'
    throw err
  }
}

const checkItem = async (api: VerifyApi, item: LogoutRequest): Promise<Check> => {
  try {
    switch (item.kind) {
      case 'delete-session':
        return await goneIfNotFound(() => api.getSession(item.targetId))
      case 'revoke-session': {
        // Revoking takes the session and every refresh token bound to it.
        const session = await goneIfNotFound(() => api.getSession(item.targetId))
        if (session !== 'gone') return session
        return await goneIfEmpty(async () =>
          (await api.listUserRefreshTokens(item.userId)).filter(
            (token) => token.session_id === item.targetId,
          ),
        )
      }
      case 'delete-refresh-token':
        return await goneIfNotFound(() => api.getRefreshToken(item.targetId))
      case 'delete-user-sessions':
        return await goneIfEmpty(() => api.listUserSessions(item.targetId))
      case 'delete-user-refresh-tokens':
        return await goneIfEmpty(() => api.listUserRefreshTokens(item.targetId))
    }
  } catch (err) {
    return { error: asFailure(err) }
  }
  const unknown: never = item.kind
  return { error: new AppFailure('INVALID_INPUT', `Unknown job item kind ${String(unknown)}.`) }
}

const timerSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms)
  })

/**
 * Re-reads every item's target until it is gone, at most `attempts` rounds `delayMs` apart.
 *
 * Sessions and refresh tokens are gone when reading them answers 404; user-wide items when the
 * user's session (or refresh-token) list is empty; a revoked session also needs no refresh token
 * bound to it left. A check that fails with a retryable code (rate limit, 5xx, timeout, network)
 * is tried again next round; any other failure (e.g. FORBIDDEN: no read scope) is `failed` at
 * once. Answers a status per item key.
 */
export const verifyGone = async (
  api: VerifyApi,
  items: readonly LogoutRequest[],
  options: VerifyOptions,
): Promise<Record<string, VerifyStatus>> => {
  const attempts = Math.max(1, Math.floor(options.attempts))
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4))
  const sleep = options.sleep ?? timerSleep
  const result: Record<string, VerifyStatus> = {}
  const lastError = new Map<string, AppFailure>()
  let open = [...items]
  for (let round = 1; round <= attempts && open.length > 0; round++) {
    if (round > 1) await sleep(options.delayMs)
    const still: LogoutRequest[] = []
    let next = 0
    const worker = async () => {
      while (next < open.length) {
        const item = open[next++] as LogoutRequest
        const check = await checkItem(api, item)
        if (check === 'gone') {
          result[item.key] = 'verified'
          lastError.delete(item.key)
        } else if (check === 'present') {
          lastError.delete(item.key)
          still.push(item)
        } else if (RETRYABLE_CODES.has(check.error.code)) {
          lastError.set(item.key, check.error)
          still.push(item)
        } else {
          result[item.key] = 'failed'
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, open.length) }, worker))
    open = still
  }
  for (const item of open) result[item.key] = lastError.has(item.key) ? 'failed' : 'pending'
  return result
}
