import type { LogoutEndpoint } from './types'

// Auth0's Allowed Logout URLs rules (reference §2.1, §2.2, §2.5): which list a logout request is
// checked against, how one entry matches a return URL, and which entries Auth0 would refuse to
// save. Pure string work: no URL API, so the exact text the request gave is what is compared.

/** Auth0 accepts at most this many Allowed Logout URLs per list (reference §2.5). */
export const MAX_ALLOW_LIST_ENTRIES = 100

/** An entry Auth0 would reject when the list is saved, and why. */
export interface AllowListProblem {
  index: number
  entry: string
  reason: string
}

/** How one allow-list entry compared with the return URL. */
export interface EntryCheck {
  entry: string
  matched: boolean
  /** Plain words: why it matched, or the first difference found. */
  reason: string
}

/** The outcome of checking one URL against one list. */
export interface AllowListMatch {
  /** The first entry that matched, or null. */
  matchedEntry: string | null
  /** Every entry, in list order, with its verdict. */
  checks: EntryCheck[]
}

/** A logout request as far as the allow-list is concerned. */
export interface LogoutRedirectRequest {
  endpoint: LogoutEndpoint
  /** `returnTo` (`/v2/logout`) or `post_logout_redirect_uri` (`/oidc/logout`); absent = not sent. */
  returnUrl?: string | null
  /** The `client_id` parameter. */
  clientId?: string | null
  /** `/oidc/logout`: the `aud` of `id_token_hint`. */
  idTokenAud?: string | null
}

/** The lists a tenant holds: its own, and each application's. */
export interface LogoutAllowLists {
  tenant: readonly string[]
  /** The application's list, or undefined for an application the scenario does not describe. */
  client(clientId: string): readonly string[] | undefined
}

/** Which list decided a logout redirect, which entry matched, and where the browser goes. */
export interface LogoutRedirectDecision {
  /** False when the return URL is on no entry of the list checked: Auth0 shows an error page. */
  allowed: boolean
  /** `client:<id>`, `tenant`, or null when no list had to be consulted. */
  list: string | null
  matchedEntry: string | null
  /** The return URL exactly as the request gave it, the list's first entry, or null. */
  redirectTo: string | null
  checks: EntryCheck[]
  /** One paragraph: which list decided and why, which entry matched or why none did. */
  explanation: string
}

interface UrlParts {
  scheme: string
  userinfo: string | null
  host: string
  port: string | null
  path: string
  query: string | null
  fragment: string | null
}

const URL_PATTERN = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#([\s\S]*))?$/

/** Splits `scheme://authority/path?query#fragment`; null when the text is not of that form. */
function splitUrl(value: string): UrlParts | null {
  const m = URL_PATTERN.exec(value)
  if (m === null) return null
  const [, scheme = '', authority = '', path = '', query, fragment] = m
  const at = authority.lastIndexOf('@')
  const userinfo = at >= 0 ? authority.slice(0, at) : null
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority
  let host = hostPort
  let port: string | null = null
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']')
    if (close < 0) return null
    host = hostPort.slice(0, close + 1)
    const rest = hostPort.slice(close + 1)
    if (rest !== '') {
      if (!/^:\d*$/.test(rest)) return null
      port = rest.slice(1)
    }
  } else {
    const colon = hostPort.lastIndexOf(':')
    if (colon >= 0) {
      port = hostPort.slice(colon + 1)
      host = hostPort.slice(0, colon)
      if (!/^\d*$/.test(port)) return null
    }
  }
  return {
    scheme: scheme.toLowerCase(),
    userinfo,
    host,
    port,
    path,
    query: query ?? null,
    fragment: fragment ?? null,
  }
}

const isWebScheme = (scheme: string) => scheme === 'http' || scheme === 'https'

/** `https://a.com` and `https://a.com/` are the same web address; elsewhere the path is literal. */
const pathOf = (url: UrlParts) => (url.path === '' && isWebScheme(url.scheme) ? '/' : url.path)

