import { describe, expect, it } from 'vitest'
import {
  formatMinutes,
  formatSeconds,
  hoursToMinutes,
  minutesToHours,
  parseDuration,
} from '../../../../core/config/units'

describe('hours and minutes (tenant lifetimes: the API speaks hours, the console minutes)', () => {
  it.each([
    [168, 10_080],
    [72, 4_320],
    [1.5, 90],
    [0.25, 15],
    [1 / 3, 20], // 0.3333… h, rounded to whole minutes as a pull (and the Deploy CLI) rounds it
    [8_760, 525_600],
  ])('%s h = %s min', (hours, minutes) => {
    expect(hoursToMinutes(hours)).toBe(minutes)
  })

  it('converts minutes back to hours, fractional when they are not whole hours', () => {
    expect(minutesToHours(10_080)).toBe(168)
    expect(minutesToHours(90)).toBe(1.5)
    expect(hoursToMinutes(minutesToHours(4_321))).toBe(4_321)
  })
})

describe('formatMinutes: a lifetime in words', () => {
  it.each([
    [10_080, '7 days'],
    [4_560, '3 days 4 hours'],
    [1_441, '1 day 1 minute'],
    [60, '1 hour'],
    [90, '90 minutes'],
    [150, '2 hours 30 minutes'],
    [1, '1 minute'],
    [525_600, '365 days'],
    [144_000, '100 days'],
  ])('%s minutes → %s', (minutes, words) => {
    expect(formatMinutes(minutes)).toBe(words)
  })

  it('shows odd values as they are rather than inventing a rounding', () => {
    expect(formatMinutes(0)).toBe('0 minutes')
    expect(formatMinutes(-5)).toBe('-5 minutes')
    expect(formatMinutes(2.5)).toBe('2.5 minutes')
  })
})

describe('formatSeconds: a refresh-token duration in words', () => {
  it.each([
    [31_557_600, '1 year'],
    [63_115_200, '2 years'],
    [2_592_000, '30 days'],
    [1_296_000, '15 days'],
    [9_000, '2 hours 30 minutes'],
    [45, '45 seconds'],
    [90, '90 seconds'],
    [3_600, '1 hour'],
  ])('%s s → %s', (seconds, words) => {
    expect(formatSeconds(seconds)).toBe(words)
  })
})

describe('parseDuration: what a config editor types', () => {
  // [typed, unit, value or null]
  const cases: [string, 'minutes' | 'seconds', number | null][] = [
    ['4320', 'minutes', 4_320],
    ['72h', 'minutes', 4_320],
    ['3d', 'minutes', 4_320],
    ['3 days', 'minutes', 4_320],
    ['1d 12h', 'minutes', 2_160],
    ['1d, 12h', 'minutes', 2_160],
    ['1d 24h', 'minutes', 2_880],
    ['12h 1d', 'minutes', 2_160],
    ['3 days 4 hours', 'minutes', 4_560],
    ['90m', 'minutes', 90],
    ['1.5h', 'minutes', 90],
    ['1 week', 'minutes', 10_080],
    ['1y', 'minutes', 525_960],
    ['  72H  ', 'minutes', 4_320],
    ['1y', 'seconds', 31_557_600],
    ['30d', 'seconds', 2_592_000],
    ['45s', 'seconds', 45],
    ['2592000', 'seconds', 2_592_000],
    // Not durations, or not a whole number of the unit.
    ['', 'minutes', null],
    ['   ', 'minutes', null],
    ['45s', 'minutes', null],
    ['1.5', 'minutes', null],
    ['-5', 'minutes', null],
    ['-5h', 'minutes', null],
    ['3 fortnights', 'minutes', null],
    ['1h 2h', 'minutes', null],
    ['h', 'minutes', null],
    ['3 days and 4 hours', 'minutes', null],
    ['5 5', 'minutes', null],
    ['99999999999999999999', 'minutes', null],
  ]
  it.each(cases)('%j in %s → %s', (text, unit, expected) => {
    expect(parseDuration(text, unit)).toBe(expected)
  })

  it('reads back what formatMinutes and formatSeconds write', () => {
    for (const minutes of [1, 90, 150, 1_441, 4_560, 10_080, 525_600]) {
      expect(parseDuration(formatMinutes(minutes), 'minutes')).toBe(minutes)
    }
    for (const seconds of [45, 9_000, 2_592_000, 31_557_600]) {
      expect(parseDuration(formatSeconds(seconds), 'seconds')).toBe(seconds)
    }
  })
})
