import { describe, expect, it } from 'vitest'
import { createTestApp } from '../../../../helpers/test-app'

describe('preferences', () => {
  it('saves the theme and tells every renderer', async () => {
    const { invoke, deps } = createTestApp()
    expect(await invoke('getPreferences', undefined)).toEqual({
      ok: true,
      value: { theme: 'system' },
    })
    expect(await invoke('setPreferences', { theme: 'dark' })).toEqual({
      ok: true,
      value: { theme: 'dark' },
    })
    expect(deps.settings.get('preferences')).toEqual({ theme: 'dark' })
    expect((deps.events as unknown as { emitted: unknown[] }).emitted).toEqual([
      { name: 'preferencesChanged', payload: { theme: 'dark' } },
    ])
  })
})
