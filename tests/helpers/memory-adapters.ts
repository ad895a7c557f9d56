import type { ApiEvents, EventName } from '../../preload/contract'
import {
  KeychainUnavailableError,
  type EventSink,
  type SecretStore,
  type SettingsStore,
} from '../../main/services/ports'
import { defaultSettings, type SettingsData } from '../../main/services/app/settings-schema'

/** A SecretStore in a Map; `locked = true` makes every call fail like a locked keychain. */
export function createMemorySecretStore() {
  const map = new Map<string, string>()
  const store: SecretStore & { locked: boolean; map: Map<string, string> } = {
    locked: false,
    map,
    async get(account) {
      if (store.locked) throw new KeychainUnavailableError('The OS keychain is locked.')
      return map.get(account) ?? null
    },
    async set(account, secret) {
      if (store.locked) throw new KeychainUnavailableError('The OS keychain is locked.')
      map.set(account, secret)
    },
    async delete(account) {
      if (store.locked) throw new KeychainUnavailableError('The OS keychain is locked.')
      return map.delete(account)
    },
  }
  return store
}

/** Settings in memory. */
export function createMemorySettings(initial: Partial<SettingsData> = {}): SettingsStore & {
  data: SettingsData
} {
  const data: SettingsData = structuredClone({ ...defaultSettings, ...initial })
  return {
    data,
    path: '/memory/config.json',
    get: (key) => structuredClone(data[key]),
    set: (key, value) => {
      data[key] = structuredClone(value)
    },
  }
}

/** An EventSink that records what was emitted. */
export function createRecordingEvents() {
  const emitted: { name: EventName; payload: unknown }[] = []
  const sink: EventSink & { emitted: typeof emitted } = {
    emitted,
    emit<E extends EventName>(name: E, payload: ApiEvents[E]) {
      emitted.push({ name, payload })
    },
  }
  return sink
}
