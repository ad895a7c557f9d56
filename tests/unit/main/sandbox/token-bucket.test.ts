import { describe, expect, it } from 'vitest'
import { createTokenBucket } from '../../../../main/sandbox/token-bucket'

describe('token bucket', () => {
  const start = Date.parse('2030-01-01T00:00:00Z')

  it('starts full, empties after burst requests and reports the headers', () => {
    const clock = start
    const bucket = createTokenBucket({ burst: 3, perSecond: 1 }, () => clock)
    expect(bucket.take()).toEqual({
      allowed: true,
      limit: 3,
      remaining: 2,
      reset: start / 1000 + 1,
    })
    expect(bucket.take().remaining).toBe(1)
    expect(bucket.take()).toMatchObject({ allowed: true, remaining: 0, reset: start / 1000 + 3 })
    expect(bucket.take()).toMatchObject({ allowed: false, remaining: 0, reset: start / 1000 + 3 })
  })

  it('refills continuously at the sustained rate, never above the burst', () => {
    let clock = start
    const bucket = createTokenBucket({ burst: 2, perSecond: 4 }, () => clock)
    bucket.take()
    bucket.take()
    expect(bucket.take().allowed).toBe(false)
    clock += 250
    expect(bucket.take().allowed).toBe(true)
    expect(bucket.take().allowed).toBe(false)
    clock += 60_000
    expect(bucket.peek()).toMatchObject({
      allowed: true,
      remaining: 2,
      reset: Math.ceil(clock / 1000),
    })
  })

  it('rounds the reset up to whole epoch seconds', () => {
    const clock = start + 100
    const bucket = createTokenBucket({ burst: 10, perSecond: 16 }, () => clock)
    for (let i = 0; i < 10; i++) bucket.take()
    // 10 tokens at 16/s take 625 ms: full at start + 725 ms → the next whole second.
    expect(bucket.peek().reset).toBe(start / 1000 + 1)
  })

  it('peek does not consume and reset refills', () => {
    const bucket = createTokenBucket({ burst: 1, perSecond: 0.1 }, () => start)
    expect(bucket.peek().allowed).toBe(true)
    expect(bucket.take().allowed).toBe(true)
    expect(bucket.peek().allowed).toBe(false)
    bucket.reset()
    expect(bucket.take().allowed).toBe(true)
  })

  it.each([
    [{ burst: 0, perSecond: 1 }],
    [{ burst: 5, perSecond: 0 }],
    [{ burst: Number.NaN, perSecond: 1 }],
  ])('rejects %j', (config) => {
    expect(() => createTokenBucket(config)).toThrow(RangeError)
  })
})
