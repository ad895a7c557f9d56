import { dateTime, relativeTime } from '../../lib/time-text'

/** 24-hour wall-clock time with seconds: `12:03:04`. */
export function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  })
}

const MINUTE_MS = 60_000

/**
 * When something happened, briefly: `12:03:04` today, the locale's date and time before; with
 * how long ago (`just now` within a minute, so a clock a second ahead never reads "in 1 s").
 */
export function whenText(iso: string, now: number): { at: string; ago: string } {
  const t = Date.parse(iso)
  const today = new Date(t).toDateString() === new Date(now).toDateString()
  return {
    at: today ? clock(iso) : dateTime(iso),
    ago: now - t < MINUTE_MS ? 'just now' : relativeTime(iso, now),
  }
}
