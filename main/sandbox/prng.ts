/** A deterministic pseudo-random source: every call advances the sequence. */
export interface Prng {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number
  /** True with probability `p`. */
  chance(p: number): boolean
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T
  /** `length` characters from `alphabet`. */
  chars(length: number, alphabet?: string): string
}

/** Upper, lower case letters and digits, the alphabet of Auth0-looking opaque ids. */
export const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * mulberry32: a tiny 32-bit generator, good enough for fixtures and fault dice.
 *
 * Same seed, same sequence, on every platform (it only uses 32-bit integer math).
 */
export const createPrng = (seed: number): Prng => {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)]
      if (item === undefined) throw new Error('pick from an empty list')
      return item
    },
    chars(length, alphabet = BASE62) {
      let out = ''
      for (let i = 0; i < length; i++) out += alphabet[int(0, alphabet.length - 1)]
      return out
    },
  }
}

/**
 * Mixes any number of integers and strings into one 32-bit seed (FNV-1a over the parts).
 *
 * Used to give every generated user its own generator, so lazily generated data does not depend on
 * the order in which users are visited.
 */
export const hashSeed = (...parts: ReadonlyArray<number | string>): number => {
  let h = 0x811c9dc5
  for (const part of parts) {
    const text = `${String(part)}\u0000`
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i)
      h = Math.imul(h, 0x01000193)
    }
  }
  return h >>> 0
}
