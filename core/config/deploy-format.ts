import { parseDocument, stringify } from 'yaml'
import {
  clientResource,
  connectionResource,
  fieldsOf,
  resourceKey,
  sortedResourceKeys,
  tenantResource,
  TENANT_LIFETIMES,
  WHOLE_VALUE_MARKER,
  writePath,
  type ConfigResource,
  type FieldType,
  type JsonValue,
  type ResourceKind,
  type TenantConfiguration,
} from './model'

// The Auth0 Deploy CLI file formats (auth0/auth0-deploy-cli), for the part of a tenant the console
// models: `tenant.yaml` (YAML format) and the directory format (`tenant.json`, `clients/<name>.json`,
// `connections/<name>.json`). Pure: no Node APIs, runs in the renderer, in main and in the CLI.
//
// What the Deploy CLI does, and what we chose (read in auth0/auth0-deploy-cli):
// - YAML: one file, top-level `tenant:` (object), `clients:` and `connections:` (lists of objects
//   with a `name`); other top-level keys (`databases:`, `rules:`, `resourceServers:` …) are
//   ignored here with a warning. src/context/yaml/index.ts loads it with js-yaml after keyword
//   handling; `wrapArrayReplaceMarkersInQuotes` (src/tools/utils.ts) quotes a bare `@@KEY@@` so the
//   YAML stays valid. We do the same, but only when the file does not parse as written and only
//   for a marker that is a whole scalar (a bare `@` cannot start a YAML plain scalar).
// - Directory: src/context/directory/handlers/{tenant,clients,connections}.ts read `tenant.json`
//   and every `*.json` directly inside `clients/` and `connections/` (not deeper; other files
//   there, e.g. `<name>_custom_login_page.html`, are not resources). The resource's identity is the
//   `name` inside the file, not the file name. Empty objects are skipped (as the Deploy CLI filters
//   them). Other folders (`rules/`, `database-connections/`, `emailTemplates/` …) are ignored here
//   with a warning. Files are written with `JSON.stringify(x, null, 2)` plus a newline (`dumpJSON`,
//   src/utils.ts), named `sanitize(name)` = sanitize-filename with replacement '-' (src/utils.ts):
//   `/ ? < > \ : * | "` and control characters become '-', as do `.`/`..`, Windows reserved names and
//   trailing dots/spaces; truncated to 255 UTF-8 bytes. We truncate so the name with `.json` fits
//   255 bytes, and add `-2`, `-3` … when two names would share a file (case-insensitively), where
//   the Deploy CLI would overwrite one with the other.
// - Keyword markers: the Deploy CLI replaces `##KEY##` inside strings and `@@KEY@@` (optionally
//   quoted) by the JSON value, in YAML and JSON files alike (`keywordReplace`, src/tools/utils.ts).
//   We never replace: markers are kept as the strings written, so `"@@LOGOUT_URLS@@"` where a list
//   is expected and `https://##DOMAIN##/logout` inside a list go through import and export intact.
// - Session lifetimes: on import the Deploy CLI converts the hour fields with
//   `sessionDurationsToMinutes` (src/sessionDurationsToMinutes.ts: `Math.round(hours * 60)` into
//   `<name>_in_minutes`, for session_lifetime and idle_session_lifetime), called by
//   src/context/{yaml,directory}/handlers/tenant.ts; the hour value then replaces any `_in_minutes`
//   value written beside it. We do the same (and warn when both are written and disagree), and
//   treat the two non-persistent lifetimes alike: the Deploy CLI sends their hours to the API as
//   they are, which is the same duration. `_in_minutes` alone is taken as written.
//   On export the Deploy CLI writes the tenant settings as the Management API returns them, that
//   is `session_lifetime` etc. in hours. We write hours when the minutes are a whole number of hours
//   (what a Deploy CLI export of that tenant holds) and `<name>_in_minutes` otherwise: a fractional
//   hour (0.3333… for 20 minutes) would only survive thanks to rounding, while the minute field is
//   exact and the Deploy CLI passes it through to the API unchanged.
//   A keyword marker in a lifetime keeps the unit it was written in: when it was written in hours
//   the tenant resource's context records `<lifetime>:unit` = `hours`; without that note a marker
//   is written as `<name>_in_minutes` (minutes are the console's unit).
// - Ids (`client_id`, connection `id`) are not written: the Deploy CLI identifies resources by name
//   and strips identifiers by default. Context is written back: client `app_type`, connection
//   `strategy`, tenant `friendly_name`.
// - Database connections (`strategy: auth0`) live apart, as the Deploy CLI 8.44 keeps them: under
//   `databases:` in YAML and in `database-connections/<name>/database.json` in the directory
//   format (its connections handler filters them out of `connections`). We write them there and
//   read them from there (and, leniently, from `connections` too); other files of a database
//   folder (custom database scripts) are ignored with a warning.

