import { describe, expect, it } from 'vitest'
import { createInvoker, isTrustedSender, type HandlerTable } from '../../../../main/ipc/handle'
import { AppFailure } from '../../../../core/result'
import { createTestApp } from '../../../helpers/test-app'

describe('the handler wrapper', () => {
  it('answers an unknown method with INVALID_INPUT, not a crash', async () => {
    const { invoke } = createTestApp()
    for (const name of ['nope', '__proto__', 'constructor', 'toString', '']) {
      const result = await invoke(name, {})
      expect(result).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'Unknown request.' },
      })
    }
  })

  it('turns a thrown bug into INTERNAL with no stack, path or secret, and logs the cause in main', async () => {
    const { handlers } = createTestApp()
    const logged: unknown[] = []
    const broken: HandlerTable = {
      ...handlers,
      getAppInfo: () => {
        throw new Error('boom at /home/user/secret-path client_secret=abc123')
      },
    }
    const invoke = createInvoker(broken, { error: (m, c) => logged.push([m, c]) })
    const result = await invoke('getAppInfo', undefined)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INTERNAL')
    expect(JSON.stringify(result)).not.toMatch(/boom|secret|abc123|\/home|at /)
    expect(logged).toHaveLength(1)
  })

  it('passes an expected failure through with its code and message', async () => {
    const { handlers } = createTestApp()
    const invoke = createInvoker(
      {
        ...handlers,
        getPreferences: async () => {
          throw new AppFailure('KEYCHAIN', 'The OS keychain is locked.')
        },
      },
      { error: () => {} },
    )
    expect(await invoke('getPreferences', undefined)).toEqual({
      ok: false,
      error: { code: 'KEYCHAIN', message: 'The OS keychain is locked.' },
    })
  })

  it('refuses input that cannot be serialised (cycles) as too large rather than crashing', async () => {
    const { invoke } = createTestApp()
    const cyclic: Record<string, unknown> = {}
    cyclic['self'] = cyclic
    const result = await invoke('setPreferences', cyclic)
    expect(result.ok).toBe(false)
  })
})

describe('isTrustedSender (checklist #17)', () => {
  const cases: [string | undefined, readonly string[], boolean][] = [
    ['file:///opt/app/out/renderer/index.html', ['file://'], true],
    ['http://localhost:5173/', ['http://localhost:5173'], true],
    ['http://localhost:5173/', ['file://'], false],
    ['https://evil.example/', ['file://'], false],
    ['http://localhost:5174/', ['http://localhost:5173'], false],
    ['file:///x', ['http://localhost:5173'], false],
    ['not a url', ['file://'], false],
    [undefined, ['file://'], false],
    ['', ['file://'], false],
  ]
  for (const [url, origins, expected] of cases) {
    it(`${String(url)} with ${origins.join(',')} → ${expected}`, () => {
      expect(isTrustedSender(url, origins)).toBe(expected)
    })
  }
})
