import { describe, expect, it } from 'vitest'
import { createTokenService } from '../../../../main/sandbox/access-tokens'
import { ApiError } from '../../../../main/sandbox/http-io'

const AUDIENCE = 'https://127.0.0.1:4000/api/v2/'

const setup = () => {
  let clock = Date.parse('2030-01-01T00:00:00Z')
  const service = createTokenService({ audiences: [AUDIENCE], now: () => clock })
  service.addClient({
    clientId: 'm2m',
    clientSecret: 's3cret',
    scopes: ['read:users', 'read:sessions'],
  })
  return { service, advance: (ms: number) => (clock += ms) }
}

const grant = {
  grant_type: 'client_credentials',
  client_id: 'm2m',
  client_secret: 's3cret',
  audience: AUDIENCE,
}

describe('sandbox access tokens', () => {
  it('issues a 24-hour bearer token with the granted scopes', () => {
    const { service } = setup()
    const res = service.issue(grant, undefined)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      expires_in: 86400,
      token_type: 'Bearer',
      scope: 'read:users read:sessions',
    })
    const verified = service.verify(`Bearer ${String(res.body['access_token'])}`)
    expect([...verified.scopes]).toEqual(['read:users', 'read:sessions'])
  })

  it('accepts client_secret_basic and an audience without trailing slash', () => {
    const { service } = setup()
    const basic = `Basic ${Buffer.from('m2m:s3cret').toString('base64')}`
    const res = service.issue(
      { grant_type: 'client_credentials', audience: AUDIENCE.slice(0, -1) },
      basic,
    )
    expect(res.status).toBe(200)
  })

  it('narrows scopes on request and refuses scopes it was not granted', () => {
    const { service } = setup()
    expect(service.issue({ ...grant, scope: 'read:users' }, undefined).body['scope']).toBe(
      'read:users',
    )
    expect(service.issue({ ...grant, scope: 'read:users delete:users' }, undefined)).toEqual({
      status: 403,
      body: {
        error: 'access_denied',
        error_description: 'Client has not been granted scopes: delete:users',
      },
    })
  })

  it('answers bad credentials with the Authentication API error shape', () => {
    const { service } = setup()
    expect(service.issue({ ...grant, client_secret: 'nope' }, undefined)).toEqual({
      status: 401,
      body: { error: 'access_denied', error_description: 'Unauthorized' },
    })
    expect(service.issue({ ...grant, grant_type: undefined }, undefined).status).toBe(400)
  })

  it('rejects missing, malformed, unknown and expired tokens with 401 invalid_token', () => {
    const { service, advance } = setup()
    const token = String(service.issue(grant, undefined).body['access_token'])
    for (const header of [undefined, '', 'Token abc', 'Bearer unknown']) {
      expect(() => service.verify(header)).toThrow(ApiError)
    }
    advance(86_399_000)
    expect(service.verify(`Bearer ${token}`).clientId).toBe('m2m')
    advance(1000)
    try {
      service.verify(`Bearer ${token}`)
      expect.fail('expired token accepted')
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError)
      expect((err as ApiError).toBody()).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Expired token received for JSON Web Token validation',
        errorCode: 'invalid_token',
      })
    }
  })
})
