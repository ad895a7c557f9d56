import { describe, expect, it } from 'vitest'
import type { PlanTier } from '../../../../preload/contract'
import type { ConfigResource, JsonValue } from '../../../../core/config/model'
import {
  backchannelUrlProblem,
  hasErrors,
  ipAddressKind,
  validateConfig,
  validateField,
  type ConfigProblem,
} from '../../../../core/config/validate'
import { ACME, resource } from './builders'

// Validation as Auth0 applies it when the settings are saved (reference §2.5 allow-lists, §3.3
// back-channel logout, §5.1 lifetimes per plan, §5.2 refresh tokens). A config editor relies on an
// error meaning "Auth0 would refuse or cap this" and on no error for what Auth0 accepts.

const client = (fields: Record<string, JsonValue> = {}) => resource('clients', 'Portal', fields)
const tenant = (fields: Record<string, JsonValue> = {}) => resource('tenant', 'tenant', fields)

/** Severities of the problems of one value, `[]` when it is fine. */
function severities(
  owner: ConfigResource,
  field: string,
  value: JsonValue,
  plan: PlanTier | null = 'enterprise-production',
): ConfigProblem['severity'][] {
  return validateField(owner, field, value, plan).map((p) => p.severity)
}

describe('URL lists: entries and wildcards (§2.5)', () => {
  // [rule, entry, severities]
  const cases: [string, string, ConfigProblem['severity'][]][] = [
    ['exact https URL', 'https://app.example.com/bye', []],
    ['http for localhost', 'http://localhost:3000/bye', []],
    ['custom scheme (native apps)', 'com.example.app://logout', []],
    ['subdomain wildcard', 'https://*.example.com/bye', []],
    ['prefix and suffix in the wildcard label', 'https://prefix-*-suffix.example.com', []],
    ['Deploy CLI keyword inside the URL', 'https://##DOMAIN##/bye', ['warning']],
    ['no scheme', '*.example.com', ['error']],
    ['not a URL', 'example.com/bye', ['error']],
    ['empty entry', '', ['error']],
    ['whitespace', 'https://app.example.com/b ye', ['error']],
    [
      'comma (the Dashboard splits on commas)',
      'https://a.example.com,https://b.example.com',
      ['error'],
    ],
    ['wildcard right under the TLD', 'https://*.com', ['error']],
    ['wildcard not left-most', 'https://sub.*.example.com', ['error']],
    ['two wildcards', 'https://*.*.example.com', ['error']],
    ['wildcard in the path', 'https://app.example.com/*', ['error']],
    ['wildcard with a custom scheme', 'com.example.*://logout', ['error']],
    ['no host', 'https:///bye', ['error']],
  ]
  it.each(cases)('%s: %s', (_rule, entry, expected) => {
    expect(severities(client(), 'allowed_logout_urls', [entry])).toEqual(expected)
    expect(severities(client(), 'callbacks', [entry])).toEqual(expected)
  })

  it('points at the entry at fault and says why, in words', () => {
    const problems = validateField(
      client(),
      'allowed_logout_urls',
      ['https://ok.example.com', 'https://*.com'],
      null,
    )
    expect(problems).toEqual([
      {
        resource: 'clients/Portal',
        field: 'allowed_logout_urls',
        index: 1,
        severity: 'error',
        message: expect.stringContaining(
          'Entry 2 (https://*.com) is not accepted: the wildcard cannot stand for a domain right under the top-level domain',
        ) as string,
      },
    ])
  })

  it('warns about a repeated entry without refusing it', () => {
    const problems = validateField(
      client(),
      'allowed_logout_urls',
      ['https://a.example.com', 'https://a.example.com'],
      null,
    )
    expect(problems).toMatchObject([{ severity: 'warning', index: 1 }])
    expect(problems[0]?.message).toContain('repeats entry 1')
  })

  it('warns that web origins ignore paths', () => {
    expect(severities(client(), 'web_origins', ['https://app.example.com'])).toEqual([])
    expect(severities(client(), 'web_origins', ['https://app.example.com/'])).toEqual([])
    expect(severities(client(), 'web_origins', ['https://app.example.com/app'])).toEqual([
      'warning',
    ])
  })

  // [field, value, severities]
  const shapes: [string, JsonValue, ConfigProblem['severity'][]][] = [
    ['allowed_logout_urls', 'https://app.example.com', ['error']],
    ['allowed_logout_urls', 42, ['error']],
    ['allowed_logout_urls', { url: 'https://app.example.com' }, ['error']],
    ['allowed_logout_urls', ['https://app.example.com', 7], ['error']],
    ['allowed_logout_urls', '@@LOGOUT_URLS@@', ['warning']],
    ['allowed_logout_urls', [], []],
  ]
  it.each(shapes)('%s = %j from a file gives %j, never an exception', (field, value, expected) => {
    expect(severities(client(), field, value)).toEqual(expected)
  })
})

