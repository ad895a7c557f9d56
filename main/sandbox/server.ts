/**
 * The Sandbox tenant: a local, Auth0-compatible HTTP server for tests, demos and `npm run sandbox`.
 *
 * Plain `node:http`, bound to 127.0.0.1 only. Never imports Electron or keytar.
 *
 * Endpoints (Auth0 paths, JSON shapes of reference §4–§6):
 * - `POST /oauth/token` — client_credentials, JSON or form body, client_secret_post or
 *   client_secret_basic; `audience` must be `${url}/api/v2/` or `https://${domain}/api/v2/`
 *   (trailing slash optional); optional `scope` narrows the grant. Errors use the Authentication
 *   API shape `{error, error_description}`.
 * - Management API under `/api/v2` (Bearer token; 401 `invalid_token`, 403 `insufficient_scope`):
 *   `GET /users` (q, search_engine, page, per_page ≤ 100, include_totals, connection, sort, fields),
 *   `GET /users/{id}`, `GET /users-by-email`, `GET|DELETE /users/{id}/sessions`,
 *   `GET|DELETE /users/{id}/refresh-tokens`, `GET|PATCH|DELETE /sessions/{id}`,
 *   `POST /sessions/{id}/revoke`, `GET|PATCH|DELETE /refresh-tokens/{id}`, `GET /clients`,
 *   `GET|PATCH /clients/{id}`, `GET /connections`, `GET|PATCH /connections/{id}`,
 *   `GET /connections/{id}/clients` (checkpoint `from`/`take` → `{clients: [{client_id}], next?}`),
 *   `GET|PATCH /tenants/settings`. Unknown routes → 404, malformed JSON → 400 `invalid_json`.
 * - Connection options as strict as Auth0 since 8 Jul 2025: `GET /connections` and
 *   `GET /connections/{id}` leave `options` out unless the token has `read:connections_options`;
 *   a `PATCH /connections/{id}` whose body has an `options` key is 403 `insufficient_scope`
 *   without `update:connections_options`. Connections carry no `enabled_clients` (end of life
 *   13 Jul 2026); a PATCH sending it is 400 like any unknown field.
 * - Narrow tokens for tests: give `startSandbox({ scopes })` for the default client, register a
 *   second client (`extraClients` / `addClient`) with its own grant, or send `scope` in the
 *   token request; a token never holds more than its client's grant.
 * - Write endpoints in routes*.ts (state in tenant-extras.ts, reset with the store): `POST /clients`,
 *   `POST|GET /client-grants`, `PATCH /client-grants/{id}`, `POST /users`,
 *   `POST /refresh-tokens/revoke`, `POST /jobs/users-exports`, `GET /jobs/{id}`, `GET /logs`,
 *   `GET /logs/{id}`; export files at `/__sandbox/exports/{secret}/{job}.{json|csv}.gz` (no admin key
 *   or token: the secret is the credential). Every successful write is logged as `sapi`.
 * - `PATCH /sessions/{id}` and `PATCH /refresh-tokens/{id}` take `{session_metadata}` /
 *   `{refresh_token_metadata}` (≤ 25 string keys; `null` or `{}` clears).
 * - Harness only, guarded by `x-sandbox-admin: <adminKey>`: `POST /__sandbox/faults` (body =
 *   {@link Faults}), `GET /__sandbox/faults`, `POST /__sandbox/reset` (fresh seed data, no faults,
 *   full rate-limit bucket; issued access tokens stay valid).
 *
 * Seeds: `demo` (50 users, ~120 sessions, well-known users in seed-well-known.ts — alice, bob,
 * carol, dave) and `large` (100,000 users, exactly 250,000 sessions, generated per user on first
 * access). Same seed + same `now()` at start → identical data.
 *
 * Faults (see faults.ts): latency, 503 error rate, never-answer rate, malformed-JSON rate, socket
 * reset rate, 429 storm, always-failing path patterns, with a seeded dice sequence.
 *
 * Eventual consistency (on by default, see consistency.ts): with `consistencyDelayMs` > 0 (the start
 * option, or `setFaults({ consistencyDelayMs })`, which wins while set) a session or refresh token
 * removed by `DELETE /sessions/{id}`, `POST /sessions/{id}/revoke`, `DELETE /refresh-tokens/{id}`,
 * `DELETE /users/{id}/sessions` or `DELETE /users/{id}/refresh-tokens` is still returned by
 * `GET /sessions/{id}`, `GET /refresh-tokens/{id}` and the user's lists until the delay has passed,
 * as in Auth0 (reference §4, §7); deleting or revoking it again meanwhile answers 202 as the
 * first time. `store` itself shows the delete at once. Default
 * {@link DEFAULT_CONSISTENCY_DELAY_MS}, so that a client that trusts a 202 as "gone" fails here as
 * it would on Auth0; 0 makes deletes show immediately.
 *
 * Plans (`plan` option, `--plan`; default `enterprise`): the rate-limit buckets of
 * core/auth0/rate-limits.ts — on Essentials / Professional one per endpoint family (Read Users
 * 40 / 500 per min, Read Clients 5 / 100, Read Connections 5 / 50, everything else 10 / 150), on
 * Free one for the whole API (2 / 2 per s), on Enterprise one for the whole API (50 / 16 per s).
 * `rateLimit` (`--rate-limit`) replaces them with one bucket. Session and refresh-token endpoints
 * answer only on Enterprise; other plans get {@link planRefusal} (our reading, see there).
 *
 * Choices where Auth0's docs are silent:
 * - Only `/api/v2` requests take a token from a rate-limit bucket (the one of their family);
 *   `/oauth/token` and the admin endpoints do not. Every `/api/v2` and `/oauth/token` response
 *   carries the `X-RateLimit-*` headers of the bucket it counts against (`/oauth/token`: the
 *   "everything else" one); `X-RateLimit-Reset` is when the bucket is full again. No
 *   `Retry-After` on 429s.
 * - Order of checks: faults → rate limit → route (404) → token (401) → plan (403
 *   `operation_not_supported`) → scope (403) → body (400).
 * - Deletes and revoke answer 202, bodiless, as Auth0 accepts them asynchronously; deleting an unknown session or refresh
 *   token is a no-op 202 (async in Auth0; the SDK declares no 404 there), revoking one is a 404.
 * - Session and refresh-token lists are ordered by id; `next` cursors mean "after id X" and
 *   expire after 24 h; `take` may be up to 100 (Private Cloud maximum), default 50.
 * - 404 errorCodes `inexistent_session` / `inexistent_refresh_token` / `inexistent_client` /
 *   `inexistent_connection` mirror the documented `inexistent_user`. 503 has no errorCode.
 * - User search: juxtaposed terms are OR-ed (Lucene default) and `-x` / `NOT x` exclude; free
 *   text is a substring match of email, name and user_id; offset paging stops at the first 1,000
 *   results (`invalid_paging`); `total` is the true count.
 * - `GET /connections` uses checkpoint paging when `from` or `take` is given, offset otherwise.
 * - Client PATCH merges `refresh_token` (whose `rotation_type` and `expiration_type` are required,
 *   as in the SDK type), `oidc_logout`, `jwt_configuration` one level deep; real fields it does not
 *   model are stored as sent; unknown fields are 400; a sent `client_secret` is dropped.
 * - Connection PATCH: a sent `options` object replaces the whole options object (Auth0's
 *   documented behaviour: omitted option keys are removed); `options` must be an object, the SAML
 *   `signOutEndpoint` a string, `disableSignout` a boolean; other top-level fields are replaced;
 *   unknown top-level fields are 400.
 * - Allow-list URLs (callbacks, logout URLs, origins) are checked against reference §2.5 wildcard
 *   rules; back-channel logout URLs must be https, not Auth0 hosts, at most one.
 * - A faulted request (timeout, reset, malformed, 503) does not perform the operation.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  createTokenService,
  type SandboxClientCredentials,
  type TokenService,
} from './access-tokens'
import { createDeletionLag } from './consistency'
import { createFaultInjector, faultsSchema, type Faults } from './faults'
import { ApiError, parseJsonBody, readBody, sendJson } from './http-io'
import { MANAGEMENT_SCOPES, checkScopes, matchRoute } from './management-api'
import { m2mClientRecord } from './seed-catalog'
import { isExportPath, serveExport } from './routes-jobs'
import { createSandboxStore, type SandboxStore, type SeedName } from './store'
import { createTokenBucket, type RateLimitConfig, type RateLimitDecision } from './token-bucket'
import { createSandboxExtras, type SandboxExtras } from './tenant-extras'
import type { TenantLogRecorder } from './tenant-logs'
import {
  AUTH0_PLAN_LIMITS,
  ENDPOINT_FAMILIES,
  endpointFamily,
  isEnterpriseOnlyPath,
  type Auth0Plan,
  type EndpointFamily,
} from '../../core/auth0/rate-limits'

export type { Faults } from './faults'
export type { SandboxClientCredentials } from './access-tokens'
export type { RateLimitConfig } from './token-bucket'
export type { Auth0Plan as SandboxPlan, EndpointFamily } from '../../core/auth0/rate-limits'
export type { SandboxStore, SeedName } from './store'
export type {
  SandboxClient,
  SandboxConnection,
  SandboxRefreshToken,
  SandboxSession,
  SandboxTenantSettings,
  SandboxUser,
} from './types'
export { MANAGEMENT_SCOPES, PROVISIONING_SCOPES } from './management-api'
export type { SandboxLog, TenantLogRecorder } from './tenant-logs'
export { DEMO_USERS } from './seed-well-known'
export { DEMO_CLIENT_IDS, DEMO_CONNECTIONS } from './seed-catalog'

/** Client id of the console's M2M application unless `options.clientId` is given. */
export const DEFAULT_CLIENT_ID = 'sandbox-console-m2m'
/** Its secret unless `options.clientSecret` is given. Not a secret: the sandbox is local only. */
export const DEFAULT_CLIENT_SECRET = 'sandbox-secret-not-for-production'

