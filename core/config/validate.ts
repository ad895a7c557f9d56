import type { PlanTier } from '../auth0/types'
import { entryProblem, MAX_ALLOW_LIST_ENTRIES } from '../simulation/allow-list'
import {
  fieldDef,
  holdsKeyword,
  resourceKey,
  sortedResourceKeys,
  type ConfigResource,
  type FieldDef,
  type JsonValue,
  type ResourceKind,
  type TenantConfiguration,
} from './model'
import { formatMinutes, formatSeconds } from './units'

// Validation of a configuration as Auth0 applies it when the settings are saved: URL lists and
// wildcards (reference §2.5), back-channel logout URLs and initiators (§3.3), tenant session
// lifetimes per plan (§5.1), refresh-token lifetimes (§5.2), the SAML Sign Out URL (§3.2). Values
// come from files too, so every value is checked for its JSON type first: a hostile import gives
// an error, never an exception. Values holding a Deploy CLI keyword are resolved at deploy time and
// not checked here.

/** A value Auth0 would refuse (`error`) or that probably does not do what was meant (`warning`). */
export interface ConfigProblem {
  /** Resource key: `tenant`, `clients/<name>`, `connections/<name>`. */
  resource: string
  /** Dotted field path. */
  field: string
  /** The list entry concerned, for list fields. */
  index?: number
  severity: 'error' | 'warning'
  /** One plain sentence (or two). */
  message: string
}

/** Longest tenant session lifetimes in minutes (§5.1); the same for non-persistent sessions. */
export const SESSION_LIFETIME_LIMITS = {
  selfService: { idle: 4_320, absolute: 43_200 },
  enterprise: { idle: 144_000, absolute: 525_600 },
} as const

/** Longest refresh-token lifetime in seconds, absolute and idle (§5.2): 365.25 days. */
export const MAX_REFRESH_TOKEN_SECONDS = 31_557_600

/** Auth0's own domains, which a back-channel logout URL must not point at (§3.3). */
export const AUTH0_DOMAINS: readonly string[] = [
  'auth0.com',
  'auth0app.com',
  'webtask.io',
  'webtask.run',
]

const PLAN_NAMES: Record<PlanTier, string> = {
  free: 'the Free plan',
  essentials: 'the Essentials plan',
  'enterprise-production': 'Enterprise plans',
  'enterprise-non-production': 'Enterprise plans',
}

const isEnterprise = (plan: PlanTier) => plan.startsWith('enterprise')

/** The idle lifetime that goes with an absolute one, per tenant and refresh-token pair. */
const IDLE_OF: Record<string, string> = {
  session_lifetime: 'idle_session_lifetime',
  ephemeral_session_lifetime: 'idle_ephemeral_session_lifetime',
  'refresh_token.token_lifetime': 'refresh_token.idle_token_lifetime',
}
const ABSOLUTE_OF: Record<string, string> = Object.fromEntries(
  Object.entries(IDLE_OF).map(([absolute, idle]) => [idle, absolute]),
)

/** How a JSON value reads in a message: `a number`, `a list`, `text`… */
export function describeJsonType(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string') return 'text'
  if (typeof value === 'boolean') return 'true/false'
  return 'a number'
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const ORIGIN =
  /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^/?#:]*)(?::\d*)?([\s\S]*)$/

/**
 * Scheme and host (both lower case) of an absolute URL as written, and what follows the port;
 * null when the text is not `scheme://host…`. Works on allow-list entries with `*` too.
 */
export function urlParts(url: string): { scheme: string; host: string; rest: string } | null {
  const m = ORIGIN.exec(url)
  if (m === null) return null
  return {
    scheme: (m[1] ?? '').toLowerCase(),
    host: (m[2] ?? '').toLowerCase(),
    rest: m[3] ?? '',
  }
}

/** localhost, `*.localhost`, 127.x.x.x or [::1]: reachable from the same machine only. */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '')
  return (
    h === 'localhost' || h.endsWith('.localhost') || h === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(h)
  )
}

// ---------------------------------------------------------------------------------------------
// IP addresses

