// The offline configuration model: the part of a tenant's settings that decides sessions and
// logout (reference §5.1 tenant, §5.2 clients, §3.2 SAML connections), flattened to resources and
// fields so that diff, three-way merge, validation and the Deploy CLI formats all work on one shape.
// Pure data and functions: runs in the renderer, in main and in the CLI alike.

/** Any JSON value. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/** `tenant`, `clients` or `connections`: the Deploy CLI's resource groups. */
export type ResourceKind = 'tenant' | 'clients' | 'connections'

/**
 * One configurable thing: the tenant, an application or a connection.
 *
 * Identity is the resource key: `tenant`, `clients/<name>`, `connections/<name>` (names, as the
 * Deploy CLI identifies resources; Auth0 ids differ between tenants). Two applications of the same
 * name (Auth0 allows it) are keyed `clients/<name> (<client_id>)` each; see {@link resourceKey}.
 */
export interface ConfigResource {
  kind: ResourceKind
  /** The application or connection name; `tenant` for the tenant. */
  name: string
  /** `client_id` or connection `id` when the resource came from a tenant; absent for file imports. */
  id?: string
  /** Read-only facts shown beside the fields: `app_type` of a client, `strategy` of a connection. */
  context: Record<string, string>
  /**
   * Field path (dotted Management API path, e.g. `oidc_logout.backchannel_logout_urls`) → value in
   * the field's canonical unit (see {@link FIELD_DEFS}). An absent field is "not set".
   * A value may be a Deploy CLI keyword marker string (`@@KEY@@`, or a string holding `##KEY##`),
   * kept as written.
   */
  fields: Record<string, JsonValue>
  /**
   * Connections read from a tenant without their `options` (the client lacks
   * `read:connections_options`): the `options.*` fields are unknown, not "not set", and pushing
   * them is blocked (Auth0 replaces `options` whole, so a partial object would erase the rest).
   */
  optionsNotRead?: true
  /**
   * Connections read from a tenant: client ids of the applications enabled for it
   * (`GET /connections/{id}/clients`); absent when not read.
   */
  clients?: string[]
  /**
   * Connections: every option as read (Management API or Deploy CLI file), so that an export
   * can write the whole `options` object (Auth0 replaces it whole on a deploy). Values that are
   * secret are never kept: their keys are listed in `heldBack` instead, and such a connection's
   * options are not exported (see `deploy-format.ts`). Absent when the options were not read.
   */
  options?: Record<string, JsonValue>
  /** Option keys left out of `options` because they hold a secret (`client_secret` …). */
  heldBack?: string[]
}

/**
 * Connection option keys whose values are secrets: client secrets, private keys, passwords and
 * API tokens. A SAML connection's certificates (`signingCert`, `cert`) are public and are kept.
 */
export const SECRET_OPTION_KEY =
  /secret|password|private|signingKey|decryptionKey|token|apiKey|api_key/i

/** A connection's options split into what may be kept and the secret keys held back. */
export function splitOptions(options: Record<string, unknown>): {
  options: Record<string, JsonValue>
  heldBack: string[]
} {
  const kept: Record<string, JsonValue> = {}
  const heldBack: string[] = []
  for (const [key, value] of Object.entries(options)) {
    if (SECRET_OPTION_KEY.test(key)) heldBack.push(key)
    else if (value !== undefined) kept[key] = value as JsonValue
  }
  return { options: kept, heldBack: heldBack.sort() }
}

/** Where a configuration came from. */
export type ConfigSource =
  | { kind: 'tenant'; tenantId: string; domain: string; pulledAt: string }
  | { kind: 'file'; name: string }

/** A whole configuration: a pulled snapshot, a draft, or an imported Deploy CLI export. */
export interface TenantConfiguration {
  version: 1
  source: ConfigSource
  /** Resource key → resource. */
  resources: Record<string, ConfigResource>
}

/** How a field's value is shaped and shown. */
export type FieldType =
  'url-list' | 'backchannel-urls' | 'minutes' | 'seconds' | 'boolean' | 'enum' | 'enum-list' | 'url'

/** One configurable field. */
export interface FieldDef {
  kind: ResourceKind
  /** Dotted Management API path. */
  path: string
  label: string
  type: FieldType
  /** For `enum` and `enum-list`. */
  options?: readonly string[]
  /** Connections: the strategies this field applies to. */
  strategies?: readonly string[]
  /** One line of help shown under the field. */
  help: string
}