/** One file of a Deploy CLI export: a path relative to the export's root, '/'-separated. */
export interface DeployFile {
  path: string
  content: string
}

/** What an import gives: the configuration and the things it ignored, or a one-line reason. */
export type DeployImportResult =
  { ok: true; config: TenantConfiguration; warnings: string[] } | { ok: false; error: string }

/** Largest import: total UTF-8 size of all files. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024
/** Largest import: number of files. */
export const MAX_IMPORT_FILES = 5000
/** YAML aliases allowed in one file (the yaml package's defence against "billion laughs"). */
export const MAX_YAML_ALIASES = 100
/**
 * Deepest YAML nesting read (block and flow levels together). A Deploy CLI tenant.yaml nests about
 * six deep; the yaml package recurses per level and a few thousand levels exhaust the stack, which
 * V8 can report as a fatal out-of-memory error that no try/catch sees, so deeper files are refused
 * before they are parsed.
 */
export const MAX_YAML_DEPTH = 100

/** The `context` key that records the unit a lifetime keyword marker was written in. */
export const lifetimeUnitKey = (lifetime: string): string => `${lifetime}:unit`

const HOUR = 60

// ---------------------------------------------------------------------------------------------
// Export

/**
 * Why a connection's `options` are left out of an export, or null when they are written whole.
 * Auth0 replaces `options` whole, so a deploy of a partial object would erase the rest (a SAML
 * connection's sign-in URL and certificate): options are written only when every key is known.
 */
export function optionsLeftOutReason(resource: ConfigResource): string | null {
  if (resource.kind !== 'connections') return null
  if (resource.optionsNotRead === true) {
    return 'its options were not read (the client lacks read:connections_options)'
  }
  if (resource.heldBack !== undefined && resource.heldBack.length > 0) {
    return `its options hold ${resource.heldBack.join(', ')}, which the console never stores`
  }
  if (resource.options === undefined) return 'its options are not known in full'
  return null
}

/** The connections of a configuration whose options an export leaves out, with the reason. */
export function connectionsWithoutOptions(
  config: TenantConfiguration,
): { name: string; reason: string }[] {
  return resourcesOf(config, 'connections').flatMap((r) => {
    const reason = optionsLeftOutReason(r)
    return reason === null ? [] : [{ name: r.name, reason }]
  })
}

/** Application names by client id, for a connection's `enabled_clients` (names, as the Deploy CLI writes them). */
const clientNames = (config: TenantConfiguration): Map<string, string> =>
  new Map(
    resourcesOf(config, 'clients').flatMap((c) => (c.id === undefined ? [] : [[c.id, c.name]])),
  )

/** The Deploy CLI object of a resource: name, context, then the fields in Deploy CLI units. */
function resourceObject(
  resource: ConfigResource,
  names: ReadonlyMap<string, string> = new Map(),
): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {}
  if (resource.kind !== 'tenant') out.name = resource.name
  for (const [key, value] of Object.entries(resource.context)) {
    if (!key.includes(':') && value !== '') out[key] = value
  }
  const wholeOptions = resource.kind === 'connections' && optionsLeftOutReason(resource) === null
  if (wholeOptions && resource.options !== undefined) {
    out.options = structuredClone(resource.options)
  }
  for (const [path, value] of Object.entries(resource.fields)) {
    if (resource.kind === 'tenant' && (TENANT_LIFETIMES as readonly string[]).includes(path)) {
      writeLifetime(out, path, value, resource.context[lifetimeUnitKey(path)])
    } else if (resource.kind === 'connections' && path.startsWith('options.') && !wholeOptions) {
      // Never a partial options object: see optionsLeftOutReason.
      continue
    } else {
      writePath(out, path, value)
    }
  }
  if (resource.kind === 'connections' && resource.clients !== undefined) {
    const enabled = resource.clients.map((id) => names.get(id))
    if (enabled.every((n) => n !== undefined)) out.enabled_clients = [...enabled].sort()
  }
  return out
}

