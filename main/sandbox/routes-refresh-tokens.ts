import { z } from 'zod'
import type { ApiContext, ApiRoute } from './management-api'
import { bodyObject } from './route-params'
import { extrasOf } from './tenant-extras'
import { payloadError } from './validation'

/**
 * `POST /refresh-tokens/revoke` (SDK 7.1 `refreshTokens.revoke`, reference §12): bulk revocation by
 * `{ids}` (1–100) or `{user_id}`, `{user_id, client_id}`, `{user_id, client_id, audience}`.
 *
 * Answers 202 with no body (the SDK resolves `void`; revocation is asynchronous in Auth0, as for
 * the single-token delete). Tokens go through the same store calls as `DELETE /refresh-tokens/{id}`,
 * so the Sandbox's eventual-consistency delay applies to them too. Unknown ids or users are a no-op
 * (the SDK declares no 404 here). One `srrt` log event lists what was revoked.
 */

/** At most this many ids per request. */
export const MAX_REVOKE_IDS = 100

const revokeSchema = z.strictObject({
  ids: z.array(z.string().min(1)).optional(),
  user_id: z.string().min(1).optional(),
  client_id: z.string().min(1).optional(),
  audience: z.string().min(1).optional(),
})

const revoke = (ctx: ApiContext) => {
  const body = bodyObject(ctx.body)
  const parsed = revokeSchema.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    if (issue?.code === 'unrecognized_keys') {
      throw payloadError(`Additional properties not allowed: ${issue.keys.join(',')}`)
    }
    throw payloadError(issue?.message ?? 'Invalid payload', issue?.path ?? [])
  }
  const { ids, user_id: userId, client_id: clientId, audience } = parsed.data
  if (ids !== undefined) {
    if (userId !== undefined || clientId !== undefined || audience !== undefined) {
      throw payloadError('ids cannot be combined with user_id, client_id or audience')
    }
    if (ids.length === 0) throw payloadError('Array is too short (0), minimum 1', ['ids'])
    if (ids.length > MAX_REVOKE_IDS) {
      throw payloadError(`Array is too long (${ids.length}), maximum ${MAX_REVOKE_IDS}`, ['ids'])
    }
  } else if (userId === undefined) {
    throw payloadError(
      clientId === undefined && audience === undefined
        ? 'One of ids or user_id is required'
        : 'client_id and audience need user_id',
    )
  } else if (audience !== undefined && clientId === undefined) {
    throw payloadError('audience needs client_id')
  }

  const targets =
    ids !== undefined
      ? [...new Set(ids)].flatMap((id) => {
          const token = ctx.store.getRefreshToken(id)
          return token === undefined ? [] : [token]
        })
      : ctx.store
          .listRefreshTokens(userId as string)
          .filter(
            (t) =>
              (clientId === undefined || t.client_id === clientId) &&
              (audience === undefined || t.resource_servers.some((r) => r.audience === audience)),
          )
  for (const token of targets) ctx.store.deleteRefreshToken(token.id)
  if (targets.length > 0) {
    const users = [...new Set(targets.map((t) => t.user_id))]
    const clients = [...new Set(targets.map((t) => t.client_id))]
    extrasOf(ctx).logs.refreshTokensRevoked({
      date: ctx.nowMs,
      ...(users.length === 1 && { user_id: users[0] }),
      ...(clients.length === 1 && { client_id: clients[0] }),
      details: {
        ids: targets.map((t) => t.id),
        ...(audience !== undefined && { audience }),
      },
    })
  }
  return { status: 202 }
}

/** Routes of this module, spread into `managementRoutes`. */
export const refreshTokenRoutes: readonly ApiRoute[] = [
  {
    method: 'POST',
    pattern: /^\/refresh-tokens\/revoke$/,
    scopes: ['delete:refresh_tokens'],
    handle: revoke,
  },
]