/** Back-channel logout initiators (reference §3.3; the SDK enum's two extra values included). */
export const BACKCHANNEL_INITIATORS = [
  'rp-logout',
  'idp-logout',
  'password-changed',
  'session-expired',
  'session-revoked',
  'account-deleted',
  'email-identifier-changed',
  'mfa-phone-unenrolled',
  'account-deactivated',
] as const

/** The tenant's four session lifetimes; canonical unit minutes, Management API unit hours. */
export const TENANT_LIFETIMES = [
  'session_lifetime',
  'idle_session_lifetime',
  'ephemeral_session_lifetime',
  'idle_ephemeral_session_lifetime',
] as const

/** Every field the console edits, in display order. */
export const FIELD_DEFS: readonly FieldDef[] = [
  {
    kind: 'tenant',
    path: 'allowed_logout_urls',
    label: 'Allowed Logout URLs',
    type: 'url-list',
    help: 'Used by /v2/logout when no client_id is sent.',
  },
  {
    kind: 'tenant',
    path: 'session_lifetime',
    label: 'Maximum session lifetime (persistent)',
    type: 'minutes',
    help: 'Require log in after this long, however active the user is.',
  },
  {
    kind: 'tenant',
    path: 'idle_session_lifetime',
    label: 'Idle session lifetime (persistent)',
    type: 'minutes',
    help: 'Require log in after this long without activity.',
  },
  {
    kind: 'tenant',
    path: 'ephemeral_session_lifetime',
    label: 'Maximum session lifetime (non-persistent)',
    type: 'minutes',
    help: 'The same for non-persistent (browser-session) cookies.',
  },
  {
    kind: 'tenant',
    path: 'idle_ephemeral_session_lifetime',
    label: 'Idle session lifetime (non-persistent)',
    type: 'minutes',
    help: 'The same for non-persistent (browser-session) cookies.',
  },
  {
    kind: 'tenant',
    path: 'sessions.oidc_logout_prompt_enabled',
    label: 'Ask users to confirm OIDC logout',
    type: 'boolean',
    help: 'Off: /oidc/logout without id_token_hint logs out without a confirmation screen.',
  },
  {
    kind: 'clients',
    path: 'allowed_logout_urls',
    label: 'Allowed Logout URLs',
    type: 'url-list',
    help: 'Where this application may send the browser after logout.',
  },
  {
    kind: 'clients',
    path: 'callbacks',
    label: 'Allowed Callback URLs',
    type: 'url-list',
    help: 'Exact-match list; the first entry is the default for SAML, WS-Fed and IdP-initiated flows.',
  },
  {
    kind: 'clients',
    path: 'web_origins',
    label: 'Allowed Web Origins',
    type: 'url-list',
    help: 'Origins allowed to use silent authentication (web_message).',
  },
  {
    kind: 'clients',
    path: 'oidc_logout.backchannel_logout_urls',
    label: 'Back-channel logout URL',
    type: 'backchannel-urls',
    help: 'One https URL that receives logout tokens; empty unsubscribes.',
  },
  {
    kind: 'clients',
    path: 'oidc_logout.backchannel_logout_initiators.mode',
    label: 'Back-channel logout initiators',
    type: 'enum',
    options: ['custom', 'all'],
    help: 'custom: the selected initiators (rp-logout and idp-logout always on); all: every initiator.',
  },
  {
    kind: 'clients',
    path: 'oidc_logout.backchannel_logout_initiators.selected_initiators',
    label: 'Selected initiators',
    type: 'enum-list',
    options: BACKCHANNEL_INITIATORS,
    help: 'Events that send a logout token when the mode is custom.',
  },
  {
    kind: 'clients',
    path: 'oidc_logout.backchannel_logout_session_metadata.include',
    label: 'Include session metadata',
    type: 'boolean',
    help: 'Adds session_metadata to logout tokens.',
  },
  {
    kind: 'clients',
    path: 'refresh_token.rotation_type',
    label: 'Refresh token rotation',
    type: 'enum',
    options: ['rotating', 'non-rotating'],
    help: 'Rotating tokens are replaced on every exchange.',
  },
  {
    kind: 'clients',
    path: 'refresh_token.expiration_type',
    label: 'Refresh token expiration',
    type: 'enum',
    options: ['expiring', 'non-expiring'],
    help: 'Non-expiring tokens live until revoked.',
  },
  {
    kind: 'clients',
    path: 'refresh_token.leeway',
    label: 'Rotation overlap (leeway)',
    type: 'seconds',
    help: 'How long a rotated token can still be exchanged.',
  },
  {
    kind: 'clients',
    path: 'refresh_token.token_lifetime',
    label: 'Refresh token absolute lifetime',
    type: 'seconds',
    help: 'Does not extend on rotation.',
  },
  {
    kind: 'clients',
    path: 'refresh_token.infinite_token_lifetime',
    label: 'No absolute lifetime',
    type: 'boolean',
    help: 'On: the absolute lifetime is ignored.',
  },
  {
    kind: 'clients',
    path: 'refresh_token.idle_token_lifetime',
    label: 'Refresh token idle lifetime',
    type: 'seconds',
    help: 'Must not exceed the absolute lifetime.',
  },
  {
    kind: 'clients',
    path: 'refresh_token.infinite_idle_token_lifetime',
    label: 'No idle lifetime',
    type: 'boolean',
    help: 'On: the idle lifetime is ignored.',
  },
  {
    kind: 'connections',
    path: 'options.signOutEndpoint',
    label: 'Sign Out URL',
    type: 'url',
    strategies: ['samlp'],
    help: 'Where Auth0 sends SAML logout requests; empty means the Sign In URL.',
  },
  {
    kind: 'connections',
    path: 'options.disableSignout',
    label: 'Disable sign out',
    type: 'boolean',
    strategies: ['samlp'],
    help: 'On: no SAML logout request is sent, the user stays signed in at the IdP.',
  },
]

