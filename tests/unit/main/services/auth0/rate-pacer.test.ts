import { describe, expect, it } from 'vitest'
import {
  PLAN_RATE_LIMITS,
  createRatePacer,
  createTenantPacer,
  rateLimitForPlan,
  singlePacer,
  startingRateLimit,
  type RatePacerOptions,
} from '../../../../../main/services/auth0/rate-pacer'

/**
 * A fake clock: `sleep` advances time instead of waiting, and records every wait.
 *
 * The jump happens on the next event-loop turn (not synchronously), so every callback of a grant
 * made before the sleep has run and read the clock first.
 */
const fakeClock = (start = 1_700_000_000_000) => {
  let t = start
  const sleeps: number[] = []
  return {
    now: () => t,
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        sleeps.push(ms)
        setImmediate(() => {
          t += ms
          resolve()
        })
      }),
    advance: (ms: number) => {
      t += ms
    },
    sleeps,
    get elapsed() {
      return t - start
    },
  }
}

/** A pacer on a fake clock; no reserve unless asked, so the bucket arithmetic is plain. */
const pacerWith = (config: Pick<RatePacerOptions, 'burst' | 'perSecond' | 'reserve'>) => {
  const clock = fakeClock()
  const pacer = createRatePacer({ reserve: 0, ...config, now: clock.now, sleep: clock.sleep })
  /** Acquires `n` times in a row and answers the clock time (ms since start) of each grant. */
  const grantTimes = async (n: number): Promise<number[]> => {
    const times: number[] = []
    await Promise.all(
      Array.from({ length: n }, () => pacer.acquire().then(() => times.push(clock.elapsed))),
    )
    return times
  }
  return { clock, pacer, grantTimes }
}

describe('plan tier defaults', () => {
  it.each([
    ['free', 2, 2],
    ['essentials', 10, 2.5],
    ['enterprise-production', 50, 16],
    ['enterprise-non-production', 10, 2],
  ] as const)('%s: burst %d, %d per second', (plan, burst, perSecond) => {
    expect(PLAN_RATE_LIMITS[plan]).toEqual({ burst, perSecond })
    expect(rateLimitForPlan(plan)).toEqual({ burst, perSecond })
  })

  it('hands out copies', () => {
    const config = rateLimitForPlan('free')
    config.burst = 99
    expect(PLAN_RATE_LIMITS.free.burst).toBe(2)
  })
})

