import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { ApiError } from './http-io'
import type { ApiContext, ApiRoute } from './management-api'
import { CursorError, paginateCheckpoint, paginateOffset } from './pagination'
import { boolParam, bodyObject, intParam, queryError } from './route-params'
import { m2mClientRecord } from './seed-catalog'
import { extrasOf, opaqueId, type SandboxClientGrant } from './tenant-extras'
import type { SandboxClient } from './types'
import { applyClientPatch, payloadError } from './validation'

/**
 * `POST /clients` and `/client-grants` (create, list, update scopes).
 *
 * A created application gets a random `client_id` and `client_secret` (answered once, never
 * stored in the client record). One that can authenticate (`token_endpoint_auth_method` other
 * than `none`) is registered with the token service without a grant: `/oauth/token` refuses it
 * with Auth0's 403 "Client is not authorized to access …" until a client grant for the Management
 * API audience exists; from then on its tokens carry exactly the grant's scopes (a later PATCH of
 * the grant applies to new tokens only). Grants for other audiences are stored but give no
 * Management API access. The Sandbox serves one other API, `https://api.example.com/`; any other
 * audience is a 404.
 */

const DEFAULTS: Record<
  SandboxClient['app_type'],
  Pick<SandboxClient, 'grant_types' | 'token_endpoint_auth_method'>
> = {
  non_interactive: {
    grant_types: ['client_credentials'],
    token_endpoint_auth_method: 'client_secret_post',
  },
  regular_web: {
    grant_types: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'],
    token_endpoint_auth_method: 'client_secret_post',
  },
  spa: {
    grant_types: ['authorization_code', 'implicit', 'refresh_token'],
    token_endpoint_auth_method: 'none',
  },
  native: {
    grant_types: ['authorization_code', 'implicit', 'refresh_token'],
    token_endpoint_auth_method: 'none',
  },
}

const OTHER_AUDIENCES = new Set(['https://api.example.com/'])

const createClient = (ctx: ApiContext) => {
  const extras = extrasOf(ctx)
  const body = bodyObject(ctx.body)
  if (body['name'] === undefined) throw payloadError('Missing required property: name')
  const appType = typeof body['app_type'] === 'string' ? body['app_type'] : 'regular_web'
  const clientId = randomBytes(24).toString('base64url').replace(/[-_]/g, 'x').slice(0, 32)
  const clientSecret = randomBytes(48).toString('base64url')
  const { description: _template, ...template } = m2mClientRecord(clientId, 'new application')
  const base: SandboxClient = {
    ...template,
    app_type: appType,
    ...(DEFAULTS[appType] ?? DEFAULTS.regular_web),
  }
  // Same field rules as PATCH (allow-list URLs, enums, unknown fields are 400).
  const client = applyClientPatch(base, body)
  ctx.store.clients.push(client)
  if (client.token_endpoint_auth_method !== 'none') {
    extras.tokens.addClient({ clientId, clientSecret, scopes: [], name: client.name })
    extras.tokens.setGrant(clientId, null)
    extras.createdClients.add(clientId)
  }
  const now = new Date(ctx.nowMs).toISOString()
  return {
    status: 201,
    body: {
      ...client,
      ...(client.token_endpoint_auth_method !== 'none' && { client_secret: clientSecret }),
      created_at: now,
      updated_at: now,
    },
  }
}

const scopeList = z.array(z.string().min(1).max(280)).max(500)
const createGrantSchema = z.strictObject({
  client_id: z.string().min(1),
  audience: z.string().min(1),
  scope: scopeList.optional(),
  allow_any_organization: z.boolean().optional(),
  organization_usage: z.enum(['deny', 'allow', 'require']).optional(),
  subject_type: z.literal('client').optional(),
})
const updateGrantSchema = z.strictObject({
  scope: scopeList.nullable().optional(),
  allow_any_organization: z.boolean().nullable().optional(),
  organization_usage: z.enum(['deny', 'allow', 'require']).nullable().optional(),
})

const parse = <T>(schema: z.ZodType<T>, body: unknown): T => {
  const result = schema.safeParse(bodyObject(body))
  if (result.success) return result.data
  const issue = result.error.issues[0]
  if (issue?.code === 'unrecognized_keys') {
    throw payloadError(`Additional properties not allowed: ${issue.keys.join(',')}`)
  }
  if (issue?.code === 'invalid_type' && issue.input === undefined) {
    throw payloadError(`Missing required property: ${issue.path.join('.')}`)
  }
  throw payloadError(issue?.message ?? 'Invalid payload', issue?.path ?? [])
}

