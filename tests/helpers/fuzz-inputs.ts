import type { AppErrorCode, Input, Method } from '../../preload/contract'

/**
 * Seeded fuzz inputs for the IPC contract: deterministic, dependency-free, shared by the unit
 * (invoker) and integration (web host) fuzz suites.
 */

/** A small seeded PRNG (mulberry32): same seed, same sequence. */
export function createRng(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (max: number) => Math.floor(next() * max)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T
  const chance = (p: number) => next() < p
  return { next, int, pick, chance }
}

/** A generator as the builders below use it. */
export type Rng = ReturnType<typeof createRng>

/** A stable 32-bit seed per method, derived from a base seed (FNV-1a over the name). */
export function methodSeed(base: number, method: string): number {
  let hash = (0x811c9dc5 ^ base) >>> 0
  for (const char of method) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0
  return hash
}

/** The base seed: `FUZZ_SEED` when set (to replay a failure), a fixed one otherwise. */
export const baseSeed = (): number => {
  const given = Number(process.env['FUZZ_SEED'])
  return Number.isInteger(given) && given > 0 ? given : 0x5eed1
}

/**
 * One valid input per method. The mapped type makes a new contract method without a sample fail
 * to compile, so the fuzzers always cover every channel.
 */
export const validSamples: { [M in Method]: Input<M> } = {
  getAppInfo: undefined,
  getPreferences: undefined,
  setPreferences: { theme: 'light' },
  listStartupNotices: undefined,
  openExternal: { url: 'https://example.com/help' },
  listTenants: undefined,
  addTenant: {
    name: 'Fuzz tenant',
    domain: 'fuzz.eu.auth0.com',
    clientId: 'fuzzClient_01',
    clientSecret: 'good-fuzz-secret',
    environment: 'staging',
    plan: 'essentials',
  },
  updateTenant: { id: 'no-such-tenant', name: 'Renamed', plan: 'free' },
  removeTenant: { id: 'no-such-tenant' },
  switchTenant: { id: 'sandbox' },
  testConnection: { id: 'no-such-tenant' },
  getTenantSnapshot: { id: 'no-such-tenant' },
  searchUsers: { query: 'bob@example.com' },
  getUserLayers: { userId: 'auth0|bob' },
  listRecentUsers: undefined,
  previewLogout: { userId: 'auth0|bob', action: { kind: 'revoke-session', sessionId: 'sid-1' } },
  startLogout: { previewId: 'no-such-preview', reason: 'fuzz' },
  planBulkLogout: {
    source: { kind: 'connection', connection: 'google-oauth2' },
    mode: 'matching-sessions',
    filter: { ip: '203.0.113.0/24', userAgent: 'Chrome' },
  },
  getUserScenario: { userId: 'auth0|bob' },
  listJobs: undefined,
  controlJob: { id: 'no-such-job', command: 'cancel' },
  retryJobItem: { id: 'no-such-job', key: 'delete-session:sid-1' },
  listActivity: undefined,
  exportActivity: { format: 'json' },
  getConfigWorkspace: { tenantId: 'sandbox' },
  pullConfig: { tenantId: 'no-such-tenant', discardDraft: false },
  saveConfigDraft: {
    tenantId: 'no-such-tenant',
    draft: {
      config: {
        version: 1,
        source: { kind: 'file', name: 'fuzz.yaml' },
        resources: {
          tenant: {
            kind: 'tenant',
            name: 'tenant',
            context: {},
            fields: { allowed_logout_urls: ['https://example.com/bye'] },
          },
        },
      },
      basePulledAt: '2026-01-01T00:00:00.000Z',
      undo: [],
      redo: [],
    },
  },
  discardConfigDraft: { tenantId: 'no-such-tenant' },
  previewConfigPush: { tenantId: 'no-such-tenant' },
  pushConfig: {
    previewId: 'no-such-preview',
    resolutions: [{ resource: 'tenant', field: 'allowed_logout_urls', take: 'mine' }],
    confirmation: '1',
  },
}

