import type { IdpKind } from '../layers/types'

/**
 * Which connections can have their upstream identity-provider session ended by logout with
 * `federated` (reference §3.1, SAML §3.2, strategies §5.3), in sentences a support person can read
 * out. Anything Auth0 does not list is reported as unconfirmed and not supported: the safe
 * assumption is that only the Auth0 session ends (§3.1 caveats, §11).
 */

/** A connection as far as federated logout cares; extra fields are ignored. */
export interface FederatedLogoutConnection {
  name: string
  strategy: string
  /**
   * The connection's `options`; absent (or null) when they could not be read: since 8 Jul 2025
   * Auth0 leaves them out without the `read:connections_options` scope.
   */
  options?: Record<string, unknown> | null
}

/** Whether logout with `federated` can end the IdP session, and why. */
export interface FederatedLogoutSupport {
  /**
   * Whether it can. When `optionsUnread` is set this is only the assumption the simulator acts on
   * (social: the IdP session survives; SAML and OIDC: sign-out on), not something known.
   */
  supported: boolean
  reason: string
  /**
   * Set when the answer depends on the connection's options (keys of a social connection, SAML
   * sign-out, an OIDC issuer) and they could not be read: support is unknown.
   */
  optionsUnread?: true
}

/** The scope without which Auth0 leaves a connection's `options` out (since 8 Jul 2025). */
export const READ_CONNECTION_OPTIONS_SCOPE = 'read:connections_options'

/** The sentence every unknown answer carries: what was not read and which scope to grant. */
export const OPTIONS_UNREAD_SENTENCE = `The connection's options could not be read (grant the console's client the ${READ_CONNECTION_OPTIONS_SCOPE} scope to read them)`

/**
 * Social strategies Auth0 lists as supporting `federated` (§3.1: Evernote, Facebook, Fitbit,
 * GitHub, Google, Windows Live, Salesforce / Salesforce Sandbox, X, Yahoo, Microsoft Viva Engage —
 * the former Yammer, strategy `yammer`). §5.3 adds `salesforce-community` to the Salesforce family.
 */
const supportedSocial = new Set([
  'google-oauth2',
  'facebook',
  'github',
  'twitter',
  'yahoo',
  'windowslive',
  'fitbit',
  'evernote',
  'evernote-sandbox',
  'salesforce',
  'salesforce-sandbox',
  'salesforce-community',
  'yammer',
])

/** Every social strategy: those above, and those Auth0 does not list for `federated`. */
const social = new Set([
  ...supportedSocial,
  'linkedin',
  'apple',
  'amazon',
  'instagram',
  'bitbucket',
  'dropbox',
  'paypal',
  'paypal-sandbox',
  'box',
  'shopify',
  'wordpress',
  'discord',
  'line',
  'baidu',
  'weibo',
  'vkontakte',
  'yandex',
  'renren',
  'soundcloud',
  'thirtysevensignals',
  'planningcenter',
  'dwolla',
  'exact',
  'miicard',
  'bitly',
  'daccount',
  'thecity',
  'thecity-sandbox',
  'flickr',
  'oauth1',
  'oauth2',
])

const kinds: Record<string, IdpKind> = {
  auth0: 'database',
  sms: 'passwordless',
  email: 'passwordless',
  samlp: 'saml',
  // PingFederate connections are SAML underneath.
  pingfederate: 'saml',
  waad: 'entra',
  office365: 'entra',
  oidc: 'oidc',
  // Okta Workforce and another Auth0 tenant are OpenID Connect connections.
  okta: 'oidc',
  'auth0-oidc': 'oidc',
  adfs: 'enterprise',
  'google-apps': 'enterprise',
  ad: 'enterprise',
  'auth0-adldap': 'enterprise',
  ip: 'enterprise',
  sharepoint: 'enterprise',
  custom: 'enterprise',
}

/** How the layer map groups a connection strategy. Unknown strategies are `unknown`. */
export function idpKindOf(strategy: string): IdpKind {
  const kind = Object.hasOwn(kinds, strategy) ? kinds[strategy] : undefined
  return kind ?? (social.has(strategy) ? 'social' : 'unknown')
}

