import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../../main/sandbox/http-io'
import { checkScopes, matchRoute } from '../../../../main/sandbox/management-api'

describe('management API routing', () => {
  it('matches routes and decodes path parameters', () => {
    const found = matchRoute('GET', '/users/google-oauth2%7C1047/sessions')
    expect(found?.params).toEqual(['google-oauth2|1047'])
    expect(found?.route.scopes).toEqual(['read:sessions'])
    expect(matchRoute('PUT', '/users/x')).toBeNull()
    expect(matchRoute('GET', '/users/x/unknown')).toBeNull()
    expect(() => matchRoute('GET', '/users/%E0%A4%A')).toThrow(ApiError)
  })

  it('needs any of the listed scopes, or all of them for revoke', () => {
    const del = matchRoute('DELETE', '/sessions/s1')?.route
    const revoke = matchRoute('POST', '/sessions/s1/revoke')?.route
    if (del === undefined || revoke === undefined) throw new Error('routes missing')
    expect(() => checkScopes(del, new Set(['delete:sessions']))).not.toThrow()
    expect(() => checkScopes(revoke, new Set(['delete:sessions']))).toThrow(
      'Insufficient scope, expected all of: delete:sessions,delete:refresh_tokens',
    )
    expect(() =>
      checkScopes(revoke, new Set(['delete:sessions', 'delete:refresh_tokens'])),
    ).not.toThrow()
    const denied = (() => {
      try {
        checkScopes(del, new Set(['read:sessions']))
      } catch (err) {
        return err
      }
      return null
    })()
    expect(denied).toBeInstanceOf(ApiError)
    expect((denied as ApiError).toBody()).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Insufficient scope, expected any of: delete:sessions',
      errorCode: 'insufficient_scope',
    })
  })
})
