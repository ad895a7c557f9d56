import { join } from 'node:path'
import Conf from 'conf'
import type { StartupNotice } from '../../preload/contract'
import type { SettingsStore } from '../services/ports'
import { recoverCorruptSettings } from '../services/app/settings-recovery'
import { defaultSettings } from '../services/app/settings-schema'
import { fromKeyValueFile, SETTINGS_FILE } from './settings-store'

/**
 * Open the settings file in `dataDir` with conf (Node hosts: web host, CLI, tests), after moving a
 * corrupt file aside. Answers the store and any notice for the user.
 */
export function openNodeSettings(dataDir: string): {
  settings: SettingsStore
  notice: StartupNotice | null
} {
  const notice = recoverCorruptSettings(join(dataDir, SETTINGS_FILE))
  const conf = new Conf<Record<string, unknown>>({
    cwd: dataDir,
    configName: 'config',
    projectName: 'session-console',
    defaults: { ...defaultSettings },
    clearInvalidConfig: false,
  })
  return { settings: fromKeyValueFile(conf), notice }
}