function writeLifetime(
  out: Record<string, JsonValue>,
  path: string,
  value: JsonValue,
  unit: string | undefined,
): void {
  const inHours =
    typeof value === 'number'
      ? Number.isInteger(value) && value % HOUR === 0
      : typeof value === 'string' && unit === 'hours'
  if (inHours) out[path] = typeof value === 'number' ? value / HOUR : value
  else out[`${path}_in_minutes`] = value
}

const resourcesOf = (config: TenantConfiguration, kind: ResourceKind): ConfigResource[] =>
  sortedResourceKeys(config)
    .map((key) => config.resources[key] as ConfigResource)
    .filter((r) => r.kind === kind)

/** A database connection: the Deploy CLI keeps these under `databases`. */
const isDatabase = (resource: ConfigResource): boolean => resource.context?.strategy === 'auth0'

/**
 * The comment a YAML export starts with when some connection's options are left out: deploying
 * the file leaves those options as they are, and their option fields are not in it.
 */
function exportHeader(config: TenantConfiguration): string {
  const left = connectionsWithoutOptions(config)
  if (left.length === 0) return ''
  return [
    '# Exported by Session Console. Connection options left out, so a0deploy import leaves them as',
    '# they are; their option fields (Sign Out URL, Disable sign out) are not in this file:',
    ...left.map((c) => `#   ${c.name}: ${c.reason}`),
    '',
  ].join('\n')
}

/** `tenant.yaml` of the Deploy CLI YAML format. */
export function exportDeployYaml(config: TenantConfiguration): string {
  const doc: Record<string, JsonValue> = {}
  const tenant = config.resources.tenant
  if (tenant !== undefined) doc.tenant = resourceObject(tenant)
  const clients = resourcesOf(config, 'clients')
  const all = resourcesOf(config, 'connections')
  const databases = all.filter(isDatabase)
  const connections = all.filter((r) => !isDatabase(r))
  const names = clientNames(config)
  const object = (r: ConfigResource) => resourceObject(r, names)
  if (clients.length > 0) doc.clients = clients.map(object)
  if (databases.length > 0) doc.databases = databases.map(object)
  if (connections.length > 0) doc.connections = connections.map(object)
  // lineWidth 0: never fold a long string over lines, so a file diff shows the value as written.
  return `${exportHeader(config)}${stringify(doc, { lineWidth: 0 })}`
}

const ILLEGAL = /[/?<>\\:*|"]/g
// eslint-disable-next-line no-control-regex -- control characters are what sanitize-filename drops
const CONTROL = /[\x00-\x1f\x80-\x9f]/g
const RESERVED = /^\.+$/
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i
const WINDOWS_TRAILING = /[. ]+$/
const MAX_NAME_BYTES = 255 - '.json'.length

function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder()
  let out = ''
  let bytes = 0
  for (const ch of text) {
    bytes += encoder.encode(ch).length
    if (bytes > maxBytes) break
    out += ch
  }
  return out
}

function sanitizeOnce(input: string, replacement: string): string {
  return truncateUtf8(
    input
      .replace(ILLEGAL, replacement)
      .replace(CONTROL, replacement)
      .replace(RESERVED, replacement)
      .replace(WINDOWS_RESERVED, replacement)
      .replace(WINDOWS_TRAILING, replacement),
    MAX_NAME_BYTES,
  )
}

/** The Deploy CLI's file name for a resource name (without `.json`): sanitize-filename with '-'. */
export function deployFileName(name: string): string {
  const sanitized = sanitizeOnce(sanitizeOnce(name, '-'), '')
  return sanitized === '' ? '-' : sanitized
}

const json = (value: JsonValue): string => `${JSON.stringify(value, null, 2)}\n`

/**
 * The files of the Deploy CLI directory format: `tenant.json`, `clients/…`, `connections/…` and
 * `database-connections/<name>/database.json`.
 */
