import { entryProblem } from '../simulation/allow-list'
import { sharedHostingDomain } from '../simulation/posture'
import {
  holdsKeyword,
  type ConfigResource,
  type JsonValue,
  type TenantConfiguration,
} from './model'
import { formatMinutes } from './units'
import { isLocalHost, urlParts, wellFormedResources } from './validate'

// What a setting does, in words, shown under the field while editing: what a wildcard also lets
// in (reference §2.5), what http and localhost entries mean, what turning a setting off or
// emptying a list stops (§2.1, §2.3, §3.2, §3.3, §5.2), and, against the baseline (the pulled
// snapshot), when a changed session lifetime takes effect (§5.1).

/** One consequence of a value, shown under its field. */
export interface Consequence {
  resource: string
  field: string
  /** The list entry concerned, for list fields. */
  index?: number
  tone: 'info' | 'warning'
  message: string
}

/** What the entries of each URL list are for, to finish "a stranger's site would be accepted …". */
const LIST_PURPOSE: Record<string, string> = {
  allowed_logout_urls: 'as a logout destination',
  callbacks: 'to receive login responses (codes and tokens)',
  web_origins: 'to run silent authentication in the browser',
}

/** What stops working when a URL list that had entries is emptied. */
function emptiedMessage(resource: ConfigResource, field: string): string | null {
  if (resource.kind === 'tenant' && field === 'allowed_logout_urls') {
    return 'With no tenant Allowed Logout URLs, a logout request without client_id can no longer send the user back: every returnTo sent without client_id ends on an Auth0 error page.'
  }
  if (resource.kind !== 'clients') return null
  switch (field) {
    case 'allowed_logout_urls':
      return 'With no Allowed Logout URLs, logout through this application has nowhere to go: a logout with its client_id and no return URL has no first entry to redirect to, and every returnTo or post_logout_redirect_uri checked against this list ends on an Auth0 error page.'
    case 'callbacks':
      return 'With no Allowed Callback URLs, logins to this application stop working: Auth0 refuses every redirect_uri, and SAML, WS-Fed and IdP-initiated logins lose their default.'
    case 'web_origins':
      return 'With no Allowed Web Origins, silent authentication from the browser (web_message: checkSession, getTokenSilently) stops working for this application.'
    case 'oidc_logout.backchannel_logout_urls':
      return 'Removing the back-channel logout URL unsubscribes this application; pending logout events are discarded, and its app sessions survive logouts elsewhere.'
    case 'oidc_logout.backchannel_logout_initiators.selected_initiators':
      return 'With no initiators selected, only rp-logout and idp-logout (always on in custom mode) still send logout tokens; password changes, session expiry and the other events no longer do.'
    default:
      return null
  }
}

const strings = (value: JsonValue | undefined): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []

function urlListConsequences(
  resource: ConfigResource,
  field: string,
  value: JsonValue,
  add: (tone: Consequence['tone'], message: string, index?: number) => void,
): void {
  if (!Array.isArray(value)) return
  const purpose = LIST_PURPOSE[field] ?? 'here'
  value.forEach((entry, index) => {
    if (typeof entry !== 'string' || holdsKeyword(entry) || entryProblem(entry) !== null) return
    const parts = urlParts(entry)
    if (parts === null) return
    const { scheme, host } = parts
    if (host.includes('*')) {
      const dot = host.indexOf('.')
      const label = host.slice(0, dot)
      const parent = host.slice(dot + 1)
      add(
        'info',
        label === '*'
          ? `${entry} also allows every other subdomain of ${parent} (one label deep).`
          : `${entry} also allows every subdomain of ${parent} whose first label fits ${label} (one label deep).`,
        index,
      )
      const shared = sharedHostingDomain(parent)
      if (shared !== null) {
        add(
          'warning',
          `${parent === shared ? parent : `${parent} is under ${shared}, which`} is a shared hosting domain where anyone can create a subdomain in minutes: a stranger's site would be accepted ${purpose}.`,
          index,
        )
      }
    }
    if (isLocalHost(host)) {
      add(
        'info',
        `${entry} only works on the machine the app runs on (local development); it does nothing for real users.`,
        index,
      )
    } else if (scheme === 'http') {
      add(
        'warning',
        `${entry} uses http://: the redirect travels unencrypted and can be read or changed on the network. Use https outside local development.`,
        index,
      )
    }
  })
}

