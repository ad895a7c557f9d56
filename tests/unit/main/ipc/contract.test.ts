import { describe, expect, it } from 'vitest'
import { channels, type Input, type Method } from '../../../../preload/contract'
import { inputSchemas } from '../../../../main/ipc/schemas'
import { createTestApp } from '../../../helpers/test-app'

// One valid input per method. The mapped type makes a new contract method without a sample fail to
// compile, so every channel is covered by the rejection table below.
const samples: { [M in Method]: Input<M> } = {
  getAppInfo: undefined,
  getPreferences: undefined,
  setPreferences: { theme: 'dark' },
  listStartupNotices: undefined,
  openExternal: { url: 'https://auth0.com/docs' },
  listTenants: undefined,
  addTenant: {
    name: 'Acme production',
    domain: 'acme.eu.auth0.com',
    clientId: 'abcDEF123',
    clientSecret: 'good-secret',
    environment: 'production',
    plan: 'enterprise-production',
  },
  updateTenant: { id: 'missing', name: 'x' },
  removeTenant: { id: 'nope' },
  switchTenant: { id: 'sandbox' },
  testConnection: { id: 'sandbox' },
  getTenantSnapshot: { id: 'sandbox' },
  searchUsers: { query: 'alice' },
  getUserLayers: { userId: 'auth0|alice' },
  listRecentUsers: undefined,
  previewLogout: { userId: 'auth0|nobody', action: { kind: 'delete-session', sessionId: 's1' } },
  startLogout: { previewId: 'missing', confirmation: 'x', reason: 'ticket 42' },
  planBulkLogout: { source: { kind: 'list', text: 'nobody@example.com' }, mode: 'all-sessions' },
  getUserScenario: { userId: 'auth0|nobody' },
  listJobs: undefined,
  controlJob: { id: 'missing', command: 'pause' },
  retryJobItem: { id: 'missing', key: 'delete-session:s1' },
  listActivity: undefined,
  exportActivity: { format: 'markdown' },
}

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
