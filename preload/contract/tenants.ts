/** Tenant profiles, their connection test and what they hold. */

import type { PlanTier } from '../../core/auth0/types'
import type { AppError } from '../../core/result'

export type { PlanTier } from '../../core/auth0/types'

/** How a tenant is used; production is shown in a warning colour and marked in every dialog. */
export type Environment = 'production' | 'staging' | 'development'

/** Whether main can use a tenant's client secret. */
export type CredentialsStatus = 'ok' | 'missing' | 'unavailable'

/** A console feature and whether the tenant's granted scopes allow it. */
export interface FeatureAvailability {
  id: string
  label: string
  requiredScopes: string[]
  missingScopes: string[]
  enabled: boolean
  /** Why it is disabled, in words for the button's tooltip; absent when enabled. */
  reason?: string
}

/** The last "Test connection" of a tenant. */
export interface ConnectionState {
  state: 'untested' | 'testing' | 'connected' | 'failed'
  testedAt?: string
  scopes: string[]
  features: FeatureAvailability[]
  error?: AppError
}

/** A tenant as the renderer sees it: never the secret or a token. */
export interface TenantSummary {
  id: string
  /** `sandbox` is the embedded local tenant: built in, cannot be edited or removed. */
  kind: 'sandbox' | 'auth0'
  name: string
  /**
   * The canonical domain (`acme.eu.auth0.com`): the Management API audience and where the console
   * calls it. Empty for a profile saved with only a custom domain: the user must enter it.
   */
  domain: string
  /** The custom domain users sign in through (`login.example.com`), if any. */
  customDomain?: string
  clientId: string
  environment: Environment
  plan: PlanTier
  hasSecret: boolean
  credentials: CredentialsStatus
  /** Why the credentials cannot be used (keychain locked, secret missing); absent when `ok`. */
  credentialsMessage?: string
  /** Granted scopes from the last successful connection test. */
  scopes: string[]
  connection: ConnectionState
}

/** All tenants and which one is active. */
export interface TenantsOverview {
  tenants: TenantSummary[]
  activeTenantId: string
}

/** The form to add a tenant. The secret goes straight to the OS keychain. */
export interface NewTenantInput {
  name: string
  /** The canonical domain; a custom domain here is refused with the reason. */
  domain: string
  /** Optional custom domain. */
  customDomain?: string
  clientId: string
  clientSecret: string
  environment: Environment
  plan: PlanTier
}

/** An edit; an absent or empty `clientSecret` keeps the stored one. */
export interface TenantUpdateInput {
  id: string
  name?: string
  domain?: string
  /** A new custom domain; an empty string removes it. */
  customDomain?: string
  clientId?: string
  clientSecret?: string
  environment?: Environment
  plan?: PlanTier
}

/** What the active tenant holds, read through the Management API. */
export interface TenantSnapshot {
  tenantId: string
  fetchedAt: string
  friendlyName?: string
  usersTotal: number | null
  applications: { id: string; name: string; type: string; backchannelLogout: boolean }[]
  connections: { id: string; name: string; strategy: string }[]
  sessionLifetimeHours?: number
  idleSessionLifetimeHours?: number
  allowedLogoutUrls: string[]
  /** Parts that could not be read, with the reason (e.g. a missing scope). */
  unavailable: { part: string; error: AppError }[]
}
