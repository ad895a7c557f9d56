import { describe, expect, it } from 'vitest'
import {
  clientPatch,
  connectionPatch,
  resourcePatch,
  tenantPatch,
} from '../../../../core/config/patch'

// The PATCH bodies of a configuration push: only the changed fields, shaped as each Management API
// endpoint needs them (reference §5), and never a live object mutated.

describe('tenant settings PATCH', () => {
  it('sends lifetimes as *_in_minutes only, and lists as given', () => {
    expect(
      tenantPatch([
        { field: 'session_lifetime', value: 4320 },
        { field: 'idle_session_lifetime', value: 90 },
        { field: 'allowed_logout_urls', value: ['https://a.example.com/bye'] },
      ]),
    ).toEqual({
      session_lifetime_in_minutes: 4320,
      idle_session_lifetime_in_minutes: 90,
      allowed_logout_urls: ['https://a.example.com/bye'],
    })
  })

  it('nests sessions.* and sends an emptied list as []', () => {
    expect(
      tenantPatch([
        { field: 'sessions.oidc_logout_prompt_enabled', value: false },
        { field: 'allowed_logout_urls', value: null },
      ]),
    ).toEqual({ sessions: { oidc_logout_prompt_enabled: false }, allowed_logout_urls: [] })
  })
})

describe('client PATCH', () => {
  const live = {
    client_id: 'c1',
    callbacks: ['https://x.example.com/cb'],
    refresh_token: {
      rotation_type: 'rotating',
      expiration_type: 'expiring',
      token_lifetime: 2_592_000,
      idle_token_lifetime: 1_296_000,
      leeway: 0,
    },
    oidc_logout: {
      backchannel_logout_urls: ['https://x.example.com/bc'],
      backchannel_logout_initiators: { mode: 'custom', selected_initiators: ['rp-logout'] },
    },
  }

  it('sends the whole refresh_token object, live values kept, changed ones changed', () => {
    const before = JSON.stringify(live)
    const body = clientPatch([{ field: 'refresh_token.idle_token_lifetime', value: 86_400 }], live)
    expect(body).toEqual({ refresh_token: { ...live.refresh_token, idle_token_lifetime: 86_400 } })
    expect(JSON.stringify(live)).toBe(before)
  })

  it('adds the refresh_token types Auth0 requires when the live object has none', () => {
    expect(clientPatch([{ field: 'refresh_token.leeway', value: 30 }], { client_id: 'c' })).toEqual(
      {
        refresh_token: {
          leeway: 30,
          rotation_type: 'non-rotating',
          expiration_type: 'non-expiring',
        },
      },
    )
  })

  it('merges oidc_logout and removes a field set to "not set"', () => {
    const body = clientPatch(
      [
        {
          field: 'oidc_logout.backchannel_logout_initiators.selected_initiators',
          value: ['rp-logout', 'idp-logout'],
        },
        { field: 'oidc_logout.backchannel_logout_urls', value: null },
      ],
      live,
    )
    expect(body).toEqual({
      oidc_logout: {
        backchannel_logout_urls: [],
        backchannel_logout_initiators: {
          mode: 'custom',
          selected_initiators: ['rp-logout', 'idp-logout'],
        },
      },
    })
  })

  it('sends top-level lists alone, untouched fields never', () => {
    expect(clientPatch([{ field: 'web_origins', value: ['https://w.example.com'] }], live)).toEqual(
      {
        web_origins: ['https://w.example.com'],
      },
    )
  })
})

describe('connection PATCH', () => {
  const live = {
    id: 'con_1',
    options: {
      signInEndpoint: 'https://idp.example.com/sso',
      signOutEndpoint: 'https://idp.example.com/slo',
      signingCert: 'MIIC…',
      client_secret: 'kept-as-read',
    },
  }

  it('sends every live option back (options replaces the whole object), with the change', () => {
    expect(
      connectionPatch(
        [{ field: 'options.signOutEndpoint', value: 'https://idp.example.com/slo2' }],
        live,
      ),
    ).toEqual({ options: { ...live.options, signOutEndpoint: 'https://idp.example.com/slo2' } })
  })

  it('removes an option set to "not set"', () => {
    const body = resourcePatch(
      'connections',
      [{ field: 'options.signOutEndpoint', value: null }],
      live,
    )
    expect(body.options).not.toHaveProperty('signOutEndpoint')
    expect(body.options).toHaveProperty('signInEndpoint', live.options.signInEndpoint)
  })
})
