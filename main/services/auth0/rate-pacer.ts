import type { PlanTier } from '../../../preload/contract'
import {
  AUTH0_PLAN_LIMITS,
  ENDPOINT_FAMILIES,
  ENTERPRISE_NON_PRODUCTION_LIMITS,
  type EndpointFamily,
  type PlanLimits,
} from '../../../core/auth0/rate-limits'

export type { EndpointFamily } from '../../../core/auth0/rate-limits'

/** Auth0 plan tier (the contract's type, re-exported): picks the default pacing. */
export type { PlanTier } from '../../../preload/contract'

/**
 * Client-side model of one tenant's Management API rate limit, so the console waits for capacity
 * instead of provoking 429s.
 *
 * Auth0 limits the Management API with a token bucket per tenant: `burst` is the bucket size,
 * `perSecond` the refill rate (reference §6). The pacer keeps its own copy of that bucket, takes one
 * token per request and queues callers FIFO while it is empty. Every response's `X-RateLimit-*`
 * headers pull the model back towards the server's bucket, which other clients of the tenant drain
 * too; a 429 empties it until the server's reset time.
 *
 * The model holds one token less than the server's bucket (`reserve`). We take a token when a
 * request leaves and the server when it arrives; when a burst travels slower than the requests that
 * follow it (new connections, a slow token request), the model would otherwise run ahead of the
 * server and the next request would meet an empty bucket. One spare token absorbs up to one refill
 * interval of such jitter; it costs one request of burst and nothing of the sustained rate.
 *
 * A tenant has one pacer per endpoint family ({@link createTenantPacer}): on Essentials and
 * Professional Auth0 counts Read Users, Read Clients, Read Connections and everything else in
 * separate buckets, and tells each one's size in `X-RateLimit-Limit`. Every pacer starts at the
 * slowest documented numbers (Free: burst 2, 2 per second; lower where the tenant's chosen plan is
 * slower for that family) and learns both numbers from the headers ({@link RatePacer.observe}).
 */

/** Bucket size and refill rate, as in Auth0's rate-limit tables ("burst" and "sustained"). */
export interface RateLimitConfig {
  /** Requests allowed back to back from a full bucket. */
  burst: number
  /** Tokens added per second, continuously. */
  perSecond: number
}

/** Auth0's documented limits of a console plan tier (core/auth0/rate-limits.ts). */
export const planLimits = (plan: PlanTier): PlanLimits =>
  plan === 'enterprise-non-production'
    ? ENTERPRISE_NON_PRODUCTION_LIMITS
    : AUTH0_PLAN_LIMITS[plan === 'enterprise-production' ? 'enterprise' : plan]

/**
 * Management API limits per plan for the "everything else" family (reference §6, §12):
 * Essentials/Professional is "all other endpoints combined": burst 10, 150 per minute.
 */
export const PLAN_RATE_LIMITS: Readonly<Record<PlanTier, Readonly<RateLimitConfig>>> = {
  free: planLimits('free').families.other,
  essentials: planLimits('essentials').families.other,
  'enterprise-production': planLimits('enterprise-production').families.other,
  'enterprise-non-production': planLimits('enterprise-non-production').families.other,
}

/** The documented "everything else" limits of a plan tier (a copy, safe to change). */
export const rateLimitForPlan = (plan: PlanTier): RateLimitConfig => ({ ...PLAN_RATE_LIMITS[plan] })

/** The slowest plan; every tenant's pacing starts from its numbers. */
export const SLOWEST_PLAN: PlanTier = 'free'

/**
 * Where a tenant's pacing of one family starts: the slowest plan's numbers, or the chosen plan's
 * where those are slower still (Essentials' Read Connections refills at 50 per minute, below
 * Free's 2 per second). Never faster than the slowest plan, whatever plan was chosen: the plan
 * picked in the tenant form may be wrong, the tenant's headers are not.
 */