describe('createRatePacer', () => {
  it('rejects a config that could never let a request through', () => {
    expect(() => createRatePacer({ burst: 0, perSecond: 1 })).toThrow(RangeError)
    expect(() => createRatePacer({ burst: 1, perSecond: 0 })).toThrow(RangeError)
  })

  it('lets a full burst through at once, then paces at the sustained rate', async () => {
    const { grantTimes, clock } = pacerWith({ burst: 3, perSecond: 2 })
    const times = await grantTimes(7)
    expect(times).toEqual([0, 0, 0, 500, 1000, 1500, 2000])
    expect(clock.sleeps.every((ms) => ms > 0)).toBe(true)
  })

  it('by default keeps one token of the bucket in reserve for network jitter', async () => {
    const clock = fakeClock()
    const pacer = createRatePacer({ burst: 3, perSecond: 2, now: clock.now, sleep: clock.sleep })
    expect(pacer.snapshot()).toMatchObject({ burst: 3, reserve: 1, available: 2 })
    const times: number[] = []
    await Promise.all(
      Array.from({ length: 4 }, () => pacer.acquire().then(() => times.push(clock.elapsed))),
    )
    expect(times).toEqual([0, 0, 500, 1000])
  })

  it('never reserves the whole bucket', () => {
    const pacer = createRatePacer({ burst: 1, perSecond: 1, reserve: 5 })
    expect(pacer.snapshot()).toMatchObject({ reserve: 0, available: 1 })
  })

  it('serves waiting callers in arrival order', async () => {
    const { pacer } = pacerWith({ burst: 1, perSecond: 10 })
    const order: number[] = []
    await Promise.all([1, 2, 3, 4].map((i) => pacer.acquire().then(() => order.push(i))))
    expect(order).toEqual([1, 2, 3, 4])
  })

  it('refills while idle, never above the burst', async () => {
    const { pacer, clock, grantTimes } = pacerWith({ burst: 2, perSecond: 1 })
    await grantTimes(2)
    clock.advance(60_000)
    expect(pacer.snapshot().available).toBe(2)
    const start = clock.elapsed
    const times = await grantTimes(3)
    expect(times.map((x) => x - start)).toEqual([0, 0, 1000])
  })

  it('essentials: 150 per minute after a burst of 10', async () => {
    const { grantTimes } = pacerWith(PLAN_RATE_LIMITS.essentials)
    const times = await grantTimes(160)
    expect(times[9]).toBe(0)
    expect(times[10]).toBeCloseTo(400, 6)
    expect(times[159]).toBeCloseTo(60_000, 6)
  })

  it('counts how often and how long callers waited', async () => {
    const { pacer, grantTimes } = pacerWith({ burst: 1, perSecond: 4 })
    await grantTimes(3)
    expect(pacer.snapshot()).toMatchObject({
      acquired: 3,
      delayed: 2,
      waitedMs: 250 + 500,
      waiting: 0,
      blocks: 0,
    })
  })

  it('gives up a queued place when the signal aborts, without taking a token', async () => {
    const clock = fakeClock()
    let release: () => void = () => undefined
    // A sleep that only ends when the test says so, so the caller is still queued when it aborts.
    const pacer = createRatePacer({
      burst: 1,
      perSecond: 1,
      now: clock.now,
      sleep: (ms) =>
        new Promise<void>((resolve) => {
          release = () => {
            clock.advance(ms)
            resolve()
          }
        }),
    })
    await pacer.acquire()
    const controller = new AbortController()
    const queued = pacer.acquire(controller.signal)
    expect(pacer.snapshot().waiting).toBe(1)
    controller.abort(new Error('user closed the view'))
    await expect(queued).rejects.toThrow('user closed the view')
    expect(pacer.snapshot().waiting).toBe(0)
    release()
    await Promise.resolve()
    expect(pacer.snapshot()).toMatchObject({ acquired: 1, available: 1 })
  })

  it('rejects at once when the signal is already aborted', async () => {
    const { pacer } = pacerWith({ burst: 5, perSecond: 5 })
    const controller = new AbortController()
    controller.abort(new Error('gone'))
    await expect(pacer.acquire(controller.signal)).rejects.toThrow('gone')
    expect(pacer.snapshot().acquired).toBe(0)
  })

  it('fails every waiter instead of hanging when sleep rejects', async () => {
    const pacer = createRatePacer({
      burst: 1,
      perSecond: 1,
      sleep: () => Promise.reject(new Error('timer broke')),
    })
    await pacer.acquire()
    await expect(Promise.all([pacer.acquire(), pacer.acquire()])).rejects.toThrow('timer broke')
    expect(pacer.snapshot().waiting).toBe(0)
  })
})

describe('observe (X-RateLimit-* headers)', () => {
  it('lowers the model when the server has less left (another client drains the bucket)', async () => {
    const { pacer, grantTimes } = pacerWith({ burst: 10, perSecond: 2 })
    pacer.observe({ limit: 10, remaining: 0, reset: 0 })
    expect(pacer.snapshot().available).toBe(1)
    const times = await grantTimes(3)
    expect(times).toEqual([0, 500, 1000])
  })

  it('never raises the model from a higher remaining count', () => {
    const { pacer, grantTimes } = pacerWith({ burst: 10, perSecond: 1 })
    return grantTimes(8).then(() => {
      pacer.observe({ remaining: 9 })
      expect(pacer.snapshot().available).toBe(2)
    })
  })

  it('adopts the bucket size the server reports', async () => {
    const { pacer, grantTimes } = pacerWith({ burst: 50, perSecond: 16 })
    pacer.observe({ limit: 4 })
    expect(pacer.snapshot()).toMatchObject({ burst: 4, available: 4 })
    const times = await grantTimes(5)
    expect(times).toEqual([0, 0, 0, 0, 62.5])
  })

  it('ignores missing and nonsense values', () => {
    const { pacer } = pacerWith({ burst: 5, perSecond: 1 })
    pacer.observe({})
    pacer.observe({ limit: Number.NaN, remaining: -3 })
    pacer.observe({ limit: 0 })
    expect(pacer.snapshot()).toMatchObject({ burst: 5, available: 5 })
    expect(pacer.snapshot().lastObserved).toMatchObject({ limit: 0 })
  })

  it.each([
    ['no reserve, server reports 0 left', 0, 0],
    ['default reserve, server keeps the spare token', 1, 1],
  ])('keeps steady pacing at the sustained rate: %s', async (_name, reserve, remaining) => {
    // The server floors its count; clamping to `remaining` exactly would lose the fraction that
    // refilled while the response travelled and stretch every interval.
    const { pacer, clock } = pacerWith({ burst: 5, perSecond: 20, reserve })
    for (let i = 0; i < 5 - reserve; i++) await pacer.acquire()
    const grants: number[] = []
    for (let i = 0; i < 21; i++) {
      await pacer.acquire()
      grants.push(clock.elapsed)
      clock.advance(5) // network round trip
      pacer.observe({ limit: 5, remaining })
    }
    expect(grants[0]).toBe(50)
    expect(grants.at(-1)).toBe(1050)
  })

  it('with the default reserve: lowers the model to one below what the server has left', async () => {
    const { pacer, grantTimes } = pacerWith({ burst: 10, perSecond: 2, reserve: 1 })
    pacer.observe({ limit: 10, remaining: 2 })
    expect(pacer.snapshot().available).toBe(2)
    expect(await grantTimes(3)).toEqual([0, 0, 500])
  })
})

