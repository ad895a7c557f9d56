/**
 * THE Management API client: one per tenant, built on the official `auth0` SDK (v7).
 *
 * What the SDK does we do not redo: URLs, query strings, paging (`Page`), bearer header, timeouts,
 * status → error class. What we add around it:
 * - the client-credentials token request (hand-written because the SDK's token provider does not
 *   expose the granted scopes, which the console needs), handed to the SDK as a token supplier;
 * - a `fetch` that routes `https://{domain}` to the tenant's `insecureBaseUrl` (loopback only, the
 *   Sandbox), feeds every `X-RateLimit-*` header to the pacer and refuses 2xx bodies that are not
 *   JSON (the SDK would hand back an `{ok: false, error}` marker object as data);
 * - pacing and retries: the SDK's own retry is off (`maxRetries: 0`) because it sleeps on its own
 *   timers without asking the pacer; we wait in {@link RatePacer.acquire} before every attempt,
 *   `blockUntil` the reset after a 429, and retry GETs on 5xx / dropped connections. One pacer
 *   per endpoint family (Read Users, Read Clients, Read Connections, everything else: Auth0
 *   counts them apart on Essentials / Professional), each learning from its own answers;
 * - a 403 on a session or refresh-token endpoint that names no missing scope is the plan's
 *   refusal (these endpoints are Enterprise-only): FORBIDDEN with reason `enterprise-only`;
 * - failures as {@link AppFailure} with contract codes and sentences for a support person, never
 *   containing the client secret or the access token ({@link mapFailure}).
 */
import { ManagementClient, type Management, type Page } from 'auth0'
import type {
  Auth0Client,
  Auth0ClientUpdate,
  Auth0Connection,
  Auth0ConnectionUpdate,
  Auth0RefreshToken,
  Auth0Session,
  Auth0TenantSettings,
  Auth0TenantSettingsUpdate,
  Auth0User,
  Auth0UserSearchResult,
} from '../../../core/auth0/types'
import {
  createTenantPacer,
  parseRateLimitHeaders,
  singlePacer,
  type EndpointFamily,
  type RatePacer,
  type RatePacerSnapshot,
} from './rate-pacer'
import { endpointFamily } from '../../../core/auth0/rate-limits'
import { AppFailure } from '../../../core/result'
import { isLoopbackDomain } from '../../../core/auth0/domains'
import {
  HttpStatusError,
  MalformedResponseError,
  classifyFailure,
  isTransientFailure,
  mapFailure,
  type FailureContext,
} from './errors'
import type { TenantConnection } from '../ports'

/** How often and how long to retry. */
export interface RetryPolicy {
  /** 429s retried (after waiting for the reset) before giving up with RATE_LIMITED. */
  rateLimited: number
  /** 5xx, dropped connections and malformed bodies retried, GETs only. */
  transient: number
  /** First backoff; doubles on every retry. Also the least wait after a 429. */
  baseDelayMs: number
  /** A 429 whose reset is further away than this gives up at once instead of waiting. */
  maxRateLimitWaitMs: number
}

/** Defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY: Readonly<RetryPolicy> = {
  rateLimited: 4,
  transient: 2,
  baseDelayMs: 250,
  maxRateLimitWaitMs: 60_000,
}

/** Default time one HTTP request may take. */
export const DEFAULT_TIMEOUT_MS = 15_000

/** A cached token is replaced this long before it expires. */
export const TOKEN_REFRESH_MARGIN_MS = 60_000

/** Collaborators of {@link createManagementApi}; all optional. */
export interface ManagementApiDeps {
  /** The transport; default the global `fetch`. */
  fetch?: typeof fetch
  /** Clock in epoch ms, for token expiry and 429 waits; default `Date.now`. */
  now?: () => number
  /**
   * One pacer for every endpoint family (tests, benches); default one pacer per family starting
   * at the slowest plan's numbers ({@link createTenantPacer}).
   */
  pacer?: RatePacer
  /** Per-request timeout; default 15,000 ms. */
  timeoutMs?: number
  /** Waits between retries; default a timer. */
  sleep?: (ms: number) => Promise<void>
  retry?: Partial<RetryPolicy>
}

/** Options of the paged list iterators. */
export interface PageOptions {
  /** Items per request; Auth0 allows up to 50 (Public Cloud) or 100 (Private Cloud). */
  take?: number
}

/**
 * One tenant's Management API. Every call waits for the pacer; every failure is an
 * {@link AppFailure}. Results are the JSON Auth0 sent (reference §4.1, §4.2, §5).
 */