/** IPv4 blocks that are not public internet addresses: [first octets, prefix bits, kind]. */
const IPV4_SPECIAL: readonly [number[], number, string][] = [
  [[0], 8, 'a reserved ("this network")'],
  [[10], 8, 'a private'],
  [[100, 64], 10, 'a shared (carrier-grade NAT)'],
  [[127], 8, 'a loopback'],
  [[169, 254], 16, 'a link-local'],
  [[172, 16], 12, 'a private'],
  [[192, 0, 0], 24, 'a reserved (IETF protocol)'],
  [[192, 0, 2], 24, 'a reserved (documentation)'],
  [[192, 88, 99], 24, 'a reserved (relay)'],
  [[192, 168], 16, 'a private'],
  [[198, 18], 15, 'a reserved (benchmarking)'],
  [[198, 51, 100], 24, 'a reserved (documentation)'],
  [[203, 0, 113], 24, 'a reserved (documentation)'],
  [[224], 4, 'a multicast'],
  [[240], 4, 'a reserved'],
]

const ipv4Number = (octets: readonly number[]) => octets.reduce((n, octet) => n * 256 + octet, 0)

function ipv4Kind(octets: readonly number[]): string | null {
  const value = ipv4Number(octets)
  for (const [prefix, bits, kind] of IPV4_SPECIAL) {
    const padded = [...prefix, 0, 0, 0, 0].slice(0, 4)
    const size = 2 ** (32 - bits)
    const start = Math.floor(ipv4Number(padded) / size) * size
    if (value >= start && value < start + size) return kind
  }
  return null
}

/** Eight 16-bit groups of an IPv6 address (without brackets), or null. */
function ipv6Groups(text: string): number[] | null {
  let address = text
  const tail: number[] = []
  const v4 = /:(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address)
  if (v4 !== null) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number]
    tail.push(a * 256 + b, c * 256 + d)
    address = `${address.slice(0, v4.index)}:`
    if (address.endsWith('::')) address = `${address}0`
    else address = address.slice(0, -1)
  }
  const halves = address.split('::')
  if (halves.length > 2) return null
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)))
  const head = parse(halves[0] ?? '')
  const rest = halves.length === 2 ? parse(halves[1] ?? '') : []
  const missing = 8 - tail.length - head.length - rest.length
  if (halves.length === 1 ? missing !== 0 : missing < 0) return null
  const groups = [...head, ...new Array<number>(missing).fill(0), ...rest, ...tail]
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null
}

function ipv6Kind(groups: readonly number[]): string | null {
  const [g0 = 0, g1 = 0, , , , g5 = 0, g6 = 0, g7 = 0] = groups
  const zeroUntil = (n: number) => groups.slice(0, n).every((g) => g === 0)
  if (zeroUntil(8)) return 'an unspecified'
  if (zeroUntil(7) && g7 === 1) return 'a loopback'
  const embedded = [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff]
  if (zeroUntil(5) && g5 === 0xffff) return ipv4Kind(embedded) // IPv4-mapped
  if (g0 === 0x64 && g1 === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) {
    return ipv4Kind(embedded) // NAT64
  }
  if (zeroUntil(6)) return 'a reserved (IPv4-compatible)'
  if ((g0 & 0xfe00) === 0xfc00) return 'a private (unique local)'
  if ((g0 & 0xffc0) === 0xfe80) return 'a link-local'
  if ((g0 & 0xffc0) === 0xfec0) return 'a reserved (site-local)'
  if ((g0 & 0xff00) === 0xff00) return 'a multicast'
  if (g0 === 0x2001 && g1 === 0x0db8) return 'a reserved (documentation)'
  if (g0 === 0x0100 && groups.slice(1, 4).every((g) => g === 0)) return 'a reserved (discard)'
  return null
}

/**
 * For a raw IP address host (`10.0.0.1`, `[fe80::1]`): whether it is public, and if not what kind
 * of address it is (`a private`, `a loopback`…). null when the host is a name, not an address.
 */
export function ipAddressKind(host: string): { public: boolean; kind: string } | null {
  const h = host.toLowerCase()
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h)
  if (v4 !== null) {
    const octets = v4.slice(1).map(Number)
    if (octets.some((o) => o > 255)) return null
    const kind = ipv4Kind(octets)
    return kind === null ? { public: true, kind: 'a public' } : { public: false, kind }
  }
  if (h.startsWith('[') && h.endsWith(']')) {
    const groups = ipv6Groups(h.slice(1, -1).replace(/%.*$/, ''))
    if (groups === null) return null
    const kind = ipv6Kind(groups)
    return kind === null ? { public: true, kind: 'a public' } : { public: false, kind }
  }
  return null
}

