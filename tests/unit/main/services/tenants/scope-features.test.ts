import { describe, expect, it } from 'vitest'
import {
  allConsoleScopes,
  featureAvailability,
} from '../../../../../main/services/tenants/scope-features'

const feature = (granted: readonly string[], id: string) => {
  const found = featureAvailability(granted).find((f) => f.id === id)
  if (found === undefined) throw new Error(`no feature ${id}`)
  return found
}

describe('scope features: connection options scopes (reference §12)', () => {
  it('asks for read:connections_options and update:connections_options', () => {
    expect(allConsoleScopes).toContain('read:connections_options')
    expect(allConsoleScopes).toContain('update:connections_options')
  })

  it('without read:connections_options: federated support unknown, options not read', () => {
    const granted = allConsoleScopes.filter((s) => s !== 'read:connections_options')
    const f = feature(granted, 'read-connection-options')
    expect(f.enabled).toBe(false)
    expect(f.missingScopes).toEqual(['read:connections_options'])
    expect(f.reason).toMatch(/lacks the read:connections_options scope/)
    expect(f.reason).toMatch(/federated logout .* unknown/)
    expect(f.reason).toMatch(/not read/)
    expect(feature(granted, 'update-connection-options').enabled).toBe(true)
  })

  it('without update:connections_options: a push changing options is blocked', () => {
    const granted = allConsoleScopes.filter((s) => s !== 'update:connections_options')
    const f = feature(granted, 'update-connection-options')
    expect(f.enabled).toBe(false)
    expect(f.reason).toMatch(/lacks the update:connections_options scope.*push .* blocked/)
    expect(feature(granted, 'read-connection-options').enabled).toBe(true)
  })

  it('with every scope nothing is disabled', () => {
    expect(featureAvailability(allConsoleScopes).filter((f) => !f.enabled)).toEqual([])
  })
})