const PLACEHOLDER = /\{custom_domain\.metadata\.([^}]*)\}/g

/**
 * Why Auth0 would refuse to save this Allowed Logout URLs entry, or null when it is acceptable.
 *
 * Rules (reference §2.5): every entry needs its scheme; `*` is a subdomain wildcard only — one per
 * URL, in the left-most label of the host, matching that label only (prefix and suffix characters
 * in the label are fine), never standing for the domain right above the top-level domain
 * (`https://*.com`), never in the path, and only with http or https. Custom-domain metadata
 * placeholders must name a `public_` key.
 */
export function entryProblem(entry: string): string | null {
  if (entry === '') return 'the entry is empty'
  if (/\s/.test(entry)) return 'the entry contains whitespace'
  if (entry.includes(','))
    return 'the entry contains a comma (the Dashboard splits entries on commas)'
  const url = splitUrl(entry)
  if (url === null) {
    return entry.startsWith('*.')
      ? `every entry needs its scheme: write "https://${entry}", not "${entry}"`
      : 'the entry is not an absolute URL of the form scheme://host/path'
  }
  for (const [, key = ''] of entry.matchAll(PLACEHOLDER)) {
    if (!key.startsWith('public_')) {
      return `the placeholder {custom_domain.metadata.${key}} must name a key starting with "public_"`
    }
  }
  if (isWebScheme(url.scheme) && url.host === '') return 'the entry has no host name'
  const stars = entry.split('*').length - 1
  if (stars === 0) return null
  if (stars > 1) return 'only one wildcard (*) is allowed per URL'
  if (!url.host.includes('*')) {
    return 'wildcards are only allowed in the host name (not in the path, query, port or user info)'
  }
  if (!isWebScheme(url.scheme)) {
    return `wildcards need an http or https URL, not ${url.scheme}://`
  }
  const labels = url.host.split('.')
  if (!(labels[0] ?? '').includes('*'))
    return 'the wildcard must be in the left-most label of the host'
  if (labels.length < 3 || labels.some((label) => label === '')) {
    return 'the wildcard cannot stand for a domain right under the top-level domain (like https://*.com)'
  }
  return null
}