/** The definition of a field, or undefined for a field the console does not model. */
export function fieldDef(kind: ResourceKind, path: string): FieldDef | undefined {
  return FIELD_DEFS.find((d) => d.kind === kind && d.path === path)
}

/** The fields of a resource kind (and, for connections, of a strategy), in display order. */
export function fieldsOf(kind: ResourceKind, strategy?: string): FieldDef[] {
  return FIELD_DEFS.filter(
    (d) =>
      d.kind === kind &&
      (d.strategies === undefined || (strategy !== undefined && d.strategies.includes(strategy))),
  )
}

/**
 * `tenant`, `clients/<name>` or `connections/<name>`.
 *
 * The key of a resource in {@link TenantConfiguration.resources} is this, except for two
 * applications (or connections) that share a name: {@link configFromManagementApi} keys each of
 * them {@link duplicateResourceKey} (`clients/<name> (<client_id>)`). Iterate over the keys of
 * `resources` rather than rebuilding keys from names.
 */
export function resourceKey(kind: ResourceKind, name: string): string {
  return kind === 'tenant' ? 'tenant' : `${kind}/${name}`
}

/**
 * Resource keys in display order: tenant, then clients, then connections, each by name (then by
 * key, so two applications of the same name keep a stable order).
 */
export function sortedResourceKeys(config: TenantConfiguration): string[] {
  const order: Record<ResourceKind, number> = { tenant: 0, clients: 1, connections: 2 }
  return Object.entries(config.resources)
    .sort(
      ([ka, a], [kb, b]) =>
        order[a.kind] - order[b.kind] || a.name.localeCompare(b.name) || ka.localeCompare(kb),
    )
    .map(([key]) => key)
}

/** A `@@KEY@@` marker standing for a whole value (Deploy CLI keyword replacement). */
export const WHOLE_VALUE_MARKER = /^@@[A-Za-z0-9_]+@@$/
/** A `##KEY##` marker inside a string (Deploy CLI keyword replacement). */
export const IN_STRING_MARKER = /##[A-Za-z0-9_]+##/

/** True when a value is or contains a Deploy CLI keyword marker (it is kept, never validated). */
export function holdsKeyword(value: JsonValue): boolean {
  if (typeof value === 'string')
    return WHOLE_VALUE_MARKER.test(value) || IN_STRING_MARKER.test(value)
  if (Array.isArray(value)) return value.some(holdsKeyword)
  return false
}

/** Deep equality of JSON values (object key order ignored, array order kept). */
export function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true
  if (a === undefined || b === undefined || a === null || b === null) return false
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameValue(item, b[i]))
    )
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a)
    return (
      keys.length === Object.keys(b).length &&
      keys.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]))
    )
  }
  return false
}

