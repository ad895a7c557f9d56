import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openNodeSettings } from '../../main/adapters/node-settings'
import { SETTINGS_FILE } from '../../main/adapters/settings-store'
import { spawnTsChild } from '../helpers/crash-child'
import { tempDataDir } from '../helpers/node-app'
import { generationOf } from '../helpers/settings-crash-child'

// kill -9 while settings are written, again and again, at random points. The child writes through
// the real store of the Node hosts (openNodeSettings: conf, which writes a temp file, fsyncs it and
// renames it over config.json; electron-store in the Electron app is the same conf code). After
// every kill the file must load through the real recovery path (settings-recovery.ts) without
// being treated as corrupt, holding the last completed write or the one in flight, never a torn
// or mixed document.

const KILLS = 25
const CHILD = 'tests/helpers/settings-crash-child.ts'

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const lastNumber = (lines: string[], verb: string): number | undefined => {
  const line = lines.findLast((l) => l.startsWith(`${verb} `))
  return line === undefined ? undefined : Number(line.slice(verb.length + 1))
}

describe('settings written while the process is killed with SIGKILL', () => {
  it(`always load afterwards with the previous or the new value (${KILLS} kills)`, async () => {
    const dir = tempDataDir()
    dirs.push(dir)
    let stored = 0
    let inFlightKills = 0
    let newValueKept = 0

    for (let round = 1; round <= KILLS; round += 1) {
      const child = spawnTsChild(CHILD, { CRASH_DATA_DIR: dir })
      await child.waitForLine((line) => line.startsWith('writing '))
      await delay(Math.random() * 60)
      const end = await child.killHard()
      expect(end, child.stderr()).toEqual({ code: null, signal: 'SIGKILL' })

      const started = lastNumber(child.lines, 'writing') as number
      const completed = lastNumber(child.lines, 'wrote') ?? stored
      if (started > completed) inFlightKills += 1

      // The bytes on disk are one whole JSON document…
      const raw = readFileSync(join(dir, SETTINGS_FILE), 'utf8')
      expect(() => JSON.parse(raw) as unknown, `round ${round}`).not.toThrow()
      // …that the real start-up path opens without moving anything aside…
      const { settings, notice } = openNodeSettings(dir)
      expect(notice, `round ${round}`).toBeNull()
      expect(readdirSync(dir).filter((f) => f.includes('.corrupt-'))).toEqual([])
      // …holding the last completed write or the one in flight, whole.
      const loaded = generationOf(settings.get('recentUsers'))
      expect([completed, started], `round ${round}: loaded ${loaded}`).toContain(loaded)
      if (loaded === started && started > completed) newValueKept += 1
      stored = loaded
    }

    // The kills hit writes in progress, not just the gaps between them.
    expect(inFlightKills).toBeGreaterThan(KILLS / 2)
    expect(stored).toBeGreaterThan(KILLS)
    // Temp files of writes cut short are removed at the next start, never read as the settings.
    const leftovers = readdirSync(dir).filter((f) => f.startsWith(`${SETTINGS_FILE}.tmp-`))
    expect(leftovers).toEqual([])
    console.info(
      `settings-crash: ${KILLS} kills survived, ${inFlightKills} inside set(), ` +
        `${newValueKept} kept the value in flight`,
    )
  }, 180_000)
})