describe('list limits', () => {
  const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://app-${i}.example.com`)

  it.each([
    ['allowed_logout_urls', 100, []],
    ['allowed_logout_urls', 101, ['error']],
    ['web_origins', 101, ['error']],
    // Not documented for callbacks (reference §2.5): warned about, not refused.
    ['callbacks', 101, ['warning']],
  ] as const)('%s with %s entries: %j', (field, n, expected) => {
    expect(severities(client(), field, urls(n))).toEqual(expected)
  })

  it('names the limit', () => {
    const [problem] = validateField(client(), 'allowed_logout_urls', urls(101), null)
    expect(problem?.message).toBe(
      'Allowed Logout URLs holds 101 entries; Auth0 accepts at most 100.',
    )
  })

  it('accepts one back-channel logout URL per application, not two', () => {
    const one = ['https://app.example.com/bc']
    const two = ['https://app.example.com/bc', 'https://other.example.com/bc']
    expect(severities(client(), 'oidc_logout.backchannel_logout_urls', one)).toEqual([])
    expect(severities(client(), 'oidc_logout.backchannel_logout_urls', two)).toEqual(['error'])
  })
})

describe('tenant session lifetimes per plan (§5.1)', () => {
  // [field, minutes, plan, severities]
  const cases: [string, JsonValue, PlanTier | null, ConfigProblem['severity'][]][] = [
    ['idle_session_lifetime', 4_320, 'essentials', []],
    ['idle_session_lifetime', 4_321, 'essentials', ['error']],
    ['idle_session_lifetime', 4_321, 'free', ['error']],
    ['idle_session_lifetime', 4_321, 'enterprise-production', []],
    ['idle_session_lifetime', 144_000, 'enterprise-non-production', []],
    ['idle_session_lifetime', 144_001, 'enterprise-production', ['error']],
    ['session_lifetime', 43_200, 'essentials', []],
    ['session_lifetime', 43_201, 'essentials', ['error']],
    ['session_lifetime', 525_600, 'enterprise-production', []],
    ['session_lifetime', 525_601, 'enterprise-production', ['error']],
    ['ephemeral_session_lifetime', 43_201, 'free', ['error']],
    ['idle_ephemeral_session_lifetime', 4_321, 'free', ['error']],
    // Plan unknown: the Enterprise maximum is an error, beyond self-service a warning.
    ['session_lifetime', 43_201, null, ['warning']],
    ['session_lifetime', 525_601, null, ['error']],
    // Not a duration Auth0 stores.
    ['session_lifetime', 0, 'enterprise-production', ['error']],
    ['session_lifetime', -60, 'enterprise-production', ['error']],
    ['session_lifetime', 90.5, 'enterprise-production', ['error']],
    ['session_lifetime', '4320', 'enterprise-production', ['error']],
    ['session_lifetime', '@@SESSION_LIFETIME@@', 'enterprise-production', ['warning']],
  ]
  it.each(cases)('%s = %j on %s: %j', (field, minutes, plan, expected) => {
    expect(severities(tenant(), field, minutes, plan)).toEqual(expected)
  })

  it('says what the plan allows, in days and minutes', () => {
    const [problem] = validateField(tenant(), 'idle_session_lifetime', 5_000, 'essentials')
    expect(problem?.message).toBe(
      '3 days 11 hours 20 minutes is longer than the 3 days (4,320 minutes) the Essentials plan allows; Auth0 would silently cap it.',
    )
  })

  it('warns when the idle lifetime is longer than the maximum, so it never applies', () => {
    const owner = tenant({ session_lifetime: 600 })
    expect(severities(owner, 'idle_session_lifetime', 720)).toEqual(['warning'])
    expect(severities(owner, 'idle_session_lifetime', 600)).toEqual([])
  })
})