// ---------------------------------------------------------------------------------------------
// Back-channel logout URLs

/**
 * Why Auth0 would refuse this back-channel logout URL (§3.3), or null: it must be one exact
 * absolute https URL without a fragment, not on an Auth0 domain, and reachable from the internet
 * (no localhost, no loopback, private, link-local or reserved address).
 */
export function backchannelUrlProblem(url: string): string | null {
  if (url.trim() === '') return 'The back-channel logout URL is empty.'
  if (/\s/.test(url)) return 'The back-channel logout URL contains spaces.'
  if (url.includes('*')) {
    return 'The back-channel logout URL must be one exact URL; wildcards are not allowed.'
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return `${url} is not an absolute URL; write it like https://app.example.com/backchannel-logout.`
  }
  if (parsed.protocol !== 'https:') {
    return `Back-channel logout URLs must use https, not ${parsed.protocol}//.`
  }
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '')
  if (host === '') return 'The back-channel logout URL has no host name.'
  if (url.includes('#')) return 'A back-channel logout URL must not contain a fragment (#…).'
  const auth0 = AUTH0_DOMAINS.find((d) => host === d || host.endsWith(`.${d}`))
  if (auth0 !== undefined) {
    return `Back-channel logout URLs cannot point at an Auth0 domain (${auth0}); use your application's own server.`
  }
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return 'The back-channel logout URL points at localhost; Auth0 must reach it over the internet.'
  }
  // The URL parser normalises shorthand and hex forms (https://0x7f.1) to dotted decimal.
  const ip = ipAddressKind(host)
  if (ip !== null && !ip.public) {
    return `The back-channel logout URL points at ${host}, ${ip.kind} address; Auth0 only calls public addresses.`
  }
  return null
}

// ---------------------------------------------------------------------------------------------
// Fields

type Emit = (severity: ConfigProblem['severity'], message: string, index?: number) => void

const listOf = (def: FieldDef) =>
  def.type === 'backchannel-urls'
    ? 'a list with one URL'
    : def.type === 'enum-list'
      ? 'a list of names'
      : 'a list of URLs'

function checkStringList(
  def: FieldDef,
  value: JsonValue,
  emit: Emit,
): { index: number; entry: string }[] | null {
  if (!Array.isArray(value)) {
    emit(
      'error',
      `${def.label} must be ${listOf(def)}, but the value is ${describeJsonType(value)}.`,
    )
    return null
  }
  const entries: { index: number; entry: string }[] = []
  value.forEach((entry, index) => {
    if (typeof entry !== 'string') {
      emit('error', `Entry ${index + 1} must be text, but it is ${describeJsonType(entry)}.`, index)
    } else if (holdsKeyword(entry)) {
      emit('warning', keywordMessage(`Entry ${index + 1}`), index)
    } else {
      entries.push({ index, entry })
    }
  })
  return entries
}

const keywordMessage = (what: string) =>
  `${what} holds a Deploy CLI keyword (##KEY## or @@KEY@@); it is resolved at deploy time, so it is not checked here.`

function checkUrlList(def: FieldDef, value: JsonValue, emit: Emit): void {
  const entries = checkStringList(def, value, emit)
  if (entries === null) return
  const list = value as JsonValue[]
  if (list.length > MAX_ALLOW_LIST_ENTRIES) {
    // The 100-entry limit is documented for logout URLs and web origins (reference §2.5); for
    // callbacks it is not, so there it is a warning, not a reason to refuse the push.
    if (def.path.endsWith('callbacks')) {
      emit(
        'warning',
        `${def.label} holds ${list.length} entries; Auth0 documents at most ${MAX_ALLOW_LIST_ENTRIES} for logout URLs and web origins, and may refuse this too.`,
      )
    } else {
      emit(
        'error',
        `${def.label} holds ${list.length} entries; Auth0 accepts at most ${MAX_ALLOW_LIST_ENTRIES}.`,
      )
    }
  }
  const seen = new Map<string, number>()
  for (const { index, entry } of entries) {
    const problem = entryProblem(entry)
    if (problem !== null) {
      emit('error', `Entry ${index + 1} (${entry}) is not accepted: ${problem}.`, index)
      continue
    }
    const first = seen.get(entry)
    if (first !== undefined) {
      emit('warning', `Entry ${index + 1} repeats entry ${first + 1} (${entry}).`, index)
    } else {
      seen.set(entry, index)
    }
    if (def.path === 'web_origins') {
      const rest = urlParts(entry)?.rest ?? ''
      if (rest !== '' && rest !== '/') {
        emit(
          'warning',
          `Entry ${index + 1} (${entry}) has a path, query or fragment; web origins are only scheme, host and port, so paths are ignored.`,
          index,
        )
      }
    }
  }
}