/** The value at a dotted path of a JSON object, or undefined. */
export function readPath(root: unknown, path: string): JsonValue | undefined {
  let node: unknown = root
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined
    if (!Object.hasOwn(node, key)) return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node === undefined ? undefined : (node as JsonValue)
}

/** Sets the value at a dotted path, creating objects on the way (mutates `root`). */
export function writePath(root: Record<string, JsonValue>, path: string, value: JsonValue): void {
  const keys = path.split('.')
  let node: Record<string, JsonValue> = root
  keys.slice(0, -1).forEach((key) => {
    const next = node[key]
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {}
    node = node[key] as Record<string, JsonValue>
  })
  node[keys[keys.length - 1] as string] = value
}

/** The Management API JSON a pull reads (reference §5). */
export interface ManagementConfigInput {
  settings: Record<string, unknown>
  clients: readonly Record<string, unknown>[]
  connections: readonly Record<string, unknown>[]
  /** Connection id → client ids enabled for it (`GET /connections/{id}/clients`), where read. */
  connectionClients?: ReadonlyMap<string, readonly string[]>
}

const HOURS_TO_MINUTES = 60

/**
 * A lifetime in minutes from tenant settings: the `_in_minutes` field when present (it wins),
 * else the hour field × 60 (rounded to whole minutes), else undefined.
 */
export function lifetimeMinutes(
  settings: Record<string, unknown>,
  name: string,
): number | undefined {
  const minutes = settings[`${name}_in_minutes`]
  if (typeof minutes === 'number' && Number.isFinite(minutes)) return minutes
  const hours = settings[name]
  if (typeof hours === 'number' && Number.isFinite(hours)) {
    return Math.round(hours * HOURS_TO_MINUTES)
  }
  return undefined
}

const isJson = (value: unknown): value is JsonValue => value !== undefined

/** The path of an object above `path` written as a whole-value keyword marker, or undefined. */
function markerParent(raw: Record<string, unknown>, path: string): string | undefined {
  const keys = path.split('.')
  for (let i = 1; i < keys.length; i++) {
    const parent = keys.slice(0, i).join('.')
    const value = readPath(raw, parent)
    if (typeof value === 'string' && WHOLE_VALUE_MARKER.test(value)) return parent
  }
  return undefined
}

/** Copies the modelled fields of one raw Management API / Deploy CLI object. */
function pickFields(
  kind: ResourceKind,
  raw: Record<string, unknown>,
  strategy?: string,
): Record<string, JsonValue> {
  const fields: Record<string, JsonValue> = {}
  for (const def of fieldsOf(kind, strategy)) {
    if (kind === 'tenant' && def.type === 'minutes') {
      const minutes = lifetimeMinutes(raw, def.path)
      const raw1 = raw[def.path] ?? raw[`${def.path}_in_minutes`]
      if (minutes !== undefined) fields[def.path] = minutes
      else if (typeof raw1 === 'string') fields[def.path] = raw1 // a keyword marker
      continue
    }
    const value = readPath(raw, def.path)
    if (isJson(value)) {
      fields[def.path] = value
      continue
    }
    // A Deploy CLI file may replace a whole object by a keyword (`refresh_token: '@@RT@@'`): keep
    // the marker under the object's path, so that it is compared, blocked from a push and written
    // back as it came, rather than dropped.
    const parent = markerParent(raw, def.path)
    if (parent !== undefined) fields[parent] = readPath(raw, parent) as JsonValue
  }
  return fields
}

/** A name (or id) as written, or '' when it is not text (a nameless resource is left out). */
const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/** A resource from a raw client object (Management API or Deploy CLI). */
export function clientResource(raw: Record<string, unknown>): ConfigResource {
  const name = text(raw.name) || text(raw.client_id)
  return {
    kind: 'clients',
    name,
    ...(typeof raw.client_id === 'string' && { id: raw.client_id }),
    context: typeof raw.app_type === 'string' ? { app_type: raw.app_type } : {},
    fields: pickFields('clients', raw),
  }
}

/**
 * A resource from a raw connection object (Management API or Deploy CLI). From the Management API
 * (`source: 'api'`) a connection without an `options` object was read without
 * `read:connections_options`: it is marked `optionsNotRead`. `clients` are the client ids read
 * through `GET /connections/{id}/clients`, when they were.
 */