export function exportDeployDirectory(config: TenantConfiguration): DeployFile[] {
  const files: DeployFile[] = []
  const tenant = config.resources.tenant
  if (tenant !== undefined)
    files.push({ path: 'tenant.json', content: json(resourceObject(tenant)) })
  for (const kind of ['clients', 'connections'] as const) {
    const taken = new Set<string>()
    const names = clientNames(config)
    for (const resource of resourcesOf(config, kind)) {
      const base = deployFileName(resource.name)
      let file = base
      for (let n = 2; taken.has(file.toLowerCase()); n += 1) file = `${base}-${n}`
      taken.add(file.toLowerCase())
      const path =
        kind === 'connections' && isDatabase(resource)
          ? `database-connections/${file}/database.json`
          : `${kind}/${file}.json`
      files.push({ path, content: json(resourceObject(resource, names)) })
    }
  }
  return files
}

// ---------------------------------------------------------------------------------------------
// Import

class ImportError extends Error {}

const fail = (message: string): never => {
  throw new ImportError(message)
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4
      i += 1
    } else bytes += 3
  }
  return bytes
}

/** A reason the path is unsafe or malformed, or undefined when it is a plain relative path. */
function badPath(path: string): string | undefined {
  if (path === '') return 'an empty file path'
  if (path.includes('\\')) return `a backslash in the path ${JSON.stringify(path)}`
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) {
    return `an absolute path ${JSON.stringify(path)}`
  }
  if (path.includes('\0')) return `a NUL character in a path`
  const segments = path.split('/')
  if (segments.some((s) => s === '..')) return `a path leaving the export ${JSON.stringify(path)}`
  if (segments.some((s) => s === '' || s === '.')) {
    return `a malformed path ${JSON.stringify(path)}`
  }
  return undefined
}

const lineColumn = (text: string, offset: number): { line: number; column: number } => {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return { line, column: offset - before.lastIndexOf('\n') }
}

/**
 * The offset of the first error in text that JSON.parse refused (its messages do not always
 * carry a position): a small iterative JSON scanner.
 */
function jsonErrorOffset(text: string): number {
  const n = text.length
  const stack: string[] = []
  let i = 0
  let state: 'value' | 'key' | 'after' = 'value'
  const skipSpace = () => {
    while (i < n && ' \t\n\r'.includes(text[i] as string)) i += 1
  }
  const scanString = (): boolean => {
    i += 1
    while (i < n) {
      const c = text[i] as string
      if (c === '"') {
        i += 1
        return true
      }
      if (c === '\\') {
        const e = text[i + 1] ?? ''
        if ('"\\/bfnrt'.includes(e) && e !== '') i += 2
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6
        else return false
      } else if (c < ' ') return false
      else i += 1
    }
    return false
  }
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
  for (;;) {
    skipSpace()
    if (state === 'value') {
      const c = text[i]
      if (c === '{' || c === '[') {
        stack.push(c)
        i += 1
        skipSpace()
        if (text[i] === (c === '{' ? '}' : ']')) {
          i += 1
          stack.pop()
          state = 'after'
        } else state = c === '{' ? 'key' : 'value'
      } else if (c === '"') {
        if (!scanString()) return i
        state = 'after'
      } else {
        const literal = ['true', 'false', 'null'].find((w) => text.startsWith(w, i))
        NUMBER.lastIndex = i
        const number = NUMBER.exec(text)
        if (literal !== undefined) i += literal.length
        else if (number !== null) i += number[0].length
        else return i
        state = 'after'
      }
    } else if (state === 'key') {
      if (text[i] !== '"' || !scanString()) return i
      skipSpace()
      if (text[i] !== ':') return i
      i += 1
      state = 'value'
    } else {
      const top = stack[stack.length - 1]
      if (top === undefined) return i < n ? i : n
      const c = text[i]
      if (c === ',') {
        i += 1
        state = top === '{' ? 'key' : 'value'
      } else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
        i += 1
        stack.pop()
      } else return i
    }
  }
}

function parseJsonFile(file: DeployFile): unknown {
  try {
    return JSON.parse(file.content)
  } catch {
    const { line, column } = lineColumn(file.content, jsonErrorOffset(file.content))
    return fail(`${file.path}: invalid JSON at line ${line}, column ${column}`)
  }
}

