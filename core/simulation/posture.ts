import {
  decideLogoutRedirect,
  entryProblem,
  MAX_ALLOW_LIST_ENTRIES,
  validateAllowList,
  type LogoutAllowLists,
} from './allow-list'
import {
  READ_CONNECTION_OPTIONS_SCOPE,
  federatedLogoutSupport,
  idpKindOf,
  strategyDisplayName,
} from './federated-logout'
import type { LogoutEndpoint, ScenarioBackchannel, ScenarioConnection } from './types'
import { subscribes } from './world'
import { plural } from '../text'

// The tenant logout posture report: for every application and every way it can log a user out,
// what keeps the user signed in afterwards, and which Allowed Logout URLs are risky. Static: it
// reads the tenant, client and connection settings only (a scenario's `state` adds evidence of
// refresh tokens and connections in use; it may be empty). "§n" means auth0-sessions-logout.md.

/** How an application can log a user out. */
export type LogoutMethod = 'app-only' | '/v2/logout' | '/v2/logout?federated' | '/oidc/logout'

/**
 * The four logout methods, in report order.
 *
 * `app-only`: the app clears its own session and sends nothing to Auth0. `/v2/logout` with
 * `client_id`; `/v2/logout?federated` the same with `federated`; `/oidc/logout` with
 * `id_token_hint` (and `client_id`), without `federated`.
 */
export const LOGOUT_METHODS: readonly LogoutMethod[] = [
  'app-only',
  '/v2/logout',
  '/v2/logout?federated',
  '/oidc/logout',
]

/** How bad a finding is. */
export type Severity = 'high' | 'medium' | 'low' | 'info'

/** Severities, worst first: the order findings are reported in. */
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info']

/** The rule a finding comes from. */
export type PostureRule =
  | 'silent-sso-after-app-logout'
  | 'idp-session-survives'
  | 'federated-not-possible'
  | 'federated-unknown'
  | 'federated-social-caveat'
  | 'backchannel-missing'
  | 'refresh-tokens-survive'
  | 'allow-list-wildcard'
  | 'allow-list-http'
  | 'allow-list-invalid-entry'
  | 'allow-list-too-many'
  | 'allow-list-empty'
  | 'allow-list-first-entry-unusable'
  | 'allow-list-oidc-query'
  | 'machine-to-machine'
  | 'no-connections'

/** One risk, with the reference section it rests on and what to do about it. */
export interface PostureFinding {
  /** Stable within a report: rule, scope and subject, e.g. `idp-session-survives:A:/v2/logout:google-oauth2`. */
  id: string
  rule: PostureRule
  severity: Severity
  /** The application concerned; absent for tenant-wide findings. */
  clientId?: string
  /** The logout method concerned; absent when the finding holds for every method. */
  method?: LogoutMethod
  /** The connection concerned (identity-provider findings). */
  connection?: string
  /** Allow-list findings: the list, `tenant` or `client:<id>`. */
  list?: string
  /** Allow-list findings: the entry concerned. */
  entry?: string
  title: string
  detail: string
  /** Section of auth0-sessions-logout.md, e.g. `§3.1`. */
  reference: string
  fix: string
}

/** What one logout method leaves behind for one application. */
export interface PostureMatrixRow {
  clientId: string
  name?: string
  method: LogoutMethod
  /** Whether the method ends the Auth0 (SSO) session. */
  endsAuth0Session: boolean
  /** Whether the user can get back in without typing credentials. */
  silentRelogin: boolean
  /** What lets them: `auth0-session`, or `idp:<connection>` for each surviving IdP session. */
  silentReloginVia: string[]
  /** Connections whose identity-provider session this method ends (federated logout). */
  idpSessionsEnded: string[]
  /**
   * Other applications whose app session (where the user has one) survives this logout. Frozen,
   * and shared between rows.
   */
  survivingAppSessions: readonly string[]
  /** Whether the application probably holds refresh tokens, which no logout ends (§7). */
  refreshTokensSurvive: boolean
  /** The allow-list Auth0 checks the return URL against (`client:<id>`), or null. */
  allowList: string | null
  /** Where Auth0 redirects when no return URL is sent (the list's first entry), or null. */
  defaultRedirect: string | null
  /** Findings about this application and this method. */
  findingIds: string[]
  /** The worst of those findings, or null. */
  worst: Severity | null
}

/** Finding counts per severity. */
export type SeverityCounts = Record<Severity, number> & { total: number }

/** Finding counts of one application. */
export interface ClientSummary extends SeverityCounts {
  clientId: string
  name?: string
}

/** Counts for the report's first screen. */
export interface PostureSummary {
  applications: number
  /** Applications users log in to (all but machine-to-machine); the matrix covers these. */
  interactiveApplications: number
  connections: number
  /** Connections with an upstream identity-provider session (not database or passwordless). */
  identityProviderConnections: number
  findings: number
  bySeverity: SeverityCounts
  /** Per rule, in rule order; rules without findings are left out. */
  byRule: Partial<Record<PostureRule, number>>
  /** Tenant-wide findings (no application). */
  tenant: SeverityCounts
  /** Every application, sorted by client id. */
  byClient: ClientSummary[]
}