export const startingRateLimit = (plan: PlanTier, family: EndpointFamily): RateLimitConfig => {
  const slowest = planLimits(SLOWEST_PLAN).families[family]
  const chosen = planLimits(plan).families[family]
  return {
    burst: Math.min(slowest.burst, chosen.burst),
    perSecond: Math.min(slowest.perSecond, chosen.perSecond),
  }
}

const DOCUMENTED_TIERS: readonly PlanTier[] = [
  'free',
  'essentials',
  'enterprise-production',
  'enterprise-non-production',
]

/**
 * The refill rate Auth0 documents for a bucket of `limit` requests in `family` (the slowest when
 * several plans share the size), or undefined when no plan has such a bucket.
 */
export const documentedRefill = (family: EndpointFamily, limit: number): number | undefined => {
  const rates = DOCUMENTED_TIERS.map((t) => planLimits(t).families[family])
    .filter((l) => l.burst === limit)
    .map((l) => l.perSecond)
  return rates.length === 0 ? undefined : Math.min(...rates)
}

/**
 * Margin added to the time until `X-RateLimit-Reset` when measuring a refill rate: the answer
 * travelled for a while after the server counted, which makes the bucket look fuller.
 */
export const RESET_LATENCY_MARGIN_MS = 250

/**
 * The furthest `X-RateLimit-Reset` the pacer learns from: every documented bucket refills at
 * least its size per minute, so it is full again within 60 s (plus the reset's rounding).
 */
export const MAX_PLAUSIBLE_RESET_MS = 61_000

/** The `X-RateLimit-*` values of one response, already parsed to numbers. */
export interface RateLimitHeaders {
  /** `X-RateLimit-Limit`: the bucket size. */
  limit?: number
  /** `X-RateLimit-Remaining`: whole requests left in the bucket after this one. */
  remaining?: number
  /** `X-RateLimit-Reset`: UTC epoch seconds of the reset. */
  reset?: number
}

/** What the pacer currently believes, for the status bar and for tests. */
export interface RatePacerSnapshot {
  burst: number
  perSecond: number
  /** Tokens of the bucket the pacer leaves to the server as a margin. */
  reserve: number
  /** Whole requests that could start right now. */
  available: number
  /** Callers waiting in `acquire`. */
  waiting: number
  /** Epoch ms until which nothing is sent after a 429, or null. */
  blockedUntil: number | null
  /** Requests let through so far. */
  acquired: number
  /** Requests that had to wait, and for how long in total (ms). */
  delayed: number
  waitedMs: number
  /** Times `blockUntil` was called (one per 429 seen). */
  blocks: number
  /** The last `X-RateLimit-*` values observed and when (epoch ms), or null. */
  lastObserved: (RateLimitHeaders & { at: number }) | null
}

/** One tenant's pacer. */
export interface RatePacer {
  /**
   * Resolves when a request may be sent, taking one token from the model.
   *
   * Callers are served in arrival order. Rejects with the signal's reason when `signal` aborts
   * before the caller's turn (its place in the queue is given up, no token is taken).
   */
  acquire(signal?: AbortSignal): Promise<void>
  /**
   * Corrects the model from a response's `X-RateLimit-*` headers.
   *
   * `limit` replaces the bucket size; `remaining` can only lower the model (the server's count
   * lags behind requests already let through, so a higher number is not news).
   *
   * The refill rate is learned too. A bucket size Auth0 documents (`knownRefill`) sets the rate
   * Auth0 documents for it; an unknown size keeps the rate but never below `limit` per minute
   * (every documented bucket refills at least its size each minute). Then `remaining` and
   * `X-RateLimit-Reset` (epoch seconds, rounded up, at which the bucket is full again: the
   * Sandbox's reading) bound the rate: `limit - remaining` tokens come back by the reset, so the
   * rate is at least `(limit - remaining - 1) / (reset - now)` and at most
   * `(limit - remaining) / (reset - 1 s - now)`. A rate above the upper bound is lowered to it; a
   * rate below the lower bound is raised to it, for unknown sizes only (a documented size is
   * trusted over a clock that may be off) and never above `limit` per second. A reset more than
   * 61 s away is ignored (the clocks disagree), and the rate never drops below `limit` per minute.
   */
  observe(headers: RateLimitHeaders): void
  /** After a 429: nobody is let through before `epochMs`; the bucket refills from then on. */
  blockUntil(epochMs: number): void
  snapshot(): RatePacerSnapshot
}

