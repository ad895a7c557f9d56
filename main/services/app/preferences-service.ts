import type { Preferences, Result } from '../../../preload/contract'
import type { EventSink, SettingsStore } from '../ports'
import { ok } from '../../../core/result'

/**
 * Reads and saves user preferences and tells every renderer when they change.
 */
export function createPreferencesService(deps: { settings: SettingsStore; events: EventSink }) {
  return {
    /** The saved preferences. */
    async get(): Promise<Result<Preferences>> {
      return ok(deps.settings.get('preferences'))
    },
    /** Merge a change into the saved preferences and announce it. */
    async set(patch: Partial<Preferences>): Promise<Result<Preferences>> {
      const next = { ...deps.settings.get('preferences'), ...patch }
      deps.settings.set('preferences', next)
      deps.events.emit('preferencesChanged', next)
      return ok(next)
    },
  }
}