/** Quotes a bare `@@KEY@@` that is a whole YAML scalar (`key: @@KEY@@`, `- @@KEY@@`, `[@@KEY@@]`). */
const quoteBareMarkers = (text: string): string =>
  text.replace(
    /(^[ \t]*(?:-[ \t]+)*|:[ \t]+|[[,][ \t]*)(@@[A-Za-z0-9_]+@@)(?=[ \t]*(?:$|[,\]}]|#))/gm,
    '$1"$2"',
  )

/**
 * The line where the YAML text nests deeper than {@link MAX_YAML_DEPTH}, or null. Counts open flow
 * collections (`[`, `{` outside quotes and comments) and open block levels (indentation, and each
 * compact `- `, `? `, `: ` indicator on a line). Over-counts rather than under-counts: brackets in
 * a block plain scalar count too.
 */
function yamlTooDeepAt(text: string): number | null {
  const blocks: number[] = []
  let flow = 0
  let line = 1
  let quote: '"' | "'" | null = null
  let atLineStart = true
  const n = text.length
  for (let i = 0; i < n; i += 1) {
    const c = text[i] as string
    if (c === '\n') {
      line += 1
      atLineStart = true
      continue
    }
    if (quote !== null) {
      if (quote === '"' && c === '\\') i += 1
      else if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") i += 1
        else quote = null
      }
      continue
    }
    if (atLineStart) {
      atLineStart = false
      let pos = i
      while (text[pos] === ' ') pos += 1
      const next = text[pos]
      if (flow === 0 && next !== undefined && next !== '\n' && next !== '\r' && next !== '#') {
        const levels = [pos - i]
        const indicator = /[-?:][ \t]+/y
        indicator.lastIndex = pos
        for (let m = indicator.exec(text); m !== null; m = indicator.exec(text)) {
          levels.push(indicator.lastIndex - i)
        }
        while (
          blocks.length > 0 &&
          (blocks[blocks.length - 1] as number) >= (levels[0] as number)
        ) {
          blocks.pop()
        }
        blocks.push(...levels)
        if (blocks.length > MAX_YAML_DEPTH) return line
      }
      i = pos - 1
      continue
    }
    if (c === '"' || c === "'") {
      const before = text[i - 1]
      // A quote opens a quoted scalar only where a scalar starts (not inside it's or a"b).
      if (before === undefined || ' \t[{,:-?'.includes(before)) quote = c
    } else if (c === '#' && (text[i - 1] === ' ' || text[i - 1] === '\t')) {
      while (i + 1 < n && text[i + 1] !== '\n') i += 1
    } else if (c === '[' || c === '{') {
      flow += 1
      if (flow + blocks.length > MAX_YAML_DEPTH) return line
    } else if ((c === ']' || c === '}') && flow > 0) {
      flow -= 1
    }
  }
  return null
}

function parseYamlText(text: string): { value?: unknown; error?: string } {
  const deep = yamlTooDeepAt(text)
  if (deep !== null) {
    return { error: `nested more than ${MAX_YAML_DEPTH} levels deep at line ${deep}` }
  }
  const doc = parseDocument(text, { uniqueKeys: true })
  const first = doc.errors[0]
  if (first !== undefined) {
    const where = first.linePos?.[0]
    const reason = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')
    const at = where === undefined ? '' : ` at line ${where.line}, column ${where.col}`
    return { error: `invalid YAML${at}: ${reason}` }
  }
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    return { error: `invalid YAML: ${message.split('\n')[0] ?? ''}` }
  }
}

function parseYamlFile(file: DeployFile): unknown {
  const first = parseYamlText(file.content)
  if (first.error === undefined) return first.value
  // The Deploy CLI quotes bare @@KEY@@ markers before parsing (wrapArrayReplaceMarkersInQuotes).
  const quoted = quoteBareMarkers(file.content)
  if (quoted !== file.content) {
    const second = parseYamlText(quoted)
    if (second.error === undefined) return second.value
  }
  return fail(`${file.path}: ${first.error}`)
}

