import { describe, expect, it } from 'vitest'
import { consequencesOf, type Consequence } from '../../../../core/config/consequences'
import { setField } from '../../../../core/config/draft'
import type { JsonValue, TenantConfiguration } from '../../../../core/config/model'
import { ACME } from './builders'

// What a setting does, in words, shown under the field while editing. The editor relies on being
// told what a value also lets in and what a change stops, before pushing it.

const PORTAL = 'clients/Portal'

/** The consequences of one field after an edit of ACME, against ACME as the baseline. */
function after(
  resource: string,
  field: string,
  value: JsonValue | null,
  baseline: TenantConfiguration | null = ACME,
): Pick<Consequence, 'tone' | 'message' | 'index'>[] {
  return consequencesOf(setField(ACME, resource, field, value), baseline)
    .filter((c) => c.resource === resource && c.field === field)
    .map(({ tone, message, index }) => ({ tone, message, ...(index !== undefined && { index }) }))
}

describe('URL list entries', () => {
  it('a wildcard also allows every other subdomain, one label deep', () => {
    expect(
      after(PORTAL, 'allowed_logout_urls', [
        'https://portal.example.com/bye',
        'https://*.example.com/bye',
      ]),
    ).toEqual([
      {
        tone: 'info',
        message:
          'https://*.example.com/bye also allows every other subdomain of example.com (one label deep).',
        index: 1,
      },
    ])
  })

  it('a partial wildcard label says which subdomains fit', () => {
    expect(after(PORTAL, 'callbacks', ['https://pr-*.example.com/cb'])[0]?.message).toBe(
      'https://pr-*.example.com/cb also allows every subdomain of example.com whose first label fits pr-* (one label deep).',
    )
  })

  it('a wildcard on shared hosting warns that a stranger could use it, for the list at hand', () => {
    expect(after(PORTAL, 'web_origins', ['https://*.acme.vercel.app'])[1]?.message).toBe(
      "acme.vercel.app is under vercel.app, which is a shared hosting domain where anyone can create a subdomain in minutes: a stranger's site would be accepted to run silent authentication in the browser.",
    )
    const messages = after(PORTAL, 'callbacks', ['https://*.herokuapp.com/cb']).map((c) => c.tone)
    expect(messages).toEqual(['info', 'warning'])
    expect(after(PORTAL, 'callbacks', ['https://*.herokuapp.com/cb'])[1]?.message).toBe(
      "herokuapp.com is a shared hosting domain where anyone can create a subdomain in minutes: a stranger's site would be accepted to receive login responses (codes and tokens).",
    )
  })

  it('http is a warning outside local development; localhost is only local', () => {
    expect(after(PORTAL, 'allowed_logout_urls', ['http://portal.example.com/bye'])).toMatchObject([
      { tone: 'warning', message: expect.stringContaining('uses http://') as string },
    ])
    expect(after(PORTAL, 'allowed_logout_urls', ['http://localhost:3000/bye'])).toMatchObject([
      { tone: 'info', message: expect.stringContaining('only works on the machine') as string },
    ])
  })

  it('says nothing about invalid entries (validation does) or keyword entries', () => {
    expect(after(PORTAL, 'allowed_logout_urls', ['https://*.com', 'https://*.##D##/x'])).toEqual([])
  })
})

describe('changes against the pulled snapshot', () => {
  it('emptying the Allowed Logout URLs says logout has nowhere to go', () => {
    expect(after(PORTAL, 'allowed_logout_urls', [])).toMatchObject([
      {
        tone: 'warning',
        message: expect.stringContaining(
          'logout through this application has nowhere to go',
        ) as string,
      },
    ])
    // Removing the field entirely ("not set") is the same loss.
    expect(after(PORTAL, 'allowed_logout_urls', null)).toHaveLength(1)
  })

  it('emptying the callbacks says logins stop working', () => {
    expect(after(PORTAL, 'callbacks', [])[0]?.message).toMatch(
      /^With no Allowed Callback URLs, logins to this application stop working/,
    )
  })

  it('removing the back-channel URL says the app sessions survive logouts elsewhere', () => {
    expect(after(PORTAL, 'oidc_logout.backchannel_logout_urls', [])[0]?.message).toContain(
      'its app sessions survive logouts elsewhere',
    )
  })

  it('emptying the tenant list says logouts without client_id end on an error page', () => {
    expect(after('tenant', 'allowed_logout_urls', [])[0]?.tone).toBe('warning')
  })

  it('a shortened lifetime applies at the next activity, a lengthened one after the next login', () => {
    expect(after('tenant', 'session_lifetime', 1_440)).toEqual([
      {
        tone: 'info',
        message: "Shortened from 7 days to 1 day: takes effect at each user's next activity.",
      },
    ])
    expect(after('tenant', 'idle_session_lifetime', 7_200)).toEqual([
      {
        tone: 'info',
        message:
          "Lengthened from 3 days to 5 days: applies only to sessions created after each user's next login; existing sessions keep the old limit.",
      },
    ])
  })

  it('without a baseline, only what the values themselves mean', () => {
    expect(after('tenant', 'session_lifetime', 1_440, null)).toEqual([])
    expect(after(PORTAL, 'allowed_logout_urls', [], null)).toEqual([])
  })

  it('a change to or from a keyword marker is not explained (its value is not known yet)', () => {
    expect(after(PORTAL, 'allowed_logout_urls', '@@PORTAL_URLS@@')).toEqual([])
  })
})

describe('settings that keep users signed in', () => {
  it('turning off the OIDC logout prompt is a warning; already off is information', () => {
    expect(after('tenant', 'sessions.oidc_logout_prompt_enabled', false)[0]?.tone).toBe('warning')
    const off = setField(ACME, 'tenant', 'sessions.oidc_logout_prompt_enabled', false)
    expect(
      consequencesOf(off, off).filter((c) => c.field === 'sessions.oidc_logout_prompt_enabled'),
    ).toMatchObject([{ tone: 'info' }])
  })

  it('disabling SAML sign-out leaves users signed in at the identity provider', () => {
    expect(after('connections/corp-saml', 'options.disableSignout', true)).toEqual([
      {
        tone: 'warning',
        message:
          'Users stay signed in at the identity provider after federated logout: Auth0 sends it no SAML logout request.',
      },
    ])
  })

  it('non-expiring refresh tokens are never revoked by a logout', () => {
    expect(after(PORTAL, 'refresh_token.expiration_type', 'non-expiring')[0]?.message).toContain(
      'no logout revokes it',
    )
  })

  it('an empty SAML Sign Out URL falls back to the Sign In URL', () => {
    expect(after('connections/corp-saml', 'options.signOutEndpoint', '')).toMatchObject([
      {
        tone: 'info',
        message: 'With no Sign Out URL, Auth0 sends SAML logout requests to the Sign In URL.',
      },
    ])
  })

  it('the sound pulled tenant has nothing to warn about', () => {
    expect(consequencesOf(ACME, ACME).filter((c) => c.tone === 'warning')).toEqual([])
  })
})
