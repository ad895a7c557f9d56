import type { SandboxStore } from './store'
import type { SandboxRefreshToken, SandboxSession } from './types'

/**
 * Eventual consistency of deletes, opt-in (`consistencyDelayMs`).
 *
 * Auth0 applies session and refresh-token deletes and revocations asynchronously (reference §4,
 * §7): the request is accepted at once, but reads keep showing the object for a while. The store
 * applies a delete immediately; this keeps a copy of what a delete removed (a "ghost") until
 * `delayMs` later and lays those copies over the store's reads. A second delete or revoke of a
 * ghost is answered like the first. A PATCH of a ghost changes the ghost, not the store: it does
 * not bring the object back.
 */
export interface DeletionLag {
  /** The store as the Management API sees it at `nowMs`, with deletes taking `delayMs` to show. */
  view(store: SandboxStore, nowMs: number, delayMs: number): SandboxStore
  /** Forgets every ghost (the sandbox was reset). */
  clear(): void
}

interface Ghost<T> {
  record: T
  /** Epoch ms from which reads no longer see it. */
  until: number
}

/** Creates an empty lag; one per sandbox, kept across requests. */
export const createDeletionLag = (): DeletionLag => {
  const sessions = new Map<string, Ghost<SandboxSession>>()
  const tokens = new Map<string, Ghost<SandboxRefreshToken>>()

  const prune = (nowMs: number): void => {
    for (const [id, ghost] of sessions) if (ghost.until <= nowMs) sessions.delete(id)
    for (const [id, ghost] of tokens) if (ghost.until <= nowMs) tokens.delete(id)
  }

  /** Live records first, then the user's ghosts that have no live record of the same id. */
  const withGhosts = <T extends { id: string; user_id: string }>(
    live: T[],
    ghosts: Map<string, Ghost<T>>,
    userId: string,
  ): T[] => {
    const ids = new Set(live.map((r) => r.id))
    const hidden = [...ghosts.values()]
      .map((g) => g.record)
      .filter((r) => r.user_id === userId && !ids.has(r.id))
    return [...live, ...hidden]
  }

  return {
    clear() {
      sessions.clear()
      tokens.clear()
    },
    view(store, nowMs, delayMs) {
      prune(nowMs)
      const until = nowMs + delayMs
      const hideSession = (s: SandboxSession) => sessions.set(s.id, { record: s, until })
      const hideToken = (t: SandboxRefreshToken) => tokens.set(t.id, { record: t, until })

      const overrides: Partial<SandboxStore> = {
        listSessions: (userId) => withGhosts(store.listSessions(userId), sessions, userId),
        getSession: (id) => store.getSession(id) ?? sessions.get(id)?.record,
        putSession(session) {
          const ghost = sessions.get(session.id)
          if (ghost !== undefined && store.getSession(session.id) === undefined) {
            ghost.record = session
          } else store.putSession(session)
        },
        deleteSession(id) {
          const live = store.getSession(id)
          const deleted = store.deleteSession(id)
          if (deleted && live !== undefined) hideSession(live)
          return deleted || sessions.has(id)
        },
        deleteUserSessions(userId) {
          const live = store.listSessions(userId)
          store.deleteUserSessions(userId)
          live.forEach(hideSession)
          return live.length
        },
        listRefreshTokens: (userId) => withGhosts(store.listRefreshTokens(userId), tokens, userId),
        getRefreshToken: (id) => store.getRefreshToken(id) ?? tokens.get(id)?.record,
        putRefreshToken(token) {
          const ghost = tokens.get(token.id)
          if (ghost !== undefined && store.getRefreshToken(token.id) === undefined) {
            ghost.record = token
          } else store.putRefreshToken(token)
        },
        deleteRefreshToken(id) {
          const live = store.getRefreshToken(id)
          const deleted = store.deleteRefreshToken(id)
          if (deleted && live !== undefined) hideToken(live)
          return deleted || tokens.has(id)
        },
        deleteUserRefreshTokens(userId) {
          const live = store.listRefreshTokens(userId)
          store.deleteUserRefreshTokens(userId)
          live.forEach(hideToken)
          return live.length
        },
        revokeSession(id) {
          const live = store.getSession(id)
          const session = live ?? sessions.get(id)?.record
          if (session === undefined) return null
          // Revoking a session already deleted (still a ghost) still revokes its bound tokens.
          const bound = store.listRefreshTokens(session.user_id).filter((t) => t.session_id === id)
          if (live !== undefined) {
            store.revokeSession(id)
            hideSession(live)
          } else bound.forEach((t) => store.deleteRefreshToken(t.id))
          bound.forEach(hideToken)
          return { refreshTokensDeleted: bound.length }
        },
      }
      // A proxy, not a copy: assignments such as `store.tenant = …` must reach the store itself.
      return new Proxy(store, {
        get: (target, key, receiver) =>
          Object.hasOwn(overrides, key)
            ? overrides[key as keyof SandboxStore]
            : (Reflect.get(target, key, receiver) as unknown),
      })
    },
  }
}
