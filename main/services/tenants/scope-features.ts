import type { FeatureAvailability } from '../../../preload/contract'

/** One console feature, the scopes it needs, and (optionally) what is lost without them. */
export interface FeatureScopes {
  id: string
  label: string
  scopes: readonly string[]
  /** What the console does instead when the feature is disabled, in one sentence. */
  without?: string
}

/**
 * Console features and the Management API scopes each needs (reference §4, §5, §12). Connection
 * options have needed their own scopes since 8 Jul 2025: without them Auth0 leaves `options` out
 * of every connection read and refuses a PATCH that sends them.
 */
export const featureScopes: readonly FeatureScopes[] = [
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
  {
    id: 'read-connection-options',
    label: 'Reading connection options',
    scopes: ['read:connections_options'],
    without:
      'Connections are read without their options, so whether federated logout can end a social, SAML or OIDC identity-provider session is shown as unknown, and a pull marks connection options (Sign Out URL, Disable sign out) as not read; pushing them is blocked.',
  },
  {
    id: 'update-connection-options',
    label: 'Changing connection options',
    scopes: ['update:connections_options'],
    without:
      'A push that changes a connection option (Sign Out URL, Disable sign out) is blocked for that connection; other fields are still sent.',
  },
]

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
        reason: `${f.label} is disabled: the tenant's client lacks the ${missing.join(' and ')} scope${missing.length > 1 ? 's' : ''}.${f.without === undefined ? '' : ` ${f.without}`}`,
      }),
    }
  })
}