/** The whole report. Deterministic: the same settings give the same report, in any input order. */
export interface PostureReport {
  version: 1
  tenant: { domain?: string }
  methods: LogoutMethod[]
  summary: PostureSummary
  /** One row per interactive application and method; applications by client id, methods in `LOGOUT_METHODS` order. */
  matrix: PostureMatrixRow[]
  /** Worst first; then tenant-wide before applications (by client id), then method and rule order. */
  findings: PostureFinding[]
}

/** An application as the report reads it (a `ScenarioClient` fits). */
export interface PostureClient {
  client_id: string
  name?: string
  app_type?: string
  allowed_logout_urls?: readonly string[]
  oidc_logout?: ScenarioBackchannel
}

/**
 * A connection. `clients`, when present, are the applications enabled for it as
 * `GET /api/v2/connections/{id}/clients` lists them (client ids), and limit who can use it; absent
 * means not read, and every application is assumed to. (`enabled_clients` on connections reached
 * end of life on 13 Jul 2026 and is not read.) Absent `options` means they could not be read.
 */
export type PostureConnection = ScenarioConnection

/** What the report reads. A validated `Scenario` fits; `state` may be missing or empty. */
export interface PostureScenario {
  tenant: { domain?: string; allowed_logout_urls?: readonly string[] }
  clients: readonly PostureClient[]
  connections: readonly PostureConnection[]
  state?: {
    sessions?: readonly { connection: string | null }[]
    idp_sessions?: readonly string[]
    refresh_tokens?: readonly { client_id: string }[]
  } | null
}

/**
 * Shared hosting domains where anyone can get a subdomain: a wildcard under one of them lets a
 * stranger's site be a logout destination.
 */
export const SHARED_HOSTING_DOMAINS: readonly string[] = [
  'herokuapp.com',
  'vercel.app',
  'azurewebsites.net',
  'github.io',
  'netlify.app',
  'cloudfront.net',
  's3.amazonaws.com',
  'amplifyapp.com',
  'appspot.com',
  'azurestaticapps.net',
  'firebaseapp.com',
  'fly.dev',
  'gitlab.io',
  'glitch.me',
  'ngrok-free.app',
  'ngrok.io',
  'onrender.com',
  'pages.dev',
  'surge.sh',
  'web.app',
  'workers.dev',
]

/** `s3.<region>.amazonaws.com`, `s3-<region>.amazonaws.com`, `s3-website…` */
const S3_REGIONAL = /^s3[.-][a-z0-9-.]*amazonaws\.com$/

/** The shared hosting domain a host belongs to, or null. */
export function sharedHostingDomain(host: string): string | null {
  const h = host.toLowerCase()
  for (const domain of SHARED_HOSTING_DOMAINS) {
    if (h === domain || h.endsWith(`.${domain}`)) return domain
  }
  const s3 = /(?:^|\.)(s3[.-][a-z0-9-.]*amazonaws\.com)$/.exec(h)
  return s3 !== null && S3_REGIONAL.test(s3[1] ?? '') ? 'amazonaws.com (S3)' : null
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const HOST = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^/?#:]*)/

/** Scheme (lower case) and host of an absolute URL, or null. */
function schemeAndHost(url: string): { scheme: string; host: string } | null {
  const m = HOST.exec(url)
  return m === null
    ? null
    : { scheme: (m[1] ?? '').toLowerCase(), host: (m[2] ?? '').toLowerCase() }
}

function isLocalHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(host)
  )
}

