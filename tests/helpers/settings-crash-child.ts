import { resolve } from 'node:path'
import { openNodeSettings } from '../../main/adapters/node-settings'
import type { SettingsData } from '../../main/services/app/settings-schema'

// Child process of tests/integration/settings-crash.test.ts: opens the settings of CRASH_DATA_DIR
// exactly as the Node hosts do (openNodeSettings: recovery, then the conf store) and writes one
// generation after another until the test kills it with SIGKILL.
//
// Output (stdout): `writing <n>` before generation n is set, `wrote <n>` once set() returned.
// It stops by itself after LIFETIME_MS, so an orphan (its test gone) does not write forever.

/** The longest the child writes before it stops by itself. */
const LIFETIME_MS = 20_000

/** Users per generation: enough bytes (~40 KB) that a kill often lands inside a write. */
const USERS = 300

/** Generation `n` of the recent-users list: every entry carries `n`, so a mix would show. */
export function settingsGeneration(n: number): SettingsData['recentUsers'] {
  return {
    sandbox: Array.from({ length: USERS }, (_, i) => ({
      userId: `auth0|user-${i}`,
      email: `user-${i}@example.com`,
      name: `User ${i}, written in generation ${n}`,
      connections: ['Username-Password-Authentication'],
      loginsCount: n,
    })),
  }
}

/** The generation a recent-users list holds: 0 for none yet, NaN for anything not one whole one. */
export function generationOf(recent: SettingsData['recentUsers']): number {
  const users = recent['sandbox']
  if (users === undefined) return Object.keys(recent).length === 0 ? 0 : Number.NaN
  const n = users[0]?.loginsCount ?? Number.NaN
  const whole = JSON.stringify(settingsGeneration(n)) === JSON.stringify(recent)
  return whole ? n : Number.NaN
}

function main(dataDir: string): void {
  const { settings, notice } = openNodeSettings(dataDir)
  if (notice !== null) throw new Error(`unexpected recovery: ${notice.message}`)
  const start = generationOf(settings.get('recentUsers'))
  if (Number.isNaN(start)) throw new Error('the settings hold no whole generation')
  const stopAt = Date.now() + LIFETIME_MS
  for (let n = start + 1; Date.now() < stopAt; n += 1) {
    process.stdout.write(`writing ${n}\n`)
    settings.set('recentUsers', settingsGeneration(n))
    process.stdout.write(`wrote ${n}\n`)
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) {
  main(process.env['CRASH_DATA_DIR'] ?? '')
}