describe('refresh-token lifetimes (§5.2)', () => {
  const cases: [string, JsonValue, Record<string, JsonValue>, ConfigProblem['severity'][]][] = [
    ['refresh_token.token_lifetime', 2_592_000, {}, []],
    ['refresh_token.token_lifetime', 31_557_600, {}, []],
    ['refresh_token.token_lifetime', 31_557_601, {}, ['error']],
    ['refresh_token.token_lifetime', 0, {}, ['error']],
    ['refresh_token.leeway', 0, {}, []],
    ['refresh_token.leeway', -1, {}, ['error']],
    [
      'refresh_token.idle_token_lifetime',
      2_592_001,
      { 'refresh_token.token_lifetime': 2_592_000 },
      ['error'],
    ],
    [
      'refresh_token.idle_token_lifetime',
      2_592_001,
      { 'refresh_token.token_lifetime': 2_592_000, 'refresh_token.infinite_token_lifetime': true },
      [],
    ],
    [
      'refresh_token.idle_token_lifetime',
      2_592_001,
      {
        'refresh_token.token_lifetime': 2_592_000,
        'refresh_token.expiration_type': 'non-expiring',
      },
      [],
    ],
    ['refresh_token.rotation_type', 'rotating', {}, []],
    ['refresh_token.rotation_type', 'sometimes', {}, ['error']],
    ['refresh_token.infinite_token_lifetime', 'yes', {}, ['error']],
  ]
  it.each(cases)('%s = %j with %j: %j', (field, value, others, expected) => {
    expect(severities(client(others), field, value)).toEqual(expected)
  })
})

describe('back-channel logout URL: https, public, not an Auth0 domain (§3.3)', () => {
  // [rule, url, accepted]
  const cases: [string, string, boolean][] = [
    ['public https URL', 'https://app.example.com/backchannel-logout', true],
    ['http', 'http://app.example.com/backchannel-logout', false],
    ['Auth0 tenant domain', 'https://acme.eu.auth0.com/logout', false],
    ['auth0.com itself', 'https://auth0.com/x', false],
    ['webtask.io', 'https://x.webtask.io/x', false],
    ['Auth0 domain with a trailing dot', 'https://acme.auth0.com./x', false],
    ['localhost', 'https://localhost/bc', false],
    ['loopback address', 'https://127.0.0.1/bc', false],
    ['loopback in hex (normalised by the URL parser)', 'https://0x7f.1/bc', false],
    ['private address', 'https://10.1.2.3/bc', false],
    ['link-local address', 'https://169.254.169.254/bc', false],
    ['IPv6 unique local', 'https://[fd00::1]/bc', false],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/bc', false],
    ['wildcard', 'https://*.example.com/bc', false],
    ['fragment', 'https://app.example.com/bc#x', false],
    ['relative', '/backchannel-logout', false],
    ['empty', '', false],
    ['look-alike domain is not Auth0', 'https://notauth0.com/bc', true],
  ]
  it.each(cases)('%s: %s', (_rule, url, accepted) => {
    expect(backchannelUrlProblem(url) === null).toBe(accepted)
    const field = 'oidc_logout.backchannel_logout_urls'
    expect(hasErrors(validateField(client(), field, [url], 'enterprise-production'))).toBe(
      !accepted,
    )
  })

  it('tells the editor why in plain words', () => {
    expect(backchannelUrlProblem('http://app.example.com/bc')).toBe(
      'Back-channel logout URLs must use https, not http://.',
    )
    expect(backchannelUrlProblem('https://acme.eu.auth0.com/bc')).toBe(
      "Back-channel logout URLs cannot point at an Auth0 domain (auth0.com); use your application's own server.",
    )
  })

  it('warns that back-channel logout needs an Enterprise plan, and about raw public IPs', () => {
    const field = 'oidc_logout.backchannel_logout_urls'
    expect(severities(client(), field, ['https://app.example.com/bc'], 'essentials')).toEqual([
      'warning',
    ])
    expect(severities(client(), field, ['https://8.8.8.8/bc'])).toEqual(['warning'])
  })

  it.each([
    ['8.8.8.8', true],
    ['192.168.1.1', false],
    ['100.64.0.1', false],
    ['[2001:db8::1]', false],
    ['[2606:4700::1111]', true],
    ['example.com', null],
  ] as const)('ipAddressKind(%s) public: %s', (host, isPublic) => {
    expect(ipAddressKind(host)?.public ?? null).toBe(isPublic)
  })
})