const FIELD_SHAPE: Record<FieldType, { test: (v: unknown) => boolean; expected: string }> = {
  'url-list': { test: isStringList, expected: 'a list of strings' },
  'backchannel-urls': { test: isStringList, expected: 'a list of strings' },
  'enum-list': { test: isStringList, expected: 'a list of strings' },
  minutes: { test: (v) => typeof v === 'number' && Number.isFinite(v), expected: 'a number' },
  seconds: { test: (v) => typeof v === 'number' && Number.isFinite(v), expected: 'a number' },
  boolean: { test: (v) => typeof v === 'boolean', expected: 'true or false' },
  enum: { test: (v) => typeof v === 'string', expected: 'a string' },
  url: { test: (v) => typeof v === 'string', expected: 'a string' },
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

/** Rejects a modelled field of the wrong shape (null and keyword markers are always accepted). */
function checkFields(where: string, resource: ConfigResource): void {
  const strategy = resource.context.strategy
  for (const def of fieldsOf(resource.kind, strategy)) {
    const value = resource.fields[def.path]
    if (value === undefined || value === null) continue
    if (typeof value === 'string' && WHOLE_VALUE_MARKER.test(value)) continue
    const shape = FIELD_SHAPE[def.type]
    if (!shape.test(value)) fail(`${where}: ${def.path} must be ${shape.expected}`)
  }
}

/** Tenant settings with the lifetimes as `<name>_in_minutes`, as the Deploy CLI converts them. */
function tenantInMinutes(
  where: string,
  raw: Record<string, unknown>,
  warnings: string[],
): { settings: Record<string, unknown>; units: Record<string, string> } {
  const settings: Record<string, unknown> = { ...raw }
  const units: Record<string, string> = {}
  for (const name of TENANT_LIFETIMES) {
    const minutesKey = `${name}_in_minutes`
    const hours = raw[name]
    const minutes = raw[minutesKey]
    delete settings[name]
    const isMarker = (v: unknown) => typeof v === 'string' && WHOLE_VALUE_MARKER.test(v)
    const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v)
    if (hours !== undefined && hours !== null) {
      if (isNumber(hours)) {
        const converted = Math.round((hours as number) * HOUR)
        if (minutes !== undefined && minutes !== null && minutes !== converted) {
          warnings.push(
            `${where}: ${name} (${hours as number} h) and ${minutesKey} (${JSON.stringify(minutes)}) both set; ${name} used, as the Deploy CLI does`,
          )
        }
        settings[minutesKey] = converted
      } else if (isMarker(hours)) {
        settings[minutesKey] = hours
        units[lifetimeUnitKey(name)] = 'hours'
      } else fail(`${where}: ${name} must be a number of hours`)
    } else if (minutes !== undefined && minutes !== null) {
      if (!isMarker(minutes) && !isNumber(minutes))
        fail(`${where}: ${minutesKey} must be a number of minutes`)
    } else delete settings[minutesKey]
  }
  return { settings, units }
}

interface Collected {
  tenant?: { where: string; raw: Record<string, unknown> }
  clients: { where: string; raw: unknown }[]
  connections: { where: string; raw: unknown }[]
}

function buildConfig(collected: Collected, name: string, warnings: string[]): TenantConfiguration {
  const resources: Record<string, ConfigResource> = {}
  if (collected.tenant !== undefined) {
    const { where, raw } = collected.tenant
    const { settings, units } = tenantInMinutes(where, raw, warnings)
    const tenant = tenantResource(settings)
    tenant.context = { ...tenant.context, ...units }
    checkFields(where, tenant)
    resources.tenant = tenant
  }
  const origins = new Map<string, string>()
  for (const kind of ['clients', 'connections'] as const) {
    const singular = kind === 'clients' ? 'client' : 'connection'
    for (const { where, raw } of collected[kind]) {
      if (!isRecord(raw)) fail(`${where}: a ${singular} must be an object`)
      const record = raw as Record<string, unknown>
      if (typeof record.name !== 'string' || record.name.trim() === '') {
        fail(`${where}: a ${singular} needs a "name" string`)
      }
      if (record.app_type !== undefined && typeof record.app_type !== 'string') {
        fail(`${where}: app_type must be a string`)
      }
      if (record.strategy !== undefined && typeof record.strategy !== 'string') {
        fail(`${where}: strategy must be a string`)
      }
      // Ids are not part of a Deploy CLI file's identity (the CLI strips them on export).
      const { client_id: _clientId, id: _id, ...rest } = record
      const resource = kind === 'clients' ? clientResource(rest) : connectionResource(rest)
      checkFields(where, resource)
      const key = resourceKey(kind, resource.name)
      const seen = origins.get(key)
      if (seen !== undefined) {
        fail(`duplicate ${singular} name ${JSON.stringify(resource.name)} (${seen} and ${where})`)
      }
      origins.set(key, where)
      resources[key] = resource
    }
  }
  return { version: 1, source: { kind: 'file', name }, resources }
}

