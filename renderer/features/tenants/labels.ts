import type { Environment, PlanTier } from '../../../preload/contract'

/**
 * Plan tiers as Auth0 names them. The plan never makes pacing faster than the slowest plan's
 * numbers (Free: 2 requests/s); the tenant's rate-limit headers do. It only lowers the starting
 * pace where its own documented limits are slower (Essentials' Read Connections, 50 per minute).
 */
export const planLabels: Record<PlanTier, string> = {
  free: 'Free',
  essentials: 'Essentials / Professional',
  'enterprise-production': 'Enterprise, production',
  'enterprise-non-production': 'Enterprise, non-production',
}

export const environmentLabels: Record<Environment, string> = {
  production: 'Production',
  staging: 'Staging',
  development: 'Development',
}
