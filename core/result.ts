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

/** A failure as the renderer sees it: a code to branch on and a sentence for a person. */
export interface AppError {
  code: AppErrorCode
  message: string
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
  ) {
    super(message)
    this.name = 'AppFailure'
  }

  /** The error as it may cross to the renderer. */
  toAppError(): AppError {
    return { code: this.code, message: this.message }
  }
}