const displayNames: Record<string, string> = {
  auth0: 'Database',
  sms: 'SMS passwordless',
  email: 'Email passwordless',
  'google-oauth2': 'Google',
  'google-apps': 'Google Workspace',
  facebook: 'Facebook',
  github: 'GitHub',
  twitter: 'X (Twitter)',
  yahoo: 'Yahoo',
  windowslive: 'Microsoft Account (Windows Live)',
  fitbit: 'Fitbit',
  evernote: 'Evernote',
  'evernote-sandbox': 'Evernote (sandbox)',
  salesforce: 'Salesforce',
  'salesforce-sandbox': 'Salesforce (sandbox)',
  'salesforce-community': 'Salesforce Community',
  yammer: 'Microsoft Viva Engage',
  waad: 'Microsoft Entra ID',
  office365: 'Microsoft 365',
  adfs: 'ADFS',
  okta: 'Okta',
  oidc: 'OpenID Connect',
  samlp: 'SAML',
  pingfederate: 'PingFederate',
  linkedin: 'LinkedIn',
  apple: 'Apple',
  amazon: 'Amazon',
  instagram: 'Instagram',
  bitbucket: 'Bitbucket',
  dropbox: 'Dropbox',
  paypal: 'PayPal',
  discord: 'Discord',
  ad: 'Active Directory / LDAP',
}

/** A provider name a person recognises ("Google" for `google-oauth2`); the strategy otherwise. */
export function strategyDisplayName(strategy: string): string {
  return (Object.hasOwn(displayNames, strategy) ? displayNames[strategy] : undefined) ?? strategy
}

/** Enterprise strategies Auth0 lists as supporting `federated` (§3.1: ADFS, Microsoft 365, Entra ID, Okta, Google Workspace). */
const supportedEnterprise = new Set(['google-apps', 'waad', 'adfs', 'office365', 'okta'])

/** Hosts of Microsoft Entra ID's OpenID Connect endpoints (public and national clouds). */
const entraHost =
  /(^|\.)(login\.microsoftonline\.(com|us)|login\.partner\.microsoftonline\.cn|login\.chinacloudapi\.cn|sts\.windows\.net)$/i

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname
  } catch {
    return undefined
  }
}

/** Whether an `oidc` connection's issuer or discovery URL points at Microsoft Entra ID. */
function pointsAtEntra(options: Record<string, unknown>): boolean {
  const metadata = options.oidc_metadata
  const candidates = [
    options.issuer,
    options.discovery_url,
    options.authorization_endpoint,
    options.token_endpoint,
    typeof metadata === 'object' && metadata !== null
      ? (metadata as Record<string, unknown>).issuer
      : undefined,
  ]
  return candidates.some((value) => {
    const url = text(value)
    const host = url === undefined ? undefined : hostOf(url)
    return host !== undefined && entraHost.test(host)
  })
}

/** Why support is unknown when the connection's options were not available. */
const unreadable = {
  social: (provider: string) =>
    `${OPTIONS_UNREAD_SENTENCE}, so whether it signs in to ${provider} with its own keys or with Auth0 developer keys is unknown: federated logout may or may not end the ${provider} session.`,
  saml: `${OPTIONS_UNREAD_SENTENCE}, so whether sign-out is turned off and where the SAML logout request would go is unknown: federated logout may or may not end the identity-provider session.`,
  oidc: `${OPTIONS_UNREAD_SENTENCE}, so whether it points at Microsoft Entra ID (where federated logout is not supported) is unknown: federated logout may or may not end the provider session.`,
}

