import type { Environment, PlanTier } from '../../../preload/contract'

/** Plan tiers as Auth0 names them, with the pacing each sets (reference §6). */
export const planLabels: Record<PlanTier, string> = {
  free: 'Free (2 requests/s)',
  essentials: 'Essentials / Professional (150 requests/min)',
  'enterprise-production': 'Enterprise, production (16 requests/s)',
  'enterprise-non-production': 'Enterprise, non-production (2 requests/s)',
}

export const environmentLabels: Record<Environment, string> = {
  production: 'Production',
  staging: 'Staging',
  development: 'Development',
}