export function connectionResource(
  raw: Record<string, unknown>,
  source: 'api' | 'file' = 'file',
  clients?: readonly string[],
): ConfigResource {
  const strategy = typeof raw.strategy === 'string' ? raw.strategy : ''
  const options = raw.options
  const unread =
    source === 'api' && (options === null || typeof options !== 'object' || Array.isArray(options))
  const read =
    options !== null && typeof options === 'object' && !Array.isArray(options)
      ? splitOptions(options as Record<string, unknown>)
      : undefined
  return {
    kind: 'connections',
    name: text(raw.name),
    ...(typeof raw.id === 'string' && { id: raw.id }),
    context: { strategy },
    fields: pickFields('connections', raw, strategy),
    ...(unread && { optionsNotRead: true as const }),
    ...(clients !== undefined && { clients: [...clients] }),
    ...(read !== undefined && { options: read.options }),
    ...(read !== undefined && read.heldBack.length > 0 && { heldBack: read.heldBack }),
  }
}

/** Connections whose options were not read: the scope to grant, and what is blocked meanwhile. */
export function optionsNotReadNotice(config: TenantConfiguration): string | null {
  const names = Object.values(config.resources)
    .filter((r) => r.kind === 'connections' && r.optionsNotRead === true)
    .map((r) => r.name)
    .sort()
  if (names.length === 0) return null
  const list =
    names.length > 5
      ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`
      : names.join(', ')
  return `Connection options were not read (the tenant's client lacks the read:connections_options scope): ${list}. Their options (Sign Out URL, Disable sign out) are unknown, and a push that changes them is blocked.`
}

/** The tenant resource from raw tenant settings (Management API or Deploy CLI `tenant`). */
export function tenantResource(raw: Record<string, unknown>): ConfigResource {
  return {
    kind: 'tenant',
    name: 'tenant',
    context: typeof raw.friendly_name === 'string' ? { friendly_name: raw.friendly_name } : {},
    fields: pickFields('tenant', raw),
  }
}

/** The configuration model of a tenant, from what the Management API answered. */
export function configFromManagementApi(
  input: ManagementConfigInput,
  source: ConfigSource,
): TenantConfiguration {
  const resources: Record<string, ConfigResource> = { tenant: tenantResource(input.settings) }
  // The Management API client itself and other machine-to-machine apps have no logout settings
  // worth editing, but they are kept: a Deploy CLI export lists them too.
  addKeyed(resources, 'clients', input.clients.map(clientResource))
  addKeyed(
    resources,
    'connections',
    input.connections.map((raw) =>
      connectionResource(
        raw,
        'api',
        typeof raw.id === 'string' ? input.connectionClients?.get(raw.id) : undefined,
      ),
    ),
  )
  return { version: 1, source, resources }
}

/**
 * The key of a resource whose name another resource of the same kind also has:
 * `clients/<name> (<id>)`, or `clients/<name> (#<n>)` when it has no id.
 */
export function duplicateResourceKey(
  kind: ResourceKind,
  name: string,
  id: string | undefined,
  position: number,
): string {
  return `${resourceKey(kind, name)} (${id ?? `#${position}`})`
}

/**
 * Adds resources under their keys. Auth0 allows two applications with the same name; rather than
 * drop one, every resource whose name is shared gets {@link duplicateResourceKey} (all of them, not
 * just the second, so the keys do not depend on the order the API listed them in). Nameless
 * resources are left out.
 */
function addKeyed(
  resources: Record<string, ConfigResource>,
  kind: ResourceKind,
  list: readonly ConfigResource[],
): void {
  const named = list.filter((r) => r.name !== '')
  const count = new Map<string, number>()
  for (const r of named) count.set(r.name, (count.get(r.name) ?? 0) + 1)
  const seen = new Map<string, number>()
  for (const r of named) {
    const position = (seen.get(r.name) ?? 0) + 1
    seen.set(r.name, position)
    let key =
      (count.get(r.name) ?? 0) > 1
        ? duplicateResourceKey(kind, r.name, r.id, position)
        : resourceKey(kind, r.name)
    // Two copies with the same id as well (a malformed answer): still keep both.
    for (let n = 2; Object.hasOwn(resources, key); n++) key = `${resourceKey(kind, r.name)} (#${n})`
    resources[key] = r
  }
}
