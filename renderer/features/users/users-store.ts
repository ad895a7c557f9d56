import { createStore } from 'zustand/vanilla'
import type { AppError, ConsoleApi, UserHit, UserLayers } from '../../../preload/contract'

type UsersApi = Pick<ConsoleApi, 'searchUsers' | 'getUserLayers' | 'listRecentUsers'>

/** How long typing may pause before a search is sent. */
export const SEARCH_DEBOUNCE_MS = 250

/** State of the users domain: search, recent users, the open user's layers. */
export interface UsersState {
  query: string
  searchStatus: 'idle' | 'loading' | 'ready' | 'error'
  results: UserHit[]
  total: number
  searchError: AppError | null
  recent: UserHit[]
  /** Index of the highlighted result for ↑/↓/Enter. */
  highlighted: number
  openUserId: string | null
  layersStatus: 'idle' | 'loading' | 'ready' | 'error'
  layers: UserLayers | null
  layersError: AppError | null
  /** Node whose dependents are highlighted on the map. */
  selectedNode: string | null
  setQuery(query: string): void
  move(delta: number): void
  loadRecent(): Promise<void>
  open(userId: string): Promise<void>
  refresh(): Promise<void>
  selectNode(id: string | null): void
  reset(): void
}

/**
 * The users store. Searches are debounced and a superseded one is ignored when it answers, so
 * results always match what is in the box.
 */
export function createUsersStore(api: UsersApi, debounceMs = SEARCH_DEBOUNCE_MS) {
  let timer: ReturnType<typeof setTimeout> | null = null
  let searchSeq = 0
  let layersSeq = 0
  return createStore<UsersState>()((set, get) => ({
    query: '',
    searchStatus: 'idle',
    results: [],
    total: 0,
    searchError: null,
    recent: [],
    highlighted: 0,
    openUserId: null,
    layersStatus: 'idle',
    layers: null,
    layersError: null,
    selectedNode: null,
    setQuery(query) {
      set({ query, highlighted: 0 })
      if (timer) clearTimeout(timer)
      const seq = ++searchSeq
      if (query.trim() === '') {
        set({ searchStatus: 'idle', results: [], total: 0, searchError: null })
        return
      }
      set({ searchStatus: 'loading' })
      timer = setTimeout(() => {
        void api.searchUsers({ query }).then((res) => {
          if (seq !== searchSeq) return
          set(
            res.ok
              ? {
                  searchStatus: 'ready',
                  results: res.value.users,
                  total: res.value.total,
                  searchError: null,
                }
              : { searchStatus: 'error', results: [], total: 0, searchError: res.error },
          )
        })
      }, debounceMs)
    },
    move(delta) {
      const list = get().query.trim() === '' ? get().recent : get().results
      if (list.length === 0) return
      set({ highlighted: (get().highlighted + delta + list.length) % list.length })
    },
    async loadRecent() {
      const res = await api.listRecentUsers()
      if (res.ok) set({ recent: res.value })
    },
    async open(userId) {
      const seq = ++layersSeq
      const same = get().openUserId === userId
      set({
        openUserId: userId,
        layersStatus: 'loading',
        layersError: null,
        ...(!same && { layers: null, selectedNode: null }),
      })
      const res = await api.getUserLayers({ userId })
      if (seq !== layersSeq) return
      // User Timing marks: `npm run bench` measures from here to the map's first render.
      performance.mark('session-console:layers-received')
      set(
        res.ok
          ? { layersStatus: 'ready', layers: res.value }
          : { layersStatus: 'error', layersError: res.error },
      )
      if (res.ok) await get().loadRecent()
    },
    async refresh() {
      const id = get().openUserId
      if (id) await get().open(id)
    },
    selectNode(id) {
      set({ selectedNode: get().selectedNode === id ? null : id })
    },
    reset() {
      searchSeq++
      layersSeq++
      set({
        query: '',
        searchStatus: 'idle',
        results: [],
        total: 0,
        recent: [],
        openUserId: null,
        layers: null,
        layersStatus: 'idle',
        layersError: null,
        selectedNode: null,
      })
    },
  }))
}

/** The list under the search box: results, or recent users when the box is empty. */
export const selectVisibleUsers = (s: UsersState) => (s.query.trim() === '' ? s.recent : s.results)