function samlSupport(
  options: Record<string, unknown> | null | undefined,
  name: string,
): FederatedLogoutSupport {
  if (!options) return { supported: true, reason: unreadable.saml, optionsUnread: true }
  // Doc conflict (§3.2): the SDK/OAS description says `disableSignout: true` stops Auth0 from
  // sending SAML logout requests; the "configure Auth0 as SAML SP" page says it sends them to the
  // Sign In URL. We follow the SDK/OAS meaning, which is also the Dashboard's "Enable Sign Out" off.
  if (options.disableSignout === true) {
    return {
      supported: false,
      reason: `Sign-out is turned off on the SAML connection ${name} (disableSignout), so Auth0 sends no logout request and the user stays signed in at the identity provider.`,
    }
  }
  const signOut = text(options.signOutEndpoint)
  const signIn = text(options.signInEndpoint)
  const where =
    signOut !== undefined
      ? `its Sign Out URL ${signOut}`
      : signIn !== undefined
        ? `its Sign In URL ${signIn} (no Sign Out URL is set)`
        : "the identity provider's sign-out URL"
  return {
    supported: true,
    reason: `Logout with federated sends a SAML logout request to ${where}.`,
  }
}

/**
 * Whether logout with `federated` can end the user's session at the connection's identity
 * provider, with the reason in a plain sentence.
 *
 * - Database (`auth0`) and passwordless (`sms`, `email`) logins have no IdP session.
 * - Listed social providers work only with the tenant's own keys: without `options.client_id` the
 *   connection runs on Auth0 developer keys and only the Auth0 session ends (§3.1).
 * - `oidc` connections to Microsoft Entra ID are not supported (use `waad` or SAML instead).
 * - `samlp`: supported unless `options.disableSignout` is true; the request goes to
 *   `signOutEndpoint`, or `signInEndpoint` when that is empty (§3.2).
 * - Strategies Auth0 does not list (LinkedIn, Apple, Amazon, PingFederate, custom OAuth2, …) are
 *   "unconfirmed" and reported as not supported. §5.3 names `pingfederate` among strategies relevant
 *   to federated logout, but §3.1's list of supporting providers does not, so it stays unconfirmed.
 *
 * When `options` is absent (not read: the token lacks `read:connections_options`) and the answer
 * depends on them, it is unknown (`optionsUnread`), never "developer keys": the reason says the
 * options could not be read and which scope to grant. `supported` then carries the assumption the
 * simulator acts on (social: the IdP session survives; SAML, OIDC: sign-out on).
 */
export function federatedLogoutSupport(
  connection: FederatedLogoutConnection,
): FederatedLogoutSupport {
  const { name, strategy, options } = connection
  const provider = strategyDisplayName(strategy)
  const kind = idpKindOf(strategy)

  if (kind === 'database') {
    return {
      supported: false,
      reason:
        'Password logins have no upstream identity-provider session; logout ends the Auth0 session only.',
    }
  }
  if (kind === 'passwordless') {
    return {
      supported: false,
      reason: `Passwordless (${strategy === 'sms' ? 'SMS' : 'email'} code) logins have no upstream identity-provider session; logout ends the Auth0 session only.`,
    }
  }
  if (supportedSocial.has(strategy)) {
    if (!options)
      return { supported: false, reason: unreadable.social(provider), optionsUnread: true }
    if (text(options.client_id) === undefined) {
      return {
        supported: false,
        reason: `${name} signs in to ${provider} with Auth0 developer keys (no client ID of its own), so logout with federated ends only the Auth0 session, never the ${provider} session.`,
      }
    }
    return {
      supported: true,
      reason: `Logout with federated also ends the user's ${provider} session (the connection uses its own keys).`,
    }
  }
  if (strategy === 'samlp') return samlSupport(options, name)
  if (strategy === 'oidc') {
    if (!options) return { supported: true, reason: unreadable.oidc, optionsUnread: true }
    if (pointsAtEntra(options)) {
      return {
        supported: false,
        reason:
          'This OpenID Connect connection points at Microsoft Entra ID (login.microsoftonline.com); Auth0 does not support federated logout for Enterprise OIDC connections to Entra, so only the Auth0 session ends. The native Microsoft Entra ID or a SAML connection supports it.',
      }
    }
    return {
      supported: true,
      reason: "Logout with federated also ends the user's session at the OpenID Connect provider.",
    }
  }
  if (supportedEnterprise.has(strategy)) {
    return {
      supported: true,
      reason: `Logout with federated also ends the user's ${provider} session.`,
    }
  }
  return {
    supported: false,
    reason: `unconfirmed: Auth0 does not list ${provider} as supporting federated logout; assume only the Auth0 session ends.`,
  }
}