function isPrivateAddress(host: string): boolean {
  return (
    isLocalHost(host) ||
    host === '0.0.0.0' ||
    /^10\.\d+\.\d+\.\d+$/.test(host) ||
    /^192\.168\.\d+\.\d+$/.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\.\d+\.\d+$/.test(host) ||
    /^169\.254\.\d+\.\d+$/.test(host) ||
    /^\[(f[cd]|fe80)/.test(host)
  )
}

const AUTH0_DOMAINS = ['auth0.com', 'auth0app.com', 'webtask.io', 'webtask.run']

/** Why Auth0 would not deliver logout tokens to this back-channel URL (§3.3), or null. */
function backchannelUrlProblem(url: string): string | null {
  const parts = schemeAndHost(url)
  if (parts === null || parts.host === '') return 'it is not an absolute URL'
  if (parts.scheme !== 'https') return 'back-channel logout URLs must be HTTPS'
  if (AUTH0_DOMAINS.some((d) => parts.host === d || parts.host.endsWith(`.${d}`))) {
    return 'back-channel logout URLs cannot point at Auth0 domains'
  }
  if (isPrivateAddress(parts.host)) {
    return 'back-channel logout URLs must be public (no loopback, private or reserved address)'
  }
  return null
}

/** `A`, `A, B and C`, or `A, B, C and 7 more` past `max` names. */
export function shortList(items: readonly string[], max = 5): string {
  if (items.length <= 1) return items.join('')
  if (items.length > max) return `${items.slice(0, max).join(', ')} and ${items.length - max} more`
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

// ---------------------------------------------------------------------------------------------
// Connections

type FederatedBlocker = 'developer-keys' | 'oidc-entra' | 'saml-signout-disabled' | 'not-listed'

interface ConnectionInfo {
  name: string
  strategy: string
  /** `corp (samlp)`; just the name when it is the strategy. */
  label: string
  /** A provider name a person recognises: Google for google-oauth2. */
  provider: string
  social: boolean
  federated: { supported: boolean; reason: string }
  /** The answer depends on options that could not be read: federated support is unknown. */
  optionsUnread: boolean
  blocker: FederatedBlocker | null
  /** Client ids allowed to use it, or null when the scenario does not restrict. */
  enabledFor: ReadonlySet<string> | null
}

function blockerOf(
  connection: ScenarioConnection,
  supported: boolean,
  reason: string,
): FederatedBlocker | null {
  if (supported) return null
  if (connection.strategy === 'samlp') return 'saml-signout-disabled'
  if (connection.strategy === 'oidc') return 'oidc-entra'
  if (reason.startsWith('unconfirmed')) return 'not-listed'
  return idpKindOf(connection.strategy) === 'social' ? 'developer-keys' : 'not-listed'
}

/**
 * Connections with an upstream identity-provider session (not database or passwordless), sorted
 * by name. Connections the state mentions but the scenario does not describe join as stand-ins
 * named like their strategy, as the simulator does, when they are clearly identity providers.
 */
function idpConnectionsOf(scenario: PostureScenario): ConnectionInfo[] {
  const described = new Map<string, PostureConnection>()
  for (const c of scenario.connections) described.set(c.name, c)
  const live = new Set(scenario.state?.idp_sessions ?? [])
  const mentioned = [...live, ...(scenario.state?.sessions ?? []).map((s) => s.connection)]
  for (const name of mentioned) {
    if (name === null || described.has(name)) continue
    const kind = idpKindOf(name)
    if (live.has(name) || (kind !== 'unknown' && kind !== 'database' && kind !== 'passwordless')) {
      described.set(name, { name, strategy: name })
    }
  }
  const out: ConnectionInfo[] = []
  for (const connection of described.values()) {
    const kind = idpKindOf(connection.strategy)
    if (kind === 'database' || kind === 'passwordless') continue
    const { supported, reason, optionsUnread } = federatedLogoutSupport(connection)
    out.push({
      name: connection.name,
      strategy: connection.strategy,
      label:
        connection.name === connection.strategy
          ? connection.name
          : `${connection.name} (${connection.strategy})`,
      provider: strategyDisplayName(connection.strategy),
      social: kind === 'social',
      federated: { supported, reason },
      optionsUnread: optionsUnread === true,
      // Unknown is not a blocker: no fix is offered for a guess.
      blocker: optionsUnread === true ? null : blockerOf(connection, supported, reason),
      enabledFor: connection.clients === undefined ? null : new Set(connection.clients),
    })
  }
  return out.sort((a, b) => byCodeUnit(a.name, b.name))
}

/** What to do when the connection's options could not be read. */
function unreadOptionsFix(c: ConnectionInfo): string {
  return `Grant the console's client the ${READ_CONNECTION_OPTIONS_SCOPE} scope and read the tenant again to learn whether federated logout can end the ${c.name} session. Until then, send prompt=login on the next login so credentials are asked again.`
}

function federatedFix(c: ConnectionInfo): string {
  if (c.optionsUnread) return unreadOptionsFix(c)
  switch (c.blocker) {
    case 'developer-keys':
      return `Give the ${c.name} connection its own ${c.provider} Client ID and Client Secret: on Auth0 developer keys federated logout never reaches the provider. Until then, send prompt=login on the next login so credentials are asked again.`
    case 'oidc-entra':
      return `Connect Microsoft Entra ID through a Microsoft Entra ID (waad) or SAML connection, which support federated logout, instead of the Enterprise OIDC connection ${c.name}. Until then, send prompt=login on the next login.`
    case 'saml-signout-disabled':
      return `Turn on Enable Sign Out on the SAML connection ${c.name} (disableSignout: false) and set the identity provider's Sign Out URL, so federated sends a SAML logout request.`
    default:
      return `Auth0 does not list ${c.provider} as supporting federated logout: assume the identity-provider session survives and send prompt=login on the next login (tell users on shared devices to sign out at the provider too).`
  }
}

// ---------------------------------------------------------------------------------------------
// The report

interface AppInfo {
  client: PostureClient
  id: string
  label: string
  interactive: boolean
  /** Browser or native app: no server endpoint for back-channel calls, refresh tokens likely. */
  publicClient: boolean
  backchannel: { effective: boolean; why: string }
  refreshTokens: number
}

const ENDPOINT_METHODS = 'through /v2/logout, /v2/logout?federated or /oidc/logout'

function backchannelOf(client: PostureClient): { effective: boolean; why: string } {
  const urls = client.oidc_logout?.backchannel_logout_urls ?? []
  if (urls.length === 0) return { effective: false, why: 'has no back-channel logout URL' }
  const problems = urls.map(backchannelUrlProblem)
  if (problems.every((p) => p !== null)) {
    return {
      effective: false,
      why: `has back-channel logout URL ${urls[0] ?? ''}, which Auth0 would not accept (${problems[0] ?? ''})`,
    }
  }
  // rp-logout (the logout endpoints' initiator) is always on in custom mode and included in
  // `all`, so the selected initiators never stop these logouts (§3.3); asked through the
  // simulator's own rule so the two cannot drift apart.
  const probe = {
    client_id: client.client_id,
    allowed_logout_urls: [],
    oidc_logout: client.oidc_logout,
  }
  if (!subscribes(probe, 'rp-logout')) {
    return { effective: false, why: 'does not subscribe to the rp-logout initiator' }
  }
  return { effective: true, why: '' }
}

interface Builder {
  findings: PostureFinding[]
  add(finding: PostureFinding): void
}

function listLabel(app: AppInfo | null, midSentence = false): string {
  const tenant = `${midSentence ? 'the' : 'The'} tenant's Allowed Logout URLs`
  return app === null ? tenant : `${app.label}'s Allowed Logout URLs`
}

/** Allow-list rules for one list: the tenant's (`app` null) or an application's (§2.1, §2.2, §2.5). */
function checkAllowList(
  b: Builder,
  entries: readonly string[],
  app: AppInfo | null,
): PostureFinding[] {
  const perMethod: PostureFinding[] = []
  const list = app === null ? 'tenant' : `client:${app.id}`
  const scope = app === null ? 'tenant' : app.id
  const owner = app === null ? {} : { clientId: app.id }
  const label = listLabel(app)
  // Entries Auth0 would refuse to save. validateAllowList also reports the 101st entry of a
  // valid list for the list's size; that is the separate allow-list-too-many finding here.
  const problems = new Map(validateAllowList(entries).map((p) => [p.index, p.reason]))
  const overflow = entries[MAX_ALLOW_LIST_ENTRIES]
  if (overflow !== undefined && entryProblem(overflow) === null) {
    problems.delete(MAX_ALLOW_LIST_ENTRIES)
  }

  if (app !== null && app.interactive && entries.length === 0) {
    b.add({
      id: `allow-list-empty:${scope}`,
      rule: 'allow-list-empty',
      severity: 'medium',
      ...owner,
      list,
      title: 'Empty Allowed Logout URLs',
      detail: `${app.label} has no Allowed Logout URLs. Logout with client_id and no return URL has nowhere to go: Auth0 redirects to the first entry of the application's list, and there is none. Any returnTo sent with client_id, and any post_logout_redirect_uri sent with id_token_hint, is checked against this empty list and ends on an Auth0 error page (whether the session is cleared first is unconfirmed).`,
      reference: '§2.1',
      fix: `Add ${app.label}'s post-logout page (https) to its Allowed Logout URLs; the first entry is the default destination.`,
    })
  }

  if (entries.length > MAX_ALLOW_LIST_ENTRIES) {
    b.add({
      id: `allow-list-too-many:${scope}`,
      rule: 'allow-list-too-many',
      severity: 'medium',
      ...owner,
      list,
      title: `More than ${MAX_ALLOW_LIST_ENTRIES} Allowed Logout URLs`,
      detail: `${label} holds ${entries.length} entries; Auth0 accepts at most ${MAX_ALLOW_LIST_ENTRIES} per list, so the list cannot be saved as it is.`,
      reference: '§2.5',
      fix: 'Register one return URL per application and carry the destination in its query string (/v2/logout ignores the query when it checks the list) or in the state parameter (/oidc/logout).',
    })
  }

  entries.forEach((entry, index) => {
    const at = `${scope}:${index}`
    const where = `Entry ${index + 1} of ${listLabel(app, true)}, ${entry},`
    const problem = problems.get(index)
    if (problem !== undefined) {
      b.add({
        id: `allow-list-invalid-entry:${at}`,
        rule: 'allow-list-invalid-entry',
        severity: 'medium',
        ...owner,
        list,
        entry,
        title: 'Allowed Logout URL that Auth0 rejects',
        detail: `${where} is not valid: ${problem}. Auth0 refuses to save the list with it, and as written it matches no return URL, so a logout that relies on it ends on an error page.`,
        reference: '§2.5',
        fix: `Correct the entry (${problem}) or remove it.`,
      })
      if (index === 0 && app !== null && app.interactive) firstEntryUnusable(b, app, entry, true)
      return
    }
    const parts = schemeAndHost(entry)
    const host = parts?.host ?? ''
    if (host.includes('*')) {
      const parent = host.slice(host.indexOf('.') + 1)
      const shared = sharedHostingDomain(parent)
      b.add({
        id: `allow-list-wildcard:${at}`,
        rule: 'allow-list-wildcard',
        severity: shared === null ? 'medium' : 'high',
        ...owner,
        list,
        entry,
        title:
          shared === null
            ? 'Wildcard Allowed Logout URL'
            : `Wildcard Allowed Logout URL on a shared hosting domain (${shared})`,
        detail:
          `${where} accepts a return URL on any subdomain of ${parent} (one label deep). Whoever controls such a subdomain (a forgotten DNS record, a taken-over host) can be a logout destination: a crafted logout link signs the user out and Auth0 sends them there, an open redirect from your own login domain.` +
          (shared === null
            ? ''
            : ` ${shared} is shared hosting: anyone can create a subdomain there in minutes, so a stranger's site is an accepted logout destination.`),
        reference: '§2.5',
        fix:
          shared === null
            ? `List the exact return URLs instead of ${entry} (Allowed Logout URLs hold up to ${MAX_ALLOW_LIST_ENTRIES}); one URL can carry a dynamic destination in its query for /v2/logout.`
            : `Remove ${entry}: list your exact ${shared} host names, or serve the app from a domain you own.`,
      })
      if (index === 0 && app !== null && app.interactive) firstEntryUnusable(b, app, entry, false)
    }
    if (parts?.scheme === 'http' && !isLocalHost(host)) {
      b.add({
        id: `allow-list-http:${at}`,
        rule: 'allow-list-http',
        severity: 'medium',
        ...owner,
        list,
        entry,
        title: 'http in production',
        detail: `${where} uses http:// for a host that is not local: the logout redirect (with state, for /oidc/logout) travels unencrypted and can be read or rewritten on the network.`,
        reference: '§2.5',
        fix: 'Use https://; keep http:// entries for localhost in development tenants only.',
      })
    }
    const query = entry.indexOf('?')
    if (query >= 0) {
      const finding: PostureFinding = {
        id: `allow-list-oidc-query:${at}`,
        rule: 'allow-list-oidc-query',
        severity: 'low',
        ...owner,
        method: '/oidc/logout',
        list,
        entry,
        title: 'Allowed Logout URL with a query string (/oidc/logout matches exactly)',
        detail: `${where} carries the query ${entry.slice(query)}. /oidc/logout compares post_logout_redirect_uri exactly, every parameter name and value, so only this exact combination passes and a dynamic value ends on an error page (/v2/logout ignores the query).`,
        reference: '§2.2',
        fix: 'Register the URL without the query and carry dynamic values in the state parameter, which Auth0 appends to the redirect.',
      }
      b.add(finding)
      perMethod.push(finding)
    }
  })
  return perMethod
}

function firstEntryUnusable(b: Builder, app: AppInfo, entry: string, invalid: boolean): void {
  b.add({
    id: `allow-list-first-entry-unusable:${app.id}`,
    rule: 'allow-list-first-entry-unusable',
    severity: 'low',
    clientId: app.id,
    list: `client:${app.id}`,
    entry,
    title: 'Default logout destination is not a real address',
    detail: `Logout with client_id and no return URL redirects to the first entry of ${app.label}'s Allowed Logout URLs, ${entry}, which is ${invalid ? 'not a valid URL' : 'a wildcard pattern'}, not a page a browser can load.`,
    reference: '§2.1',
    fix: "Put the application's exact post-logout page first in its Allowed Logout URLs.",
  })
}

function appFindings(b: Builder, app: AppInfo, others: number): void {
  if (!app.interactive) {
    b.add({
      id: `machine-to-machine:${app.id}`,
      rule: 'machine-to-machine',
      severity: 'info',
      clientId: app.id,
      title: 'Machine-to-machine application: logout does not apply',
      detail: `${app.label} is a machine-to-machine application: no user logs in through it, so it is left out of the logout matrix. Its Allowed Logout URLs are still checked.`,
      reference: '§1',
      fix: 'Nothing to do for logout.',
    })
    return
  }
  if (!app.backchannel.effective && others > 0) {
    b.add({
      id: `backchannel-missing:${app.id}`,
      rule: 'backchannel-missing',
      severity: app.publicClient ? 'low' : 'medium',
      clientId: app.id,
      title: 'App session survives logout from the other applications',
      detail: `${app.label} ${app.backchannel.why}. When the user logs out of ${others === 1 ? 'the other application' : `one of the ${others} other applications`} ${ENDPOINT_METHODS}, Auth0 ends the shared session but sends ${app.label} no logout token, so its own app session survives until it logs out itself or expires. (rp-logout, the initiator of those logouts, is always on in custom mode, so a working URL is all that is missing.)`,
      reference: '§3.3',
      fix: app.publicClient
        ? 'Browser and native apps cannot receive back-channel calls: keep access tokens short-lived, re-check the Auth0 session (checkSession, at most every 15 minutes) and bind refresh tokens to the session.'
        : `Set oidc_logout.backchannel_logout_urls to one public HTTPS endpoint of ${app.label} that ends the app session for the token's sid (Enterprise plan).`,
    })
  }
  if (app.publicClient || app.refreshTokens > 0) {
    const why = app.publicClient
      ? `${app.label} is a ${app.client.app_type === 'spa' ? 'single-page' : 'native'} application, which usually holds refresh tokens`
      : `${app.label} holds refresh tokens`
    const seen =
      app.refreshTokens > 0 ? ` (the scenario shows ${plural(app.refreshTokens, 'token')})` : ''
    b.add({
      id: `refresh-tokens-survive:${app.id}`,
      rule: 'refresh-tokens-survive',
      severity: 'medium',
      clientId: app.id,
      title: 'Refresh tokens survive every logout',
      detail: `${why}${seen}. Refresh tokens survive every logout; revoke them or use session-bound revocation. None of the four logout methods touches them: whoever holds one keeps getting new access tokens after the user logged out.`,
      reference: '§7',
      fix: "At logout, revoke the app's refresh token (POST /oauth/revoke), or revoke the session with POST /api/v2/sessions/{id}/revoke, which also revokes the refresh tokens bound to it; or use Online Refresh Tokens, which end with the Auth0 session.",
    })
  }
}

function appOnlyFinding(b: Builder, app: AppInfo, others: number): PostureFinding {
  const finding: PostureFinding = {
    id: `silent-sso-after-app-logout:${app.id}`,
    rule: 'silent-sso-after-app-logout',
    severity: 'high',
    clientId: app.id,
    method: 'app-only',
    title: 'Local logout leaves the Auth0 session: silent SSO back in',
    detail: `${app.label} clears only its own session and sends nothing to Auth0, so the Auth0 session, shared by every application of the tenant, stays: the next /authorize returns straight to the app without asking for credentials (prompt=none succeeds; only prompt=login shows the login page).${others === 0 ? '' : others === 1 ? " The other application's session stays too." : ` The ${others} other applications' sessions stay too.`}`,
    reference: '§1.1',
    fix: `After clearing its session, ${app.label} should send the browser to /oidc/logout with id_token_hint (or /v2/logout with client_id). If only a local logout is meant, send prompt=login on the next login.`,
  }
  b.add(finding)
  return finding
}

/**
 * The text of identity-provider findings that does not depend on the application, built once per
 * connection and method: a 1,000-application tenant then shares it instead of rebuilding it.
 */
interface IdpText {
  idSuffix: string
  title: string
  tail: string
  fix: string
  reference: string
}

function idpTextOf(c: ConnectionInfo, method: LogoutMethod): IdpText {
  const federated = method === '/v2/logout?federated'
  const tail = `: the Auth0 session ends, but the identity-provider session at ${c.label} survives. prompt=none fails with login_required, yet a login that goes to ${c.name} (the user picks it, or the app passes connection=${c.name}) completes without asking for credentials, so logout looks broken.`
  if (federated && c.optionsUnread) {
    return {
      idSuffix: `:${method}:${c.name}`,
      title: `Unknown whether federated ends the ${c.name} session`,
      tail: `: the Auth0 session ends; whether the identity-provider session at ${c.label} ends too is unknown. ${c.federated.reason} If it survives, a login that goes to ${c.name} completes without asking for credentials.`,
      fix: unreadOptionsFix(c),
      reference: '§3.1',
    }
  }
  if (federated) {
    return {
      idSuffix: `:${method}:${c.name}`,
      title: `federated cannot end the ${c.name} session`,
      tail: `${tail} federated was asked for and does not happen: ${c.federated.reason}`,
      fix: federatedFix(c),
      reference: c.blocker === 'saml-signout-disabled' ? '§3.2' : '§3.1',
    }
  }
  return {
    idSuffix: `:${method}:${c.name}`,
    title: `Silent re-login through the ${c.name} session`,
    tail: c.optionsUnread
      ? `${tail} Whether sending federated would end it too is unknown: ${c.federated.reason}`
      : c.federated.supported
        ? `${tail} Sending federated would end it too.`
        : `${tail} Sending federated would not help: ${c.federated.reason}`,
    fix: c.optionsUnread
      ? unreadOptionsFix(c)
      : c.federated.supported
        ? `Add federated to the logout request to end the ${c.name} session as well${c.social ? ` (Auth0 discourages this for social providers: it signs the user out of ${c.provider} everywhere)` : ''}, or send prompt=login on the next login.`
        : federatedFix(c),
    reference: '§1.1',
  }
}

function idpFinding(
  b: Builder,
  app: AppInfo,
  method: LogoutMethod,
  c: ConnectionInfo,
  text: IdpText,
): PostureFinding {
  const federated = method === '/v2/logout?federated'
  // A guess is never a high finding: with unreadable options federated support is unknown.
  const rule: PostureRule = !federated
    ? 'idp-session-survives'
    : c.optionsUnread
      ? 'federated-unknown'
      : 'federated-not-possible'
  const finding: PostureFinding = {
    id: `${rule}:${app.id}${text.idSuffix}`,
    rule,
    severity: !federated ? 'medium' : c.optionsUnread ? 'low' : 'high',
    clientId: app.id,
    method,
    connection: c.name,
    title: text.title,
    detail: `${app.label} logs out through ${federated ? '/v2/logout with federated' : method}${text.tail}`,
    reference: text.reference,
    fix: text.fix,
  }
  b.add(finding)
  return finding
}

/**
 * Where a logout request with `client_id` (and, for /oidc/logout, `id_token_hint` for the same
 * application) but no return URL ends: the application's first Allowed Logout URL (§2.1, §2.2).
 */
function defaultRedirectOf(
  endpoint: LogoutEndpoint,
  clientId: string,
  lists: LogoutAllowLists,
): { list: string | null; redirectTo: string | null } {
  const decision = decideLogoutRedirect(
    {
      endpoint,
      returnUrl: null,
      clientId,
      idTokenAud: endpoint === '/oidc/logout' ? clientId : null,
    },
    lists,
  )
  return { list: decision.list, redirectTo: decision.redirectTo }
}

const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2, info: 3 }

const RULES: readonly PostureRule[] = [
  'silent-sso-after-app-logout',
  'idp-session-survives',
  'federated-not-possible',
  'federated-unknown',
  'federated-social-caveat',
  'backchannel-missing',
  'refresh-tokens-survive',
  'allow-list-wildcard',
  'allow-list-http',
  'allow-list-invalid-entry',
  'allow-list-too-many',
  'allow-list-empty',
  'allow-list-first-entry-unusable',
  'allow-list-oidc-query',
  'machine-to-machine',
  'no-connections',
]

const emptyCounts = (): SeverityCounts => ({ high: 0, medium: 0, low: 0, info: 0, total: 0 })

/**
 * Builds the tenant logout posture report: for every application × logout method, what keeps the
 * user signed in, and every risky or invalid Allowed Logout URL, each finding citing its section.
 *
 * Rules: local logout leaves the Auth0 session (§1.1); identity-provider sessions survive logout
 * without federated, or with federated where the provider cannot do it (developer keys, OIDC to
 * Entra, SAML sign-out off, provider not listed; §1.1, §3.1, §3.2), per connection the application
 * can use (all, unless a connection lists its `clients`, read through
 * `GET /connections/{id}/clients`); where the connection's options could not be read, whether
 * federated ends the IdP session is unknown (`federated-unknown`, low, naming the scope to grant),
 * never assumed to be Auth0 developer keys; other applications' sessions survive
 * where back-channel logout is not set up (§3.3); refresh tokens outlive logout (§7); allow-list
 * wildcards, http, invalid entries, more than 100 entries, empty lists, query strings for
 * /oidc/logout (§2.1, §2.2, §2.5). Pure and deterministic.
 */
export function buildPostureReport(scenario: PostureScenario): PostureReport {
  const findings: PostureFinding[] = []
  const b: Builder = { findings, add: (f) => void findings.push(f) }

  const tokens = new Map<string, number>()
  for (const t of scenario.state?.refresh_tokens ?? []) {
    tokens.set(t.client_id, (tokens.get(t.client_id) ?? 0) + 1)
  }
  const apps: AppInfo[] = [...scenario.clients]
    .sort((x, y) => byCodeUnit(x.client_id, y.client_id))
    .map((client) => {
      const type = client.app_type
      return {
        client,
        id: client.client_id,
        label:
          client.name !== undefined && client.name !== client.client_id
            ? `${client.name} (${client.client_id})`
            : client.client_id,
        interactive: type !== 'non_interactive',
        publicClient: type === 'spa' || type === 'native',
        backchannel: backchannelOf(client),
        refreshTokens: tokens.get(client.client_id) ?? 0,
      }
    })
  const interactive = apps.filter((a) => a.interactive)
  const interactiveIds = interactive.map((a) => a.id)
  const withoutBackchannel = interactive.filter((a) => !a.backchannel.effective).map((a) => a.id)
  const sharedWithoutBackchannel = Object.freeze(withoutBackchannel.slice())
  const connections = idpConnectionsOf(scenario)
  const idpText = new Map<ConnectionInfo, Map<LogoutMethod, IdpText>>()
  for (const c of connections) {
    idpText.set(c, new Map(LOGOUT_METHODS.map((m) => [m, idpTextOf(c, m)])))
  }
  const lists = new Map<string, readonly string[]>()
  for (const app of apps) lists.set(app.id, app.client.allowed_logout_urls ?? [])
  const allowLists: LogoutAllowLists = {
    tenant: scenario.tenant.allowed_logout_urls ?? [],
    client: (id: string) => lists.get(id),
  }

  // Tenant-wide findings.
  if (scenario.connections.length === 0 && connections.length === 0) {
    b.add({
      id: 'no-connections',
      rule: 'no-connections',
      severity: 'info',
      title: 'No connections described',
      detail:
        'The scenario lists no connections, so silent re-login through an identity-provider session could not be assessed; the report assumes none.',
      reference: '§1.1',
      fix: "Include the tenant's connections (GET /api/v2/connections) to assess identity-provider sessions.",
    })
  }
  for (const c of connections) {
    if (c.social && c.federated.supported) {
      b.add({
        id: `federated-social-caveat:${c.name}`,
        rule: 'federated-social-caveat',
        severity: 'info',
        method: '/v2/logout?federated',
        connection: c.name,
        title: `Federated logout through ${c.name} signs the user out of ${c.provider} everywhere`,
        detail: `Federated logout through the social connection ${c.name} ends the user's ${c.provider} session for every site and device tab that uses it, and social providers treat returnTo inconsistently during federated logout (for some it does not work). Auth0 discourages federated logout with social providers.`,
        reference: '§3.1',
        fix: 'Prefer prompt=login on the next login over federated logout for social connections, unless users share devices.',
      })
    }
  }
  checkAllowList(b, allowLists.tenant, null)

  // Per application: app-wide findings, then one matrix row per method.
  const matrix: PostureMatrixRow[] = []
  const totalOthers = interactive.length - 1
  let position = 0
  for (const app of apps) {
    const listFindings = checkAllowList(b, lists.get(app.id) ?? [], app)
    appFindings(b, app, Math.max(totalOthers, 0))
    if (!app.interactive) continue
    const self = position++
    const usable = connections.filter((c) => c.enabledFor === null || c.enabledFor.has(app.id))
    const refreshTokensSurvive = app.publicClient || app.refreshTokens > 0
    // Rows share these frozen arrays: a tenant of n applications would otherwise hold 4n lists
    // of up to n - 1 names each.
    const othersAll = Object.freeze(
      interactiveIds.slice(0, self).concat(interactiveIds.slice(self + 1)),
    )
    const othersWithoutBackchannel = app.backchannel.effective
      ? sharedWithoutBackchannel
      : Object.freeze(withoutBackchannel.filter((id) => id !== app.id))
    const redirects = {
      '/v2/logout': defaultRedirectOf('/v2/logout', app.id, allowLists),
      '/oidc/logout': defaultRedirectOf('/oidc/logout', app.id, allowLists),
    }

    for (const method of LOGOUT_METHODS) {
      const row: PostureMatrixRow = {
        clientId: app.id,
        ...(app.client.name === undefined ? {} : { name: app.client.name }),
        method,
        endsAuth0Session: method !== 'app-only',
        silentRelogin: false,
        silentReloginVia: [],
        idpSessionsEnded: [],
        survivingAppSessions: method === 'app-only' ? othersAll : othersWithoutBackchannel,
        refreshTokensSurvive,
        allowList: null,
        defaultRedirect: null,
        findingIds: [],
        worst: null,
      }
      const rowFindings: PostureFinding[] = []
      if (method === 'app-only') {
        row.silentRelogin = true
        row.silentReloginVia.push('auth0-session')
        rowFindings.push(appOnlyFinding(b, app, othersAll.length))
      } else {
        const federated = method === '/v2/logout?federated'
        for (const c of usable) {
          // Unknown (options unreadable) counts as surviving: nothing claims the session ended.
          if (federated && c.federated.supported && !c.optionsUnread) {
            row.idpSessionsEnded.push(c.name)
            continue
          }
          row.silentReloginVia.push(`idp:${c.name}`)
          const text = idpText.get(c)?.get(method)
          if (text !== undefined) rowFindings.push(idpFinding(b, app, method, c, text))
        }
        row.silentRelogin = row.silentReloginVia.length > 0
        const decision = redirects[method === '/oidc/logout' ? '/oidc/logout' : '/v2/logout']
        row.allowList = decision.list
        row.defaultRedirect = decision.redirectTo
      }
      matrix.push(row)
      for (const f of rowFindings) {
        row.findingIds.push(f.id)
        if (row.worst === null || SEVERITY_RANK[f.severity] < SEVERITY_RANK[row.worst]) {
          row.worst = f.severity
        }
      }
    }
    // Per-method allow-list findings (query strings for /oidc/logout) belong to their row too.
    const rows = matrix.slice(-LOGOUT_METHODS.length)
    for (const f of listFindings) {
      const row = rows.find((r) => r.method === f.method)
      if (row === undefined) continue
      row.findingIds.push(f.id)
      if (row.worst === null || SEVERITY_RANK[f.severity] < SEVERITY_RANK[row.worst]) {
        row.worst = f.severity
      }
    }
  }

  // Findings were produced tenant first, then by client id, method and rule; bucket by severity
  // (stable), then order within an application by method and rule.
  const sorted = sortFindings(findings, new Map(apps.map((app, i) => [app.id, i])))
  return {
    version: 1,
    tenant: scenario.tenant.domain === undefined ? {} : { domain: scenario.tenant.domain },
    methods: [...LOGOUT_METHODS],
    summary: summarize(sorted, apps, interactive.length, connections.length, scenario),
    matrix,
    findings: sorted,
  }
}

const METHOD_RANK: Record<LogoutMethod, number> = {
  'app-only': 1,
  '/v2/logout': 2,
  '/v2/logout?federated': 3,
  '/oidc/logout': 4,
}
const RULE_RANK = new Map(RULES.map((rule, i) => [rule, i]))

/**
 * Worst first; tenant-wide before applications, applications in `order` (by client id); then
 * method, rule, and the order the findings were produced in (connection name, list position).
 * One numeric key per finding, so 20,000 findings sort in a few milliseconds.
 */
function sortFindings(
  findings: readonly PostureFinding[],
  order: ReadonlyMap<string, number>,
): PostureFinding[] {
  const n = findings.length
  const scopes = order.size + 1
  const keys = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const f = findings[i] as PostureFinding
    const scope = f.clientId === undefined ? 0 : (order.get(f.clientId) ?? scopes - 1) + 1
    const method = f.method === undefined ? 0 : METHOD_RANK[f.method]
    const rule = RULE_RANK.get(f.rule) ?? RULES.length
    const group = ((SEVERITY_RANK[f.severity] * (scopes + 1) + scope) * 5 + method) * 32 + rule
    keys[i] = group * n + i
  }
  keys.sort()
  const out: PostureFinding[] = new Array<PostureFinding>(n)
  for (let i = 0; i < n; i++) out[i] = findings[(keys[i] as number) % n] as PostureFinding
  return out
}

