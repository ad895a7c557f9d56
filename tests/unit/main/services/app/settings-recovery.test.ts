import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openNodeSettings } from '../../../../../main/adapters/node-settings'
import { recoverCorruptSettings } from '../../../../../main/services/app/settings-recovery'

const dir = () => mkdtempSync(join(tmpdir(), 'sc-settings-'))

describe('corrupt settings file', () => {
  it('leaves a good file alone', () => {
    const d = dir()
    writeFileSync(join(d, 'config.json'), JSON.stringify({ preferences: { theme: 'dark' } }))
    expect(recoverCorruptSettings(join(d, 'config.json'))).toBeNull()
    expect(openNodeSettings(d).settings.get('preferences')).toEqual({ theme: 'dark' })
  })

  for (const [label, content] of [
    ['truncated JSON', '{"preferences": {"theme": "da'],
    ['binary garbage', '\u0000\u0001\u0002\u00ff'],
    ['a JSON array', '[1,2,3]'],
    ['wrong types', '{"preferences": "dark"}'],
  ] as const) {
    it(`keeps a copy of ${label}, starts from defaults and says where the copy is`, () => {
      const d = dir()
      writeFileSync(join(d, 'config.json'), content)
      const { settings, notice } = openNodeSettings(d)
      expect(settings.get('preferences')).toEqual({ theme: 'system' })
      expect(notice?.level).toBe('warning')
      const copy = readdirSync(d).find((f) => f.startsWith('config.corrupt-'))
      expect(copy).toBeDefined()
      expect(readFileSync(join(d, copy ?? ''), 'utf8')).toBe(content)
      expect(notice?.message).toContain(join(d, copy ?? ''))
    })
  }

  it('persists changes across a reopen', () => {
    const d = dir()
    openNodeSettings(d).settings.set('preferences', { theme: 'light' })
    expect(existsSync(join(d, 'config.json'))).toBe(true)
    expect(openNodeSettings(d).settings.get('preferences')).toEqual({ theme: 'light' })
  })
})