/** Options of {@link startSandbox}. */
/** How long a deleted session or refresh token stays readable by default: Auth0 deletes asynchronously. */
export const DEFAULT_CONSISTENCY_DELAY_MS = 250

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number
  /** Data set; default `demo`. */
  seed?: SeedName
  /**
   * Auth0 plan of the tenant; default `enterprise`. It sets the rate-limit buckets (one per
   * endpoint family on Essentials / Professional, one for everything on Free and Enterprise; see
   * core/auth0/rate-limits.ts) and whether the session and refresh-token endpoints answer (on
   * Enterprise only; see {@link planRefusal}).
   */
  plan?: Auth0Plan
  /**
   * One token bucket for every endpoint, replacing the plan's buckets (`--rate-limit`); the plan
   * still decides the Enterprise-only endpoints.
   */
  rateLimit?: RateLimitConfig
  clientId?: string
  clientSecret?: string
  /** Scopes of the default client; default {@link MANAGEMENT_SCOPES}. */
  scopes?: string[]
  /** More M2M clients, e.g. one with restricted scopes to provoke 403s. */
  extraClients?: SandboxClientCredentials[]
  /** Clock for seeded dates, token expiry, cursors and the rate limiter; default `Date.now`. */
  now?: () => number
  /** Key for the `/__sandbox/*` endpoints; default random. */
  adminKey?: string
  /**
   * How long deleted or revoked sessions and refresh tokens stay visible to reads, in ms; default
   * {@link DEFAULT_CONSISTENCY_DELAY_MS}. `setFaults({ consistencyDelayMs })` overrides it while set.
   */
  consistencyDelayMs?: number
  /**
   * A custom domain of the tenant (`login.example.test`), as a real tenant may have one. A token
   * asked for with its audience (`https://{custom}/api/v2/`) is refused with Auth0's 403
   * `access_denied` "Service not enabled within domain": only the canonical audience is valid.
   */
  customDomain?: string
}