function summarize(
  findings: readonly PostureFinding[],
  apps: readonly AppInfo[],
  interactive: number,
  connections: number,
  scenario: PostureScenario,
): PostureSummary {
  const bySeverity = emptyCounts()
  const tenant = emptyCounts()
  const perClient = new Map<string, ClientSummary>()
  const byClient: ClientSummary[] = apps.map((app) => {
    const s: ClientSummary = {
      clientId: app.id,
      ...(app.client.name === undefined ? {} : { name: app.client.name }),
      ...emptyCounts(),
    }
    perClient.set(app.id, s)
    return s
  })
  const ruleCounts = new Map<PostureRule, number>()
  for (const f of findings) {
    bySeverity[f.severity] += 1
    bySeverity.total += 1
    const counts = f.clientId === undefined ? tenant : perClient.get(f.clientId)
    if (counts !== undefined) {
      counts[f.severity] += 1
      counts.total += 1
    }
    ruleCounts.set(f.rule, (ruleCounts.get(f.rule) ?? 0) + 1)
  }
  const byRule: Partial<Record<PostureRule, number>> = {}
  for (const rule of RULES) {
    const n = ruleCounts.get(rule)
    if (n !== undefined) byRule[rule] = n
  }
  return {
    applications: apps.length,
    interactiveApplications: interactive,
    connections: scenario.connections.length,
    identityProviderConnections: connections,
    findings: findings.length,
    bySeverity,
    byRule,
    tenant,
    byClient,
  }
}