export interface ManagementApi {
  /**
   * Gets (or reuses) an access token by client credentials and answers the granted scopes.
   *
   * The token lives in memory only and is replaced 60 s before it expires.
   */
  connect(): Promise<{ scopes: string[]; expiresAt: number }>
  /** Forgets the cached token (new secret, or to force a fresh connection test). */
  dropToken(): void
  /** One page of a user search (Lucene `q`, search engine v3) and the total match count. */
  searchUsers(query: { q: string; page: number; perPage: number }): Promise<Auth0UserSearchResult>
  getUser(id: string): Promise<Auth0User>
  /** Case-insensitive exact email match. */
  getUsersByEmail(email: string): Promise<Auth0User[]>
  /** Every session of a user, following `from`/`take`/`next` to the last page. */
  listUserSessions(userId: string): Promise<Auth0Session[]>
  /** The sessions of a user, one page per request, as they arrive. */
  iterateUserSessions(userId: string, options?: PageOptions): AsyncGenerator<Auth0Session, void>
  /** Deletes all of a user's sessions (their refresh tokens stay). */
  deleteUserSessions(userId: string): Promise<void>
  getSession(id: string): Promise<Auth0Session>
  /** Deletes one session; refresh tokens bound to it stay valid. */
  deleteSession(id: string): Promise<void>
  /** Deletes one session and every refresh token bound to it. */
  revokeSession(id: string): Promise<void>
  /** Every refresh token of a user, all pages. */
  listUserRefreshTokens(userId: string): Promise<Auth0RefreshToken[]>
  iterateUserRefreshTokens(
    userId: string,
    options?: PageOptions,
  ): AsyncGenerator<Auth0RefreshToken, void>
  /** Revokes every refresh token of a user. */
  deleteUserRefreshTokens(userId: string): Promise<void>
  getRefreshToken(id: string): Promise<Auth0RefreshToken>
  deleteRefreshToken(id: string): Promise<void>
  /** Every application, all pages. */
  listClients(): Promise<Auth0Client[]>
  getClient(id: string): Promise<Auth0Client>
  updateClient(id: string, patch: Auth0ClientUpdate): Promise<Auth0Client>
  /** Every connection, all pages. */
  listConnections(): Promise<Auth0Connection[]>
  getConnection(id: string): Promise<Auth0Connection>
  /**
   * Client ids of the applications enabled for a connection (`GET /connections/{id}/clients`,
   * every page). Replaces the connection's `enabled_clients`, which reached end of life.
   */
  listConnectionClients(id: string): Promise<string[]>
  /** A sent `options` object replaces the connection's whole options object. */
  updateConnection(id: string, patch: Auth0ConnectionUpdate): Promise<Auth0Connection>
  getTenantSettings(): Promise<Auth0TenantSettings>
  updateTenantSettings(patch: Auth0TenantSettingsUpdate): Promise<Auth0TenantSettings>
  /** What the pacer of one endpoint family (default "everything else") believes right now. */
  rateLimit(family?: EndpointFamily): RatePacerSnapshot
}

// ---------------------------------------------------------------------------------------------
// Transport

const urlOf = (input: string | URL | Request): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url

/** Validates a loopback http base URL; plain http never leaves this computer. */
const loopbackBase = (value: string): string => {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new AppFailure('INVALID_INPUT', `"${value}" is not a URL.`)
  }
  if (url.protocol !== 'http:' || !isLoopbackDomain(url.host)) {
    throw new AppFailure(
      'INVALID_INPUT',
      'Plain http is allowed only for tenants on this computer (127.0.0.1 or localhost).',
    )
  }
  return url.origin
}

/** `https://{domain}/…` → `{insecureBaseUrl}/…` when the tenant has one; otherwise unchanged. */
const routedFetch = (base: typeof fetch, domain: string, insecureBase?: string): typeof fetch => {
  if (insecureBase === undefined) return base
  const from = `https://${domain}`
  return (input, init) => {
    const url = urlOf(input)
    if (url !== from && !url.startsWith(`${from}/`) && !url.startsWith(`${from}?`)) {
      return base(input, init)
    }
    const target = insecureBase + url.slice(from.length)
    return input instanceof Request ? base(new Request(target, input), init) : base(target, init)
  }
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

const normalizeDomainText = (domain: string): string =>
  domain
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/.*$/, '')

