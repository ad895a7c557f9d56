import type { FeatureAvailability } from '../../../preload/contract'

/** Console features and the Management API scopes each needs (reference §4, §5). */
export const featureScopes = [
  { id: 'find-users', label: 'Finding users', scopes: ['read:users'] },
  { id: 'view-sessions', label: 'Viewing sessions', scopes: ['read:sessions'] },
  { id: 'view-refresh-tokens', label: 'Viewing refresh tokens', scopes: ['read:refresh_tokens'] },
  { id: 'end-sessions', label: 'Ending sessions', scopes: ['delete:sessions'] },
  {
    id: 'revoke-sessions',
    label: 'Revoking sessions with their refresh tokens',
    scopes: ['delete:sessions', 'delete:refresh_tokens'],
  },
  {
    id: 'revoke-refresh-tokens',
    label: 'Revoking refresh tokens',
    scopes: ['delete:refresh_tokens'],
  },
  {
    id: 'read-config',
    label: 'Pull configuration',
    scopes: ['read:tenant_settings', 'read:clients', 'read:connections'],
  },
  {
    id: 'push-config',
    label: 'Push configuration',
    scopes: ['update:tenant_settings', 'update:clients', 'update:connections'],
  },
] as const

/** Every scope the console can use; ask for these when creating the M2M application. */
export const allConsoleScopes = [...new Set(featureScopes.flatMap((f) => f.scopes))].sort()

/**
 * Which features the granted scopes allow; each disabled one carries the reason shown on its button.
 */
export function featureAvailability(granted: readonly string[]): FeatureAvailability[] {
  const have = new Set(granted)
  return featureScopes.map((f) => {
    const missing = f.scopes.filter((s) => !have.has(s))
    return {
      id: f.id,
      label: f.label,
      requiredScopes: [...f.scopes],
      missingScopes: missing,
      enabled: missing.length === 0,
      ...(missing.length > 0 && {
        reason: `${f.label} is disabled: the tenant's client lacks the ${missing.join(' and ')} scope${missing.length > 1 ? 's' : ''}.`,
      }),
    }
  })
}
