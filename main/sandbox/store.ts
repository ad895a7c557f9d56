import { createPrng, hashSeed } from './prng'
import {
  seedClients,
  seedConnectionClients,
  seedConnections,
  seedTenantSettings,
} from './seed-catalog'
import {
  demoSessionCount,
  generateUser,
  generateUserGraph,
  ownerIndexOf,
  type GeneratorContext,
  type UserGraph,
} from './seed-users'
import { WELL_KNOWN_USER_COUNT, wellKnownUsers } from './seed-well-known'
import type {
  SandboxClient,
  SandboxConnection,
  SandboxRefreshToken,
  SandboxSession,
  SandboxTenantSettings,
  SandboxUser,
} from './types'

/** Which data set a sandbox starts with. */
export type SeedName = 'demo' | 'large'

/** Size of each seed. */
export const SEED_SIZES = {
  demo: { users: 50 },
  large: { users: 100_000, sessions: 250_000 },
} as const

/**
 * The sandbox tenant's in-memory data.
 *
 * Users are generated up front; sessions and refresh tokens of a user are generated the first
 * time anything touches that user (all at once for `demo`, lazily for `large`) and from then on
 * live in maps, so deletes stick. Records are the API shapes (see types.ts); callers must not keep
 * references across mutations.
 */
export interface SandboxStore {
  readonly seed: SeedName
  /** The reference time all seeded dates are relative to (epoch ms). */
  readonly referenceNow: number
  tenant: SandboxTenantSettings
  readonly clients: SandboxClient[]
  readonly connections: SandboxConnection[]
  /**
   * Client ids of the applications enabled for a connection (`GET /connections/{id}/clients`),
   * in the order they were enabled; undefined for an unknown connection.
   */
  connectionClients(connectionId: string): readonly string[] | undefined
  readonly users: readonly SandboxUser[]
  getUser(userId: string): SandboxUser | undefined
  /** Appends a user created through the API (it has no generated sessions or tokens). */
  addUser(user: SandboxUser): void
  /** Case-insensitive exact email match. */
  findUsersByEmail(email: string): SandboxUser[]
  listSessions(userId: string): SandboxSession[]
  getSession(id: string): SandboxSession | undefined
  /** Adds or replaces a session (its user must exist). */
  putSession(session: SandboxSession): void
  deleteSession(id: string): boolean
  /** Deletes every session of the user, not their refresh tokens. Returns how many. */
  deleteUserSessions(userId: string): number
  listRefreshTokens(userId: string): SandboxRefreshToken[]
  getRefreshToken(id: string): SandboxRefreshToken | undefined
  /** Adds or replaces a refresh token (its user must exist). */
  putRefreshToken(token: SandboxRefreshToken): void
  deleteRefreshToken(id: string): boolean
  deleteUserRefreshTokens(userId: string): number
  /** Deletes the session and every refresh token bound to it; null when the session is unknown. */
  revokeSession(id: string): { refreshTokensDeleted: number } | null
  getClient(clientId: string): SandboxClient | undefined
  getConnection(id: string): SandboxConnection | undefined
  /** Users whose sessions and tokens have been generated so far. */
  materializedUserCount(): number
}

/** Options of {@link createSandboxStore}. */
export interface StoreOptions {
  seed: SeedName
  /** Reference time for seeded dates (epoch ms). */
  nowMs: number
  /** Applications added after the seeded ones (the console's M2M client, extra clients). */
  extraClients?: SandboxClient[]
}

/**
 * Spreads exactly `total` sessions over `users - offset` generated users, at most 8 each.
 *
 * Deterministic: the same seed gives the same counts.
 */
export const spreadSessions = (
  seed: string,
  users: number,
  offset: number,
  total: number,
): Uint8Array => {
  const counts = new Uint8Array(users)
  const prng = createPrng(hashSeed(seed, 'counts'))
  const span = users - offset
  for (let placed = 0; placed < total;) {
    const i = offset + Math.floor(prng.next() * span)
    if ((counts[i] as number) < 8) {
      counts[i] = (counts[i] as number) + 1
      placed++
    }
  }
  return counts
}