/** A running sandbox. */
export interface Sandbox {
  /** `http://127.0.0.1:PORT` */
  url: string
  /** `127.0.0.1:PORT`, what the console stores as the tenant domain. */
  domain: string
  /** The custom domain it was started with, if any. */
  customDomain?: string
  /**
   * Serve the tenant at one more canonical domain (`127.0.0.1:PORT` of an https front for tools
   * that force https): tokens for `https://{domain}/api/v2/` are then issued and accepted.
   */
  addCanonicalDomain(domain: string): void
  port: number
  clientId: string
  clientSecret: string
  /** Value of the `x-sandbox-admin` header for `/__sandbox/*`. */
  adminKey: string
  /** The Auth0 plan it behaves as. */
  plan: Auth0Plan
  /** The live in-memory data (replaced by a reset). */
  readonly store: SandboxStore
  /** The tenant logs (`GET /api/v2/logs`); record `s`, `slo`, … events here (replaced by a reset). */
  readonly logs: TenantLogRecorder
  /** Replaces the fault configuration; `setFaults({})` clears it. */
  setFaults(faults: Faults): void
  /** Registers one more M2M client. */
  addClient(client: SandboxClientCredentials): void
  /** Every access token issued so far, for tests that scan for leaked tokens. */
  issuedTokens(): string[]
  /** Fresh seed data, no faults, full bucket. */
  reset(): void
  close(): Promise<void>
}