const KNOWN_YAML_KEYS = new Set(['tenant', 'clients', 'connections', 'databases'])

function collectYaml(file: DeployFile, warnings: string[]): Collected {
  const value = parseYamlFile(file)
  if (value === null || value === undefined) fail(`${file.path}: the file is empty`)
  if (!isRecord(value)) fail(`${file.path}: the top level must be a mapping (tenant:, clients: …)`)
  const top = value as Record<string, unknown>
  const ignored = Object.keys(top).filter((k) => !KNOWN_YAML_KEYS.has(k))
  if (ignored.length > 0) warnings.push(`${file.path}: ignored ${ignored.join(', ')}`)
  const collected: Collected = { clients: [], connections: [] }
  if (top.tenant !== undefined && top.tenant !== null) {
    if (!isRecord(top.tenant)) fail(`${file.path}: tenant must be a mapping`)
    collected.tenant = { where: `${file.path} tenant`, raw: top.tenant as Record<string, unknown> }
  }
  for (const [key, kind] of [
    ['clients', 'clients'],
    ['databases', 'connections'],
    ['connections', 'connections'],
  ] as const) {
    const list = top[key]
    if (list === undefined || list === null) continue
    if (!Array.isArray(list)) fail(`${file.path}: ${key} must be a list`)
    collected[kind].push(
      ...(list as unknown[]).map((raw, i) => ({
        where: `${file.path} ${key}[${i}]`,
        raw: key === 'databases' ? asDatabase(raw) : raw,
      })),
    )
  }
  if (
    collected.tenant === undefined &&
    [...collected.clients, ...collected.connections].length === 0
  ) {
    fail(`${file.path}: no tenant, clients or connections`)
  }
  return collected
}

function collectDirectory(files: readonly DeployFile[], warnings: string[]): Collected {
  const collected: Collected = { clients: [], connections: [] }
  const ignored = new Map<string, number>()
  const ignore = (label: string) => ignored.set(label, (ignored.get(label) ?? 0) + 1)
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const segments = file.path.split('/')
    const [first, second] = segments
    if (segments.length === 1 && first === 'tenant.json') {
      const raw = parseJsonFile(file)
      if (!isRecord(raw)) fail(`${file.path}: the tenant settings must be an object`)
      collected.tenant = { where: file.path, raw: raw as Record<string, unknown> }
    } else if ((first === 'clients' || first === 'connections') && segments.length === 2) {
      if (!(second as string).toLowerCase().endsWith('.json')) {
        ignore(`${first}/${second}`)
        continue
      }
      const raw = parseJsonFile(file)
      if (isRecord(raw) && Object.keys(raw).length === 0) {
        warnings.push(`${file.path}: empty, skipped`)
        continue
      }
      collected[first].push({ where: file.path, raw })
    } else if (first === 'database-connections' && segments.length === 3) {
      if (segments[2] !== 'database.json') {
        ignore(`${first}/${second}/${segments[2]}`)
        continue
      }
      collected.connections.push({ where: file.path, raw: asDatabase(parseJsonFile(file)) })
    } else {
      ignore(segments.length === 1 ? (first as string) : `${first}/`)
    }
  }
  if (ignored.size > 0) {
    const list = [...ignored].map(([label, n]) => (n > 1 ? `${label} (${n} files)` : label))
    warnings.push(`ignored ${list.join(', ')}`)
  }
  if (
    collected.tenant === undefined &&
    [...collected.clients, ...collected.connections].length === 0
  ) {
    fail(
      'no tenant.json, clients/*.json, connections/*.json or database-connections/*/database.json found',
    )
  }
  return collected
}