function checkBackchannelUrls(
  def: FieldDef,
  value: JsonValue,
  plan: PlanTier | null,
  emit: Emit,
): void {
  const entries = checkStringList(def, value, emit)
  if (entries === null) return
  const list = value as JsonValue[]
  if (list.length > 1) {
    emit(
      'error',
      `Auth0 accepts only one back-channel logout URL per application; this list holds ${list.length}.`,
    )
  }
  for (const { index, entry } of entries) {
    const problem = backchannelUrlProblem(entry)
    if (problem !== null) {
      emit('error', problem, index)
      continue
    }
    if (ipAddressKind(new URL(entry).hostname) !== null) {
      emit(
        'warning',
        'Auth0 discourages raw IP addresses for back-channel logout; use a host name.',
        index,
      )
    }
  }
  if (list.length > 0 && plan !== null && !isEnterprise(plan)) {
    emit(
      'warning',
      `Back-channel logout is available on Enterprise plans only; on ${PLAN_NAMES[plan]} Auth0 sends no logout tokens.`,
    )
  }
}

function checkEnum(def: FieldDef, value: JsonValue, emit: Emit): void {
  const options = def.options ?? []
  if (typeof value !== 'string' || !options.includes(value)) {
    const shown = typeof value === 'string' ? `"${value}"` : describeJsonType(value)
    emit('error', `${def.label} must be one of ${options.join(', ')}; the value is ${shown}.`)
  }
}

function checkEnumList(def: FieldDef, value: JsonValue, emit: Emit): void {
  const entries = checkStringList(def, value, emit)
  if (entries === null) return
  const options = def.options ?? []
  const seen = new Map<string, number>()
  for (const { index, entry } of entries) {
    if (!options.includes(entry)) {
      emit('error', `"${entry}" is not one Auth0 knows; choose from ${options.join(', ')}.`, index)
      continue
    }
    const first = seen.get(entry)
    if (first !== undefined) {
      emit('error', `"${entry}" is listed twice (entries ${first + 1} and ${index + 1}).`, index)
    } else {
      seen.set(entry, index)
    }
  }
}

/** A finite number of the resource's other field, or undefined (absent, keyword, wrong type). */
function numberField(resource: ConfigResource, path: string): number | undefined {
  const value = isRecord(resource.fields) ? resource.fields[path] : undefined
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

function checkMinutes(
  def: FieldDef,
  value: JsonValue,
  resource: ConfigResource,
  plan: PlanTier | null,
  emit: Emit,
): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    emit(
      'error',
      `${def.label} must be a number of minutes, but the value is ${describeJsonType(value)}.`,
    )
    return
  }
  if (!Number.isInteger(value) || value < 1) {
    emit(
      'error',
      `${def.label} must be a whole number of minutes, at least 1; the value is ${value}.`,
    )
    return
  }
  const idle = def.path.startsWith('idle_')
  const which = idle ? 'idle' : 'absolute'
  const enterpriseMax = SESSION_LIFETIME_LIMITS.enterprise[which]
  const selfServiceMax = SESSION_LIFETIME_LIMITS.selfService[which]
  const limit = (minutes: number) =>
    `${formatMinutes(minutes)} (${minutes.toLocaleString('en-US')} minutes)`
  const max = plan === null || isEnterprise(plan) ? enterpriseMax : selfServiceMax
  if (value > max) {
    const allows =
      plan === null
        ? 'any plan allows'
        : isEnterprise(plan)
          ? 'Enterprise plans allow'
          : `${PLAN_NAMES[plan]} allows`
    emit(
      'error',
      `${formatMinutes(value)} is longer than the ${limit(max)} ${allows}; Auth0 would silently cap it.`,
    )
  } else if (plan === null && value > selfServiceMax) {
    emit(
      'warning',
      `The limits depend on the plan: longer than ${limit(selfServiceMax)} is only possible on Enterprise plans, and the tenant's plan is not known.`,
    )
  }
  const absolutePath = ABSOLUTE_OF[def.path]
  const absolute = absolutePath === undefined ? undefined : numberField(resource, absolutePath)
  if (absolute !== undefined && value > absolute) {
    emit(
      'warning',
      `The idle lifetime (${formatMinutes(value)}) is longer than the maximum lifetime (${formatMinutes(absolute)}), so it never applies: sessions end after ${formatMinutes(absolute)} however active the user is.`,
    )
  }
}