const rateHeaders = (d: RateLimitDecision): Record<string, string> => ({
  'x-ratelimit-limit': String(d.limit),
  'x-ratelimit-remaining': String(d.remaining),
  'x-ratelimit-reset': String(d.reset),
})

const TOO_MANY = new ApiError(
  429,
  'Too many requests. Check the X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers.',
  'too_many_requests',
)
const PLAN_NAMES: Record<Auth0Plan, string> = {
  free: 'Free',
  essentials: 'Essentials',
  professional: 'Professional',
  enterprise: 'Enterprise',
}

/**
 * What a non-Enterprise tenant answers on a session or refresh-token endpoint.
 *
 * Auth0 documents these endpoints as Enterprise-only but not what other plans get back (reference
 * §12). Our reading: 403 with the Management API's usual error body `{statusCode, error, message,
 * errorCode}`, errorCode `operation_not_supported` and a message naming the plan. Checked after
 * the token (a bad token is still 401) and before the scopes: the plan refuses whatever the
 * client was granted.
 */
export const planRefusal = (plan: Auth0Plan): ApiError =>
  new ApiError(
    403,
    `Sessions and refresh tokens are available through the Management API only on Enterprise plans; this tenant is on the ${PLAN_NAMES[plan]} plan.`,
    'operation_not_supported',
  )

const UNAVAILABLE = new ApiError(
  503,
  'The service is temporarily unavailable. Please try again later.',
)

const parseTokenBody = (text: string, contentType: string | undefined): Record<string, unknown> => {
  if (contentType?.includes('application/x-www-form-urlencoded') === true) {
    return Object.fromEntries(new URLSearchParams(text))
  }
  const parsed = parseJsonBody(text)
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ApiError(400, 'Invalid request payload JSON format', 'invalid_json')
  }
  return parsed as Record<string, unknown>
}

/**
 * The buckets of a plan, one entry per family; families of a `tenant`-scoped plan (and all of
 * them under an explicit `rateLimit`) share one bucket, so `X-RateLimit-*` is per family where
 * Auth0 counts per family and the same everywhere where it counts per tenant.
 */
const createPlanBuckets = (
  plan: Auth0Plan,
  override: RateLimitConfig | undefined,
  now: () => number,
): Record<EndpointFamily, ReturnType<typeof createTokenBucket>> => {
  const limits = AUTH0_PLAN_LIMITS[plan]
  if (override !== undefined || limits.scope === 'tenant') {
    const shared = createTokenBucket(override ?? limits.families.other, now)
    return {
      'read-users': shared,
      'read-clients': shared,
      'read-connections': shared,
      other: shared,
    }
  }
  return {
    'read-users': createTokenBucket(limits.families['read-users'], now),
    'read-clients': createTokenBucket(limits.families['read-clients'], now),
    'read-connections': createTokenBucket(limits.families['read-connections'], now),
    other: createTokenBucket(limits.families.other, now),
  }
}

