import { describe, expect, it } from 'vitest'
import { AppFailure, INTERNAL_ERROR_MESSAGE, toAppError } from '../../../core/result'
import { KeychainUnavailableError } from '../../../main/services/ports'
import { appErrorOf } from '../../../main/services/errors'

describe('the one error rule', () => {
  it('passes an expected failure on as it is', () => {
    const bugs: unknown[] = []
    expect(toAppError(new AppFailure('NOT_FOUND', 'No such user.'), (e) => bugs.push(e))).toEqual({
      code: 'NOT_FOUND',
      message: 'No such user.',
    })
    expect(toAppError(new KeychainUnavailableError('The OS keychain is locked.'))).toEqual({
      code: 'KEYCHAIN',
      message: 'The OS keychain is locked.',
    })
    expect(bugs).toEqual([])
  })

  it('answers a bug as INTERNAL in general words and hands the details to the log only', () => {
    const bug = new TypeError('cannot read x of undefined at https://acme.auth0.com/?token=abc')
    const bugs: unknown[] = []
    const error = toAppError(bug, (e) => bugs.push(e))
    expect(error).toEqual({ code: 'INTERNAL', message: INTERNAL_ERROR_MESSAGE })
    expect(JSON.stringify(error)).not.toMatch(/token|acme|undefined/)
    expect(bugs).toEqual([bug])
    for (const odd of [null, undefined, 'a string', 42, { code: 'KEYCHAIN', message: 'fake' }]) {
      expect(toAppError(odd).code).toBe('INTERNAL')
    }
  })

  it('main logs a bug with what was being done', () => {
    const logged: unknown[][] = []
    const original = console.error
    console.error = (...args: unknown[]) => void logged.push(args)
    try {
      expect(appErrorOf(new RangeError('boom'), 'Reading a user').message).toBe(
        INTERNAL_ERROR_MESSAGE,
      )
    } finally {
      console.error = original
    }
    expect(logged).toEqual([['Reading a user failed unexpectedly', expect.any(RangeError)]])
  })
})