/** A `databases` entry: a connection whose strategy is `auth0` when the file leaves it out. */
const asDatabase = (raw: unknown): unknown =>
  isRecord(raw) && raw.strategy === undefined ? { ...raw, strategy: 'auth0' } : raw

const isYamlPath = (path: string) => /\.ya?ml$/i.test(path)
const looksLikeExportRoot = (paths: readonly string[]) =>
  paths.some(
    (p) =>
      p === 'tenant.json' ||
      p.startsWith('clients/') ||
      p.startsWith('connections/') ||
      p.startsWith('database-connections/') ||
      (!p.includes('/') && isYamlPath(p)),
  )

/**
 * Reads a Deploy CLI export: one `tenant.yaml`/`.yml` file, or the files of a directory export
 * (paths relative to the export, '/'-separated; one top folder above it, as a browser directory
 * picker's `webkitRelativePath` gives, is allowed). Keyword markers are kept as written; lifetimes
 * become minutes. Fails with a one-line reason on a malformed, hostile or ambiguous input.
 */
export function importDeployFiles(
  files: readonly DeployFile[],
  options: { name?: string } = {},
): DeployImportResult {
  const warnings: string[] = []
  try {
    if (files.length === 0) fail('no files')
    if (files.length > MAX_IMPORT_FILES) {
      fail(`too many files (${files.length}, at most ${MAX_IMPORT_FILES})`)
    }
    let total = 0
    for (const file of files) {
      if (typeof file.path !== 'string' || typeof file.content !== 'string') {
        fail('a file without a path or text content')
      }
      const reason = badPath(file.path)
      if (reason !== undefined) fail(`refused ${reason}`)
      total += utf8Length(file.content)
      if (total > MAX_IMPORT_BYTES) fail(`too large (more than ${MAX_IMPORT_BYTES / 2 ** 20} MB)`)
    }
    const seenPaths = new Set<string>()
    for (const file of files) {
      if (seenPaths.has(file.path)) fail(`the file ${file.path} is listed twice`)
      seenPaths.add(file.path)
    }
    let relative = files.map((f) => ({ path: f.path, content: f.content.replace(/^\uFEFF/, '') }))
    let top: string | undefined
    const firsts = new Set(relative.map((f) => f.path.split('/')[0]))
    if (relative.every((f) => f.path.includes('/')) && firsts.size === 1) {
      const stripped = relative.map((f) => ({ ...f, path: f.path.slice(f.path.indexOf('/') + 1) }))
      if (!looksLikeExportRoot(relative.map((f) => f.path))) {
        if (looksLikeExportRoot(stripped.map((f) => f.path))) {
          top = [...firsts][0]
          relative = stripped
        }
      }
    }
    const name = options.name ?? top ?? (relative.length === 1 ? relative[0]?.path : undefined)
    const rootYaml = relative.filter((f) => !f.path.includes('/') && isYamlPath(f.path))
    const hasDirectoryParts = relative.some(
      (f) =>
        f.path === 'tenant.json' ||
        /^(clients|connections)\/[^/]+\.json$/i.test(f.path) ||
        /^database-connections\/[^/]+\/database\.json$/.test(f.path),
    )
    let collected: Collected
    if (rootYaml.length > 0 && !hasDirectoryParts) {
      if (rootYaml.length > 1) {
        fail(`more than one YAML file (${rootYaml.map((f) => f.path).join(', ')})`)
      }
      const others = relative.length - 1
      if (others > 0)
        warnings.push(`ignored ${others} file${others > 1 ? 's' : ''} beside ${rootYaml[0]?.path}`)
      collected = collectYaml(rootYaml[0] as DeployFile, warnings)
    } else {
      collected = collectDirectory(relative, warnings)
    }
    return { ok: true, config: buildConfig(collected, name ?? 'export', warnings), warnings }
  } catch (err) {
    if (err instanceof ImportError) return { ok: false, error: err.message }
    // A stack overflow on absurdly deep nesting, or anything else unexpected: still one line.
    const message = err instanceof Error ? err.message : String(err)
    return { ok: false, error: `cannot read the export: ${message.split('\n')[0] ?? ''}` }
  }
}
