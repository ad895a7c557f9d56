/**
 * Turn what a support person types into an Auth0 user-search (v3, Lucene) query.
 *
 * - Anything with a field (`email:`, `identities.connection:`) or an operator is passed through as
 *   a raw query.
 * - A user id (`google-oauth2|1234`) → `user_id:"…"`.
 * - An email, or part of one (`alice@ex`) → exact match when complete, prefix otherwise.
 * - Other text → prefix match on name, nickname and email (several words: the exact name phrase).
 */
export function buildUserSearchQuery(input: string): string | null {
  const text = input.trim()
  if (text === '') return null
  if (/(^|\s)(AND|OR|NOT)(\s|$)/.test(text) || /^[\w.]+:/.test(text)) return text
  if (/^[\w-]+\|\S+$/.test(text)) return `user_id:"${quote(text)}"`
  if (text.includes('@')) {
    return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text)
      ? `email:"${quote(text)}"`
      : `email:${escape(text)}*`
  }
  if (/\s/.test(text)) return `name:"${quote(text)}"`
  const term = escape(text)
  return `name:${term}* OR nickname:${term}* OR email:${term}*`
}

const special = /[+\-&|!(){}[\]^"~*?:\\/]/g

function escape(text: string): string {
  return text.replace(special, (c) => `\\${c}`)
}

function quote(text: string): string {
  return text.replace(/["\\]/g, (c) => `\\${c}`)
}