/** Applies a grant to the token service when it is for the Management API. */
const syncTokens = (ctx: ApiContext, grant: SandboxClientGrant): void => {
  const extras = extrasOf(ctx)
  if (extras.isManagementAudience(grant.audience) && extras.tokens.hasClient(grant.client_id)) {
    extras.tokens.setGrant(grant.client_id, grant.scope)
  }
}

const createGrant = (ctx: ApiContext) => {
  const extras = extrasOf(ctx)
  const input = parse(createGrantSchema, ctx.body)
  if (ctx.store.getClient(input.client_id) === undefined) {
    throw new ApiError(404, 'The client does not exist', 'inexistent_client')
  }
  const isManagement = extras.isManagementAudience(input.audience)
  if (!isManagement && !OTHER_AUDIENCES.has(input.audience)) {
    throw new ApiError(
      404,
      `No resource server found for audience ${input.audience}`,
      'inexistent_resource_server',
    )
  }
  const audience = isManagement ? extras.managementAudience : input.audience
  if (extras.grants.some((g) => g.client_id === input.client_id && g.audience === audience)) {
    throw new ApiError(
      409,
      'A client grant for this client_id and audience already exists.',
      'conflict',
    )
  }
  const grant: SandboxClientGrant = {
    id: opaqueId('cgr'),
    client_id: input.client_id,
    audience,
    scope: [...new Set(input.scope ?? [])],
    allow_any_organization: input.allow_any_organization ?? false,
    is_system: false,
    subject_type: 'client',
    ...(input.organization_usage !== undefined && {
      organization_usage: input.organization_usage,
    }),
  }
  extras.grants.push(grant)
  syncTokens(ctx, grant)
  return { status: 201, body: grant }
}

const listGrants = (ctx: ApiContext) => {
  const { query } = ctx
  const extras = extrasOf(ctx)
  const clientId = query.get('client_id')
  const audience = query.get('audience')
  const wanted =
    audience === null || audience === ''
      ? null
      : extras.isManagementAudience(audience)
        ? extras.managementAudience
        : audience
  const grants = extras.grants.filter(
    (g) =>
      (clientId === null || clientId === '' || g.client_id === clientId) &&
      (wanted === null || g.audience === wanted),
  )
  if (query.has('from') || query.has('take')) {
    const take = intParam(query, 'take', 50, 1, 100)
    const from = query.get('from')
    try {
      const page = paginateCheckpoint(grants, (g) => g.id, {
        ...(from !== null && from !== '' && { from }),
        take,
        nowMs: ctx.nowMs,
      })
      return {
        status: 200,
        body: {
          client_grants: page.items,
          ...(page.next !== undefined && { next: page.next }),
        },
      }
    } catch (err) {
      if (err instanceof CursorError) throw queryError('from', err.message)
      throw err
    }
  }
  const page = paginateOffset(
    grants,
    intParam(query, 'page', 0, 0, Number.MAX_SAFE_INTEGER),
    intParam(query, 'per_page', 50, 1, 100),
  )
  if (boolParam(query, 'include_totals') !== true) return { status: 200, body: page.items }
  return {
    status: 200,
    body: { client_grants: page.items, start: page.start, limit: page.limit, total: page.total },
  }
}

const updateGrant = (ctx: ApiContext) => {
  const extras = extrasOf(ctx)
  const index = extras.grants.findIndex((g) => g.id === ctx.params[0])
  const current = extras.grants[index]
  if (current === undefined) {
    throw new ApiError(404, 'The client grant does not exist', 'inexistent_client_grant')
  }
  const input = parse(updateGrantSchema, ctx.body)
  const next: SandboxClientGrant = { ...current }
  if (input.scope !== undefined) next.scope = [...new Set(input.scope ?? [])]
  if (input.allow_any_organization !== undefined) {
    next.allow_any_organization = input.allow_any_organization ?? false
  }
  extras.grants[index] = next
  syncTokens(ctx, next)
  return { status: 200, body: next }
}

/** Routes of this module, spread into `managementRoutes`. */
export const clientRoutes: readonly ApiRoute[] = [
  { method: 'POST', pattern: /^\/clients$/, scopes: ['create:clients'], handle: createClient },
  {
    method: 'POST',
    pattern: /^\/client-grants$/,
    scopes: ['create:client_grants'],
    handle: createGrant,
  },
  {
    method: 'GET',
    pattern: /^\/client-grants$/,
    scopes: ['read:client_grants'],
    handle: listGrants,
  },
  {
    method: 'PATCH',
    pattern: /^\/client-grants\/([^/]+)$/,
    scopes: ['update:client_grants'],
    handle: updateGrant,
  },
]