/** Options of {@link createRatePacer}. */
export interface RatePacerOptions extends RateLimitConfig {
  /** The documented refill rate of a bucket of this size, if any (see `observe`). */
  knownRefill?: (limit: number) => number | undefined
  /** Tokens kept in reserve (see above); default 1, never the whole bucket. */
  reserve?: number
  /** Clock in epoch ms; default `Date.now`. */
  now?: () => number
  /** Waits `ms`; default a timer. Tests pass one that advances a fake clock. */
  sleep?: (ms: number) => Promise<void>
}

interface Waiter {
  resolve(): void
  reject(reason: unknown): void
  enqueuedAt: number
  detach(): void
}

const timerSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms)
  })

/** How much faster the pacer tries, per answer, while a bucket of unknown refill stays full. */
const PROBE_STEP = 1.25
/** The fastest a probe goes (Auth0's fastest documented rate is 16/s; private clouds go higher). */
const MAX_PROBE_PER_SECOND = 100
/** How much slower the pacer goes when an unknown bucket runs nearly empty, or answers 429. */
const BACK_OFF = 0.7
/** A backed-off probe ceiling never falls below this (requests per second). */
const MIN_PROBE_CEILING = 1

const isCount = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n)

/**
 * Creates a pacer whose bucket starts full (less the reserve).
 *
 * One internal loop serves the queue: it sleeps exactly until the next token is due (or the block
 * ends), so waiting callers cost no timers of their own and a late `blockUntil` or `observe` is
 * honoured by the next turn of the loop.
 */
