import { z } from 'zod'
import { ApiError, projectFields } from './http-io'
import { CursorError, paginateCheckpoint, paginateOffset } from './pagination'
import { boolParam, intParam, queryError } from './route-params'
import { writeRoutes } from './routes'
import type { SandboxStore } from './store'
import type { SandboxExtras } from './tenant-extras'
import type { SandboxConnection, SandboxTenantSettings, SandboxUser } from './types'
import { UserQueryError, compileUserQuery } from './user-query'
import {
  applyClientPatch,
  applyConnectionPatch,
  applyTenantPatch,
  payloadError,
} from './validation'

/** What a Management API handler gets. */
export interface ApiContext {
  store: SandboxStore
  /** Decoded path parameters, in order. */
  params: string[]
  query: URLSearchParams
  /** Parsed JSON body (`{}` when empty). */
  body: unknown
  nowMs: number
  /** Scopes of the request's access token (some routes answer less, or refuse, without one). */
  scopes: ReadonlySet<string>
  /** State and services of the write endpoints (routes.ts); set by the server. */
  extras?: SandboxExtras
  /** A self-service plan (not Enterprise): lifetimes are capped at 720 h / 72 h. */
  selfService?: boolean
}

/** A handler's answer; `body` undefined means no content. */
export interface ApiResult {
  status: number
  body?: unknown
}

/** One Management API route. */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** Matched against the path after `/api/v2`; capture groups become `params`. */
  pattern: RegExp
  /** Required scopes: any one of them, or all of them when `allScopes` is set. */
  scopes: string[]
  allScopes?: boolean
  handle(ctx: ApiContext): ApiResult
}

/** Every scope some route checks; the default console client gets all of them. */
export const MANAGEMENT_SCOPES = [
  'read:users',
  'read:sessions',
  'update:sessions',
  'delete:sessions',
  'read:refresh_tokens',
  'update:refresh_tokens',
  'delete:refresh_tokens',
  'read:clients',
  'update:clients',
  'read:connections',
  'update:connections',
  'read:connections_options',
  'update:connections_options',
  'read:tenant_settings',
  'update:tenant_settings',
  'read:logs',
] as const

/**
 * Scopes of the write endpoints the console itself never uses (routes.ts): tests and harnesses
 * give them to a client of their own (`extraClients`), the default client does not get them.
 */
export const PROVISIONING_SCOPES = [
  'create:clients',
  'create:client_grants',
  'read:client_grants',
  'update:client_grants',
  'create:users',
] as const

/** Auth0 lets offset pagination reach only the first 1,000 search results. */
export const USER_SEARCH_WINDOW = 1000

const notFound = (message: string, errorCode: string): ApiError =>
  new ApiError(404, message, errorCode)

const requireUser = (ctx: ApiContext): SandboxUser => {
  const user = ctx.store.getUser(ctx.params[0] as string)
  if (user === undefined) throw notFound('The user does not exist.', 'inexistent_user')
  return user
}

const withFields = <T extends object>(ctx: ApiContext, record: T): Partial<T> =>
  projectFields(record, ctx.query.get('fields'), ctx.query.get('include_fields'))

const checkpoint = <T>(
  ctx: ApiContext,
  items: readonly T[],
  idOf: (item: T) => string = (item) => (item as { id: string }).id,
) => {
  const take = intParam(ctx.query, 'take', 50, 1, 100)
  const from = ctx.query.get('from') ?? undefined
  try {
    return paginateCheckpoint(items, idOf, {
      ...(from === undefined || from === '' ? {} : { from }),
      take,
      nowMs: ctx.nowMs,
    })
  } catch (err) {
    if (err instanceof CursorError) throw queryError('from', err.message)
    throw err
  }
}

const metadataSchema = z
  .record(z.string().min(1).max(255), z.string().max(255))
  .refine((m) => Object.keys(m).length <= 25, 'At most 25 metadata keys')
  .nullable()

const parseMetadata = (body: unknown, key: string): Record<string, string> | null | undefined => {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw payloadError('Expected type object but found type ' + typeof body)
  }
  const extra = Object.keys(body).filter((k) => k !== key)
  if (extra.length > 0) throw payloadError(`Additional properties not allowed: ${extra.join(',')}`)
  if (!(key in body)) return undefined
  const parsed = metadataSchema.safeParse((body as Record<string, unknown>)[key])
  if (!parsed.success) throw payloadError(parsed.error.issues[0]?.message ?? 'Invalid', [key])
  return parsed.data
}

