/**
 * Tenant domains: canonical (`acme.eu.auth0.com`) or custom (`login.example.com`), optionally with
 * a port. Loopback domains (`127.0.0.1:PORT`, `localhost:PORT`) are local Auth0-compatible servers
 * such as the Sandbox tenant and are the only ones reached over plain http.
 */

const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/

/**
 * Normalise what a user pasted: strip a scheme, a path and a trailing slash, lowercase.
 * Answers null when the result is not a host name (with at least one dot, or a loopback host) and
 * an optional port.
 */
export function normalizeDomain(value: string): string | null {
  let text = value.trim().toLowerCase()
  text = text.replace(/^https?:\/\//, '')
  text = text.replace(/\/.*$/, '')
  const match = /^([a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(text)
  if (!match) return null
  const host = match[1] ?? ''
  const port = match[2]
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null
  const loopback = host === 'localhost' || /^127(\.\d{1,3}){3}$/.test(host)
  if (!loopback) {
    const labels = host.split('.')
    if (labels.length < 2 || !labels.every((l) => label.test(l))) return null
    if (/^\d+$/.test(labels.at(-1) ?? '')) return null
  }
  return port === undefined ? host : `${host}:${port}`
}

/** Whether a (normalised) domain is on this machine. */
export function isLoopbackDomain(domain: string): boolean {
  const host = domain.replace(/:\d+$/, '')
  return host === 'localhost' || /^127(\.\d{1,3}){3}$/.test(host)
}

/**
 * Whether a (normalised) domain is a tenant's own, canonical domain: Auth0's `*.auth0.com` (public
 * cloud, every region) or `*.auth0app.com` (Private Cloud), or a loopback server such as the
 * Sandbox. The Management API audience is always `https://{canonical}/api/v2/`, even when a
 * request goes through a custom domain; Auth0 refuses a custom-domain audience.
 */
export function isCanonicalTenantDomain(domain: string): boolean {
  return isLoopbackDomain(domain) || /\.auth0(app)?\.com$/.test(domain.replace(/:\d+$/, ''))
}

/**
 * A profile saved before canonical and custom domains were kept apart: a custom domain in `domain`
 * moves to `customDomain`, and `domain` is left empty until the user enters the canonical one
 * (nothing can find it out: a token needs it first). Idempotent.
 */
export function migrateTenantDomains<T extends { domain: string; customDomain?: string }>(
  profile: T,
): T {
  if (profile.domain === '' || isCanonicalTenantDomain(profile.domain)) return profile
  if (profile.customDomain !== undefined && profile.customDomain !== profile.domain) return profile
  return { ...profile, customDomain: profile.domain, domain: '' }
}
