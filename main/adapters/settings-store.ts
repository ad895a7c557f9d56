import type { SettingsStore } from '../services/ports'
import { defaultSettings, settingsSchema, type SettingsData } from '../services/app/settings-schema'

/** The part of conf / electron-store this adapter uses (electron-store extends conf). */
export interface KeyValueFile {
  get(key: string): unknown
  set(key: string, value: unknown): void
  readonly path: string
}

/**
 * Wrap a conf-like file as a typed {@link SettingsStore}.
 *
 * A value that no longer matches its schema (hand-edited, older version) reads as its default
 * instead of reaching the services.
 */
export function fromKeyValueFile(file: KeyValueFile): SettingsStore {
  return {
    path: file.path,
    get<K extends keyof SettingsData>(key: K): SettingsData[K] {
      const parsed = settingsSchema.shape[key].safeParse(file.get(key))
      return (parsed.success ? parsed.data : defaultSettings[key]) as SettingsData[K]
    },
    set(key, value) {
      file.set(key, value)
    },
  }
}

/** The settings file name, the same for the Electron app and the Node hosts. */
export const SETTINGS_FILE = 'config.json'
