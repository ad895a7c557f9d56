import { describe, expect, it } from 'vitest'
import { channels, type Method } from '../../../../preload/contract'
import { inputSchemas } from '../../../../main/ipc/schemas'
import { validSamples } from '../../../helpers/fuzz-inputs'
import { createTestApp } from '../../../helpers/test-app'

// One valid input per method, shared with the fuzzers: its mapped type makes a new contract method
// without a sample fail to compile, so every channel is covered by the rejection table below.
const samples = validSamples

const huge = 'x'.repeat(300_000)

/** Malformed variants of a valid input: wrong types, missing and extra keys, huge strings. */
function malformed(sample: unknown): { label: string; value: unknown }[] {
  const cases: { label: string; value: unknown }[] = [
    { label: 'a string', value: 'hello' },
    { label: 'a number', value: 42 },
    { label: 'an array', value: [sample] },
    { label: 'a huge string', value: huge },
  ]
  if (sample === undefined) {
    cases.push({ label: 'an object', value: { unexpected: true } })
    return cases
  }
  cases.push({ label: 'null', value: null })
  cases.push({ label: 'an extra key', value: { ...(sample as object), extra: 1 } })
  cases.push({
    label: 'a __proto__ key',
    value: JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(sample).slice(1)}`),
  })
  for (const [key, value] of Object.entries(sample as object)) {
    const wrong = typeof value === 'string' ? 12345 : 'not-the-right-type'
    cases.push({
      label: `${key} of the wrong type`,
      value: { ...(sample as object), [key]: wrong },
    })
    cases.push({ label: `${key} missing`, value: omit(sample as object, key) })
    if (typeof value === 'string') {
      cases.push({ label: `${key} huge`, value: { ...(sample as object), [key]: huge } })
    }
  }
  return cases
}

function omit(obj: object, key: string) {
  return Object.fromEntries(Object.entries(obj).filter(([k]) => k !== key))
}

describe('the IPC contract', () => {
  it('has a schema for every channel and a channel for every schema', () => {
    expect(Object.keys(inputSchemas).sort()).toEqual(Object.keys(channels).sort())
  })

  it('uses unique domain:verb channel names', () => {
    const names = Object.values(channels)
    expect(new Set(names).size).toBe(names.length)
    for (const name of names) expect(name).toMatch(/^[a-z-]+:[a-z-]+$/)
  })

  for (const method of Object.keys(samples) as Method[]) {
    describe(method, () => {
      it('accepts its valid input', async () => {
        const { invoke } = createTestApp()
        const result = await invoke(method, samples[method])
        expect(result.ok ? 'ok' : result.error.code).not.toBe('INVALID_INPUT')
      })

      for (const bad of malformed(samples[method])) {
        // "missing" is fine when the key is optional; the schema decides.
        it(`rejects ${bad.label} with a typed error`, async () => {
          const { invoke, deps } = createTestApp()
          const before = JSON.stringify(deps.settings.get('preferences'))
          const parsed = inputSchemas[method].safeParse(bad.value)
          const result = await invoke(method, bad.value)
          if (parsed.success) {
            expect(bad.label).toMatch(/missing$/)
            return
          }
          expect(result.ok).toBe(false)
          if (result.ok) return
          expect(result.error.code).toBe('INVALID_INPUT')
          expect(result.error.message.length).toBeLessThan(300)
          expect(result.error.message).not.toContain(huge.slice(0, 100))
          expect(JSON.stringify(deps.settings.get('preferences'))).toBe(before)
          expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
        })
      }
    })
  }
})
