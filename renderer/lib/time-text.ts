/** "in 2 d 3 h", "in 14 min", "5 min ago": a duration from now in words. */
export function relativeTime(iso: string | undefined, now: number): string {
  if (!iso) return '—'
  const ms = Date.parse(iso) - now
  if (Number.isNaN(ms)) return '—'
  const text = durationText(Math.abs(ms))
  return ms >= 0 ? `in ${text}` : `${text} ago`
}

/** A duration in the two largest units: "2 d 3 h", "14 min", "40 s". */
export function durationText(ms: number): string {
  const s = Math.floor(ms / 1000)
  const d = Math.floor(s / 86400)
  const h = Math.floor((s % 86400) / 3600)
  const m = Math.floor((s % 3600) / 60)
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`
  if (m > 0) return `${m} min`
  return `${s % 60} s`
}

/** A date and time as the user's locale writes it. */
export function dateTime(iso: string | undefined): string {
  if (!iso) return '—'
  const t = Date.parse(iso)
  return Number.isNaN(t) ? '—' : new Date(t).toLocaleString()
}