/** Every AppErrorCode; the Record type makes a new code without an entry fail to compile. */
const errorCodeTable: Record<AppErrorCode, true> = {
  INVALID_INPUT: true,
  UNAUTHENTICATED: true,
  FORBIDDEN: true,
  NOT_FOUND: true,
  CONFLICT: true,
  RATE_LIMITED: true,
  NETWORK: true,
  TIMEOUT: true,
  REMOTE: true,
  KEYCHAIN: true,
  STORAGE: true,
  INTERNAL: true,
}
export const errorCodes: ReadonlySet<string> = new Set(Object.keys(errorCodeTable))

/** A 1 MB string, built once. */
export const HUGE = 'x'.repeat(1_000_000)

const specialNumbers = [
  NaN,
  Infinity,
  -Infinity,
  -0,
  0,
  1,
  -1,
  0.5,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MIN_VALUE,
  -1e308,
  2 ** 53,
]

const nastyStrings = [
  '',
  ' ',
  '\u0000',
  '\u0000\u0001\u0002\u001f\u007f',
  '\r\n\t\b\f\v',
  '\u2028\u2029',
  '\ufeff',
  '\u202eevil\u202c',
  '\ud800',
  '\udfff\ud800',
  '😀👩‍👩‍👧‍👦',
  'e\u0301\u0301\u0301\u0301',
  'Ω≈ç√∫˜µ≤≥÷',
  '田中さん',
  'مرحبا',
  '"\'\\`${}',
  '<script>alert(1)</script>',
  "'; DROP TABLE tenants; --",
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'http://',
  'https://',
  'https://127.0.0.1:1/',
  'https://xn--80ak6aa92e.com',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'undefined',
  'null',
  'NaN',
  'true',
  '0',
  '-0',
  '1e309',
  'sandbox',
  'system',
  'pause',
  'json',
  'list',
  'delete-session',
  'auth0|',
  'a'.repeat(129),
  'b'.repeat(513),
  'c'.repeat(2049),
]

const weirdKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'then',
  '',
  ' ',
  '0',
  'length',
  'extra',
  'kind',
  'input',
  '\u0000',
  '😀',
  '\u202e',
  'k'.repeat(1000),
]

function randomString(rng: Rng): string {
  const mode = rng.int(4)
  if (mode === 0) return rng.pick(nastyStrings)
  const length = rng.int(mode === 3 ? 400 : 24)
  let out = ''
  for (let i = 0; i < length; i += 1) {
    const kind = rng.int(6)
    if (kind === 0) out += String.fromCharCode(rng.int(0x20))
    else if (kind === 1) out += String.fromCharCode(0x20 + rng.int(0x5f))
    else if (kind === 2) out += String.fromCharCode(0x80 + rng.int(0xd800 - 0x80))
    else if (kind === 3) out += String.fromCharCode(0xd800 + rng.int(0x800))
    else if (kind === 4) out += String.fromCodePoint(0x10000 + rng.int(0xfffff))
    else out += String.fromCharCode(0x61 + rng.int(26))
  }
  return out
}

/** Options of the generators: what the transport can carry. */
export interface FuzzOptions {
  /** Only values that survive JSON (the web host); otherwise also structured-clone values. */
  jsonOnly?: boolean
  /** Share of inputs carrying a 1 MB string (they dominate the run time). */
  hugeRate?: number
}

function randomScalar(rng: Rng, options: FuzzOptions): unknown {
  const kind = rng.int(options.jsonOnly ? 6 : 9)
  switch (kind) {
    case 0:
      return null
    case 1:
      return rng.chance(0.5)
    case 2:
      return rng.pick(specialNumbers)
    case 3:
    case 4:
      return randomString(rng)
    case 5:
      return rng.int(2 ** 31) - 2 ** 30
    case 6:
      return undefined
    case 7:
      return BigInt(rng.int(1000)) ** 5n
    default:
      return rng.pick([
        new Date(NaN),
        new Map([['theme', 'dark']]),
        new Set([1]),
        /x/g,
        new Uint8Array(4),
        new Error('fuzz'),
      ])
  }
}

