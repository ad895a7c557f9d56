import { describe, expect, it } from 'vitest'
import {
  federatedLogoutSupport,
  idpKindOf,
  strategyDisplayName,
  type FederatedLogoutConnection,
} from '../../../../core/simulation/federated-logout'

const ownKeys = { client_id: 'own-client-id', client_secret: 'x' }

// [case, connection, supported, words the reason must contain]
const cases: [string, FederatedLogoutConnection, boolean, RegExp][] = [
  [
    'database',
    { name: 'Username-Password-Authentication', strategy: 'auth0', options: {} },
    false,
    /^Password logins have no upstream identity-provider session/,
  ],
  [
    'passwordless SMS',
    { name: 'sms', strategy: 'sms', options: {} },
    false,
    /SMS code.*no upstream/,
  ],
  ['passwordless email', { name: 'email', strategy: 'email' }, false, /email code.*no upstream/],
  [
    'Google, own keys',
    { name: 'google-oauth2', strategy: 'google-oauth2', options: ownKeys },
    true,
    /Google session/,
  ],
  [
    'Google, dev keys',
    { name: 'google-oauth2', strategy: 'google-oauth2', options: { scope: ['email'] } },
    false,
    /Auth0 developer keys.*never the Google session/,
  ],
  [
    'Google, empty client_id = dev keys',
    { name: 'google-oauth2', strategy: 'google-oauth2', options: { client_id: '' } },
    false,
    /developer keys/,
  ],
  [
    'Google, options unreadable',
    { name: 'google-oauth2', strategy: 'google-oauth2' },
    false,
    /options could not be read.*read:connections_options.*unknown/,
  ],
  [
    'Facebook, dev keys',
    { name: 'facebook', strategy: 'facebook', options: {} },
    false,
    /developer keys/,
  ],
  [
    'Facebook, own keys',
    { name: 'facebook', strategy: 'facebook', options: ownKeys },
    true,
    /Facebook/,
  ],
  ['GitHub', { name: 'github', strategy: 'github', options: ownKeys }, true, /GitHub/],
  ['X', { name: 'twitter', strategy: 'twitter', options: ownKeys }, true, /X \(Twitter\)/],
  ['Yahoo', { name: 'yahoo', strategy: 'yahoo', options: ownKeys }, true, /Yahoo/],
  [
    'Windows Live',
    { name: 'windowslive', strategy: 'windowslive', options: ownKeys },
    true,
    /Microsoft Account/,
  ],
  ['Fitbit', { name: 'fitbit', strategy: 'fitbit', options: ownKeys }, true, /Fitbit/],
  ['Evernote', { name: 'evernote', strategy: 'evernote', options: ownKeys }, true, /Evernote/],
  ['Salesforce', { name: 'sf', strategy: 'salesforce', options: ownKeys }, true, /Salesforce/],
  [
    'Salesforce sandbox',
    { name: 'sfs', strategy: 'salesforce-sandbox', options: ownKeys },
    true,
    /Salesforce/,
  ],
  [
    'Salesforce community',
    { name: 'sfc', strategy: 'salesforce-community', options: ownKeys },
    true,
    /Salesforce/,
  ],
  ['Viva Engage', { name: 'yammer', strategy: 'yammer', options: ownKeys }, true, /Viva Engage/],
  [
    'Google Workspace',
    { name: 'acme-gw', strategy: 'google-apps', options: {} },
    true,
    /Google Workspace/,
  ],
  [
    'Entra ID (native)',
    { name: 'contoso', strategy: 'waad', options: {} },
    true,
    /Microsoft Entra ID/,
  ],
  ['ADFS', { name: 'adfs', strategy: 'adfs', options: {} }, true, /ADFS/],
  ['Microsoft 365', { name: 'o365', strategy: 'office365', options: {} }, true, /Microsoft 365/],
  ['Okta', { name: 'okta', strategy: 'okta', options: {} }, true, /Okta/],
  [
    'OIDC',
    { name: 'partner', strategy: 'oidc', options: { issuer: 'https://idp.partner.example/' } },
    true,
    /OpenID Connect provider/,
  ],
  [
    'OIDC, options unreadable',
    { name: 'partner', strategy: 'oidc' },
    true,
    /options could not be read.*read:connections_options.*Entra.*unknown/,
  ],
  [
    'OIDC to Entra (issuer)',
    {
      name: 'entra-oidc',
      strategy: 'oidc',
      options: { issuer: 'https://login.microsoftonline.com/tid/v2.0' },
    },
    false,
    /Microsoft Entra ID.*not support federated logout/,
  ],
  [
    'OIDC to Entra (discovery URL)',
    {
      name: 'entra-oidc',
      strategy: 'oidc',
      options: {
        discovery_url:
          'https://login.microsoftonline.com/tid/v2.0/.well-known/openid-configuration',
      },
    },
    false,
    /Entra/,
  ],
  [
    'OIDC to Entra (v1 issuer)',
    { name: 'entra-oidc', strategy: 'oidc', options: { issuer: 'https://sts.windows.net/tid/' } },
    false,
    /Entra/,
  ],
  [
    'OIDC to a look-alike host',
    {
      name: 'x',
      strategy: 'oidc',
      options: { issuer: 'https://login.microsoftonline.com.evil.example/' },
    },
    true,
    /OpenID Connect provider/,
  ],
  [
    'SAML with a Sign Out URL',
    {
      name: 'acme-sso',
      strategy: 'samlp',
      options: {
        signInEndpoint: 'https://idp.acme.example/sso',
        signOutEndpoint: 'https://idp.acme.example/slo',
        disableSignout: false,
      },
    },
    true,
    /Sign Out URL https:\/\/idp\.acme\.example\/slo/,
  ],
  [
    'SAML without a Sign Out URL → Sign In URL',
    {
      name: 'acme-sso',
      strategy: 'samlp',
      options: { signInEndpoint: 'https://idp.acme.example/sso', signOutEndpoint: '' },
    },
    true,
    /Sign In URL https:\/\/idp\.acme\.example\/sso \(no Sign Out URL is set\)/,
  ],
  [
    'SAML with disableSignout (SDK/OAS meaning)',
    {
      name: 'acme-sso',
      strategy: 'samlp',
      options: { signInEndpoint: 'https://idp.acme.example/sso', disableSignout: true },
    },
    false,
    /Sign-out is turned off.*disableSignout.*stays signed in/,
  ],
  [
    'SAML, options unreadable',
    { name: 'acme-sso', strategy: 'samlp' },
    true,
    /options could not be read.*read:connections_options.*unknown/,
  ],
  [
    'LinkedIn',
    { name: 'linkedin', strategy: 'linkedin', options: ownKeys },
    false,
    /^unconfirmed: Auth0 does not list LinkedIn as supporting federated logout; assume only the Auth0 session ends\.$/,
  ],
  ['Apple', { name: 'apple', strategy: 'apple', options: ownKeys }, false, /^unconfirmed: .*Apple/],
  [
    'Amazon',
    { name: 'amazon', strategy: 'amazon', options: ownKeys },
    false,
    /^unconfirmed: .*Amazon/,
  ],
  [
    'PingFederate',
    { name: 'ping', strategy: 'pingfederate', options: {} },
    false,
    /^unconfirmed: .*PingFederate/,
  ],
  [
    'custom OAuth2',
    { name: 'custom', strategy: 'oauth2', options: ownKeys },
    false,
    /^unconfirmed: .*oauth2/,
  ],
  ['unknown strategy', { name: 'new', strategy: 'brand-new', options: {} }, false, /^unconfirmed/],
]

