import { describe, expect, it } from 'vitest'
import type { Preferences, Result } from '../../../preload/contract'
import { fakeEvent } from './fake-event'
import {
  createPreferencesStore,
  resolveTheme,
} from '../../../renderer/features/preferences/preferences-store'

function fakeApi(saveResult?: Result<Preferences>, changed = fakeEvent<Preferences>()) {
  let saved: Preferences = { theme: 'system' }
  return {
    onPreferencesChanged: changed.on,
    getPreferences: async (): Promise<Result<Preferences>> => ({ ok: true, value: saved }),
    setPreferences: async (input: Partial<Preferences>): Promise<Result<Preferences>> => {
      if (saveResult) return saveResult
      saved = { ...saved, ...input }
      return { ok: true, value: saved }
    },
  }
}

describe('preferences store', () => {
  it('loads and changes the theme', async () => {
    const store = createPreferencesStore(fakeApi())
    await store.getState().load()
    expect(store.getState().status).toBe('ready')
    await store.getState().setTheme('dark')
    expect(store.getState().preferences.theme).toBe('dark')
  })

  it('rolls back and shows the error when saving fails', async () => {
    const store = createPreferencesStore(
      fakeApi({ ok: false, error: { code: 'STORAGE', message: 'Disk full.' } }),
    )
    await store.getState().load()
    await store.getState().setTheme('light')
    expect(store.getState().preferences.theme).toBe('system')
    expect(store.getState().error?.code).toBe('STORAGE')
  })

  it('follows changes announced by main until unsubscribed', async () => {
    const changed = fakeEvent<Preferences>()
    const store = createPreferencesStore(fakeApi(undefined, changed))
    await store.getState().load()
    const stop = store.getState().listen()
    changed.emit({ theme: 'dark' })
    expect(store.getState().preferences.theme).toBe('dark')
    stop()
    expect(changed.listeners()).toBe(0)
    changed.emit({ theme: 'light' })
    expect(store.getState().preferences.theme).toBe('dark')
  })

  it('resolves "system" through the OS setting', () => {
    expect(resolveTheme('system', true)).toBe('dark')
    expect(resolveTheme('system', false)).toBe('light')
    expect(resolveTheme('light', true)).toBe('light')
  })
})