describe('blockUntil (after a 429)', () => {
  it('holds every caller until the reset, then paces from an empty bucket', async () => {
    const { pacer, clock, grantTimes } = pacerWith({ burst: 5, perSecond: 2 })
    pacer.blockUntil(clock.now() + 3000)
    expect(pacer.snapshot()).toMatchObject({
      available: 0,
      blockedUntil: clock.now() + 3000,
      blocks: 1,
    })
    const times = await grantTimes(3)
    expect(times).toEqual([3000, 3500, 4000])
    expect(pacer.snapshot().blockedUntil).toBeNull()
  })

  it('extends the wait of callers already queued', async () => {
    const { pacer, clock } = pacerWith({ burst: 1, perSecond: 1 })
    await pacer.acquire()
    const granted: number[] = []
    const queued = pacer.acquire().then(() => granted.push(clock.elapsed))
    pacer.blockUntil(clock.now() + 10_000)
    await queued
    expect(granted).toEqual([10_000])
  })

  it('never shortens an earlier block', async () => {
    const { pacer, clock, grantTimes } = pacerWith({ burst: 5, perSecond: 5 })
    pacer.blockUntil(clock.now() + 2000)
    pacer.blockUntil(clock.now() + 500)
    const [first] = await grantTimes(1)
    expect(first).toBe(2000)
  })

  it('with a reset already past: empties the bucket so the next call waits one interval', async () => {
    const { pacer, clock, grantTimes } = pacerWith({ burst: 5, perSecond: 4 })
    pacer.blockUntil(clock.now() - 1000)
    const times = await grantTimes(2)
    expect(times).toEqual([250, 500])
  })

  it('ignores a non-finite time', () => {
    const { pacer } = pacerWith({ burst: 2, perSecond: 1 })
    pacer.blockUntil(Number.NaN)
    expect(pacer.snapshot()).toMatchObject({ available: 2, blocks: 0, blockedUntil: null })
  })
})