/** Entries Auth0 would reject when saving this list, with reasons; empty when all are fine. */
export function validateAllowList(entries: readonly string[]): AllowListProblem[] {
  const problems: AllowListProblem[] = []
  entries.forEach((entry, index) => {
    const reason = entryProblem(entry)
    if (reason !== null) problems.push({ index, entry, reason })
    else if (index === MAX_ALLOW_LIST_ENTRIES) {
      problems.push({
        index,
        entry,
        reason: `a list holds at most ${MAX_ALLOW_LIST_ENTRIES} entries; this is number ${index + 1}`,
      })
    }
  })
  return problems
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Host comparison: case-insensitive; a `*` in the left-most label stands for exactly one label. */
function hostDifference(urlHost: string, entryHost: string): string | null {
  const host = urlHost.toLowerCase()
  const pattern = entryHost.toLowerCase()
  if (!pattern.includes('*')) {
    return host === pattern ? null : `the host differs (${urlHost} vs ${entryHost})`
  }
  const [first = '', ...rest] = pattern.split('.')
  const [urlFirst = '', ...urlRest] = host.split('.')
  if (urlRest.length !== rest.length) {
    return `the wildcard matches exactly one label, and ${urlHost} has ${urlRest.length > rest.length ? 'more' : 'fewer'} labels than ${entryHost}`
  }
  if (urlRest.join('.') !== rest.join('.')) {
    return `the host differs (${urlHost} is not under ${rest.join('.')})`
  }
  const [prefix = '', suffix = ''] = first.split('*')
  const label = new RegExp(`^${escapeRegExp(prefix)}[a-z0-9_-]+${escapeRegExp(suffix)}$`)
  return label.test(urlFirst)
    ? null
    : `the left-most label ${urlFirst} does not fit the wildcard label ${first}`
}

/**
 * Compares one return URL with one list entry under the endpoint's rules.
 *
 * Scheme and host compare case-insensitively, user info, port and path exactly (the path is
 * case-sensitive; ports are compared as written, also for wildcard entries, where Auth0's handling
 * is unconfirmed). `/v2/logout` ignores the query string and fragment of the return URL (and of
 * the entry); `/oidc/logout` compares them exactly, every parameter name and value.
 */
export function checkEntry(url: string, entry: string, endpoint: LogoutEndpoint): EntryCheck {
  const fail = (reason: string): EntryCheck => ({ entry, matched: false, reason })
  const problem = entryProblem(entry)
  if (problem !== null) return fail(`not a valid entry (${problem}), so it matches nothing`)
  const u = splitUrl(url)
  if (u === null) return fail(`${url} is not an absolute URL of the form scheme://host/path`)
  const e = splitUrl(entry)
  if (e === null) return fail('not an absolute URL')
  if (u.scheme !== e.scheme) return fail(`the scheme differs (${u.scheme} vs ${e.scheme})`)
  if (u.userinfo !== e.userinfo) return fail('the user info before @ differs')
  const host = hostDifference(u.host, e.host)
  if (host !== null) return fail(host)
  if (u.port !== e.port) {
    return fail(`the port differs (${u.port ?? 'none'} vs ${e.port ?? 'none'})`)
  }
  const path = pathOf(u)
  const entryPath = pathOf(e)
  if (path !== entryPath) {
    return fail(
      path.toLowerCase() === entryPath.toLowerCase()
        ? `the path differs in letter case (${path} vs ${entryPath}); paths compare case-sensitively`
        : `the path differs (${path} vs ${entryPath})`,
    )
  }
  if (endpoint === '/oidc/logout') {
    if ((u.query ?? '') !== (e.query ?? '')) {
      return fail(
        `the query string differs (${u.query === null ? 'none' : `?${u.query}`} vs ${e.query === null ? 'none' : `?${e.query}`}); /oidc/logout compares it exactly, every parameter name and value`,
      )
    }
    if ((u.fragment ?? '') !== (e.fragment ?? '')) return fail('the fragment differs')
    return { entry, matched: true, reason: 'matches exactly, query string included' }
  }
  const ignored = [
    u.query !== null ? 'query string' : null,
    u.fragment !== null ? 'fragment' : null,
  ]
    .filter((part) => part !== null)
    .join(' and ')
  return {
    entry,
    matched: true,
    reason:
      ignored === ''
        ? e.host.includes('*')
          ? `matches (the wildcard stands for ${u.host.split('.')[0] ?? ''})`
          : 'matches'
        : `matches once the ${ignored} of the return URL is ignored, as /v2/logout does`,
  }
}

/** Checks a URL against every entry of a list; the first matching entry wins. */
export function matchAllowList(
  url: string,
  entries: readonly string[],
  endpoint: LogoutEndpoint,
): AllowListMatch {
  const checks = entries.map((entry) => checkEntry(url, entry, endpoint))
  return { matchedEntry: checks.find((check) => check.matched)?.entry ?? null, checks }
}

const parameterOf = (endpoint: LogoutEndpoint) =>
  endpoint === '/v2/logout' ? 'returnTo' : 'post_logout_redirect_uri'

/**
 * Decides a logout redirect: which allow-list applies, whether the return URL is on it, and
 * where the browser goes.
 *
 * `/v2/logout` (reference §2.1): `client_id` → that application's list; no `client_id` → the
 * tenant list (doc conflict: the API reference wants `client_id` whenever `returnTo` is sent; we
 * follow the guide pages, which check the tenant list). `/oidc/logout` (§2.2): `id_token_hint` →
 * the list of the application in its `aud` (doc conflict: the API reference says the tenant list;
 * we follow the guide); otherwise `client_id` → application list; otherwise the tenant list.
 * Without a return URL but with `client_id`, Auth0 redirects to the first entry of the
 * application's list.
 */
export function decideLogoutRedirect(
  request: LogoutRedirectRequest,
  lists: LogoutAllowLists,
): LogoutRedirectDecision {
  const { endpoint } = request
  const returnUrl = request.returnUrl ?? null
  const clientId = request.clientId ?? null
  const aud = endpoint === '/oidc/logout' ? (request.idTokenAud ?? null) : null
  const parameter = parameterOf(endpoint)
  const listClient = aud ?? clientId
  const list = listClient === null ? 'tenant' : `client:${listClient}`
  const clientList = listClient === null ? undefined : lists.client(listClient)
  const entries = listClient === null ? lists.tenant : (clientList ?? [])
  const unknownClient =
    listClient !== null && clientList === undefined
      ? ` Application ${listClient} is not among the scenario's clients, so its list is taken as empty.`
      : ''

  if (returnUrl === null) {
    if (clientId !== null) {
      const first = entries[0]
      if (first === undefined) {
        return {
          allowed: true,
          list,
          matchedEntry: null,
          redirectTo: null,
          checks: [],
          explanation: `No ${parameter} was sent; with client_id Auth0 redirects to the first Allowed Logout URL of application ${clientId}, but that list is empty.${unknownClient} Unconfirmed: where Auth0 then sends the browser; the simulator assumes its own logged-out page (no redirect).`,
        }
      }
      return {
        allowed: true,
        list,
        matchedEntry: first,
        redirectTo: first,
        checks: [],
        explanation: `No ${parameter} was sent, so Auth0 redirects to the first Allowed Logout URL of application ${clientId}: ${first}.`,
      }
    }
    return {
      allowed: true,
      list: null,
      matchedEntry: null,
      redirectTo: null,
      checks: [],
      explanation:
        aud !== null
          ? `No ${parameter} and no client_id were sent. Unconfirmed (reference §11): Auth0 presumably shows its logout-complete page; the simulator assumes no redirect.`
          : `No ${parameter} and no client_id were sent, so no allow-list is consulted. Unconfirmed (reference §11): Auth0 presumably shows its own logged-out page; the simulator assumes no redirect.`,
    }
  }

  const why =
    aud !== null
      ? `the allow-list of application ${aud}, named by the aud of id_token_hint${clientId === null ? ' (Doc conflict: the API reference says the tenant list is used when only id_token_hint is sent; the simulator follows the logout guide, which says the application list)' : ''}`
      : clientId !== null
        ? `the allow-list of application ${clientId} (client_id was sent)`
        : endpoint === '/v2/logout'
          ? 'the tenant allow-list, because no client_id was sent (Doc conflict: the API reference marks client_id as required with returnTo; the simulator follows the guide pages, which check returnTo against the tenant list)'
          : 'the tenant allow-list, because neither id_token_hint nor client_id was sent'
  const { matchedEntry, checks } = matchAllowList(returnUrl, entries, endpoint)
  if (matchedEntry !== null) {
    const reason = checks.find((check) => check.entry === matchedEntry)?.reason ?? 'matches'
    return {
      allowed: true,
      list,
      matchedEntry,
      redirectTo: returnUrl,
      checks,
      explanation: `${parameter} ${returnUrl} was checked against ${why}: entry ${matchedEntry} ${reason}.${unknownClient}`,
    }
  }
  const reasons =
    checks.length === 0
      ? 'the list is empty'
      : checks.map((check) => `${check.entry}: ${check.reason}`).join('; ')
  return {
    allowed: false,
    list,
    matchedEntry: null,
    redirectTo: null,
    checks,
    explanation: `${parameter} ${returnUrl} was checked against ${why}, and no entry matches (${reasons}).${unknownClient}`,
  }
}
