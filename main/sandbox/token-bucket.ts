/** Bucket size and refill rate, as in Auth0's rate-limit policy tables ("burst" and "sustained"). */
export interface RateLimitConfig {
  /** Bucket size: requests allowed back to back from a full bucket. */
  burst: number
  /** Tokens added per second, continuously. */
  perSecond: number
}

/** The verdict for one request plus the values of the three `X-RateLimit-*` headers. */
export interface RateLimitDecision {
  allowed: boolean
  /** `X-RateLimit-Limit`: the bucket size. */
  limit: number
  /** `X-RateLimit-Remaining`: whole tokens left after this request. */
  remaining: number
  /** `X-RateLimit-Reset`: UTC epoch seconds at which the bucket is full again (rounded up). */
  reset: number
}

/** A token bucket driven by an injectable clock. */
export interface TokenBucket {
  /** Takes one token if there is one. */
  take(): RateLimitDecision
  /** The current state without taking a token (`allowed` tells whether a take would succeed). */
  peek(): RateLimitDecision
  /** Refills the bucket completely. */
  reset(): void
}

/** Auth0 Enterprise, production tenant: burst 50, sustained 16 requests per second. */
export const DEFAULT_RATE_LIMIT: RateLimitConfig = { burst: 50, perSecond: 16 }

/**
 * Creates a token bucket that starts full.
 *
 * `X-RateLimit-Reset` is documented by Auth0 only as "UTC epoch seconds"; we report the moment the
 * bucket would be full again, which is also never earlier than the moment the next token arrives.
 */
export const createTokenBucket = (
  config: RateLimitConfig,
  now: () => number = Date.now,
): TokenBucket => {
  if (!(config.burst >= 1) || !(config.perSecond > 0)) {
    throw new RangeError('rate limit needs burst >= 1 and perSecond > 0')
  }
  let tokens = config.burst
  let updatedAt = now()

  const refill = (): number => {
    const t = now()
    if (t > updatedAt) {
      tokens = Math.min(config.burst, tokens + ((t - updatedAt) / 1000) * config.perSecond)
      updatedAt = t
    }
    return t
  }

  const decision = (allowed: boolean, t: number): RateLimitDecision => {
    const missing = config.burst - tokens
    const fullAt = t + (missing / config.perSecond) * 1000
    return {
      allowed,
      limit: config.burst,
      remaining: Math.max(0, Math.floor(tokens)),
      reset: Math.ceil(fullAt / 1000),
    }
  }

  return {
    take() {
      const t = refill()
      if (tokens >= 1) {
        tokens -= 1
        return decision(true, t)
      }
      return decision(false, t)
    },
    peek() {
      const t = refill()
      return decision(tokens >= 1, t)
    },
    reset() {
      tokens = config.burst
      updatedAt = now()
    },
  }
}
