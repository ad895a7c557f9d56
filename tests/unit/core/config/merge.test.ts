import { describe, expect, it } from 'vitest'
import { optionsNotReadNotice, type JsonValue } from '../../../../core/config/model'
import { connectionPatch } from '../../../../core/config/patch'
import { setField } from '../../../../core/config/draft'
import { mergeField, planPush } from '../../../../core/config/merge'
import { ACME, pulled } from './builders'

// The three-way field merge behind a safe push: base = the pulled snapshot, mine = the draft,
// theirs = the live tenant read just before pushing. No edit may be lost and no one else's edit
// silently overwritten.

describe('mergeField', () => {
  const A = ['https://a.example.com']
  const B = ['https://b.example.com']
  const C = ['https://c.example.com']
  // [case, base, mine, theirs, status]
  const cases: [string, JsonValue | null, JsonValue | null, JsonValue | null, string][] = [
    ['no change', A, A, A, 'unchanged'],
    ['mine only: pushed', A, B, A, 'push'],
    ['theirs only: the draft takes it, nothing sent', A, A, B, 'theirs'],
    ['both to the same value: nothing sent', A, B, B, 'same'],
    ['both, differently: the user decides', A, B, C, 'conflict'],
    ['mine sets a field that was not set', null, A, null, 'push'],
    ['mine removes a field', A, null, A, 'push'],
    ['they removed it, I changed it', A, B, null, 'conflict'],
    ['they removed it, I did not touch it', A, A, null, 'theirs'],
    [
      'object key order is not a change',
      { a: 1, b: 2 },
      { b: 2, a: 1 },
      { a: 1, b: 2 },
      'unchanged',
    ],
    ['list order is a change (the first entry is the default)', [1, 2], [2, 1], [1, 2], 'push'],
    ['same number of minutes', 4_320, 4_320, 4_320, 'unchanged'],
  ]
  it.each(cases)('%s', (_case, base, mine, theirs, status) => {
    expect(mergeField(base, mine, theirs)).toBe(status)
  })
})

describe('planPush', () => {
  const portal = 'clients/Portal'

  it('plans nothing when neither the draft nor the tenant changed', () => {
    expect(planPush(ACME, ACME, ACME)).toEqual([])
  })

  it('sends only the fields I changed, with the live id to PATCH', () => {
    const mine = setField(ACME, portal, 'allowed_logout_urls', ['https://portal.example.com/x'])
    expect(planPush(ACME, mine, ACME)).toEqual([
      {
        resource: portal,
        id: 'cl-portal',
        fields: [
          {
            field: 'allowed_logout_urls',
            status: 'push',
            base: ['https://portal.example.com/bye'],
            mine: ['https://portal.example.com/x'],
            theirs: ['https://portal.example.com/bye'],
          },
        ],
      },
    ])
  })

  it('flags a conflict on the field someone else changed, and pushes the others', () => {
    let mine = setField(ACME, portal, 'allowed_logout_urls', ['https://mine.example.com'])
    mine = setField(mine, 'tenant', 'session_lifetime', 4_320)
    const theirs = setField(ACME, portal, 'allowed_logout_urls', ['https://theirs.example.com'])
    const plan = planPush(ACME, mine, theirs)
    expect(
      plan.map((r) => [r.resource, r.fields.map((f) => [f.field, f.status]), r.blocked]),
    ).toEqual([
      ['tenant', [['session_lifetime', 'push']], undefined],
      [portal, [['allowed_logout_urls', 'conflict']], undefined],
    ])
  })

  it('lists live-only changes as theirs, so the draft can take them', () => {
    const theirs = setField(ACME, 'connections/corp-saml', 'options.disableSignout', true)
    expect(planPush(ACME, ACME, theirs)).toMatchObject([
      {
        resource: 'connections/corp-saml',
        id: 'con-corp',
        fields: [{ field: 'options.disableSignout', status: 'theirs', mine: false, theirs: true }],
      },
    ])
  })

  it('blocks a resource deleted on the tenant since the pull (it cannot be created)', () => {
    const mine = setField(ACME, portal, 'allowed_logout_urls', ['https://portal.example.com/x'])
    const theirs = structuredClone(ACME)
    delete theirs.resources[portal]
    const [plan] = planPush(ACME, mine, theirs)
    expect(plan?.id).toBeNull()
    expect(plan?.blocked).toBe(
      'It no longer exists on the tenant (creating resources is not supported).',
    )
  })

  it('blocks a changed value that still holds a Deploy CLI keyword', () => {
    const whole = setField(ACME, portal, 'allowed_logout_urls', '@@PORTAL_LOGOUT_URLS@@')
    const inside = setField(ACME, portal, 'allowed_logout_urls', ['https://##DOMAIN##/bye'])
    for (const mine of [whole, inside]) {
      expect(planPush(ACME, mine, ACME)[0]?.blocked).toBe(
        'A changed value still holds a Deploy CLI keyword (##KEY## or @@KEY@@).',
      )
    }
  })

  it('does not block a resource whose only changes were live', () => {
    const theirs = structuredClone(ACME)
    delete theirs.resources[portal]
    const [plan] = planPush(ACME, ACME, theirs)
    expect(plan?.blocked).toBeUndefined()
    expect(plan?.fields.every((f) => f.status === 'theirs')).toBe(true)
  })
})