export const createRatePacer = (options: RatePacerOptions): RatePacer => {
  if (!(options.burst >= 1) || !(options.perSecond > 0)) {
    throw new RangeError('a rate pacer needs burst >= 1 and perSecond > 0')
  }
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? timerSleep
  let burst = options.burst
  let perSecond = options.perSecond
  /** Whether Auth0 documents the refill of a bucket of the size last seen (no probing then). */
  let documented = false
  /** Only a tenant's own pacer (one that knows Auth0's documented rates) learns by probing. */
  const learns = options.knownRefill !== undefined
  /** The highest rate a probe may try; lowered where a probe went too far. */
  let probeCeiling = MAX_PROBE_PER_SECOND
  const wantedReserve = Math.max(0, options.reserve ?? 1)
  const reserve = (): number => Math.min(wantedReserve, burst - 1)
  /** The most tokens the model holds. */
  const capacity = (): number => burst - reserve()
  let tokens = capacity()
  /** Time the tokens were counted at; in the future while blocked (no refill before then). */
  let countedAt = now()
  let blockedUntil = 0
  const queue: Waiter[] = []
  let pumping = false
  let acquired = 0
  let delayed = 0
  let waitedMs = 0
  let blocks = 0
  let lastObserved: RatePacerSnapshot['lastObserved'] = null

  const refill = (t: number): void => {
    if (t > countedAt) {
      tokens = Math.min(capacity(), tokens + ((t - countedAt) / 1000) * perSecond)
      countedAt = t
    }
  }

  /** Milliseconds until one whole token is available. */
  const waitAt = (t: number): number => {
    refill(t)
    const start = Math.max(t, countedAt)
    const missing = Math.max(0, 1 - tokens)
    return Math.max(0, start + (missing / perSecond) * 1000 - t)
  }

  const pump = async (): Promise<void> => {
    if (pumping) return
    pumping = true
    try {
      while (queue.length > 0) {
        const t = now()
        const wait = waitAt(t)
        if (wait > 0) {
          await sleep(wait)
          continue
        }
        const waiter = queue.shift() as Waiter
        tokens -= 1
        acquired += 1
        delayed += 1
        waitedMs += t - waiter.enqueuedAt
        waiter.detach()
        waiter.resolve()
      }
    } finally {
      pumping = false
    }
  }

  return {
    acquire(signal) {
      if (signal?.aborted === true) return Promise.reject(signal.reason as Error)
      const t = now()
      if (queue.length === 0 && waitAt(t) === 0) {
        tokens -= 1
        acquired += 1
        return Promise.resolve()
      }
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const i = queue.indexOf(waiter)
          if (i >= 0) queue.splice(i, 1)
          reject(signal?.reason as Error)
        }
        const waiter: Waiter = {
          resolve,
          reject,
          enqueuedAt: t,
          detach: () => signal?.removeEventListener('abort', onAbort),
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        queue.push(waiter)
        pump().catch((err: unknown) => {
          // sleep() rejected: fail everyone waiting rather than hang them.
          for (const w of queue.splice(0)) {
            w.detach()
            w.reject(err)
          }
        })
      })
    },
    observe(headers) {
      const t = now()
      lastObserved = { ...headers, at: t }
      refill(t)
      const { limit, remaining, reset } = headers
      const known = isCount(limit) ? options.knownRefill?.(limit) : undefined
      if (isCount(limit)) documented = known !== undefined
      if (isCount(limit) && limit >= 1 && limit !== burst) {
        burst = limit
        tokens = Math.min(tokens, capacity())
        perSecond = known ?? Math.max(perSecond, limit / 60)
      }
      let measured = false
      if (isCount(limit) && isCount(remaining) && isCount(reset) && limit >= 1) {
        const missing = limit - Math.max(0, remaining)
        const untilFull = reset * 1000 - t
        // Every documented bucket is full again within a minute; a reset further out means the
        // tenant's clock and ours disagree, and the numbers say nothing about the rate.
        if (missing >= 1 && untilFull > 0 && untilFull <= MAX_PLAUSIBLE_RESET_MS) {
          const upper = untilFull > 1000 ? missing / ((untilFull - 1000) / 1000) : Infinity
          const lower = (missing - 1) / ((untilFull + RESET_LATENCY_MARGIN_MS) / 1000)
          if (perSecond > upper) {
            perSecond = Math.max(upper, limit / 60)
            measured = true
          } else if (known === undefined && perSecond < lower) {
            perSecond = Math.min(lower, limit)
            measured = true
          }
        }
        // A bucket of a size Auth0 does not document, still (nearly) full while requests wait on
        // the pacer: it refills at least as fast as we send. Probe upwards; once we send faster
        // than it refills, `remaining` falls and the bound above settles the rate (a 429 blocks).
        if (learns && known === undefined && queue.length > 0 && remaining >= limit - 1) {
          perSecond = Math.min(perSecond * PROBE_STEP, probeCeiling)
        } else if (learns && !measured && known === undefined && remaining <= 1 && limit > 2) {
          // Nearly empty: we send faster than it refills. Back off, and probe no higher again.
          probeCeiling = Math.max(perSecond, MIN_PROBE_CEILING)
          perSecond = Math.max(perSecond * BACK_OFF, limit / 60)
        }
      }
      if (isCount(headers.remaining) && headers.remaining >= 0) {
        // `remaining` is floored by the server and was counted before this response travelled
        // back, so the server's bucket holds less than `remaining + 1`, and the model should hold
        // `reserve` less than that. Clamping any lower would throw away the fraction refilled
        // since and slow steady pacing below the sustained rate.
        tokens = Math.min(tokens, headers.remaining + 1 - reserve())
      }
    },
    blockUntil(epochMs) {
      if (!Number.isFinite(epochMs)) return
      blocks += 1
      if (learns && !documented) {
        // A 429 on a bucket of unknown refill: the last probe went too far.
        probeCeiling = Math.max(perSecond * BACK_OFF, MIN_PROBE_CEILING)
        perSecond = Math.max(perSecond * BACK_OFF * BACK_OFF, burst / 60)
      }
      const t = now()
      refill(t)
      if (epochMs > blockedUntil) blockedUntil = epochMs
      // The server's bucket is empty now; assume it holds one token at the reset time and refills
      // from there (Auth0 does not say whether the reset means "next token" or "bucket full").
      // An answer to a request sent before an earlier, longer block changes nothing.
      if (epochMs > countedAt) {
        countedAt = epochMs
        tokens = 1
      } else if (countedAt <= t) {
        tokens = Math.min(tokens, 0)
      }
    },
    snapshot() {
      const t = now()
      refill(t)
      return {
        burst,
        perSecond,
        reserve: reserve(),
        available: t < countedAt ? 0 : Math.max(0, Math.floor(tokens)),
        waiting: queue.length,
        blockedUntil: blockedUntil > t ? blockedUntil : null,
        acquired,
        delayed,
        waitedMs,
        blocks,
        lastObserved,
      }
    },
  }
}