function checkSeconds(def: FieldDef, value: JsonValue, resource: ConfigResource, emit: Emit): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    emit(
      'error',
      `${def.label} must be a number of seconds, but the value is ${describeJsonType(value)}.`,
    )
    return
  }
  if (def.path === 'refresh_token.leeway') {
    if (!Number.isInteger(value) || value < 0) {
      emit(
        'error',
        `${def.label} must be a whole number of seconds, 0 or more; the value is ${value}.`,
      )
    }
    return
  }
  if (!Number.isInteger(value) || value < 1 || value > MAX_REFRESH_TOKEN_SECONDS) {
    emit(
      'error',
      `${def.label} must be a whole number of seconds from 1 to ${MAX_REFRESH_TOKEN_SECONDS.toLocaleString('en-US')} (${formatSeconds(MAX_REFRESH_TOKEN_SECONDS)}); the value is ${value.toLocaleString('en-US')}.`,
    )
    return
  }
  const absolutePath = ABSOLUTE_OF[def.path]
  if (absolutePath === undefined) return
  const fields = isRecord(resource.fields) ? resource.fields : {}
  const absolute = numberField(resource, absolutePath)
  const finite =
    fields['refresh_token.infinite_token_lifetime'] !== true &&
    fields['refresh_token.infinite_idle_token_lifetime'] !== true &&
    fields['refresh_token.expiration_type'] !== 'non-expiring'
  if (finite && absolute !== undefined && value > absolute) {
    emit(
      'error',
      `The idle lifetime (${formatSeconds(value)}) must not be longer than the absolute lifetime (${formatSeconds(absolute)}); Auth0 refuses this combination.`,
    )
  }
}

function checkSignOutUrl(def: FieldDef, value: JsonValue, emit: Emit): void {
  if (typeof value !== 'string') {
    emit(
      'error',
      `${def.label} must be a URL or empty, but the value is ${describeJsonType(value)}.`,
    )
    return
  }
  if (value === '') return
  const parts = urlParts(value)
  if (
    parts === null ||
    (parts.scheme !== 'http' && parts.scheme !== 'https') ||
    parts.host === ''
  ) {
    emit(
      'error',
      `${def.label} must be empty (Auth0 then uses the Sign In URL) or an absolute http or https URL, like https://idp.example.com/slo.`,
    )
  } else if (/\s/.test(value)) {
    emit('error', `${def.label} contains spaces.`)
  }
}

/**
 * The problems of one field's value (`null`: not set, which is always fine), as Auth0 would see
 * them when the settings are saved.
 *
 * Checks that involve two fields (an idle lifetime longer than the absolute one) are reported on
 * the idle field only, reading the other from `resource`. `key` is the resource's key in the
 * configuration; by default the one its kind and name give.
 */
export function validateField(
  resource: ConfigResource,
  field: string,
  value: JsonValue | null,
  plan: PlanTier | null,
  key: string = resourceKey(resource.kind, resource.name),
): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const emit: Emit = (severity, message, index) =>
    problems.push({
      resource: key,
      field,
      ...(index !== undefined && { index }),
      severity,
      message,
    })
  const def = fieldDef(resource.kind, field)
  if (def === undefined || value === null || value === undefined) return problems
  if (holdsKeyword(value) && !Array.isArray(value)) {
    emit('warning', keywordMessage('This value'))
    return problems
  }
  switch (def.type) {
    case 'url-list':
      checkUrlList(def, value, emit)
      break
    case 'backchannel-urls':
      checkBackchannelUrls(def, value, plan, emit)
      break
    case 'enum':
      checkEnum(def, value, emit)
      break
    case 'enum-list':
      checkEnumList(def, value, emit)
      break
    case 'minutes':
      checkMinutes(def, value, resource, plan, emit)
      break
    case 'seconds':
      checkSeconds(def, value, resource, emit)
      break
    case 'boolean':
      if (typeof value !== 'boolean') {
        emit(
          'error',
          `${def.label} must be on or off (true or false), but the value is ${describeJsonType(value)}.`,
        )
      }
      break
    case 'url':
      checkSignOutUrl(def, value, emit)
      break
  }
  if (field === INITIATORS_MODE || field === SELECTED_INITIATORS) {
    checkInitiators(field, value, resource, emit)
  }
  return problems
}