/** Builds the store for a seed. Same seed and `nowMs` → identical data. */
export const createSandboxStore = (options: StoreOptions): SandboxStore => {
  const tenant = seedTenantSettings()
  const ctx: GeneratorContext = {
    seed: options.seed,
    nowMs: options.nowMs,
    tenant: seedTenantSettings(),
    withPictures: options.seed === 'demo',
  }
  const wellKnown = wellKnownUsers(ctx)
  const userTotal = SEED_SIZES[options.seed].users
  const wellKnownSessions = wellKnown.reduce((n, w) => n + w.graph.sessions.length, 0)
  const counts =
    options.seed === 'large'
      ? spreadSessions(
          options.seed,
          userTotal,
          WELL_KNOWN_USER_COUNT,
          SEED_SIZES.large.sessions - wellKnownSessions,
        )
      : null
  const sessionCount = (index: number): number =>
    counts === null ? demoSessionCount(options.seed, index) : (counts[index] as number)

  const users: SandboxUser[] = wellKnown.map((w) => w.user)
  for (let i = WELL_KNOWN_USER_COUNT; i < userTotal; i++) {
    users.push(generateUser(ctx, i, sessionCount(i)))
  }
  const indexById = new Map<string, number>()
  users.forEach((u, i) => indexById.set(u.user_id, i))

  const clients = [...seedClients(), ...(options.extraClients ?? [])]
  const connections = seedConnections()
  const enabledClients = new Map(Object.entries(seedConnectionClients()))
  const materialized = new Uint8Array(users.length)
  let materializedCount = 0
  const sessionsById = new Map<string, SandboxSession>()
  const sessionsByUser = new Map<string, Map<string, SandboxSession>>()
  const tokensById = new Map<string, SandboxRefreshToken>()
  const tokensByUser = new Map<string, Map<string, SandboxRefreshToken>>()

  const bucket = <T>(map: Map<string, Map<string, T>>, userId: string): Map<string, T> => {
    let inner = map.get(userId)
    if (inner === undefined) {
      inner = new Map()
      map.set(userId, inner)
    }
    return inner
  }

  const graphOf = (index: number): UserGraph => {
    const known = wellKnown[index]
    if (known !== undefined) return known.graph
    return generateUserGraph(ctx, index, users[index] as SandboxUser, sessionCount(index))
  }

  const ensure = (index: number | undefined): void => {
    // Users added after seeding (index past `materialized`) have no generated graph.
    if (
      index === undefined ||
      index < 0 ||
      index >= materialized.length ||
      materialized[index] === 1
    ) {
      return
    }
    materialized[index] = 1
    materializedCount++
    const graph = graphOf(index)
    for (const s of graph.sessions) {
      sessionsById.set(s.id, s)
      bucket(sessionsByUser, s.user_id).set(s.id, s)
    }
    for (const t of graph.refreshTokens) {
      tokensById.set(t.id, t)
      bucket(tokensByUser, t.user_id).set(t.id, t)
    }
  }
  const ensureUser = (userId: string): boolean => {
    const index = indexById.get(userId)
    ensure(index)
    return index !== undefined
  }
  const ensureOwnerOf = (id: string): void => {
    const owner = ownerIndexOf(id)
    if (owner !== null) ensure(owner)
  }

  if (options.seed === 'demo') users.forEach((_, i) => ensure(i))
  else for (let i = 0; i < WELL_KNOWN_USER_COUNT; i++) ensure(i)

  const deleteSession = (id: string): boolean => {
    ensureOwnerOf(id)
    const s = sessionsById.get(id)
    if (s === undefined) return false
    sessionsById.delete(id)
    sessionsByUser.get(s.user_id)?.delete(id)
    return true
  }
  const deleteRefreshToken = (id: string): boolean => {
    ensureOwnerOf(id)
    const t = tokensById.get(id)
    if (t === undefined) return false
    tokensById.delete(id)
    tokensByUser.get(t.user_id)?.delete(id)
    return true
  }

  return {
    seed: options.seed,
    referenceNow: options.nowMs,
    tenant,
    clients,
    connections,
    users,
    getUser: (userId) => {
      const index = indexById.get(userId)
      return index === undefined ? undefined : users[index]
    },
    addUser(user) {
      if (indexById.has(user.user_id)) throw new Error(`duplicate user ${user.user_id}`)
      indexById.set(user.user_id, users.length)
      users.push(user)
    },
    findUsersByEmail: (email) => {
      const wanted = email.toLowerCase()
      return users.filter((u) => u.email.toLowerCase() === wanted)
    },
    listSessions: (userId) =>
      ensureUser(userId) ? [...(sessionsByUser.get(userId)?.values() ?? [])] : [],
    getSession: (id) => {
      ensureOwnerOf(id)
      return sessionsById.get(id)
    },
    putSession: (session) => {
      if (!ensureUser(session.user_id)) throw new Error(`unknown user ${session.user_id}`)
      sessionsById.set(session.id, session)
      bucket(sessionsByUser, session.user_id).set(session.id, session)
    },
    deleteSession,
    deleteUserSessions: (userId) => {
      if (!ensureUser(userId)) return 0
      const ids = [...(sessionsByUser.get(userId)?.keys() ?? [])]
      ids.forEach(deleteSession)
      return ids.length
    },
    listRefreshTokens: (userId) =>
      ensureUser(userId) ? [...(tokensByUser.get(userId)?.values() ?? [])] : [],
    getRefreshToken: (id) => {
      ensureOwnerOf(id)
      return tokensById.get(id)
    },
    putRefreshToken: (token) => {
      if (!ensureUser(token.user_id)) throw new Error(`unknown user ${token.user_id}`)
      tokensById.set(token.id, token)
      bucket(tokensByUser, token.user_id).set(token.id, token)
    },
    deleteRefreshToken,
    deleteUserRefreshTokens: (userId) => {
      if (!ensureUser(userId)) return 0
      const ids = [...(tokensByUser.get(userId)?.keys() ?? [])]
      ids.forEach(deleteRefreshToken)
      return ids.length
    },
    revokeSession: (id) => {
      ensureOwnerOf(id)
      const s = sessionsById.get(id)
      if (s === undefined) return null
      deleteSession(id)
      const bound = [...(tokensByUser.get(s.user_id)?.values() ?? [])].filter(
        (t) => t.session_id === id,
      )
      bound.forEach((t) => deleteRefreshToken(t.id))
      return { refreshTokensDeleted: bound.length }
    },
    getClient: (clientId) => clients.find((c) => c.client_id === clientId),
    getConnection: (id) => connections.find((c) => c.id === id),
    connectionClients: (id) =>
      connections.some((c) => c.id === id) ? (enabledClients.get(id) ?? []) : undefined,
    materializedUserCount: () => materializedCount,
  }
}
