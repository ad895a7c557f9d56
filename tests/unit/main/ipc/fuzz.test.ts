import { describe, expect, it } from 'vitest'
import { channels, type Method } from '../../../../preload/contract'
import { LARGE_INPUT_CHARS, MAX_INPUT_CHARS } from '../../../../main/ipc/handle'
import { inputSchemas } from '../../../../main/ipc/schemas'
import {
  baseSeed,
  fuzzInputs,
  hasLoneSurrogate,
  methodSeed,
  preview,
  resultProblems,
} from '../../../helpers/fuzz-inputs'
import { createMemorySecretStore, createMemorySettings } from '../../../helpers/memory-adapters'
import { createTestApp } from '../../../helpers/test-app'

// Fuzz every contract method through the real invoker and services (in-memory adapters, fake
// tenant API). Replay a failure with FUZZ_SEED=<base seed>; the seed is in every test name.
const PER_METHOD = 1500
const SEED = baseSeed()

const protoSnapshot = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',')
const cleanProto = protoSnapshot()

function tooLarge(value: unknown, method: Method): boolean {
  if (value === undefined) return false
  try {
    return (JSON.stringify(value)?.length ?? 0) > (LARGE_INPUT_CHARS[method] ?? MAX_INPUT_CHARS)
  } catch {
    return true
  }
}

describe(`IPC fuzzing (base seed ${SEED})`, () => {
  it('covers every contract method', () => {
    expect(Object.keys(channels).sort()).toEqual(Object.keys(inputSchemas).sort())
  })

  for (const method of Object.keys(channels) as Method[]) {
    const seed = methodSeed(SEED, method)
    it(`${method}: ${PER_METHOD} inputs answer a Result, rejects change nothing (seed ${seed})`, async () => {
      const settings = createMemorySettings()
      const secrets = createMemorySecretStore()
      const { invoke, services, logged } = createTestApp({ settings, secrets })
      const state = () => JSON.stringify(settings.data) + JSON.stringify([...secrets.map])
      const failures: string[] = []
      let rejected = 0
      try {
        for (const [index, fuzz] of fuzzInputs(method, PER_METHOD, seed).entries()) {
          const where = `#${index} ${fuzz.label} ${preview(fuzz.value)}`
          const schemaRejects =
            !inputSchemas[method].safeParse(fuzz.value).success ||
            tooLarge(fuzz.value, method) ||
            hasLoneSurrogate(fuzz.value)
          const before = schemaRejects ? state() : ''
          let answer: unknown
          try {
            answer = await invoke(method, fuzz.value)
          } catch (error) {
            failures.push(`${where}: threw ${String(error)}`)
            continue
          }
          if (logged.length > 0) {
            failures.push(
              `${where}: handler threw ${String((logged[0] as { cause?: unknown }).cause)}`,
            )
            logged.length = 0
          }
          for (const problem of resultProblems(answer, { input: fuzz.value }))
            failures.push(`${where}: ${problem}`)
          if (schemaRejects) {
            rejected += 1
            const code = (answer as { error?: { code?: string } }).error?.code
            if (code !== 'INVALID_INPUT') failures.push(`${where}: rejected input answered ${code}`)
            if (state() !== before) failures.push(`${where}: rejected input changed state`)
          }
          if (protoSnapshot() !== cleanProto || 'polluted' in {}) {
            failures.push(`${where}: Object.prototype polluted`)
            delete (Object.prototype as Record<string, unknown>)['polluted']
          }
          if (failures.length >= 20) break
        }
      } finally {
        await services.dispose()
      }
      expect(failures).toEqual([])
      // Most inputs are malformed; the rest reach the services.
      expect(rejected).toBeGreaterThan(PER_METHOD / 2)
    })
  }
})