/** Starts the sandbox tenant on 127.0.0.1. */
export const startSandbox = async (options: SandboxOptions = {}): Promise<Sandbox> => {
  const now = options.now ?? Date.now
  const seed = options.seed ?? 'demo'
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID
  const clientSecret = options.clientSecret ?? DEFAULT_CLIENT_SECRET
  const adminKey = options.adminKey ?? randomBytes(24).toString('base64url')
  const referenceNow = now()
  const plan = options.plan ?? 'enterprise'
  const buckets = createPlanBuckets(plan, options.rateLimit, now)
  const bucketOf = (method: string, path: string) =>
    buckets[endpointFamily(method, path.slice('/api/v2'.length))]
  const faults = createFaultInjector()
  const lag = createDeletionLag()
  const registered: SandboxClientCredentials[] = [
    {
      clientId,
      clientSecret,
      scopes: options.scopes ?? [...MANAGEMENT_SCOPES],
      name: 'Session Console (sandbox)',
    },
    ...(options.extraClients ?? []),
  ]
  const clientRecords = () =>
    registered.map((c) => m2mClientRecord(c.clientId, c.name ?? `M2M client ${c.clientId}`))
  const buildStore = () =>
    createSandboxStore({ seed, nowMs: referenceNow, extraClients: clientRecords() })
  let store = buildStore()
  let tokens: TokenService | null = null
  let extras: SandboxExtras | null = null
  const timers = new Set<NodeJS.Timeout>()

  const isAdmin = (req: IncomingMessage): boolean => {
    const given = req.headers['x-sandbox-admin']
    if (typeof given !== 'string') return false
    const a = Buffer.from(given)
    const b = Buffer.from(adminKey)
    return a.length === b.length && timingSafeEqual(a, b)
  }

  const handleAdmin = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (!isAdmin(req)) {
      sendJson(res, 401, new ApiError(401, 'Missing or wrong x-sandbox-admin header').toBody())
      return
    }
    if (path === '/__sandbox/faults' && req.method === 'GET') {
      sendJson(res, 200, faults.get())
    } else if (path === '/__sandbox/faults' && req.method === 'POST') {
      const parsed = faultsSchema.safeParse(parseJsonBody(await readBody(req)))
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        throw new ApiError(
          400,
          `Invalid faults: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
          'invalid_body',
        )
      }
      faults.set(parsed.data)
      sendJson(res, 200, faults.get())
    } else if (path === '/__sandbox/reset' && req.method === 'POST') {
      sandbox.reset()
      sendJson(res, 204, undefined)
    } else {
      sendJson(res, 404, new ApiError(404, 'Not Found').toBody())
    }
  }

  const handleToken = async (req: IncomingMessage, res: ServerResponse) => {
    const headers = rateHeaders(buckets.other.peek())
    if (req.method !== 'POST') {
      sendJson(res, 404, new ApiError(404, 'Not Found').toBody(), headers)
      return
    }
    let params: Record<string, unknown>
    try {
      params = parseTokenBody(await readBody(req), req.headers['content-type'])
    } catch (err) {
      const message = err instanceof ApiError ? err.message : 'Invalid request'
      sendJson(res, 400, { error: 'invalid_request', error_description: message }, headers)
      return
    }
    const answer = (tokens as TokenService).issue(params, req.headers.authorization)
    sendJson(res, answer.status, answer.body, {
      ...headers,
      'cache-control': 'no-store',
      pragma: 'no-cache',
    })
  }

  const handleManagement = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const method = req.method ?? 'GET'
    const path = url.pathname.slice('/api/v2'.length)
    const decision = buckets[endpointFamily(method, path)].take()
    const headers = rateHeaders(decision)
    try {
      if (!decision.allowed) throw TOO_MANY
      const found = matchRoute(method, path)
      if (found === null) throw new ApiError(404, 'Not Found')
      const grant = (tokens as TokenService).verify(req.headers.authorization)
      if (plan !== 'enterprise' && isEnterpriseOnlyPath(path)) throw planRefusal(plan)
      checkScopes(found.route, grant.scopes)
      const body = method === 'GET' || method === 'DELETE' ? {} : parseJsonBody(await readBody(req))
      const nowMs = now()
      const delayMs =
        faults.get().consistencyDelayMs ??
        options.consistencyDelayMs ??
        DEFAULT_CONSISTENCY_DELAY_MS
      const result = found.route.handle({
        store: delayMs > 0 ? lag.view(store, nowMs, delayMs) : store,
        params: found.params,
        query: url.searchParams,
        body,
        nowMs,
        scopes: grant.scopes,
        ...(extras !== null && { extras }),
        selfService: plan !== 'enterprise',
      })
      if (method !== 'GET' && result.status < 300) {
        extras?.logs.record('sapi', {
          date: nowMs,
          client_id: grant.clientId,
          ...(req.socket.remoteAddress !== undefined && { ip: req.socket.remoteAddress }),
          ...(req.headers['user-agent'] !== undefined && { user_agent: req.headers['user-agent'] }),
          details: {
            request: { method, path: url.pathname },
            response: { statusCode: result.status },
          },
        })
      }
      sendJson(res, result.status, result.body, headers)
    } catch (err) {
      if (err instanceof ApiError) {
        sendJson(res, err.statusCode, err.toBody(), headers)
      } else {
        sendJson(res, 500, new ApiError(500, 'Internal error').toBody(), headers)
      }
    }
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const path = url.pathname
    if (isExportPath(path) && extras !== null) {
      await serveExport(res, path, extras, store)
      return
    }
    if (path.startsWith('/__sandbox/')) {
      await handleAdmin(req, res, path)
      return
    }
    const decision = faults.decide(req.method ?? 'GET', path)
    if (decision.latencyMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer)
          resolve()
        }, decision.latencyMs)
        timers.add(timer)
      })
      if (res.destroyed) return
    }
    const isApi = path === '/api/v2' || path.startsWith('/api/v2/')
    const bucket = isApi ? bucketOf(req.method ?? 'GET', path) : buckets.other
    switch (decision.action) {
      case 'reset':
        req.socket.destroy()
        return
      case 'timeout':
        return
      case 'rate-limit': {
        const d = bucket.peek()
        const headers = rateHeaders({ ...d, remaining: 0 })
        if (isApi) sendJson(res, 429, TOO_MANY.toBody(), headers)
        else
          sendJson(
            res,
            429,
            { error: 'too_many_requests', error_description: 'Global limit has been reached' },
            headers,
          )
        return
      }
      case 'error':
        sendJson(res, 503, UNAVAILABLE.toBody(), rateHeaders(bucket.peek()))
        return
      case 'malformed':
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          ...rateHeaders(bucket.peek()),
        })
        res.end('{"sessions":[{"id":"trunc')
        return
      case 'none':
        break
    }
    if (path === '/oauth/token') await handleToken(req, res)
    else if (isApi) await handleManagement(req, res, url)
    else sendJson(res, 404, new ApiError(404, 'Not Found').toBody())
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof ApiError) sendJson(res, err.statusCode, err.toBody())
      else sendJson(res, 500, new ApiError(500, 'Internal error').toBody())
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}`
  const domain = `127.0.0.1:${port}`
  const audiences = [
    `${url}/api/v2/`,
    `https://${domain}/api/v2/`,
    `http://localhost:${port}/api/v2/`,
    `https://localhost:${port}/api/v2/`,
  ]
  tokens = createTokenService({ audiences, now })
  for (const c of registered) tokens.addClient(c)
  const buildExtras = (t: TokenService) =>
    createSandboxExtras({ baseUrl: url, audiences, tokens: t, store, now, registered })
  extras = buildExtras(tokens)

  let closing: Promise<void> | null = null
  const sandbox: Sandbox = {
    url,
    domain,
    ...(options.customDomain !== undefined && { customDomain: options.customDomain }),
    addCanonicalDomain: (extra) => tokens?.addAudience(`https://${extra}/api/v2/`),
    port,
    clientId,
    clientSecret,
    adminKey,
    plan,
    get store() {
      return store
    },
    get logs() {
      return (extras as SandboxExtras).logs
    },
    setFaults: (f) => faults.set(faultsSchema.parse(f)),
    issuedTokens: () => tokens?.issued() ?? [],
    addClient(client) {
      registered.push(client)
      tokens?.addClient(client)
      extras?.addRegisteredGrant(client)
      store.clients.push(
        m2mClientRecord(client.clientId, client.name ?? `M2M client ${client.clientId}`),
      )
    },
    reset() {
      store = buildStore()
      extras?.dispose(registered)
      if (tokens !== null) extras = buildExtras(tokens)
      lag.clear()
      faults.set({})
      for (const family of ENDPOINT_FAMILIES) buckets[family].reset()
    },
    // Idempotent: the app's dispose and a test harness may both close the same sandbox.
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer)
        timers.clear()
        server.close((err) => (err === undefined ? resolve() : reject(err)))
        server.closeAllConnections()
      })),
  }
  return sandbox
}