const sortUsers = (users: SandboxUser[], sort: string | null): SandboxUser[] => {
  if (sort === null || sort === '') return users
  const [field, direction] = sort.split(':')
  if (field === undefined || (direction !== '1' && direction !== '-1')) {
    throw queryError('sort', 'Expected a value like created_at:1 or created_at:-1')
  }
  const sign = direction === '1' ? 1 : -1
  const key = (u: SandboxUser): string | number => {
    const v = (u as unknown as Record<string, unknown>)[field]
    return typeof v === 'number' ? v : typeof v === 'string' ? v : ''
  }
  return [...users].sort((a, b) => {
    const x = key(a)
    const y = key(b)
    return x < y ? -sign : x > y ? sign : 0
  })
}

const listUsers = (ctx: ApiContext): ApiResult => {
  const { query, store } = ctx
  const perPage = intParam(query, 'per_page', 50, 1, 100)
  const page = intParam(query, 'page', 0, 0, Number.MAX_SAFE_INTEGER)
  const engine = query.get('search_engine')
  if (engine !== null && engine !== 'v2' && engine !== 'v3') {
    throw queryError('search_engine', 'Only v2 and v3 are supported')
  }
  let predicate: (user: unknown) => boolean
  try {
    predicate = compileUserQuery(query.get('q') ?? '')
  } catch (err) {
    if (err instanceof UserQueryError) throw queryError('q', err.message)
    throw err
  }
  const connection = query.get('connection')
  const matching = store.users.filter(
    (u) =>
      (connection === null || u.identities.some((i) => i.connection === connection)) &&
      predicate(u),
  )
  if (page * perPage + perPage > USER_SEARCH_WINDOW) {
    throw new ApiError(
      400,
      'You can only page through the first 1000 records. See https://auth0.com/docs/users/search/v3/view-search-results-by-page#limitation',
      'invalid_paging',
    )
  }
  const result = paginateOffset(sortUsers(matching, query.get('sort')), page, perPage)
  const users = result.items.map((u) => withFields(ctx, u))
  if (boolParam(query, 'include_totals') !== true) return { status: 200, body: users }
  return {
    status: 200,
    body: {
      users,
      start: result.start,
      limit: result.limit,
      length: users.length,
      total: result.total,
    },
  }
}

const offsetList = <T extends object>(
  ctx: ApiContext,
  key: string,
  items: readonly T[],
): ApiResult => {
  const perPage = intParam(ctx.query, 'per_page', 50, 1, 100)
  const page = intParam(ctx.query, 'page', 0, 0, Number.MAX_SAFE_INTEGER)
  const result = paginateOffset(items, page, perPage)
  const projected = result.items.map((item) => withFields(ctx, item))
  if (boolParam(ctx.query, 'include_totals') !== true) return { status: 200, body: projected }
  return {
    status: 200,
    body: { [key]: projected, start: result.start, limit: result.limit, total: result.total },
  }
}

const listClients = (ctx: ApiContext): ApiResult => {
  const { query, store } = ctx
  const isGlobal = boolParam(query, 'is_global')
  const isFirstParty = boolParam(query, 'is_first_party')
  const appTypes = query
    .get('app_type')
    ?.split(',')
    .filter((t) => t !== '')
  const clients = store.clients.filter(
    (c) =>
      (isGlobal === undefined || c.global === isGlobal) &&
      (isFirstParty === undefined || c.is_first_party === isFirstParty) &&
      (appTypes === undefined || appTypes.length === 0 || appTypes.includes(c.app_type)),
  )
  return offsetList(ctx, 'clients', clients)
}

/**
 * Auth0 accepts session and refresh-token deletes asynchronously: 202 "deletion request accepted"
 * (Management API reference, Delete sessions for user / Delete a session / Delete a refresh token).
 */
const ACCEPTED: ApiResult = { status: 202 }

/** The scope Auth0 requires (since 8 Jul 2025) to see a connection's `options`. */
export const READ_OPTIONS_SCOPE = 'read:connections_options'
/** The scope Auth0 requires to change a connection's `options`. */
export const UPDATE_OPTIONS_SCOPE = 'update:connections_options'