/** One tenant's pacers, one per endpoint family; the family is named on every call. */
export interface TenantPacer {
  acquire(family: EndpointFamily, signal?: AbortSignal): Promise<void>
  observe(family: EndpointFamily, headers: RateLimitHeaders): void
  blockUntil(family: EndpointFamily, epochMs: number): void
  snapshot(family: EndpointFamily): RatePacerSnapshot
}

/** Options of {@link createTenantPacer}. */
export interface TenantPacerOptions {
  /** The plan picked for the tenant: may lower the starting point ({@link startingRateLimit}). */
  plan: PlanTier
  reserve?: number
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

/** One pacer per endpoint family, each starting at {@link startingRateLimit}. */
export const createTenantPacer = (options: TenantPacerOptions): TenantPacer => {
  const { plan, ...rest } = options
  const pacers = Object.fromEntries(
    ENDPOINT_FAMILIES.map((family) => [
      family,
      createRatePacer({
        ...startingRateLimit(plan, family),
        knownRefill: (limit) => documentedRefill(family, limit),
        ...rest,
      }),
    ]),
  ) as Record<EndpointFamily, RatePacer>
  return sharedBy((family) => pacers[family])
}

/** One pacer for every family (a test's or a bench's unlimited pacer). */
export const singlePacer = (pacer: RatePacer): TenantPacer => sharedBy(() => pacer)

const sharedBy = (of: (family: EndpointFamily) => RatePacer): TenantPacer => ({
  acquire: (family, signal) => of(family).acquire(signal),
  observe: (family, headers) => of(family).observe(headers),
  blockUntil: (family, epochMs) => of(family).blockUntil(epochMs),
  snapshot: (family) => of(family).snapshot(),
})

/** Parses `X-RateLimit-*` from response headers; undefined when none is present. */
export const parseRateLimitHeaders = (headers: {
  get(name: string): string | null
}): RateLimitHeaders | undefined => {
  const read = (name: string): number | undefined => {
    const raw = headers.get(name)
    if (raw === null || raw.trim() === '') return undefined
    const n = Number(raw)
    return Number.isFinite(n) ? n : undefined
  }
  const limit = read('x-ratelimit-limit')
  const remaining = read('x-ratelimit-remaining')
  const reset = read('x-ratelimit-reset')
  if (limit === undefined && remaining === undefined && reset === undefined) return undefined
  return {
    ...(limit !== undefined && { limit }),
    ...(remaining !== undefined && { remaining }),
    ...(reset !== undefined && { reset }),
  }
}