describe('per-family pacing (createTenantPacer)', () => {
  const tenantPacer = (plan: Parameters<typeof createTenantPacer>[0]['plan']) => {
    const clock = fakeClock()
    const pacer = createTenantPacer({ plan, reserve: 0, now: clock.now, sleep: clock.sleep })
    return { clock, pacer }
  }

  it.each([
    ['enterprise-production', 'read-users', 2, 2],
    ['enterprise-production', 'other', 2, 2],
    ['free', 'read-connections', 2, 2],
    ['essentials', 'read-users', 2, 2],
    ['essentials', 'read-clients', 2, 100 / 60],
    ['essentials', 'read-connections', 2, 50 / 60],
    ['essentials', 'other', 2, 2],
  ] as const)('%s starts %s at burst %d, %d per second', (plan, family, burst, perSecond) => {
    expect(startingRateLimit(plan, family)).toEqual({ burst, perSecond })
    expect(tenantPacer(plan).pacer.snapshot(family)).toMatchObject({ burst, perSecond })
  })

  it('keeps one bucket per family: an empty Read Users bucket does not hold back the others', async () => {
    const { clock, pacer } = tenantPacer('free')
    await pacer.acquire('read-users')
    await pacer.acquire('read-users')
    const waiting = pacer.acquire('read-users')
    await pacer.acquire('read-clients')
    await pacer.acquire('other')
    expect(clock.elapsed).toBe(0)
    expect(pacer.snapshot('read-users')).toMatchObject({ acquired: 2, waiting: 1 })
    await waiting
    expect(clock.elapsed).toBe(500)
    expect(pacer.snapshot('read-clients').acquired).toBe(1)
  })

  it('learns burst and the documented refill of a family from X-RateLimit-Limit', () => {
    const { clock, pacer } = tenantPacer('enterprise-production')
    const reset = Math.ceil(clock.now() / 1000) + 1
    pacer.observe('read-users', { limit: 40, remaining: 39, reset })
    expect(pacer.snapshot('read-users')).toMatchObject({ burst: 40, perSecond: 500 / 60 })
    pacer.observe('other', { limit: 50, remaining: 49, reset })
    expect(pacer.snapshot('other')).toMatchObject({ burst: 50, perSecond: 16 })
    pacer.observe('read-connections', { limit: 5, remaining: 4, reset })
    expect(pacer.snapshot('read-connections')).toMatchObject({ burst: 5, perSecond: 50 / 60 })
    // Another family is left alone.
    expect(pacer.snapshot('read-clients')).toMatchObject({ burst: 2, perSecond: 2 })
  })

  it('measures the refill of an undocumented bucket from X-RateLimit-Reset, up and down', () => {
    const { clock, pacer } = tenantPacer('free')
    const nowS = clock.now() / 1000
    // 30 tokens short, full again within 3 s: at least 29 / 3.25 s, at most 30 / 2 s.
    pacer.observe('other', { limit: 30, remaining: 0, reset: nowS + 3 })
    const raised = pacer.snapshot('other').perSecond
    expect(raised).toBeCloseTo(29 / 3.25, 5)
    // 10 tokens short, full again in 10 s: at most 10 / 9 s.
    pacer.observe('other', { limit: 30, remaining: 20, reset: nowS + 10 })
    expect(pacer.snapshot('other').perSecond).toBeCloseTo(10 / 9, 5)
  })

  it('never raises a documented bucket above its documented refill from a reset', () => {
    const { clock, pacer } = tenantPacer('free')
    pacer.observe('other', { limit: 10, remaining: 0, reset: clock.now() / 1000 + 1 })
    expect(pacer.snapshot('other').perSecond).toBe(2)
  })

  it('an unknown bucket size refills at least its size per minute', () => {
    const { clock, pacer } = tenantPacer('free')
    pacer.observe('other', { limit: 6000, remaining: 5999, reset: clock.now() / 1000 })
    expect(pacer.snapshot('other')).toMatchObject({ burst: 6000, perSecond: 100 })
  })

  it('probes an undocumented bucket upwards while it stays full and callers wait, then backs off', () => {
    const { clock, pacer } = tenantPacer('free')
    const waiting = Array.from({ length: 6 }, () => pacer.acquire('other'))
    const start = pacer.snapshot('other').perSecond
    const full = { limit: 5, remaining: 4, reset: clock.now() / 1000 + 1 }
    for (let i = 0; i < 5; i++) pacer.observe('other', full)
    const probed = pacer.snapshot('other').perSecond
    expect(probed).toBeGreaterThan(start * 2)
    // Nearly empty: it sends faster than the bucket refills.
    pacer.observe('other', { limit: 5, remaining: 1, reset: clock.now() / 1000 + 1 })
    const backedOff = pacer.snapshot('other').perSecond
    expect(backedOff).toBeLessThan(probed)
    // The probe never goes past where it went too far.
    for (let i = 0; i < 30; i++) pacer.observe('other', full)
    expect(pacer.snapshot('other').perSecond).toBeLessThanOrEqual(probed)
    void Promise.allSettled(waiting)
  })

  it('never probes a bucket whose refill Auth0 documents', () => {
    const { clock, pacer } = tenantPacer('free')
    const waiting = Array.from({ length: 6 }, () => pacer.acquire('other'))
    for (let i = 0; i < 10; i++) {
      pacer.observe('other', { limit: 10, remaining: 9, reset: clock.now() / 1000 + 1 })
    }
    expect(pacer.snapshot('other').perSecond).toBe(2)
    void Promise.allSettled(waiting)
  })

  it('singlePacer shares one bucket between every family', async () => {
    const clock = fakeClock()
    const one = createRatePacer({ burst: 1, perSecond: 1, reserve: 0, ...clock })
    const pacer = singlePacer(one)
    await pacer.acquire('read-users')
    await pacer.acquire('other')
    expect(clock.elapsed).toBe(1000)
  })
})