describe('federatedLogoutSupport (reference §3.1, §3.2, §5.3)', () => {
  for (const [name, connection, supported, reason] of cases) {
    it(`${name} → ${supported ? 'supported' : 'not supported'}`, () => {
      const result = federatedLogoutSupport(connection)
      expect(result.supported).toBe(supported)
      expect(result.reason).toMatch(reason)
      expect(result.reason).toMatch(/[.]$/)
    })
  }
})

describe('federatedLogoutSupport without options (no read:connections_options, §12)', () => {
  const unread: FederatedLogoutConnection[] = [
    { name: 'g', strategy: 'google-oauth2' },
    { name: 'f', strategy: 'facebook', options: null },
    { name: 's', strategy: 'samlp' },
    { name: 'o', strategy: 'oidc' },
  ]
  it.each(unread)('$strategy: unknown, never "developer keys" as a fact', (connection) => {
    const result = federatedLogoutSupport(connection)
    expect(result.optionsUnread).toBe(true)
    expect(result.reason).not.toMatch(/assumed|signs in to \S+ with Auth0 developer keys/)
  })

  it('options that do not matter (Entra ID, LinkedIn, database) are not unknown', () => {
    for (const strategy of ['waad', 'linkedin', 'auth0']) {
      expect(federatedLogoutSupport({ name: 'x', strategy }).optionsUnread).toBeUndefined()
    }
  })

  it('read options are known, even when empty', () => {
    expect(
      federatedLogoutSupport({ name: 'g', strategy: 'google-oauth2', options: {} }).optionsUnread,
    ).toBeUndefined()
  })
})

describe('idpKindOf', () => {
  const kinds: [string, ReturnType<typeof idpKindOf>][] = [
    ['auth0', 'database'],
    ['sms', 'passwordless'],
    ['email', 'passwordless'],
    ['google-oauth2', 'social'],
    ['facebook', 'social'],
    ['linkedin', 'social'],
    ['apple', 'social'],
    ['samlp', 'saml'],
    ['waad', 'entra'],
    ['office365', 'entra'],
    ['oidc', 'oidc'],
    ['okta', 'oidc'],
    ['adfs', 'enterprise'],
    ['google-apps', 'enterprise'],
    ['something-else', 'unknown'],
  ]
  it.each(kinds)('%s → %s', (strategy, kind) => {
    expect(idpKindOf(strategy)).toBe(kind)
  })

  it('names providers for people and falls back to the strategy', () => {
    expect(strategyDisplayName('google-oauth2')).toBe('Google')
    expect(strategyDisplayName('brand-new')).toBe('brand-new')
  })
})