/** The `scope` claim of a JWT access token, when the token endpoint did not list the scopes. */
const scopesFromJwt = (token: string): string[] => {
  const payload = token.split('.')[1]
  if (payload === undefined) return []
  const claims = parseJson(Buffer.from(payload, 'base64url').toString('utf8'))
  if (typeof claims !== 'object' || claims === null) return []
  const { scope, permissions } = claims as { scope?: unknown; permissions?: unknown }
  if (typeof scope === 'string') return scope.split(' ').filter((s) => s !== '')
  if (Array.isArray(permissions)) return permissions.filter((p) => typeof p === 'string')
  return []
}

const timerSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms)
  })

interface CachedToken {
  accessToken: string
  expiresAt: number
  scopes: string[]
}

/** How {@link createManagementApi}'s `run` treats one operation. */
interface OperationKind {
  /** Safe to retry after a 5xx or a dropped connection. */
  idempotent: boolean
  /** The rate-limit bucket it counts against. */
  family: EndpointFamily
  /** A session or refresh-token endpoint (Enterprise plans only). */
  enterpriseOnly?: boolean
}

/** The SDK returns the JSON Auth0 sent, untransformed; these are its plain-JSON shapes. */
const json = <T>(value: unknown): T => value as T

// ---------------------------------------------------------------------------------------------
// The client