describe('keyword markers (Deploy CLI ##KEY## and @@KEY@@) are kept, never judged', () => {
  it.each([
    ['allowed_logout_urls', '@@LOGOUT_URLS@@'],
    ['oidc_logout.backchannel_logout_urls', ['https://##APP_DOMAIN##/bc']],
    ['refresh_token.token_lifetime', '@@RT_LIFETIME@@'],
    ['refresh_token.rotation_type', '@@ROTATION@@'],
  ] as [string, JsonValue][])('%s = %j: one warning, no error', (field, value) => {
    const problems = validateField(client(), field, value, 'enterprise-production')
    expect(problems.map((p) => p.severity)).toEqual(['warning'])
    expect(problems[0]?.message).toContain('resolved at deploy time')
  })
})

describe('enums and the SAML sign-out URL', () => {
  const connection = resource('connections', 'corp', {}, { strategy: 'samlp' })
  it.each([
    ['options.signOutEndpoint', 'https://idp.example.com/slo', []],
    ['options.signOutEndpoint', '', []],
    ['options.signOutEndpoint', 'idp.example.com/slo', ['error']],
    ['options.signOutEndpoint', 'ftp://idp.example.com/slo', ['error']],
    ['options.disableSignout', true, []],
    ['options.disableSignout', 'false', ['error']],
  ] as [string, JsonValue, ConfigProblem['severity'][]][])('%s = %j: %j', (field, v, expected) => {
    expect(severities(connection, field, v)).toEqual(expected)
  })

  it.each([
    [['rp-logout', 'password-changed'], []],
    [['rp-logout', 'coffee-spilled'], ['error']],
    [['rp-logout', 'rp-logout'], ['error']],
  ] as [JsonValue, ConfigProblem['severity'][]][])('initiators %j: %j', (value, expected) => {
    const field = 'oidc_logout.backchannel_logout_initiators.selected_initiators'
    expect(severities(client(), field, value)).toEqual(expected)
  })
})

describe('back-channel initiators in custom mode, as Auth0 applies them', () => {
  const MODE = 'oidc_logout.backchannel_logout_initiators.mode'
  const SELECTED = 'oidc_logout.backchannel_logout_initiators.selected_initiators'

  it('custom mode needs the selected initiators', () => {
    expect(severities(client({}), MODE, 'custom')).toEqual(['error'])
    expect(severities(client({ [SELECTED]: ['rp-logout', 'idp-logout'] }), MODE, 'custom')).toEqual(
      [],
    )
    expect(severities(client({}), MODE, 'all')).toEqual([])
  })

  it.each([
    [['rp-logout', 'idp-logout'], []],
    [['rp-logout', 'idp-logout', 'password-changed'], []],
    [['rp-logout', 'password-changed'], ['error']],
    [['session-revoked'], ['error']],
    [[], ['error']],
  ] as [JsonValue, ConfigProblem['severity'][]][])(
    'in custom mode, selected %j: %j',
    (value, expected) => {
      expect(severities(client({ [MODE]: 'custom' }), SELECTED, value)).toEqual(expected)
    },
  )

  it('names what is missing', () => {
    const [problem] = validateField(client({ [MODE]: 'custom' }), SELECTED, ['rp-logout'], null)
    expect(problem?.message).toContain('idp-logout is missing')
  })
})

describe('validateConfig: the whole configuration', () => {
  it('finds nothing wrong with a sound pulled tenant', () => {
    expect(validateConfig(ACME, 'enterprise-production')).toEqual([])
  })

  it('reports problems by resource and field, and hasErrors blocks a push', () => {
    const broken = structuredClone(ACME)
    ;(broken.resources['clients/Shop'] as ConfigResource).fields.allowed_logout_urls = [
      'https://*.com',
    ]
    const problems = validateConfig(broken, 'enterprise-production')
    expect(problems.map((p) => [p.resource, p.field, p.severity])).toEqual([
      ['clients/Shop', 'allowed_logout_urls', 'error'],
    ])
    expect(hasErrors(problems)).toBe(true)
    expect(hasErrors([{ ...problems[0], severity: 'warning' } as ConfigProblem])).toBe(false)
  })

  it('reports a damaged file instead of throwing', () => {
    const damaged = {
      ...ACME,
      resources: { ...ACME.resources, 'clients/X': { kind: 'clients', name: 'X' } },
    } as unknown as typeof ACME
    expect(validateConfig(damaged, null)).toMatchObject([
      { resource: 'clients/X', severity: 'error' },
    ])
    expect(validateConfig({ version: 1 } as unknown as typeof ACME, null)).toMatchObject([
      { severity: 'error', message: 'The configuration holds no resources.' },
    ])
  })
})
