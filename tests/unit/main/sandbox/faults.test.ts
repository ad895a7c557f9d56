import { describe, expect, it } from 'vitest'
import { createFaultInjector, matchesPathPattern } from '../../../../main/sandbox/faults'

describe('fault path patterns', () => {
  it.each([
    ['/api/v2/sessions/*', 'DELETE', '/api/v2/sessions/abc', true],
    ['/api/v2/sessions/*', 'GET', '/api/v2/sessions/abc', true],
    ['DELETE /api/v2/sessions/*', 'DELETE', '/api/v2/sessions/abc', true],
    ['delete /api/v2/sessions/*', 'DELETE', '/api/v2/sessions/abc', true],
    ['DELETE /api/v2/sessions/*', 'GET', '/api/v2/sessions/abc', false],
    ['/api/v2/users/*/sessions', 'GET', '/api/v2/users/auth0%7C1/sessions', true],
    ['/api/v2/users', 'GET', '/api/v2/users/x', false],
    ['/oauth/token', 'POST', '/oauth/token', true],
    ['/api/v2/*', 'GET', '/oauth/token', false],
  ])('%s matches %s %s: %s', (pattern, method, path, expected) => {
    expect(matchesPathPattern(pattern, method, path)).toBe(expected)
  })
})

describe('fault injector', () => {
  const roll = (injector: ReturnType<typeof createFaultInjector>, n: number) =>
    Array.from({ length: n }, () => injector.decide('GET', '/api/v2/users').action)

  it('does nothing by default', () => {
    expect(new Set(roll(createFaultInjector(), 50))).toEqual(new Set(['none']))
  })

  it('replays the same outcomes for the same configuration', () => {
    const injector = createFaultInjector()
    injector.set({ errorRate: 0.3, resetRate: 0.1, malformedRate: 0.2 })
    const first = roll(injector, 200)
    injector.set({ errorRate: 0.3, resetRate: 0.1, malformedRate: 0.2 })
    expect(roll(injector, 200)).toEqual(first)
    const errors = first.filter((a) => a === 'error').length
    expect(errors).toBeGreaterThan(30)
    expect(errors).toBeLessThan(80)
    expect(first).toContain('reset')
    expect(first).toContain('malformed')
  })

  it('applies certain faults to every request', () => {
    const injector = createFaultInjector()
    injector.set({ timeoutRate: 1, latencyMs: 25 })
    expect(injector.decide('GET', '/x')).toEqual({ latencyMs: 25, action: 'timeout' })
    injector.set({ rateLimitStorm: true })
    expect(injector.decide('GET', '/x').action).toBe('rate-limit')
  })

  it('fails listed paths always and scopes the other faults with paths', () => {
    const injector = createFaultInjector()
    injector.set({
      failPaths: ['POST /api/v2/sessions/*/revoke'],
      errorRate: 1,
      paths: ['/api/v2/users/*'],
    })
    expect(injector.decide('POST', '/api/v2/sessions/s1/revoke').action).toBe('error')
    expect(injector.decide('GET', '/api/v2/users/u1').action).toBe('error')
    expect(injector.decide('GET', '/api/v2/clients').action).toBe('none')
    expect(injector.get()).toEqual({
      failPaths: ['POST /api/v2/sessions/*/revoke'],
      errorRate: 1,
      paths: ['/api/v2/users/*'],
    })
  })
})
