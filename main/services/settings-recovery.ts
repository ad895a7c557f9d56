import { existsSync, readFileSync, renameSync } from 'node:fs'
import type { StartupNotice } from '../../preload/contract'
import { settingsSchema } from './settings-schema'

/**
 * Check the settings file before the store opens it; move a corrupt one aside.
 *
 * A file that is not JSON, or not a settings document, is renamed to
 * `<name>.corrupt-<timestamp>.json` beside the original (never deleted) so the app can start from
 * defaults, and a notice tells the user where the copy is. Answers null when the file is fine or
 * absent.
 */
export function recoverCorruptSettings(path: string, now = new Date()): StartupNotice | null {
  if (!existsSync(path)) return null
  let reason: string | null = null
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
    const check = settingsSchema.partial().safeParse(parsed)
    if (!check.success) reason = 'it does not contain valid settings'
  } catch {
    reason = 'it is not valid JSON'
  }
  if (reason === null) return null
  const copy =
    path.replace(/\.json$/, '') + `.corrupt-${now.toISOString().replace(/[:.]/g, '-')}.json`
  renameSync(path, copy)
  return {
    id: 'settings-corrupt',
    level: 'warning',
    message: `Your settings file could not be read (${reason}). Session Console started with default settings; the unreadable file was kept at ${copy}.`,
  }
}