describe('planPush: connection options need read: and update:connections_options (§12)', () => {
  const SIGN_OUT = 'options.signOutEndpoint'
  const NEW_URL = 'https://idp.example.com/logout-v2'
  const corp = {
    id: 'con-corp',
    name: 'corp-saml',
    strategy: 'samlp',
    options: { signOutEndpoint: 'https://idp.example.com/slo', disableSignout: false },
  }
  const withoutOptions = pulled({
    connections: [{ id: corp.id, name: corp.name, strategy: corp.strategy }],
  })

  it('a pull without options marks the connection options as not read', () => {
    expect(withoutOptions.resources['connections/corp-saml']?.optionsNotRead).toBe(true)
    expect(ACME.resources['connections/corp-saml']?.optionsNotRead).toBeUndefined()
    expect(optionsNotReadNotice(withoutOptions)).toMatch(/read:connections_options.*corp-saml/)
    expect(optionsNotReadNotice(ACME)).toBeNull()
  })

  it('an options change is blocked when the live options could not be read', () => {
    const mine = setField(withoutOptions, 'connections/corp-saml', SIGN_OUT, NEW_URL)
    const [plan] = planPush(withoutOptions, mine, withoutOptions)
    expect(plan?.resource).toBe('connections/corp-saml')
    expect(plan?.blocked).toMatch(
      /needs the read:connections_options and update:connections_options scopes.*lacks read:connections_options.*partial options/,
    )
  })

  it('an options change is blocked when the client lacks update:connections_options', () => {
    const base = pulled({ connections: [corp] })
    const mine = setField(base, 'connections/corp-saml', SIGN_OUT, NEW_URL)
    const granted = ['read:connections', 'update:connections', 'read:connections_options']
    const [plan] = planPush(base, mine, base, granted)
    expect(plan?.blocked).toMatch(/lacks update:connections_options/)
    // With both scopes (or scopes unknown) it is sent.
    expect(planPush(base, mine, base, [...granted, 'update:connections_options'])[0]?.blocked).toBe(
      undefined,
    )
    expect(planPush(base, mine, base)[0]?.blocked).toBeUndefined()
  })

  it('a tenant change next to a blocked connection is still sent', () => {
    let mine = setField(withoutOptions, 'connections/corp-saml', SIGN_OUT, NEW_URL)
    mine = setField(mine, 'tenant', 'allowed_logout_urls', ['https://www.example.com/bye'])
    const plans = planPush(withoutOptions, mine, withoutOptions)
    expect(plans.find((p) => p.resource === 'tenant')?.blocked).toBeUndefined()
    expect(plans.find((p) => p.resource === 'connections/corp-saml')?.blocked).toBeDefined()
  })
})

describe('connectionPatch never sends a partial options object', () => {
  it('refuses an options change when the live connection has no options', () => {
    const change = [{ field: 'options.signOutEndpoint', value: 'https://idp.example.com/x' }]
    expect(() => connectionPatch(change, { name: 'corp-saml', strategy: 'samlp' })).toThrow(
      /options could not be read/,
    )
    expect(
      connectionPatch(change, { options: { signOutEndpoint: 'a', protocolBinding: 'b' } }),
    ).toEqual({ options: { signOutEndpoint: 'https://idp.example.com/x', protocolBinding: 'b' } })
  })
})
