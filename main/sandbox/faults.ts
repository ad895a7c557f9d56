import { z } from 'zod'
import { createPrng, type Prng } from './prng'

/**
 * Failures the sandbox can inject, for tests of retry, timeout and error handling.
 *
 * Rates are probabilities in [0, 1], rolled per request with a seeded generator, so one
 * configuration always produces the same sequence of outcomes.
 */
export interface Faults {
  /** Delay before every affected request is handled, in ms. */
  latencyMs?: number
  /** Answer 503 Service Unavailable. */
  errorRate?: number
  /** Never answer (the socket stays open until the client gives up or the sandbox closes). */
  timeoutRate?: number
  /** Answer 200 with a truncated, invalid JSON body (the operation is not performed). */
  malformedRate?: number
  /** Destroy the socket without answering. */
  resetRate?: number
  /** Answer every affected request with 429 Too Many Requests. */
  rateLimitStorm?: boolean
  /** Requests matching any of these patterns always get 503 (see {@link matchesPathPattern}). */
  failPaths?: string[]
  /** Restricts every other fault to requests matching these patterns (default: all requests). */
  paths?: string[]
  /**
   * Deleted or revoked sessions and refresh tokens stay visible to reads for this long, in ms
   * (Auth0 is eventually consistent, reference §7). Not a per-request fault: `paths` does not
   * restrict it. When absent, the sandbox's `consistencyDelayMs` option applies.
   */
  consistencyDelayMs?: number
}

/** zod schema of {@link Faults}, used by `POST /__sandbox/faults`. */
export const faultsSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  timeoutRate: z.number().min(0).max(1).optional(),
  malformedRate: z.number().min(0).max(1).optional(),
  resetRate: z.number().min(0).max(1).optional(),
  rateLimitStorm: z.boolean().optional(),
  failPaths: z.array(z.string().min(1)).optional(),
  paths: z.array(z.string().min(1)).optional(),
  consistencyDelayMs: z.number().int().min(0).max(600_000).optional(),
}) satisfies z.ZodType<Faults>

/** What to do with one request. */
export type FaultAction = 'none' | 'reset' | 'timeout' | 'error' | 'malformed' | 'rate-limit'

/** The outcome of rolling the dice for one request. */
export interface FaultDecision {
  latencyMs: number
  action: FaultAction
}

/** Injects {@link Faults}; a fresh configuration restarts the dice sequence. */
export interface FaultInjector {
  set(faults: Faults): void
  get(): Faults
  decide(method: string, path: string): FaultDecision
}

/**
 * Whether `METHOD /path` matches a pattern: `"/api/v2/sessions/*"` or
 * `"DELETE /api/v2/sessions/*"`; `*` matches any run of characters, `/` included.
 */
export const matchesPathPattern = (pattern: string, method: string, path: string): boolean => {
  const space = pattern.indexOf(' ')
  const hasMethod = space > 0 && /^[A-Za-z]+$/.test(pattern.slice(0, space))
  if (hasMethod && pattern.slice(0, space).toUpperCase() !== method.toUpperCase()) return false
  const glob = hasMethod ? pattern.slice(space + 1).trim() : pattern.trim()
  const re = new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)
  return re.test(path)
}

/** The seed of the fault dice. */
export const FAULT_SEED = 0x5eed

/** Creates an injector with no faults. */
export const createFaultInjector = (seed: number = FAULT_SEED): FaultInjector => {
  let faults: Faults = {}
  let prng: Prng = createPrng(seed)
  return {
    set(next) {
      faults = { ...next }
      prng = createPrng(seed)
    },
    get: () => ({ ...faults }),
    decide(method, path) {
      if (faults.failPaths?.some((p) => matchesPathPattern(p, method, path)) === true) {
        return { latencyMs: faults.latencyMs ?? 0, action: 'error' }
      }
      if (
        faults.paths !== undefined &&
        !faults.paths.some((p) => matchesPathPattern(p, method, path))
      ) {
        return { latencyMs: 0, action: 'none' }
      }
      // Always roll all four dice so each rate's sequence does not depend on the others.
      const [reset, timeout, error, malformed] = [
        prng.next(),
        prng.next(),
        prng.next(),
        prng.next(),
      ]
      const latencyMs = faults.latencyMs ?? 0
      if (faults.rateLimitStorm === true) return { latencyMs, action: 'rate-limit' }
      if (reset < (faults.resetRate ?? 0)) return { latencyMs, action: 'reset' }
      if (timeout < (faults.timeoutRate ?? 0)) return { latencyMs, action: 'timeout' }
      if (error < (faults.errorRate ?? 0)) return { latencyMs, action: 'error' }
      if (malformed < (faults.malformedRate ?? 0)) return { latencyMs, action: 'malformed' }
      return { latencyMs, action: 'none' }
    },
  }
}