/** Builds the Management API client of one tenant. */
export function createManagementApi(
  conn: TenantConnection,
  deps: ManagementApiDeps = {},
): ManagementApi {
  const domain = normalizeDomainText(conn.domain)
  const insecureBase =
    conn.insecureBaseUrl === undefined ? undefined : loopbackBase(conn.insecureBaseUrl)
  const now = deps.now ?? Date.now
  const sleep = deps.sleep ?? timerSleep
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...deps.retry }
  const pacer =
    deps.pacer === undefined
      ? createTenantPacer({ plan: conn.plan, now, ...(deps.sleep && { sleep: deps.sleep }) })
      : singlePacer(deps.pacer)
  const transport = routedFetch(deps.fetch ?? globalThis.fetch, domain, insecureBase)
  const apiPrefix = `https://${domain}/api/v2`

  let cached: CachedToken | null = null
  let pending: Promise<CachedToken> | null = null
  let generation = 0
  let tokenRequests = 0

  const context = (enterpriseOnly = false): FailureContext => ({
    domain,
    enterpriseOnly,
    clientId: conn.clientId,
    timeoutMs,
    ...(cached !== null && { grantedScopes: cached.scopes }),
    secrets: [conn.clientSecret, ...(cached === null ? [] : [cached.accessToken])],
  })

  /** An AppFailure for anything expected; a bug (unclassifiable error) is rethrown as it is. */
  const toFailure = (err: unknown): unknown => {
    if (err instanceof AppFailure) return err
    const cause = classifyFailure(err)
    return cause.kind === 'unknown' ? err : mapFailure(cause, context())
  }

  /** What the SDK fetches with: routed, observed by the pacer, 2xx bodies checked to be JSON. */
  const sdkFetch: typeof fetch = async (input, init) => {
    const response = await transport(input, init)
    const url = urlOf(input)
    if (url.startsWith(`${apiPrefix}/`)) {
      const headers = parseRateLimitHeaders(response.headers)
      const method = init?.method ?? (input instanceof Request ? input.method : 'GET')
      const path = new URL(url).pathname.slice('/api/v2'.length)
      if (headers !== undefined) pacer.observe(endpointFamily(method, path), headers)
    }
    if (!response.ok || response.status === 204) return response
    const text = await response.text()
    if (text.trim() !== '' && parseJson(text) === undefined) {
      throw new MalformedResponseError(response.status)
    }
    // Hand the SDK the body already read instead of building a new Response (a quarter of the
    // client's throughput on loopback); the SDK reads JSON bodies through text().
    const answer = async (): Promise<string> => text
    Object.defineProperty(response, 'text', { value: answer })
    Object.defineProperty(response, 'json', { value: async () => JSON.parse(text) as unknown })
    return response
  }

  const requestToken = async (): Promise<CachedToken> => {
    tokenRequests += 1
    const response = await transport(`https://${domain}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: conn.clientId,
        client_secret: conn.clientSecret,
        audience: `https://${domain}/api/v2/`,
      }).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await response.text()
    const body = parseJson(text)
    if (!response.ok) throw new HttpStatusError('token', response.status, body ?? text)
    const fields = (body ?? {}) as { access_token?: unknown; expires_in?: unknown; scope?: unknown }
    if (typeof fields.access_token !== 'string' || fields.access_token === '') {
      throw new MalformedResponseError(response.status)
    }
    const lifetime =
      typeof fields.expires_in === 'number' && fields.expires_in > 0 ? fields.expires_in : 86_400
    const scopes =
      typeof fields.scope === 'string'
        ? fields.scope.split(' ').filter((s) => s !== '')
        : scopesFromJwt(fields.access_token)
    return { accessToken: fields.access_token, expiresAt: now() + lifetime * 1000, scopes }
  }

  /** The cached token, or a new one (one request at a time). Failures are AppFailures. */
  const getToken = async (): Promise<CachedToken> => {
    if (cached !== null && now() < cached.expiresAt - TOKEN_REFRESH_MARGIN_MS) return cached
    if (pending === null) {
      const started = generation
      const request: Promise<CachedToken> = requestToken()
        .then((token) => {
          if (started === generation) cached = token
          return token
        })
        .catch((err: unknown) => {
          throw toFailure(err)
        })
        .finally(() => {
          if (pending === request) pending = null
        })
      pending = request
    }
    return pending
  }

  const dropToken = (): void => {
    generation += 1
    cached = null
    pending = null
  }

  const client = new ManagementClient({
    domain,
    token: async () => (await getToken()).accessToken,
    fetch: sdkFetch,
    timeoutInSeconds: timeoutMs / 1000,
    maxRetries: 0,
  })

  const backoff = (attempt: number): number => retry.baseDelayMs * 2 ** attempt

  /** One API operation: paced, retried per {@link RetryPolicy}, failures mapped. */
  const run = async <T>(op: () => Promise<T>, kind: OperationKind) => {
    const { idempotent, family, enterpriseOnly = false } = kind
    let rateLimited = 0
    let transient = 0
    let reauthenticated = false
    for (;;) {
      await pacer.acquire(family)
      const tokensBefore = tokenRequests
      try {
        return await op()
      } catch (err) {
        if (err instanceof AppFailure) throw err
        const cause = classifyFailure(err)
        if (cause.kind === 'unknown') throw err
        if (cause.kind === 'http' && cause.endpoint === 'api') {
          if (cause.status === 429) {
            const t = now()
            const reset = cause.rateLimit?.reset
            const until = Math.max(reset === undefined ? 0 : reset * 1000, t + backoff(rateLimited))
            if (rateLimited >= retry.rateLimited || until - t > retry.maxRateLimitWaitMs) {
              pacer.blockUntil(family, until)
              throw mapFailure({ ...cause, retryAfterMs: until - t }, context(enterpriseOnly))
            }
            rateLimited += 1
            pacer.blockUntil(family, until)
            continue
          }
          // A cached token the tenant no longer accepts: retry once with a new one. When a
          // concurrent call has already fetched a newer token, retry with that one instead of
          // dropping it (three parallel reads after a tenant restart all get a 401).
          if (cause.status === 401 && !reauthenticated) {
            reauthenticated = true
            if (tokenRequests === tokensBefore) dropToken()
            continue
          }
        }
        if (idempotent && isTransientFailure(cause) && transient < retry.transient) {
          await sleep(backoff(transient))
          transient += 1
          continue
        }
        throw mapFailure(cause, context(enterpriseOnly))
      }
    }
  }

  const GET_USERS: OperationKind = { idempotent: true, family: 'read-users' }
  const GET_CLIENTS: OperationKind = { idempotent: true, family: 'read-clients' }
  const GET_CONNECTIONS: OperationKind = { idempotent: true, family: 'read-connections' }
  const GET = { idempotent: true, family: 'other' } as const
  const WRITE = { idempotent: false, family: 'other' } as const
  /** Session and refresh-token endpoints: Enterprise-only. */
  const GET_SESSIONS = { ...GET, enterpriseOnly: true } as const
  const END_SESSIONS = { ...WRITE, enterpriseOnly: true } as const

  /** Walks a checkpoint- or offset-paged SDK list, pacing and retrying every page. */
  async function* pages<T>(
    first: () => Promise<Page<T, unknown>>,
    kind: OperationKind,
  ): AsyncGenerator<T> {
    const page = await run(first, kind)
    yield* page.data
    while (page.hasNextPage()) {
      await run(() => page.getNextPage(), kind)
      yield* page.data
    }
  }

  const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
    const all: T[] = []
    for await (const item of items) all.push(item)
    return all
  }

  const iterateUserSessions = (userId: string, options: PageOptions = {}) =>
    pages(async () => {
      const page = await client.users.sessions.list(userId, { take: options.take ?? 50 })
      return json<Page<Auth0Session, unknown>>(page)
    }, GET_SESSIONS)

  const iterateUserRefreshTokens = (userId: string, options: PageOptions = {}) =>
    pages(async () => {
      const page = await client.users.refreshToken.list(userId, { take: options.take ?? 50 })
      return json<Page<Auth0RefreshToken, unknown>>(page)
    }, GET_SESSIONS)

  return {
    async connect() {
      const token = await getToken()
      return { scopes: [...token.scopes], expiresAt: token.expiresAt }
    },
    dropToken,
    async searchUsers({ q, page, perPage }) {
      const result = await run(
        () =>
          client.users.list({
            ...(q.trim() !== '' && { q, search_engine: 'v3' }),
            page,
            per_page: perPage,
            include_totals: true,
          }),
        GET_USERS,
      )
      const users = json<Auth0User[]>(result.data)
      const total = (result.response as { total?: unknown }).total
      return { users, total: typeof total === 'number' ? total : users.length }
    },
    getUser: async (id) => json<Auth0User>(await run(() => client.users.get(id), GET_USERS)),
    getUsersByEmail: async (email) =>
      json<Auth0User[]>(await run(() => client.users.listUsersByEmail({ email }), GET_USERS)),
    listUserSessions: (userId) => collect(iterateUserSessions(userId)),
    iterateUserSessions,
    deleteUserSessions: (userId) => run(() => client.users.sessions.delete(userId), END_SESSIONS),
    getSession: async (id) =>
      json<Auth0Session>(await run(() => client.sessions.get(id), GET_SESSIONS)),
    deleteSession: (id) => run(() => client.sessions.delete(id), END_SESSIONS),
    revokeSession: (id) => run(() => client.sessions.revoke(id), END_SESSIONS),
    listUserRefreshTokens: (userId) => collect(iterateUserRefreshTokens(userId)),
    iterateUserRefreshTokens,
    deleteUserRefreshTokens: (userId) =>
      run(() => client.users.refreshToken.delete(userId), END_SESSIONS),
    getRefreshToken: async (id) =>
      json<Auth0RefreshToken>(await run(() => client.refreshTokens.get(id), GET_SESSIONS)),
    deleteRefreshToken: (id) => run(() => client.refreshTokens.delete(id), END_SESSIONS),
    listClients: () =>
      collect(
        pages(
          async () =>
            json<Page<Auth0Client, unknown>>(await client.clients.list({ per_page: 100 })),
          GET_CLIENTS,
        ),
      ),
    getClient: async (id) =>
      json<Auth0Client>(await run(() => client.clients.get(id), GET_CLIENTS)),
    updateClient: async (id, patch) =>
      json<Auth0Client>(
        await run(
          () => client.clients.update(id, json<Management.UpdateClientRequestContent>(patch)),
          WRITE,
        ),
      ),
    listConnections: () =>
      collect(
        pages(
          async () =>
            json<Page<Auth0Connection, unknown>>(await client.connections.list({ take: 50 })),
          GET_CONNECTIONS,
        ),
      ),
    getConnection: async (id) =>
      json<Auth0Connection>(await run(() => client.connections.get(id), GET_CONNECTIONS)),
    // GET /connections/{id}/clients counts against "everything else", as core/auth0/rate-limits.ts
    // maps it (Auth0 lists only the connection list and single reads as Read Connections).
    listConnectionClients: async (id) =>
      (
        await collect(
          pages(async () => await client.connections.clients.get(id, { take: 50 }), GET),
        )
      ).map((c) => c.client_id),
    updateConnection: async (id, patch) =>
      json<Auth0Connection>(
        await run(
          () =>
            client.connections.update(id, json<Management.UpdateConnectionRequestContent>(patch)),
          WRITE,
        ),
      ),
    getTenantSettings: async () =>
      json<Auth0TenantSettings>(await run(() => client.tenants.settings.get(), GET)),
    updateTenantSettings: async (patch) =>
      json<Auth0TenantSettings>(
        await run(
          () =>
            client.tenants.settings.update(
              json<Management.UpdateTenantSettingsRequestContent>(patch),
            ),
          WRITE,
        ),
      ),
    rateLimit: (family = 'other') => pacer.snapshot(family),
  }
}
