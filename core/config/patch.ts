import { AppFailure } from '../result'
import { fieldDef, TENANT_LIFETIMES, writePath, type JsonValue, type ResourceKind } from './model'

// The Management API PATCH bodies of a configuration push: only the fields that changed, shaped
// the way each endpoint wants them (reference §5). Pure: the live objects come in as arguments.
//
// - Tenant (`PATCH /tenants/settings`): lifetimes as `<name>_in_minutes` (the model's unit), never
//   together with the hour field; `sessions.*` as `{sessions: {…}}` (merged by Auth0).
// - Client (`PATCH /clients/{id}`): lists top-level; any `refresh_token.*` change sends the whole
//   `refresh_token` object (live merged with the changes; Auth0 requires `rotation_type` and
//   `expiration_type` whenever it is sent); any `oidc_logout.*` change sends the merged
//   `oidc_logout` object.
// - Connection (`PATCH /connections/{id}`): a sent `options` object REPLACES the whole options
//   object, so `options.*` changes are sent as `{options: {...liveOptions, ...changes}}` — every
//   option as read live (secrets included, they go back unchanged and never leave main), with the
//   changed keys changed.

/** One field to send: its model path and the draft value (null = not set). */
export interface FieldChange {
  field: string
  value: JsonValue | null
}

type Json = Record<string, JsonValue>

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/** A deep copy of a JSON-like object (live objects are never mutated). */
const copy = (value: unknown): Json =>
  isObject(value) ? (JSON.parse(JSON.stringify(value)) as Json) : {}

/** "Not set" for a field: an empty list for list fields, null otherwise. */
const unsetValue = (kind: ResourceKind, field: string): JsonValue => {
  const type = fieldDef(kind, field)?.type
  return type === 'url-list' || type === 'backchannel-urls' || type === 'enum-list' ? [] : null
}

/** Removes the value at a dotted path (no-op when absent). */
const deletePath = (root: Json, path: string): void => {
  const keys = path.split('.')
  let node: unknown = root
  for (const key of keys.slice(0, -1)) {
    if (!isObject(node) || !Object.hasOwn(node, key)) return
    node = node[key]
  }
  if (isObject(node)) delete node[keys[keys.length - 1] as string]
}

/** Applies changes under `prefix.` to a copy of `live`, removing fields set to null. */
const mergeUnder = (
  kind: ResourceKind,
  live: unknown,
  prefix: string,
  changes: readonly FieldChange[],
): Json => {
  const merged = copy(live)
  for (const { field, value } of changes) {
    const rest = field.slice(prefix.length + 1)
    const empty = unsetValue(kind, field)
    if (value === null && empty === null) deletePath(merged, rest)
    else writePath(merged, rest, value ?? empty)
  }
  return merged
}

const under = (changes: readonly FieldChange[], prefix: string) =>
  changes.filter((c) => c.field.startsWith(`${prefix}.`))

const outside = (changes: readonly FieldChange[], ...prefixes: string[]) =>
  changes.filter((c) => !prefixes.some((p) => c.field.startsWith(`${p}.`)))

const LIFETIMES: ReadonlySet<string> = new Set(TENANT_LIFETIMES)

/** The body of `PATCH /tenants/settings` for the changed tenant fields. */
export function tenantPatch(changes: readonly FieldChange[]): Json {
  const patch: Json = {}
  for (const { field, value } of changes) {
    if (LIFETIMES.has(field)) {
      // Minutes is the model's unit; the hour field is never sent beside it.
      patch[`${field}_in_minutes`] = value
    } else {
      writePath(patch, field, value ?? unsetValue('tenant', field))
    }
  }
  return patch
}

/** The body of `PATCH /clients/{id}` for the changed client fields. */
export function clientPatch(changes: readonly FieldChange[], live: Record<string, unknown>): Json {
  const patch: Json = {}
  for (const { field, value } of outside(changes, 'refresh_token', 'oidc_logout')) {
    writePath(patch, field, value ?? unsetValue('clients', field))
  }
  const refresh = under(changes, 'refresh_token')
  if (refresh.length > 0) {
    const merged = mergeUnder('clients', live.refresh_token, 'refresh_token', refresh)
    // Auth0 refuses a refresh_token object without these two; these are its defaults.
    merged.rotation_type ??= 'non-rotating'
    merged.expiration_type ??= 'non-expiring'
    patch.refresh_token = merged
  }
  const logout = under(changes, 'oidc_logout')
  if (logout.length > 0) {
    const merged = mergeUnder('clients', live.oidc_logout, 'oidc_logout', logout)
    const initiators = merged.backchannel_logout_initiators
    // Selected initiators only mean something in custom mode; Auth0 requires the mode with them.
    if (isObject(initiators) && initiators.mode === undefined) initiators.mode = 'custom'
    patch.oidc_logout = merged
  }
  return patch
}

/** The body of `PATCH /connections/{id}` for the changed connection fields. */
export function connectionPatch(
  changes: readonly FieldChange[],
  live: Record<string, unknown>,
): Json {
  const patch: Json = {}
  for (const { field, value } of outside(changes, 'options')) {
    writePath(patch, field, value ?? unsetValue('connections', field))
  }
  const options = under(changes, 'options')
  if (options.length > 0) {
    // Options not read (no read:connections_options): a merge would be a partial object that
    // erases every other option at Auth0. Refuse rather than send it.
    if (!isObject(live.options)) {
      throw new AppFailure(
        'FORBIDDEN',
        "The connection's options could not be read (read:connections_options), so changing one would erase the others; nothing was sent.",
      )
    }
    // `options` replaces the whole object at Auth0: start from every option as read live.
    patch.options = mergeUnder('connections', live.options, 'options', options)
  }
  return patch
}

/** The PATCH body of one resource. */
export function resourcePatch(
  kind: ResourceKind,
  changes: readonly FieldChange[],
  live: Record<string, unknown>,
): Json {
  switch (kind) {
    case 'tenant':
      return tenantPatch(changes)
    case 'clients':
      return clientPatch(changes, live)
    case 'connections':
      return connectionPatch(changes, live)
  }
}