/** Consequences of one field's value that hold whatever the baseline. */
function valueConsequences(
  resource: ConfigResource,
  field: string,
  value: JsonValue,
  add: (tone: Consequence['tone'], message: string, index?: number) => void,
): void {
  const fields = resource.fields
  switch (field) {
    case 'allowed_logout_urls':
    case 'callbacks':
    case 'web_origins':
      urlListConsequences(resource, field, value, add)
      return
    case 'oidc_logout.backchannel_logout_initiators.mode':
      if (value === 'all') {
        add(
          'info',
          'Every current and future initiator sends logout tokens to this application, including events Auth0 adds later.',
        )
      }
      return
    case 'refresh_token.expiration_type':
      if (value === 'non-expiring') {
        add(
          'warning',
          "This application's refresh tokens never expire: each lives until it is revoked, and no logout revokes it.",
        )
      }
      return
    case 'refresh_token.infinite_token_lifetime':
      if (value === true && fields['refresh_token.expiration_type'] !== 'non-expiring') {
        add(
          'info',
          'Without an absolute lifetime, a refresh token used at least once per idle lifetime lives until it is revoked.',
        )
      }
      return
    case 'options.disableSignout':
      if (value === true) {
        add(
          'warning',
          'Users stay signed in at the identity provider after federated logout: Auth0 sends it no SAML logout request.',
        )
      }
      return
    case 'options.signOutEndpoint':
      if (value === '' && fields['options.disableSignout'] !== true) {
        add('info', 'With no Sign Out URL, Auth0 sends SAML logout requests to the Sign In URL.')
      }
      return
  }
}

/** Consequences of changing a field from the baseline value. */
function changeConsequences(
  resource: ConfigResource,
  field: string,
  value: JsonValue | null,
  before: JsonValue | null,
  add: (tone: Consequence['tone'], message: string, index?: number) => void,
): void {
  if (strings(before ?? undefined).length > 0 && strings(value ?? undefined).length === 0) {
    if (value === null || Array.isArray(value)) {
      const message = emptiedMessage(resource, field)
      if (message !== null) add('warning', message)
    }
  }
  if (
    resource.kind === 'tenant' &&
    typeof value === 'number' &&
    typeof before === 'number' &&
    value !== before &&
    field.includes('session_lifetime')
  ) {
    add(
      'info',
      value < before
        ? `Shortened from ${formatMinutes(before)} to ${formatMinutes(value)}: takes effect at each user's next activity.`
        : `Lengthened from ${formatMinutes(before)} to ${formatMinutes(value)}: applies only to sessions created after each user's next login; existing sessions keep the old limit.`,
    )
  }
}

/**
 * The consequences of a configuration's values, resources in display order. With a baseline (the
 * snapshot the draft started from), changes are explained too: a shortened or lengthened session
 * lifetime, an emptied list, a removed back-channel URL, the OIDC logout prompt turned off. Values
 * holding a Deploy CLI keyword have no consequences (they are not known until deploy time).
 */
export function consequencesOf(
  config: TenantConfiguration,
  baseline: TenantConfiguration | null,
): Consequence[] {
  const out: Consequence[] = []
  const { keys, resources } = wellFormedResources(config)
  const baseResources = baseline === null ? null : wellFormedResources(baseline).resources
  for (const key of keys) {
    const resource = resources[key] as ConfigResource
    const base = baseResources?.[key]
    const fields = new Set([...Object.keys(resource.fields), ...Object.keys(base?.fields ?? {})])
    for (const field of fields) {
      const add = (tone: Consequence['tone'], message: string, index?: number) =>
        out.push({ resource: key, field, ...(index !== undefined && { index }), tone, message })
      const value = resource.fields[field] ?? null
      const before = base?.fields[field] ?? null
      if ((value !== null && holdsKeyword(value)) || (before !== null && holdsKeyword(before))) {
        continue
      }
      if (field === 'sessions.oidc_logout_prompt_enabled' && value === false) {
        const turnedOff = baseline !== null && before !== false
        add(
          turnedOff ? 'warning' : 'info',
          'Users are logged out without a confirmation screen when an application calls /oidc/logout without id_token_hint; a crafted logout link can sign them out.',
        )
      }
      if (value !== null) valueConsequences(resource, field, value, add)
      if (baseline !== null) changeConsequences(resource, field, value, before, add)
    }
  }
  return out
}