/** The 403 Auth0 answers for a missing scope, in the style of {@link checkScopes}. */
const insufficientScope = (expected: readonly string[], all: boolean): ApiError =>
  new ApiError(
    403,
    `Insufficient scope, expected ${all ? 'all' : 'any'} of: ${expected.join(',')}`,
    'insufficient_scope',
  )

/** A connection as the token may see it: without `options` unless it has read:connections_options. */
const visibleConnection = (
  ctx: ApiContext,
  connection: SandboxConnection,
): Partial<SandboxConnection> => {
  if (ctx.scopes.has(READ_OPTIONS_SCOPE)) return withFields(ctx, connection)
  const { options: _hidden, ...rest } = connection
  return withFields(ctx, rest)
}

const requireConnection = (ctx: ApiContext): SandboxConnection => {
  const connection = ctx.store.getConnection(ctx.params[0] as string)
  if (connection === undefined) {
    throw notFound('The connection does not exist', 'inexistent_connection')
  }
  return connection
}

const listConnections = (ctx: ApiContext): ApiResult => {
  const { query, store } = ctx
  const strategies = query
    .getAll('strategy')
    .flatMap((s) => s.split(','))
    .filter((s) => s !== '')
  const name = query.get('name')
  const connections = store.connections.filter(
    (c) =>
      (strategies.length === 0 || strategies.includes(c.strategy)) &&
      (name === null || name === '' || c.name === name),
  )
  // Auth0 serves both styles here; `from`/`take` (what SDK v5+ sends) selects checkpoint mode.
  if (query.has('from') || query.has('take')) {
    const page = checkpoint(ctx, connections)
    const body: Record<string, unknown> = {
      connections: page.items.map((c) => visibleConnection(ctx, c)),
    }
    if (page.next !== undefined) body['next'] = page.next
    return { status: 200, body }
  }
  return offsetList(
    ctx,
    'connections',
    connections.map((c) => visibleConnection(ctx, c) as SandboxConnection),
  )
}

/**
 * The Management API routes the sandbox serves, with the scopes Auth0 requires for each.
 */
