import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AppError, Result, UserHit, UserLayers } from '../../../preload/contract'
import {
  createUsersStore,
  SEARCH_DEBOUNCE_MS,
  selectVisibleUsers,
} from '../../../renderer/features/users/users-store'

type UsersApi = Parameters<typeof createUsersStore>[0]
type SearchAnswer = Result<{ users: UserHit[]; total: number }>

const hit = (userId: string): UserHit => ({
  userId,
  email: `${userId}@example.com`,
  connections: [],
})

function layers(userId: string): UserLayers {
  return {
    tenantId: 'sandbox',
    user: hit(userId),
    fetchedAt: '2026-01-01T10:00:00.000Z',
    idps: [],
    sessions: [],
    apps: [],
    refreshTokens: [],
    links: [],
    summary: { text: '', devices: 0, sessions: 0, refreshTokens: 0, unboundRefreshTokens: 0 },
    unavailable: [],
  }
}

const remoteError: AppError = { code: 'REMOTE', message: 'Auth0 answered 500.' }

/** A users API whose searches and layer reads answer when the test says so. */
function fakeUsersApi() {
  const searches: { query: string; answer(result?: SearchAnswer): void }[] = []
  const reads: { userId: string; answer(result?: Result<UserLayers>): void }[] = []
  let recentReads = 0
  const api: UsersApi = {
    searchUsers: ({ query }) =>
      new Promise((resolve) => {
        searches.push({
          query,
          answer: (result = { ok: true, value: { users: [hit(query)], total: 1 } }) =>
            resolve(result),
        })
      }),
    getUserLayers: ({ userId }) =>
      new Promise((resolve) => {
        reads.push({
          userId,
          answer: (result = { ok: true, value: layers(userId) }) => resolve(result),
        })
      }),
    listRecentUsers: () => (recentReads++, Promise.resolve({ ok: true, value: [hit('recent')] })),
  }
  return { api, searches, reads, recentReads: () => recentReads }
}

async function settle() {
  for (let i = 0; i < 20; i += 1) await Promise.resolve()
}

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('users store: search', () => {
  it('sends one search when typing pauses, for what is in the box', async () => {
    const { api, searches } = fakeUsersApi()
    const store = createUsersStore(api)
    store.getState().setQuery('a')
    await vi.advanceTimersByTimeAsync(100)
    store.getState().setQuery('al')
    expect(store.getState().searchStatus).toBe('loading')
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 1)
    expect(searches).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(searches.map((s) => s.query)).toEqual(['al'])
    searches[0]?.answer()
    await settle()
    expect(store.getState()).toMatchObject({ searchStatus: 'ready', total: 1 })
    expect(selectVisibleUsers(store.getState()).map((u) => u.userId)).toEqual(['al'])
  })

  it('a stale answer never overwrites the results of a newer query', async () => {
    const { api, searches } = fakeUsersApi()
    const store = createUsersStore(api)
    store.getState().setQuery('al')
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS)
    store.getState().setQuery('alice')
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS)
    searches[1]?.answer()
    await settle()
    searches[0]?.answer()
    await settle()
    expect(store.getState().results.map((u) => u.userId)).toEqual(['alice'])
    // Still waiting for the newer one: the older answer does not end the loading state either.
    store.getState().setQuery('bob')
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS)
    store.getState().setQuery('bo')
    searches[2]?.answer()
    await settle()
    expect(store.getState().searchStatus).toBe('loading')
    expect(store.getState().results.map((u) => u.userId)).toEqual(['alice'])
  })

  it('clearing the box shows recent users and ignores the search in flight', async () => {
    const { api, searches } = fakeUsersApi()
    const store = createUsersStore(api)
    await store.getState().loadRecent()
    store.getState().setQuery('al')
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS)
    store.getState().setQuery('  ')
    searches[0]?.answer()
    await settle()
    expect(store.getState()).toMatchObject({ searchStatus: 'idle', results: [] })
    expect(selectVisibleUsers(store.getState()).map((u) => u.userId)).toEqual(['recent'])
  })

  it('a failed search shows the error and no results', async () => {
    const { api, searches } = fakeUsersApi()
    const store = createUsersStore(api)
    store.getState().setQuery('al')
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS)
    searches[0]?.answer({ ok: false, error: remoteError })
    await settle()
    expect(store.getState()).toMatchObject({
      searchStatus: 'error',
      results: [],
      searchError: remoteError,
    })
  })

  it('moves the highlight around the visible list, wrapping at both ends', async () => {
    const { api, searches } = fakeUsersApi()
    const store = createUsersStore(api)
    store.getState().setQuery('al')
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS)
    searches[0]?.answer({ ok: true, value: { users: [hit('a'), hit('b'), hit('c')], total: 3 } })
    await settle()
    store.getState().move(-1)
    expect(store.getState().highlighted).toBe(2)
    store.getState().move(1)
    expect(store.getState().highlighted).toBe(0)
    store.getState().setQuery('ali')
    expect(store.getState().highlighted).toBe(0)
  })
})

describe('users store: the open user', () => {
  it('shows the user opened last, whatever order the answers arrive in', async () => {
    const { api, reads, recentReads } = fakeUsersApi()
    const store = createUsersStore(api)
    const first = store.getState().open('alice')
    const second = store.getState().open('bob')
    reads[1]?.answer()
    await second
    reads[0]?.answer()
    await first
    expect(store.getState()).toMatchObject({ openUserId: 'bob', layersStatus: 'ready' })
    expect(store.getState().layers?.user.userId).toBe('bob')
    expect(recentReads()).toBe(1)
  })

  it('refresh keeps the map and the selected node while reading again', async () => {
    const { api, reads } = fakeUsersApi()
    const store = createUsersStore(api)
    const opening = store.getState().open('alice')
    reads[0]?.answer()
    await opening
    store.getState().selectNode('session:s1')
    const refreshing = store.getState().refresh()
    expect(store.getState()).toMatchObject({ layersStatus: 'loading', selectedNode: 'session:s1' })
    expect(store.getState().layers).not.toBeNull()
    reads[1]?.answer({ ok: false, error: remoteError })
    await refreshing
    expect(store.getState()).toMatchObject({ layersStatus: 'error', layersError: remoteError })
    store.getState().selectNode('session:s1')
    expect(store.getState().selectedNode).toBeNull()
  })

  it('reset drops answers still in flight', async () => {
    const { api, searches, reads } = fakeUsersApi()
    const store = createUsersStore(api)
    store.getState().setQuery('al')
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS)
    const opening = store.getState().open('alice')
    store.getState().reset()
    searches[0]?.answer()
    reads[0]?.answer()
    await opening
    expect(store.getState()).toMatchObject({
      query: '',
      results: [],
      openUserId: null,
      layers: null,
      layersStatus: 'idle',
    })
  })
})
