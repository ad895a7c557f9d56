/**
 * Words for people, one copy each: counts with the right noun, and sentences joined from parts.
 */

/** "1 session", "3 sessions"; `many` for irregular plurals ("1 session stays", "2 sessions stay"). */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`

/** A message as a whole sentence: ends with `.`, `!`, `?` or `…` (a full stop is added if not). */
export const sentence = (text: string): string => {
  const trimmed = text.trim()
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`
}

/** A message as a clause to continue in mid-sentence: trailing full stops and spaces removed. */
export const clause = (text: string): string => text.trim().replace(/[.\s]+$/, '')

/** "a", "a and b", "a, b and c". */
export const joinWords = (items: readonly string[]): string =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`