export const managementRoutes: readonly ApiRoute[] = [
  ...writeRoutes,
  { method: 'GET', pattern: /^\/users$/, scopes: ['read:users'], handle: listUsers },
  {
    method: 'GET',
    pattern: /^\/users-by-email$/,
    scopes: ['read:users'],
    handle(ctx) {
      const email = ctx.query.get('email')
      if (email === null || email === '') {
        throw queryError('email', 'Missing required property: email')
      }
      return {
        status: 200,
        body: ctx.store.findUsersByEmail(email).map((u) => withFields(ctx, u)),
      }
    },
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)$/,
    scopes: ['read:users'],
    handle: (ctx) => ({ status: 200, body: withFields(ctx, requireUser(ctx)) }),
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/sessions$/,
    scopes: ['read:sessions'],
    handle(ctx) {
      const user = requireUser(ctx)
      const page = checkpoint(ctx, ctx.store.listSessions(user.user_id))
      return {
        status: 200,
        body:
          page.next === undefined
            ? { sessions: page.items }
            : { sessions: page.items, next: page.next },
      }
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/users\/([^/]+)\/sessions$/,
    scopes: ['delete:sessions'],
    handle(ctx) {
      ctx.store.deleteUserSessions(requireUser(ctx).user_id)
      return ACCEPTED
    },
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/refresh-tokens$/,
    scopes: ['read:refresh_tokens'],
    handle(ctx) {
      const user = requireUser(ctx)
      const page = checkpoint(ctx, ctx.store.listRefreshTokens(user.user_id))
      return {
        status: 200,
        body:
          page.next === undefined
            ? { tokens: page.items }
            : { tokens: page.items, next: page.next },
      }
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/users\/([^/]+)\/refresh-tokens$/,
    scopes: ['delete:refresh_tokens'],
    handle(ctx) {
      ctx.store.deleteUserRefreshTokens(requireUser(ctx).user_id)
      return ACCEPTED
    },
  },
  {
    method: 'GET',
    pattern: /^\/sessions\/([^/]+)$/,
    scopes: ['read:sessions'],
    handle(ctx) {
      const session = ctx.store.getSession(ctx.params[0] as string)
      if (session === undefined) throw notFound('The session does not exist.', 'inexistent_session')
      return { status: 200, body: session }
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/sessions\/([^/]+)$/,
    scopes: ['update:sessions'],
    handle(ctx) {
      const session = ctx.store.getSession(ctx.params[0] as string)
      if (session === undefined) throw notFound('The session does not exist.', 'inexistent_session')
      const metadata = parseMetadata(ctx.body, 'session_metadata')
      const next = { ...session, updated_at: new Date(ctx.nowMs).toISOString() }
      if (metadata === null || (metadata !== undefined && Object.keys(metadata).length === 0)) {
        delete next.session_metadata
      } else if (metadata !== undefined) {
        next.session_metadata = metadata
      }
      ctx.store.putSession(next)
      return { status: 200, body: next }
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/sessions\/([^/]+)$/,
    scopes: ['delete:sessions'],
    handle(ctx) {
      // Deletion is asynchronous in Auth0 and the SDK declares no 404 here: unknown ids are a no-op.
      ctx.store.deleteSession(ctx.params[0] as string)
      return ACCEPTED
    },
  },
  {
    method: 'POST',
    pattern: /^\/sessions\/([^/]+)\/revoke$/,
    scopes: ['delete:sessions', 'delete:refresh_tokens'],
    allScopes: true,
    handle(ctx) {
      const result = ctx.store.revokeSession(ctx.params[0] as string)
      if (result === null) throw notFound('The session does not exist.', 'inexistent_session')
      return { status: 202 }
    },
  },
  {
    method: 'GET',
    pattern: /^\/refresh-tokens\/([^/]+)$/,
    scopes: ['read:refresh_tokens'],
    handle(ctx) {
      const token = ctx.store.getRefreshToken(ctx.params[0] as string)
      if (token === undefined) {
        throw notFound('The refresh token does not exist.', 'inexistent_refresh_token')
      }
      return { status: 200, body: token }
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/refresh-tokens\/([^/]+)$/,
    scopes: ['update:refresh_tokens'],
    handle(ctx) {
      const token = ctx.store.getRefreshToken(ctx.params[0] as string)
      if (token === undefined) {
        throw notFound('The refresh token does not exist.', 'inexistent_refresh_token')
      }
      const metadata = parseMetadata(ctx.body, 'refresh_token_metadata')
      const next = { ...token }
      if (metadata === null || (metadata !== undefined && Object.keys(metadata).length === 0)) {
        delete next.refresh_token_metadata
      } else if (metadata !== undefined) {
        next.refresh_token_metadata = metadata
      }
      ctx.store.putRefreshToken(next)
      return { status: 200, body: next }
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/refresh-tokens\/([^/]+)$/,
    scopes: ['delete:refresh_tokens'],
    handle(ctx) {
      ctx.store.deleteRefreshToken(ctx.params[0] as string)
      return ACCEPTED
    },
  },
  { method: 'GET', pattern: /^\/clients$/, scopes: ['read:clients'], handle: listClients },
  {
    method: 'GET',
    pattern: /^\/clients\/([^/]+)$/,
    scopes: ['read:clients'],
    handle(ctx) {
      const client = ctx.store.getClient(ctx.params[0] as string)
      if (client === undefined) throw notFound('The client does not exist', 'inexistent_client')
      return { status: 200, body: withFields(ctx, client) }
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/clients\/([^/]+)$/,
    scopes: ['update:clients'],
    handle(ctx) {
      const client = ctx.store.getClient(ctx.params[0] as string)
      if (client === undefined) throw notFound('The client does not exist', 'inexistent_client')
      const next = applyClientPatch(client, ctx.body)
      const index = ctx.store.clients.indexOf(client)
      ctx.store.clients[index] = next
      return { status: 200, body: next }
    },
  },
  {
    method: 'GET',
    pattern: /^\/connections$/,
    scopes: ['read:connections'],
    handle: listConnections,
  },
  {
    method: 'GET',
    pattern: /^\/connections\/([^/]+)$/,
    scopes: ['read:connections'],
    handle: (ctx) => ({ status: 200, body: visibleConnection(ctx, requireConnection(ctx)) }),
  },
  {
    method: 'GET',
    pattern: /^\/connections\/([^/]+)\/clients$/,
    scopes: ['read:connections'],
    handle(ctx) {
      const ids = ctx.store.connectionClients(requireConnection(ctx).id) ?? []
      const page = checkpoint(
        ctx,
        ids.map((client_id) => ({ client_id })),
        (c) => c.client_id,
      )
      return {
        status: 200,
        body:
          page.next === undefined
            ? { clients: page.items }
            : { clients: page.items, next: page.next },
      }
    },
  },
  {
    method: 'PATCH',
    pattern: /^\/connections\/([^/]+)$/,
    scopes: ['update:connections'],
    handle(ctx) {
      const connection = requireConnection(ctx)
      // Touching `options` needs its own scope (checked before the body, as for route scopes).
      const body = ctx.body
      const touchesOptions =
        body !== null && typeof body === 'object' && !Array.isArray(body) && 'options' in body
      if (touchesOptions && !ctx.scopes.has(UPDATE_OPTIONS_SCOPE)) {
        throw insufficientScope([UPDATE_OPTIONS_SCOPE], false)
      }
      // A sent `options` replaces the whole options object, as in Auth0 (see applyConnectionPatch).
      const next = applyConnectionPatch(connection, body)
      const index = ctx.store.connections.indexOf(connection)
      ctx.store.connections[index] = next
      return { status: 200, body: visibleConnection(ctx, next) }
    },
  },
  {
    // The Sandbox has no Actions: an empty list, paged as Auth0 pages it. Tools that read a
    // whole tenant (Auth0's Deploy CLI) ask for it before they export clients.
    method: 'GET',
    pattern: /^\/actions\/actions$/,
    scopes: ['read:actions'],
    handle: (ctx) => ({
      status: 200,
      body: {
        actions: [],
        total: 0,
        page: intParam(ctx.query, 'page', 0, 0, Number.MAX_SAFE_INTEGER),
        per_page: intParam(ctx.query, 'per_page', 50, 1, 100),
      },
    }),
  },
  {
    method: 'GET',
    pattern: /^\/tenants\/settings$/,
    scopes: ['read:tenant_settings'],
    handle: (ctx) => ({ status: 200, body: withFields(ctx, tenantAsRead(ctx.store.tenant)) }),
  },
  {
    method: 'PATCH',
    pattern: /^\/tenants\/settings$/,
    scopes: ['update:tenant_settings'],
    handle(ctx) {
      ctx.store.tenant = applyTenantPatch(ctx.store.tenant, ctx.body, ctx.selfService === true)
      return { status: 200, body: tenantAsRead(ctx.store.tenant) }
    },
  },
]

/** Finds the route for a method and a path relative to `/api/v2`, with decoded parameters. */
export const matchRoute = (
  method: string,
  path: string,
): { route: ApiRoute; params: string[] } | null => {
  for (const route of managementRoutes) {
    if (route.method !== method) continue
    const m = route.pattern.exec(path)
    if (m === null) continue
    try {
      return { route, params: m.slice(1).map((p) => decodeURIComponent(p)) }
    } catch {
      throw new ApiError(400, 'Invalid URI encoding in path', 'invalid_uri')
    }
  }
  return null
}

/** @throws ApiError 403 `insufficient_scope` when the token lacks what the route needs. */
export const checkScopes = (route: ApiRoute, granted: ReadonlySet<string>): void => {
  const ok =
    route.allScopes === true
      ? route.scopes.every((s) => granted.has(s))
      : route.scopes.some((s) => granted.has(s))
  if (!ok) throw insufficientScope(route.scopes, route.allScopes === true)
}

/**
 * Tenant settings as Auth0 answers them: lifetimes in hours only. A lifetime set in minutes is read
 * back as its hours (`90` minutes → `1.5`); the `*_in_minutes` fields are write-only.
 */
function tenantAsRead(tenant: SandboxTenantSettings): SandboxTenantSettings {
  const {
    session_lifetime_in_minutes: _a,
    idle_session_lifetime_in_minutes: _b,
    ephemeral_session_lifetime_in_minutes: _c,
    idle_ephemeral_session_lifetime_in_minutes: _d,
    ...read
  } = tenant
  return read
}
