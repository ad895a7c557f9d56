import type { Result, UserHit, UserLayers } from '../../../preload/contract'
import type { Auth0User } from '../../../core/auth0/types'
import type { LayerInput } from '../../../core/layers/layer-model'
import { buildUserLayers } from '../../../core/layers/layer-model'
import type { SettingsStore, TenantApi } from '../ports'
import { AppFailure, fail, ok } from '../../../core/result'
import { appErrorOf } from '../errors'
import { buildUserSearchQuery } from './user-search-query'

/** Collaborators of the users service. */
export interface UsersDeps {
  settings: SettingsStore
  /** The active tenant's id and Management API client. */
  activeTenant(): Promise<{ id: string; api: TenantApi }>
  now?: () => Date
}

/** How many recent users are remembered per tenant. */
export const RECENT_USERS_MAX = 10
/** How long the tenant's applications and connections are reused between users. */
export const CATALOG_TTL_MS = 60_000
/** Results per search. */
export const SEARCH_PAGE_SIZE = 25

function toHit(user: Auth0User): UserHit {
  const connections = [...new Set((user.identities ?? []).map((i) => i.connection).filter(Boolean))]
  return {
    userId: user.user_id,
    ...(user.email !== undefined && { email: user.email }),
    ...(user.name !== undefined && { name: user.name }),
    connections: connections,
    ...(user.last_login !== undefined && { lastLogin: user.last_login }),
    ...(user.logins_count !== undefined && { loginsCount: user.logins_count }),
  }
}

/**
 * Finding users and reading every layer that keeps one signed in, on the active tenant.
 */
/**
 * One part of what the layer map reads; a failure is recorded in `unavailable` (the map says
 * what could not be read and why) and the part is null, so the rest still shows.
 */
async function readPart<T>(
  unavailable: NonNullable<LayerInput['unavailable']>,
  part: NonNullable<LayerInput['unavailable']>[number]['part'],
  read: () => Promise<T>,
): Promise<T | null> {
  try {
    return await read()
  } catch (error) {
    unavailable.push({ part, error: appErrorOf(error, 'Reading a user') })
    return null
  }
}

export function createUsersService(deps: UsersDeps) {
  const now = deps.now ?? (() => new Date())
  const catalogs = new Map<
    string,
    {
      at: number
      clients: LayerInput['clients']
      connections: LayerInput['connections']
      errors: LayerInput['unavailable']
    }
  >()

  async function catalog(tenantId: string, api: TenantApi) {
    const cached = catalogs.get(tenantId)
    if (cached && now().getTime() - cached.at < CATALOG_TTL_MS) return cached
    const errors: NonNullable<LayerInput['unavailable']> = []
    const [clients, connections] = await Promise.all([
      readPart(errors, 'applications', () => api.listClients()),
      readPart(errors, 'connections', () => api.listConnections()),
    ])
    const fresh = { at: now().getTime(), clients, connections, errors }
    if (errors.length === 0) catalogs.set(tenantId, fresh)
    return fresh
  }

  function remember(tenantId: string, hit: UserHit) {
    const all = deps.settings.get('recentUsers')
    const list = [hit, ...(all[tenantId] ?? []).filter((u) => u.userId !== hit.userId)]
    deps.settings.set('recentUsers', { ...all, [tenantId]: list.slice(0, RECENT_USERS_MAX) })
  }

  return {
    /** Search users of the active tenant; an empty query answers no users. */
    async search(text: string): Promise<Result<{ users: UserHit[]; total: number }>> {
      const q = buildUserSearchQuery(text)
      if (q === null) return ok({ users: [], total: 0 })
      const { api } = await deps.activeTenant()
      const found = await api.searchUsers({ q, page: 0, perPage: SEARCH_PAGE_SIZE })
      return ok({ users: found.users.map(toHit), total: found.total })
    },

    /** Recently opened users of the active tenant. */
    async recent(): Promise<Result<UserHit[]>> {
      const { id } = await deps.activeTenant()
      return ok(deps.settings.get('recentUsers')[id] ?? [])
    },

    /**
     * Read the user, their sessions and refresh tokens, and the tenant's applications and
     * connections, and build the layer map. Parts that cannot be read are reported, not fatal.
     */
    async layers(userId: string): Promise<Result<UserLayers>> {
      const { id, api } = await deps.activeTenant()
      let user: Auth0User
      try {
        user = await api.getUser(userId)
      } catch (error) {
        if (error instanceof AppFailure && error.code === 'NOT_FOUND') {
          // A user id may be 512 characters; keep the sentence short.
          const shown = userId.length > 100 ? `${userId.slice(0, 99)}…` : userId
          return fail('NOT_FOUND', `No user ${shown} in this tenant. It may have been deleted.`)
        }
        throw error
      }
      const unavailable: NonNullable<LayerInput['unavailable']> = []
      const [sessions, refreshTokens, cat] = await Promise.all([
        readPart(unavailable, 'sessions', () => api.listUserSessions(userId)),
        readPart(unavailable, 'refreshTokens', () => api.listUserRefreshTokens(userId)),
        catalog(id, api),
      ])
      const layers = buildUserLayers(
        {
          tenantId: id,
          user,
          sessions,
          refreshTokens,
          clients: cat.clients,
          connections: cat.connections,
          unavailable: [...unavailable, ...(cat.errors ?? [])],
        },
        now(),
      )
      remember(id, toHit(user))
      return ok(layers)
    },

    /** Forget cached applications and connections (after a tenant switch or config push). */
    invalidate(tenantId?: string) {
      if (tenantId) catalogs.delete(tenantId)
      else catalogs.clear()
    },
  }
}

/** The users service. */
export type UsersService = ReturnType<typeof createUsersService>