const INITIATORS_MODE = 'oidc_logout.backchannel_logout_initiators.mode'
const SELECTED_INITIATORS = 'oidc_logout.backchannel_logout_initiators.selected_initiators'
/** The initiators Auth0 requires in `custom` mode (reference §12, back-channel initiators). */
export const REQUIRED_INITIATORS = ['rp-logout', 'idp-logout'] as const

/**
 * In `custom` mode Auth0 requires `selected_initiators`, holding `rp-logout` and `idp-logout`;
 * it refuses the change otherwise. Reported on the mode when the list is missing, on the list
 * when it lacks one of them.
 */
function checkInitiators(
  field: string,
  value: JsonValue,
  resource: ConfigResource,
  emit: Emit,
): void {
  const mode = field === INITIATORS_MODE ? value : resource.fields[INITIATORS_MODE]
  if (mode !== 'custom') return
  const selected = field === SELECTED_INITIATORS ? value : resource.fields[SELECTED_INITIATORS]
  if (!Array.isArray(selected)) {
    if (field === INITIATORS_MODE) {
      emit(
        'error',
        'In custom mode Auth0 needs the selected initiators, including rp-logout and idp-logout: choose them, or use all.',
      )
    }
    return
  }
  if (field !== SELECTED_INITIATORS) return
  const missing = REQUIRED_INITIATORS.filter((i) => !selected.includes(i))
  if (missing.length > 0) {
    emit(
      'error',
      `In custom mode the selected initiators must include ${REQUIRED_INITIATORS.join(' and ')}; ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing. Auth0 refuses the change otherwise.`,
    )
  }
}

const KINDS: readonly ResourceKind[] = ['tenant', 'clients', 'connections']

/**
 * The resources of a configuration that have the model's shape, keys in display order, and the
 * keys of those that do not (a hostile or damaged file), so that callers never throw on them.
 */
export function wellFormedResources(config: TenantConfiguration): {
  keys: string[]
  resources: Record<string, ConfigResource>
  malformed: string[]
} {
  const resources: Record<string, ConfigResource> = {}
  const malformed: string[] = []
  const all: Record<string, unknown> = isRecord(config.resources) ? config.resources : {}
  for (const [key, resource] of Object.entries(all)) {
    if (
      isRecord(resource) &&
      KINDS.includes(resource.kind as ResourceKind) &&
      typeof resource.name === 'string' &&
      isRecord(resource.fields)
    ) {
      resources[key] = resource as unknown as ConfigResource
    } else {
      malformed.push(key)
    }
  }
  return { keys: sortedResourceKeys({ ...config, resources }), resources, malformed }
}

/**
 * Every problem of a configuration, resources in display order and fields in the order they are
 * stored. Malformed resources (from a hostile file) are reported, not thrown on.
 */
export function validateConfig(
  config: TenantConfiguration,
  plan: PlanTier | null,
): ConfigProblem[] {
  if (!isRecord(config) || !isRecord(config.resources)) {
    return [
      {
        resource: '',
        field: '',
        severity: 'error',
        message: 'The configuration holds no resources.',
      },
    ]
  }
  const problems: ConfigProblem[] = []
  const { keys, resources, malformed } = wellFormedResources(config)
  for (const key of malformed) {
    problems.push({
      resource: key,
      field: '',
      severity: 'error',
      message: `${key} is not a tenant, application or connection with fields; it cannot be checked or pushed.`,
    })
  }
  for (const key of keys) {
    const resource = resources[key] as ConfigResource
    for (const [field, value] of Object.entries(resource.fields)) {
      problems.push(...validateField(resource, field, value, plan, key))
    }
  }
  return problems
}

/** True when any problem is an error (a push is refused while one remains). */
export function hasErrors(problems: readonly ConfigProblem[]): boolean {
  return problems.some((p) => p.severity === 'error')
}
