// Durations of the configuration: tenant session lifetimes in minutes (the Management API's hour
// fields converted), refresh-token lifetimes in seconds (reference §5.1, §5.2). Conversion, the
// words a config editor reads ("3 days 4 hours"), and parsing what they type ("72h", "1d 12h").

const MINUTES_PER_HOUR = 60
const SECONDS_PER_MINUTE = 60
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR
/** A Julian year, 365.25 days: Auth0's refresh-token maximum of 31,557,600 seconds (§5.2). */
const SECONDS_PER_YEAR = 31_557_600

/** Hours (Management API tenant lifetimes) to whole minutes, rounded as a pull rounds them. */
export function hoursToMinutes(hours: number): number {
  return Math.round(hours * MINUTES_PER_HOUR)
}

/** Minutes to hours; fractional when the minutes are not whole hours. */
export function minutesToHours(minutes: number): number {
  return minutes / MINUTES_PER_HOUR
}

interface Unit {
  size: number
  one: string
  many: string
}

const DAY: Unit = { size: MINUTES_PER_DAY, one: 'day', many: 'days' }
const HOUR: Unit = { size: MINUTES_PER_HOUR, one: 'hour', many: 'hours' }
const MINUTE: Unit = { size: 1, one: 'minute', many: 'minutes' }

const count = (n: number, unit: Unit) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? unit.one : unit.many}`

/**
 * Whole `value` (in the smallest unit of `units`, largest unit first) in words, exactly: every
 * non-zero part (`3 days 4 hours`). Below two of the second-smallest unit a value that is not a
 * whole number of it stays in the smallest unit (`90 minutes`, not `1 hour 30 minutes`).
 */
function inWords(value: number, units: readonly Unit[]): string {
  const smallest = units[units.length - 1] as Unit
  const next = units[units.length - 2]
  if (!Number.isInteger(value) || value <= 0) return count(value, smallest)
  if (next !== undefined && value < 2 * next.size && value % next.size !== 0) {
    return count(value, smallest)
  }
  const parts: string[] = []
  let rest = value
  for (const unit of units) {
    const n = Math.floor(rest / unit.size)
    rest -= n * unit.size
    if (n > 0) parts.push(count(n, unit))
  }
  return parts.join(' ')
}

/** A tenant lifetime in words: `7 days`, `3 days 4 hours`, `90 minutes`, `1 hour`. */
export function formatMinutes(minutes: number): string {
  return inWords(minutes, [DAY, HOUR, MINUTE])
}

/**
 * A refresh-token duration in words: `30 days`, `1 year` (31,557,600 s, Auth0's maximum),
 * `2 hours 30 minutes`, `45 seconds`.
 */
export function formatSeconds(seconds: number): string {
  if (Number.isInteger(seconds) && seconds > 0 && seconds % SECONDS_PER_YEAR === 0) {
    const years = seconds / SECONDS_PER_YEAR
    return `${years.toLocaleString('en-US')} ${years === 1 ? 'year' : 'years'}`
  }
  const s = (unit: Unit): Unit => ({ ...unit, size: unit.size * SECONDS_PER_MINUTE })
  return inWords(seconds, [s(DAY), s(HOUR), s(MINUTE), { size: 1, one: 'second', many: 'seconds' }])
}

/** Unit words a config editor may type, and their length in seconds. */
const UNIT_SECONDS: Record<string, number> = {
  y: SECONDS_PER_YEAR,
  yr: SECONDS_PER_YEAR,
  year: SECONDS_PER_YEAR,
  years: SECONDS_PER_YEAR,
  w: 7 * MINUTES_PER_DAY * SECONDS_PER_MINUTE,
  week: 7 * MINUTES_PER_DAY * SECONDS_PER_MINUTE,
  weeks: 7 * MINUTES_PER_DAY * SECONDS_PER_MINUTE,
  d: MINUTES_PER_DAY * SECONDS_PER_MINUTE,
  day: MINUTES_PER_DAY * SECONDS_PER_MINUTE,
  days: MINUTES_PER_DAY * SECONDS_PER_MINUTE,
  h: MINUTES_PER_HOUR * SECONDS_PER_MINUTE,
  hr: MINUTES_PER_HOUR * SECONDS_PER_MINUTE,
  hrs: MINUTES_PER_HOUR * SECONDS_PER_MINUTE,
  hour: MINUTES_PER_HOUR * SECONDS_PER_MINUTE,
  hours: MINUTES_PER_HOUR * SECONDS_PER_MINUTE,
  m: SECONDS_PER_MINUTE,
  min: SECONDS_PER_MINUTE,
  mins: SECONDS_PER_MINUTE,
  minute: SECONDS_PER_MINUTE,
  minutes: SECONDS_PER_MINUTE,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
}

const PART = /(\d+(?:\.\d+)?)\s*([a-z]*)\s*,?\s*/gy

/**
 * What a config editor typed, in `unit`, or null when it is not a duration or not a whole number
 * of that unit.
 *
 * A bare number is in `unit` (`4320`); otherwise parts with units, in any order, each unit once:
 * `72h`, `3d`, `90m`, `1d 12h`, `3 days 4 hours`, `45s`, `1y` (365.25 days). Decimals are fine
 * when the total is whole (`1.5h` = 90 minutes; `45s` is not a whole number of minutes).
 */
export function parseDuration(text: string, unit: 'minutes' | 'seconds'): number | null {
  const input = text.trim().toLowerCase()
  if (input === '') return null
  const perUnit = unit === 'minutes' ? SECONDS_PER_MINUTE : 1
  if (/^\d+(\.\d+)?$/.test(input)) {
    const n = Number(input)
    return Number.isSafeInteger(n) ? n : null
  }
  PART.lastIndex = 0
  const used = new Set<number>()
  let seconds = 0
  let end = 0
  for (let m = PART.exec(input); m !== null; m = PART.exec(input)) {
    const size = UNIT_SECONDS[m[2] ?? '']
    if (size === undefined || used.has(size)) return null
    used.add(size)
    seconds += Number(m[1]) * size
    end = PART.lastIndex
  }
  if (end !== input.length) return null
  // Decimal parts are summed in floating point: round away the noise, then insist on whole units.
  const total = Math.round((seconds / perUnit) * 1e6) / 1e6
  return Number.isSafeInteger(total) ? total : null
}