function randomValue(rng: Rng, options: FuzzOptions, depth = 0): unknown {
  const roll = rng.int(10)
  if (depth > 3 || roll < 6) return randomScalar(rng, options)
  if (roll < 8) {
    return Array.from({ length: rng.int(4) }, () => randomValue(rng, options, depth + 1))
  }
  const obj: Record<string, unknown> = {}
  for (let i = rng.int(4); i > 0; i -= 1) {
    obj[rng.chance(0.3) ? rng.pick(weirdKeys) : randomString(rng)] = randomValue(
      rng,
      options,
      depth + 1,
    )
  }
  return obj
}

/** `depth` levels of nesting around `leaf`, as objects, arrays or a mix. */
export function nest(depth: number, leaf: unknown, style: 'object' | 'array' | 'mixed'): unknown {
  let value = leaf
  for (let i = 0; i < depth; i += 1) {
    const asArray = style === 'array' || (style === 'mixed' && i % 2 === 0)
    value = asArray ? [value] : { a: value }
  }
  return value
}

/** Own `__proto__` / `constructor` / `prototype` keys, as JSON.parse makes them. */
function pollutionPayload(rng: Rng, base: unknown): unknown {
  const payloads = [
    '{"__proto__":{"polluted":"yes"}}',
    '{"constructor":{"prototype":{"polluted":"yes"}}}',
    '{"prototype":{"polluted":"yes"}}',
    '{"__proto__":{"__proto__":{"polluted":"yes"}}}',
    '{"__proto__":[1,2,3]}',
    '{"__proto__":null}',
  ]
  const payload = JSON.parse(rng.pick(payloads)) as Record<string, unknown>
  if (base === null || typeof base !== 'object' || Array.isArray(base)) return payload
  // JSON.parse made the dangerous keys own keys; copy the sample's keys next to them.
  for (const [key, value] of Object.entries(base)) {
    Object.defineProperty(payload, key, {
      value,
      enumerable: true,
      configurable: true,
      writable: true,
    })
  }
  return payload
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

/** Every path into a sample's objects: [] is the root. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (!isPlainObject(value)) return [prefix]
  const out = [prefix]
  for (const [key, child] of Object.entries(value)) out.push(...paths(child, [...prefix, key]))
  return out
}

/** A deep copy that keeps own `__proto__` keys, bigints, Maps and the like. */
const clone = <T>(value: T): T => structuredClone(value)

/** Apply one random change at a random place inside a (cloned) valid sample. */
function mutate(rng: Rng, sample: unknown, options: FuzzOptions): unknown {
  if (!isPlainObject(sample)) return randomValue(rng, options)
  const root = clone(sample)
  const path = rng.pick(paths(root))
  if (path.length === 0) {
    // At the root: add an extra key.
    const key = rng.chance(0.5) ? rng.pick(weirdKeys) : randomString(rng)
    Object.defineProperty(root, key, {
      value: randomValue(rng, options),
      enumerable: true,
      configurable: true,
      writable: true,
    })
    return root
  }
  const parentPath = path.slice(0, -1)
  const key = path[path.length - 1] as string
  let parent = root
  for (const step of parentPath) parent = parent[step] as Record<string, unknown>
  const current = parent[key]
  switch (rng.int(10)) {
    case 0:
      delete parent[key]
      break
    case 1:
      parent[key] = randomScalar(rng, options)
      break
    case 2:
      parent[key] = randomString(rng)
      break
    case 3:
      parent[key] = typeof current === 'string' ? current + randomString(rng) : [current]
      break
    case 4:
      parent[key] = rng.chance(0.5) ? [current] : { value: current }
      break
    case 5:
      parent[key] = nest(1 + rng.int(200), current, rng.pick(['object', 'array', 'mixed']))
      break
    case 6:
      parent[key] = rng.pick(specialNumbers)
      break
    case 7:
      // A near-miss: same string, different case or padding.
      parent[key] =
        typeof current === 'string'
          ? rng.pick([current.toUpperCase(), ` ${current}`, `${current}\u0000`, ''])
          : randomValue(rng, options)
      break
    case 8:
      parent[key] = randomValue(rng, options)
      break
    default: {
      const extra = rng.pick(weirdKeys)
      const target = isPlainObject(current) ? current : parent
      Object.defineProperty(target, extra, {
        value: randomScalar(rng, options),
        enumerable: true,
        configurable: true,
        writable: true,
      })
    }
  }
  return root
}

/** One fuzz case: what it is (for failure reports) and the value sent. */
export interface FuzzCase {
  label: string
  value: unknown
}

/** The valid sample with one string leaf replaced by an awkward string: often still valid. */
function replaceStringLeaf(rng: Rng, sample: unknown): unknown {
  if (!isPlainObject(sample)) return randomString(rng)
  const root = clone(sample)
  const leaves = paths(root).filter((p) => {
    let v: unknown = root
    for (const step of p) v = (v as Record<string, unknown>)[step]
    return typeof v === 'string'
  })
  if (leaves.length === 0) return root
  const path = rng.pick(leaves)
  let parent = root
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string, unknown>
  parent[path[path.length - 1] as string] = randomString(rng)
  return root
}

/** A big, awkward valid sample variant: the 1 MB string in a string field. */
function hugeCase(rng: Rng, sample: unknown): FuzzCase {
  if (sample === undefined || sample === null || typeof sample !== 'object') {
    return { label: 'huge string', value: HUGE }
  }
  const root = clone(sample) as Record<string, unknown>
  const stringPaths = paths(root).filter((p) => {
    let v: unknown = root
    for (const step of p) v = (v as Record<string, unknown>)[step]
    return typeof v === 'string'
  })
  if (stringPaths.length === 0) return { label: 'huge string', value: HUGE }
  const path = rng.pick(stringPaths)
  let parent = root
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string, unknown>
  parent[path[path.length - 1] as string] = HUGE
  return { label: `huge string at ${path.join('.')}`, value: root }
}

/**
 * `count` fuzz inputs for one method, deterministic for a seed: wrong types, missing and extra keys,
 * deep nesting, huge strings, arrays for objects, special numbers, prototype-pollution keys,
 * unicode and control characters, and mutations of the valid sample.
 */
export function fuzzInputs(
  method: Method,
  count: number,
  seed: number,
  options: FuzzOptions = {},
): FuzzCase[] {
  const rng = createRng(seed)
  const sample: unknown = validSamples[method]
  const hugeRate = options.hugeRate ?? 0.015
  const cases: FuzzCase[] = [
    // Fixed edge cases first, so every seed covers them.
    { label: 'valid sample', value: clone(sample) },
    { label: 'null', value: null },
    { label: 'empty object', value: {} },
    { label: 'empty array', value: [] },
    { label: 'sample in an array', value: [clone(sample)] },
    { label: 'NaN', value: NaN },
    { label: '-0', value: -0 },
    { label: 'Infinity', value: Infinity },
    { label: 'huge string', value: HUGE },
    { label: '200-deep objects', value: nest(200, clone(sample) ?? {}, 'object') },
    { label: '200-deep arrays', value: nest(200, clone(sample) ?? {}, 'array') },
    { label: '__proto__ own key', value: pollutionPayload(createRng(1), sample) },
    { label: 'constructor.prototype own key', value: pollutionPayload(createRng(2), sample) },
    { label: 'unicode controls', value: '\u0000\u2028\ud800\u202e' },
  ]
  while (cases.length < count) {
    const index = cases.length
    const roll = rng.next()
    if (roll < hugeRate) cases.push(hugeCase(rng, sample))
    else if (roll < 0.2) {
      cases.push({ label: `string leaf #${index}`, value: replaceStringLeaf(rng, sample) })
    } else if (roll < 0.45) {
      let value = mutate(rng, sample, options)
      for (let extra = rng.int(3); extra > 0; extra -= 1) value = mutate(rng, value, options)
      cases.push({ label: `mutation #${index}`, value })
    } else if (roll < 0.55)
      cases.push({
        label: `pollution #${index}`,
        value: pollutionPayload(rng, mutate(rng, sample, options)),
      })
    else if (roll < 0.62) {
      const depth = 50 + rng.int(200)
      const style = rng.pick(['object', 'array', 'mixed'] as const)
      cases.push({
        label: `deep ${style} (${depth}) #${index}`,
        value: nest(depth, randomScalar(rng, options), style),
      })
    } else if (roll < 0.7) {
      cases.push({
        label: `array #${index}`,
        value: Array.from({ length: rng.int(5) }, () =>
          rng.chance(0.5) ? clone(sample) : randomValue(rng, options),
        ),
      })
    } else if (roll < 0.85)
      cases.push({ label: `scalar #${index}`, value: randomScalar(rng, options) })
    else cases.push({ label: `random value #${index}`, value: randomValue(rng, options) })
  }
  return cases.slice(0, count)
}

/** Whether a value holds a lone UTF-16 surrogate anywhere (the invoker refuses such text). */
export function hasLoneSurrogate(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return /\p{Cs}/u.test(value)
  if (value === null || typeof value !== 'object' || depth > 300) return false
  return Object.values(value).some((child) => hasLoneSurrogate(child, depth + 1))
}

/** A short, printable description of a fuzz input for failure messages. */
export function preview(value: unknown): string {
  let text: string
  try {
    text =
      JSON.stringify(value, (_key, v: unknown) =>
        typeof v === 'bigint'
          ? `${v}n`
          : typeof v === 'number' && !Number.isFinite(v)
            ? String(v)
            : v,
      ) ?? String(value)
  } catch {
    text = Object.prototype.toString.call(value)
  }
  return text.length > 160 ? `${text.slice(0, 160)}… (${text.length} chars)` : text
}

/**
 * Problems with an answer as a renderer would see it: a Result object whose error has a known code
 * and a short message with no stack trace or file path. Empty when the answer is fine.
 */
export function resultProblems(
  answer: unknown,
  options: { json?: boolean; input?: unknown } = {},
): string[] {
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) {
    return [`not a Result object: ${preview(answer)}`]
  }
  const result = answer as Record<string, unknown>
  if (result['ok'] === true) {
    if (!options.json && !Object.hasOwn(result, 'value')) return ['ok: true without a value']
    if (Object.hasOwn(result, 'error')) return ['ok: true with an error']
    return []
  }
  if (result['ok'] !== false) return [`ok is ${preview(result['ok'])}`]
  const error = result['error'] as Record<string, unknown> | null | undefined
  if (error === null || typeof error !== 'object') return ['ok: false without an error object']
  const problems: string[] = []
  const { code, message } = error
  // INTERNAL means a handler threw something unexpected: a bug the fuzzer found.
  if (code === 'INTERNAL') problems.push(`INTERNAL: ${preview(message)}`)
  if (typeof code !== 'string' || !errorCodes.has(code))
    problems.push(`unknown code ${preview(code)}`)
  if (typeof message !== 'string') return [...problems, `message is ${preview(message)}`]
  if (message.length >= 500) problems.push(`message is ${message.length} chars`)
  // Echoing the caller's own text is not a leak; a path or stack frame of ours is.
  let echoed = ''
  try {
    echoed = JSON.stringify(options.input) ?? ''
  } catch {
    echoed = ''
  }
  for (const leak of ['    at ', '/work/', 'node_modules', 'file://', '\n    at']) {
    if (message.includes(leak) && !echoed.includes(leak))
      problems.push(`message leaks ${JSON.stringify(leak)}: ${preview(message)}`)
  }
  return problems
}
