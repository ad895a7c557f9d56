import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { StartupNotice } from '../../../preload/contract'
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
  removeTornWrites(path)
  if (!existsSync(path)) return null
  let reason: string | null = null
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
    const check = settingsSchema.partial().safeParse(parsed)
    if (!check.success) reason = 'it does not contain valid settings'
    // Nesting too deep to write back (every later save would fail) counts as corrupt too.
    else JSON.stringify(parsed)
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

/**
 * Removes the temp files of writes cut short (`<name>.tmp-…`, left by a crash during an atomic
 * write); the settings file itself still holds the last complete save.
 */
function removeTornWrites(path: string): void {
  const prefix = `${basename(path)}.tmp-`
  try {
    for (const name of readdirSync(dirname(path))) {
      if (name.startsWith(prefix)) rmSync(join(dirname(path), name), { force: true })
    }
  } catch {
    // No folder yet, or not readable: nothing to clean.
  }
}
