import type { AppError } from '../../preload/contract'
import { toAppError } from '../../core/result'

/**
 * A caught error as an {@link AppError}, for work that goes on after it (the rule in
 * `core/result.ts`): an AppFailure as it is; a bug logged in main with `context` and answered
 * as INTERNAL in general words.
 */
export const appErrorOf = (error: unknown, context: string): AppError =>
  toAppError(error, (bug) => console.error(`${context} failed unexpectedly`, bug))
