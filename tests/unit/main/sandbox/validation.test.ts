import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../../main/sandbox/http-io'
import { seedClients, seedTenantSettings } from '../../../../main/sandbox/seed-catalog'
import {
  allowListEntryProblem,
  applyClientPatch,
  applyTenantPatch,
} from '../../../../main/sandbox/validation'

const spa = seedClients()[1]
if (spa === undefined) throw new Error('seed changed')

const errorOf = (fn: () => unknown): ApiError => {
  try {
    fn()
  } catch (err) {
    if (err instanceof ApiError) return err
    throw err
  }
  throw new Error('expected an ApiError')
}

describe('allow-list entries (reference §2.5)', () => {
  it.each([
    'https://app.example.com/logout',
    'http://localhost:3000',
    'com.example.mobile://auth.example.com/ios/callback',
    'https://*.example.com',
    'https://prefix-*-suffix.example.com/bye',
  ])('accepts %s', (entry) => {
    expect(allowListEntryProblem(entry)).toBeNull()
  })

  it.each([
    ['', /empty/],
    ['*.example.com', /absolute URL/],
    ['example.com/logout', /absolute URL/],
    ['https://*.*.example.com', /one wildcard/],
    ['https://sub.*.example.com', /left-most/],
    ['https://*.com', /domain name/],
    ['https://app.example.com/*', /left-most/],
    ['com.example.app://*.example.com', /http or https/],
  ])('rejects %j', (entry, problem) => {
    expect(allowListEntryProblem(entry)).toMatch(problem)
  })
})

describe('PATCH /clients/{id} body', () => {
  it('replaces arrays and merges refresh_token and oidc_logout one level deep', () => {
    const next = applyClientPatch(spa, {
      allowed_logout_urls: ['https://dashboard.example.com'],
      refresh_token: {
        rotation_type: 'rotating',
        expiration_type: 'expiring',
        idle_token_lifetime: 3600,
      },
      oidc_logout: { backchannel_logout_urls: ['https://dashboard.example.com/bcl'] },
    })
    expect(next.allowed_logout_urls).toEqual(['https://dashboard.example.com'])
    expect(next.refresh_token).toEqual({ ...spa.refresh_token, idle_token_lifetime: 3600 })
    expect(next.oidc_logout).toEqual({
      backchannel_logout_urls: ['https://dashboard.example.com/bcl'],
    })
    expect(spa.allowed_logout_urls).toContain('https://*.example.com/logout')
    expect('oidc_logout' in applyClientPatch(next, { oidc_logout: null })).toBe(false)
  })

  it('accepts real fields it does not model and never stores a client secret', () => {
    const next = applyClientPatch(spa, {
      logo_uri: 'https://example.com/logo.png',
      client_secret: 'x',
    })
    expect(next).toMatchObject({ logo_uri: 'https://example.com/logo.png' })
    expect('client_secret' in next).toBe(false)
  })

  it.each([
    [
      { allowed_logout_urls: 'https://x.example.com' },
      "'Expected type array but found type string' on property allowed_logout_urls.",
    ],
    [{ callbacks: ['*.example.com'] }, 'on property callbacks[0].'],
    [{ name: 42 }, "'Expected type string but found type number' on property name."],
    [{ secret_sauce: true }, "'Additional properties not allowed: secret_sauce'."],
    [
      { refresh_token: { rotation_type: 'sometimes', expiration_type: 'expiring' } },
      'on property refresh_token.rotation_type.',
    ],
    [{ refresh_token: { idle_token_lifetime: 60 } }, 'on property refresh_token.rotation_type.'],
    [
      {
        refresh_token: {
          rotation_type: 'rotating',
          expiration_type: 'expiring',
          idle_token_lifetime: 99_999_999,
        },
      },
      'on property refresh_token.idle_token_lifetime.',
    ],
    [
      {
        refresh_token: {
          rotation_type: 'rotating',
          expiration_type: 'expiring',
          idle_token_lifetime: 2_592_001,
        },
      },
      'must not exceed token_lifetime',
    ],
    [{ oidc_logout: { backchannel_logout_urls: ['http://a.example.com/bcl'] } }, 'https URL'],
    [{ oidc_logout: { backchannel_logout_urls: ['https://x.auth0.com/bcl'] } }, 'Auth0 domain'],
    [
      {
        oidc_logout: {
          backchannel_logout_urls: ['https://a.example.com/1', 'https://a.example.com/2'],
        },
      },
      'backchannel_logout_urls',
    ],
    [
      {
        oidc_logout: {
          backchannel_logout_initiators: { mode: 'custom', selected_initiators: ['coffee-break'] },
        },
      },
      'selected_initiators[0]',
    ],
    [
      { oidc_logout: { backchannel_logout_initiators: { mode: 'custom' } } },
      'must include rp-logout and idp-logout',
    ],
    [
      {
        oidc_logout: {
          backchannel_logout_initiators: { mode: 'custom', selected_initiators: ['rp-logout'] },
        },
      },
      'must include rp-logout and idp-logout',
    ],
    [['not', 'an', 'object'], "'Expected type object but found type array'."],
  ])('rejects %j', (body, message) => {
    const err = errorOf(() => applyClientPatch(spa, body))
    expect(err.statusCode).toBe(400)
    expect(err.errorCode).toBe('invalid_body')
    expect(err.message).toMatch(/^Payload validation error: /)
    expect(err.message).toContain(message)
  })
})

