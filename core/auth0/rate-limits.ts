/**
 * Auth0's Management API rate limits per plan and endpoint family, as documented in 2026
 * (`troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/`,
 * reference §12). Shared by the Sandbox (which enforces them) and the console's pacer (which
 * starts from them and looks up a bucket size it is told).
 *
 * - Essentials / Professional ("Self Service"): one bucket per endpoint family — Read Users
 *   (GET /users, /users/{id}, /users-by-email) burst 40 / 500 per min, Read Clients (GET /clients,
 *   /clients/{id}) 5 / 100 per min, Read Connections (GET /connections, /connections/{id}) 5 / 50
 *   per min, everything else 10 / 150 per min.
 * - Free: one bucket for the whole Management API, burst 2, 2 per second (the Free page lists no
 *   families for the endpoints the console uses).
 * - Enterprise, production: one bucket for the whole Management API, burst 50, 16 per second.
 * - Enterprise, non-production (console plan tier only; not a Sandbox plan): burst 10, 2 per
 *   second overall, the figure the console has always used.
 */

/** The endpoint families Auth0 rate-limits separately on Essentials / Professional. */
export type EndpointFamily = 'read-users' | 'read-clients' | 'read-connections' | 'other'

/** Every family, in a fixed order. */
export const ENDPOINT_FAMILIES: readonly EndpointFamily[] = [
  'read-users',
  'read-clients',
  'read-connections',
  'other',
]

/** Bucket size and refill rate ("burst" and "sustained" in Auth0's tables). */
export interface RateLimit {
  /** Requests allowed back to back from a full bucket. */
  burst: number
  /** Tokens added per second, continuously. */
  perSecond: number
}

/** An Auth0 plan whose Management API limits are documented. */
export type Auth0Plan = 'free' | 'essentials' | 'professional' | 'enterprise'

/** Every Sandbox plan, slowest first. */
export const AUTH0_PLANS: readonly Auth0Plan[] = [
  'free',
  'essentials',
  'professional',
  'enterprise',
]

/** The limits of one plan: one shared bucket (`tenant`) or one bucket per family (`family`). */
export interface PlanLimits {
  scope: 'tenant' | 'family'
  families: Readonly<Record<EndpointFamily, Readonly<RateLimit>>>
}

const perMinute = (burst: number, n: number): RateLimit => ({ burst, perSecond: n / 60 })
const overall = (limit: RateLimit): PlanLimits => ({
  scope: 'tenant',
  families: { 'read-users': limit, 'read-clients': limit, 'read-connections': limit, other: limit },
})
const selfService: PlanLimits = {
  scope: 'family',
  families: {
    'read-users': perMinute(40, 500),
    'read-clients': perMinute(5, 100),
    'read-connections': perMinute(5, 50),
    other: perMinute(10, 150),
  },
}

/** Auth0's documented Management API limits per plan. */
export const AUTH0_PLAN_LIMITS: Readonly<Record<Auth0Plan, PlanLimits>> = {
  free: overall({ burst: 2, perSecond: 2 }),
  essentials: selfService,
  professional: selfService,
  enterprise: overall({ burst: 50, perSecond: 16 }),
}

/** Enterprise non-production tenants (the console's own figure, see above). */
export const ENTERPRISE_NON_PRODUCTION_LIMITS: PlanLimits = overall({ burst: 10, perSecond: 2 })

/**
 * The family a Management API request counts against; `path` is relative to `/api/v2`
 * (`/users/auth0|1`), without the query string.
 */
export const endpointFamily = (method: string, path: string): EndpointFamily => {
  if (method.toUpperCase() !== 'GET') return 'other'
  if (/^\/users\/?$/.test(path) || /^\/users-by-email\/?$/.test(path)) return 'read-users'
  if (/^\/users\/[^/]+\/?$/.test(path)) return 'read-users'
  if (/^\/clients(\/[^/]+)?\/?$/.test(path)) return 'read-clients'
  if (/^\/connections(\/[^/]+)?\/?$/.test(path)) return 'read-connections'
  return 'other'
}

/**
 * Sessions and refresh tokens can be read and ended through the Management API only on
 * Enterprise plans (`manage-users/sessions/manage-user-sessions-with-auth0-management-api`).
 * True for `/users/{id}/sessions`, `/users/{id}/refresh-tokens`, `/sessions/{id}[/revoke]` and
 * `/refresh-tokens/{id}`, whatever the method.
 */
export const isEnterpriseOnlyPath = (path: string): boolean =>
  /^\/users\/[^/]+\/(sessions|refresh-tokens)\/?$/.test(path) ||
  /^\/sessions\/[^/]+(\/revoke)?\/?$/.test(path) ||
  /^\/refresh-tokens\/[^/]+\/?$/.test(path)
