/**
 * Results and errors, and the one rule for failures (README "Errors: one rule").
 *
 * - An expected failure (bad input, 401/403/404/429, offline, timeout, keychain locked, disk full)
 *   is an {@link AppFailure}: thrown where it is found (the Management API client, the keychain
 *   adapter, the journal), or returned as `fail(code, message)` by a service method that finds it
 *   itself. One failure is one or the other, never both.
 * - It becomes a `Result` at the boundary: the IPC wrapper (`main/ipc/handle.ts`) for a method, or
 *   {@link toAppError} where the work goes on after it (a job item that failed, a part of the layer
 *   map that could not be read).
 * - Anything else is a bug: {@link toAppError} answers INTERNAL with a generic sentence and hands
 *   the error to `onBug` to log in main. No stack, URL, token or raw message crosses to the renderer.
 */

/** Every error code that can cross the process boundary. */
export type AppErrorCode =
  | 'INVALID_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'NETWORK'
  | 'TIMEOUT'
  | 'REMOTE'
  | 'KEYCHAIN'
  | 'STORAGE'
  | 'INTERNAL'

/**
 * Why a failure happened, where the code alone does not tell what to show.
 *
 * - `enterprise-only`: the tenant's plan does not include the session and refresh-token
 *   endpoints (a FORBIDDEN that no scope would fix).
 */
export type AppErrorReason = 'enterprise-only'

/** A failure as the renderer sees it: a code to branch on and a sentence for a person. */
export interface AppError {
  code: AppErrorCode
  message: string
  /** Set when the code alone does not say what to show ({@link AppErrorReason}). */
  reason?: AppErrorReason
}

/** What every API method resolves to; nothing is thrown across IPC. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

/** A successful Result. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value })

/** A failed Result with a code and a sentence a person can act on. */
export const fail = <T = never>(code: AppErrorCode, message: string): Result<T> => ({
  ok: false,
  error: { code, message },
})

/** An expected failure thrown inside main and turned into a Result by the IPC wrapper. */
export class AppFailure extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly reason?: AppErrorReason,
  ) {
    super(message)
    this.name = 'AppFailure'
  }

  /** The error as it may cross to the renderer. */
  toAppError(): AppError {
    return {
      code: this.code,
      message: this.message,
      ...(this.reason !== undefined && { reason: this.reason }),
    }
  }
}

/**
 * Runs work that returns a Result and may throw an expected failure on the way (a validation
 * helper, the Management API client): an {@link AppFailure} becomes the failed Result; anything
 * else still throws (a bug, for the IPC wrapper to log).
 */
export async function attempt<T>(work: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof AppFailure) return { ok: false, error: error.toAppError() }
    throw error
  }
}

/** What the renderer is told about a bug; the details are only in main's log. */
export const INTERNAL_ERROR_MESSAGE =
  'Something went wrong inside Session Console. Details are in the log.'

/**
 * The one conversion of a caught error into an {@link AppError}: an {@link AppFailure} as it is,
 * anything else as INTERNAL with {@link INTERNAL_ERROR_MESSAGE} (after `onBug` sees it).
 */
export function toAppError(error: unknown, onBug?: (error: unknown) => void): AppError {
  if (error instanceof AppFailure) return error.toAppError()
  onBug?.(error)
  return { code: 'INTERNAL', message: INTERNAL_ERROR_MESSAGE }
}