describe('PATCH /tenants/settings body', () => {
  const tenant = seedTenantSettings()

  it('caps lifetimes at 720 h / 72 h on self-service plans, as Auth0 does', () => {
    for (const body of [
      { session_lifetime: 721 },
      { session_lifetime_in_minutes: 721 * 60 },
      { idle_session_lifetime: 73 },
      { idle_ephemeral_session_lifetime_in_minutes: 73 * 60 },
    ]) {
      const err = errorOf(() => applyTenantPatch(tenant, body, true))
      expect(err.statusCode, JSON.stringify(body)).toBe(400)
      expect(err.message).toContain('maximum for this plan')
      // Enterprise allows it.
      expect(() => applyTenantPatch(tenant, body, false)).not.toThrow()
    }
    expect(applyTenantPatch(tenant, { session_lifetime: 720 }, true).session_lifetime).toBe(720)
  })

  it('keeps hours and minutes in step and merges nested objects', () => {
    const minutes = applyTenantPatch(tenant, { session_lifetime_in_minutes: 90 })
    expect(minutes).toMatchObject({ session_lifetime: 1.5, session_lifetime_in_minutes: 90 })
    const hours = applyTenantPatch(minutes, { session_lifetime: 24 })
    expect(hours.session_lifetime).toBe(24)
    expect('session_lifetime_in_minutes' in hours).toBe(false)
    const nested = applyTenantPatch(tenant, { flags: { new_flag: true }, sessions: {} })
    expect(nested.flags).toEqual({ ...tenant.flags, new_flag: true })
    expect(nested.sessions).toEqual(tenant.sessions)
  })

  it.each([
    [{ session_lifetime: 10, session_lifetime_in_minutes: 600 }, 'Only one of session_lifetime'],
    [
      { idle_session_lifetime: 1, idle_session_lifetime_in_minutes: 60 },
      'Only one of idle_session_lifetime',
    ],
    [{ session_lifetime: 9000 }, 'session_lifetime'],
    [{ idle_session_lifetime_in_minutes: 0 }, 'idle_session_lifetime_in_minutes'],
    [{ session_lifetime_in_minutes: 1.5 }, 'session_lifetime_in_minutes'],
    [{ allowed_logout_urls: [1] }, 'allowed_logout_urls[0]'],
    [{ allowed_logout_urls: ['https://*.*.example.com'] }, 'allowed_logout_urls[0]'],
    [{ session_cookie: { mode: 'forever' } }, 'session_cookie.mode'],
    [{ color: 'blue' }, 'Additional properties not allowed: color'],
  ])('rejects %j', (body, message) => {
    const err = errorOf(() => applyTenantPatch(tenant, body))
    expect(err.statusCode).toBe(400)
    expect(err.message).toContain(message)
  })
})
