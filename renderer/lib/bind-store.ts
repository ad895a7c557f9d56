import { useStore, type StoreApi } from 'zustand'

/** Bind a vanilla store to React once: `useX(selector)` subscribes to just what it selects. */
export function bindStore<S>(store: StoreApi<S>) {
  return <T>(selector: (state: S) => T): T => useStore(store, selector)
}
