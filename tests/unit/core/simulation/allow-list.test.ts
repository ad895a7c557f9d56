import { describe, expect, it } from 'vitest'
import {
  checkEntry,
  decideLogoutRedirect,
  entryProblem,
  matchAllowList,
  validateAllowList,
  type LogoutAllowLists,
} from '../../../../core/simulation/allow-list'
import type { LogoutEndpoint } from '../../../../core/simulation/types'

const V2: LogoutEndpoint = '/v2/logout'
const OIDC: LogoutEndpoint = '/oidc/logout'

describe('checkEntry: one URL against one entry', () => {
  // [rule, return URL, entry, matches on /v2/logout, matches on /oidc/logout]
  const cases: [string, string, string, boolean, boolean][] = [
    ['exact match', 'https://a.example.com/bye', 'https://a.example.com/bye', true, true],
    [
      'scheme is case-insensitive',
      'HTTPS://a.example.com/bye',
      'https://a.example.com/bye',
      true,
      true,
    ],
    [
      'host is case-insensitive',
      'https://A.Example.COM/bye',
      'https://a.example.com/bye',
      true,
      true,
    ],
    [
      'entry host case does not matter',
      'https://www.example.com/FooHoo.html',
      'https://www.Example.Com/FooHoo.html',
      true,
      true,
    ],
    [
      'path is case-sensitive',
      'https://a.example.com/Bye',
      'https://a.example.com/bye',
      false,
      false,
    ],
    [
      'trailing slash is significant',
      'https://a.example.com/bye/',
      'https://a.example.com/bye',
      false,
      false,
    ],
    ['empty path equals /', 'https://a.example.com', 'https://a.example.com/', true, true],
    ['scheme differs', 'http://a.example.com/bye', 'https://a.example.com/bye', false, false],
    ['port differs', 'https://a.example.com:8443/bye', 'https://a.example.com/bye', false, false],
    ['same port', 'http://localhost:3000/bye', 'http://localhost:3000/bye', true, true],
    ['subdomain differs', 'https://b.example.com/bye', 'https://a.example.com/bye', false, false],
    [
      'query: /v2 ignores it, /oidc compares it',
      'https://a.example.com/bye?next=/home',
      'https://a.example.com/bye',
      true,
      false,
    ],
    [
      'fragment: /v2 ignores it, /oidc compares it',
      'https://a.example.com/bye#top',
      'https://a.example.com/bye',
      true,
      false,
    ],
    [
      'query in the entry only',
      'https://a.example.com/bye',
      'https://a.example.com/bye?x=1',
      true,
      false,
    ],
    [
      'query exactly the same',
      'https://a.example.com/bye?x=1',
      'https://a.example.com/bye?x=1',
      true,
      true,
    ],
    [
      'query value differs',
      'https://a.example.com/bye?x=2',
      'https://a.example.com/bye?x=1',
      true,
      false,
    ],
    [
      'extra query parameter',
      'https://a.example.com/bye?x=1&y=2',
      'https://a.example.com/bye?x=1',
      true,
      false,
    ],
    [
      'query parameters in another order',
      'https://a.example.com/bye?y=2&x=1',
      'https://a.example.com/bye?x=1&y=2',
      true,
      false,
    ],
    [
      'parameter name only in the entry (old doc reading)',
      'https://example.com/logout?myParam=1',
      'https://example.com/logout?myParam',
      true,
      false,
    ],
    [
      'wildcard matches one label',
      'https://sub.example.com/bye',
      'https://*.example.com/bye',
      true,
      true,
    ],
    [
      'wildcard host is case-insensitive',
      'https://SUB.Example.com/bye',
      'https://*.example.com/bye',
      true,
      true,
    ],
    [
      'wildcard matches exactly one label, not two',
      'https://sub1.sub2.example.com/bye',
      'https://*.example.com/bye',
      false,
      false,
    ],
    [
      'wildcard does not match the bare domain',
      'https://example.com/bye',
      'https://*.example.com/bye',
      false,
      false,
    ],
    [
      'wildcard with prefix and suffix',
      'https://pre-x1-suf.example.com/bye',
      'https://pre-*-suf.example.com/bye',
      true,
      true,
    ],
    [
      'wildcard prefix/suffix must be there',
      'https://pre-x1.example.com/bye',
      'https://pre-*-suf.example.com/bye',
      false,
      false,
    ],
    [
      'wildcard: path still case-sensitive',
      'https://sub.example.com/Bye',
      'https://*.example.com/bye',
      false,
      false,
    ],
    [
      'wildcard: scheme still compared',
      'http://sub.example.com/bye',
      'https://*.example.com/bye',
      false,
      false,
    ],
    [
      'wildcard: other domain',
      'https://sub.evil.com/bye',
      'https://*.example.com/bye',
      false,
      false,
    ],
    [
      'wildcard: look-alike suffix',
      'https://sub.example.com.evil.com/bye',
      'https://*.example.com/bye',
      false,
      false,
    ],
    [
      'wildcard and query on /oidc/logout',
      'https://sub.example.com/bye?x=1',
      'https://*.example.com/bye',
      true,
      false,
    ],
    [
      'TLD wildcard is invalid and matches nothing',
      'https://example.com/bye',
      'https://*.com/bye',
      false,
      false,
    ],
    [
      'wildcard not in the left-most label matches nothing',
      'https://sub.x.example.com/bye',
      'https://sub.*.example.com/bye',
      false,
      false,
    ],
    [
      'two wildcards match nothing',
      'https://a.b.example.com/bye',
      'https://*.*.example.com/bye',
      false,
      false,
    ],
    [
      'wildcard with a custom scheme matches nothing',
      'myapp://sub.example.com/bye',
      'myapp://*.example.com/bye',
      false,
      false,
    ],
    [
      'wildcard in the path matches nothing',
      'https://example.com/bye',
      'https://example.com/*',
      false,
      false,
    ],
    [
      'entry without scheme matches nothing',
      'https://sub.example.com/bye',
      '*.example.com',
      false,
      false,
    ],
    ['custom scheme, exact', 'com.example.app://logout', 'com.example.app://logout', true, true],
    [
      'custom scheme, scheme case-insensitive',
      'COM.EXAMPLE.APP://logout',
      'com.example.app://logout',
      true,
      true,
    ],
    ['relative return URL matches nothing', '/bye', 'https://a.example.com/bye', false, false],
    [
      'user info must match',
      'https://evil@a.example.com/bye',
      'https://a.example.com/bye',
      false,
      false,
    ],
  ]

  it.each(cases)('%s', (_rule, url, entry, v2, oidc) => {
    expect(checkEntry(url, entry, V2).matched).toBe(v2)
    expect(checkEntry(url, entry, OIDC).matched).toBe(oidc)
  })

  it('explains a case-only path difference', () => {
    expect(
      checkEntry('https://a.example.com/Bye', 'https://a.example.com/bye', V2).reason,
    ).toContain('case-sensitively')
  })

  it('explains why /oidc/logout refused a query string', () => {
    expect(
      checkEntry('https://a.example.com/bye?x=1', 'https://a.example.com/bye', OIDC).reason,
    ).toContain('compares it exactly')
  })

  it('says the query was ignored on /v2/logout', () => {
    expect(
      checkEntry('https://a.example.com/bye?x=1', 'https://a.example.com/bye', V2).reason,
    ).toContain('query string of the return URL is ignored')
  })

  it('explains that an invalid entry matches nothing', () => {
    expect(checkEntry('https://example.com/bye', 'https://*.com/bye', V2).reason).toContain(
      'not a valid entry',
    )
  })

  it('explains the one-label rule', () => {
    expect(checkEntry('https://a.b.example.com/', 'https://*.example.com/', V2).reason).toContain(
      'exactly one label',
    )
  })
})

describe('matchAllowList', () => {
  it('returns the first matching entry and a verdict per entry', () => {
    const result = matchAllowList(
      'https://x.example.com/bye',
      ['https://a.example.com/bye', 'https://*.example.com/bye', 'https://x.example.com/bye'],
      V2,
    )
    expect(result.matchedEntry).toBe('https://*.example.com/bye')
    expect(result.checks.map((c) => c.matched)).toEqual([false, true, true])
  })

  it('matches nothing in an empty list', () => {
    expect(matchAllowList('https://a.example.com/', [], V2)).toEqual({
      matchedEntry: null,
      checks: [],
    })
  })
})

describe('validateAllowList: entries Auth0 would refuse to save', () => {
  // [entry, fragment of the reason, or null when valid]
  const cases: [string, string | null][] = [
    ['https://a.example.com/bye', null],
    ['https://*.example.com', null],
    ['https://*.example.com/bye?x=1', null],
    ['https://prefix-*-suffix.example.com/bye', null],
    ['http://*.localhost.example', null],
    ['com.example.app://logout', null],
    ['https://{custom_domain.metadata.public_host}/bye', null],
    ['*.example.com', 'needs its scheme'],
    ['example.com/bye', 'not an absolute URL'],
    ['https://*.com', 'top-level domain'],
    ['https://*', 'top-level domain'],
    ['https://sub.*.example.com', 'left-most label'],
    ['https://*.*.example.com', 'only one wildcard'],
    ['com.example.app://*.example.com', 'http or https'],
    ['https://example.com/*', 'only allowed in the host name'],
    ['https://example.com/bye?next=*', 'only allowed in the host name'],
    ['https://example.com:*/bye', 'not an absolute URL'],
    ['', 'empty'],
    [' https://a.example.com', 'whitespace'],
    ['https://a.example.com,https://b.example.com', 'comma'],
    ['https:///bye', 'no host name'],
    ['https://{custom_domain.metadata.host}/bye', 'public_'],
  ]

  it.each(cases)('%j', (entry, reason) => {
    const problems = validateAllowList([entry])
    if (reason === null) {
      expect(problems).toEqual([])
      expect(entryProblem(entry)).toBeNull()
    } else {
      expect(problems).toHaveLength(1)
      expect(problems[0]).toMatchObject({ index: 0, entry })
      expect(problems[0]?.reason).toContain(reason)
    }
  })

  it('reports every bad entry with its index', () => {
    const problems = validateAllowList(['https://ok.example.com', '*.example.com', 'https://*.com'])
    expect(problems.map((p) => p.index)).toEqual([1, 2])
  })

  it('accepts 100 entries and refuses the 101st', () => {
    const entries = Array.from({ length: 101 }, (_, i) => `https://a.example.com/${i}`)
    expect(validateAllowList(entries.slice(0, 100))).toEqual([])
    const problems = validateAllowList(entries)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ index: 100 })
    expect(problems[0]?.reason).toContain('at most 100')
  })
})

describe('decideLogoutRedirect: which list decides', () => {
  const lists: LogoutAllowLists = {
    tenant: ['https://portal.example.com/bye'],
    client: (id) =>
      ({
        A: ['https://a.example.com/bye', 'https://a.example.com/other'],
        E: [],
      })[id],
  }

  // [case, request, allowed, list, matched entry, redirect, fragment of the explanation]
  const cases: [
    string,
    Parameters<typeof decideLogoutRedirect>[0],
    boolean,
    string | null,
    string | null,
    string | null,
    string,
  ][] = [
    [
      '/v2 client_id → application list',
      { endpoint: V2, returnUrl: 'https://a.example.com/bye', clientId: 'A' },
      true,
      'client:A',
      'https://a.example.com/bye',
      'https://a.example.com/bye',
      'application A (client_id was sent)',
    ],
    [
      '/v2 client_id: a tenant URL is not enough',
      { endpoint: V2, returnUrl: 'https://portal.example.com/bye', clientId: 'A' },
      false,
      'client:A',
      null,
      null,
      'no entry matches',
    ],
    [
      '/v2 no client_id → tenant list (doc conflict)',
      { endpoint: V2, returnUrl: 'https://portal.example.com/bye' },
      true,
      'tenant',
      'https://portal.example.com/bye',
      'https://portal.example.com/bye',
      'Doc conflict',
    ],
    [
      '/v2 no client_id: an application URL is not enough',
      { endpoint: V2, returnUrl: 'https://a.example.com/bye' },
      false,
      'tenant',
      null,
      null,
      'tenant allow-list',
    ],
    [
      '/v2 client_id without returnTo → first entry',
      { endpoint: V2, clientId: 'A' },
      true,
      'client:A',
      'https://a.example.com/bye',
      'https://a.example.com/bye',
      'first Allowed Logout URL',
    ],
    [
      '/v2 neither → no list, no redirect (unconfirmed)',
      { endpoint: V2 },
      true,
      null,
      null,
      null,
      'Unconfirmed',
    ],
    [
      '/v2 client with an empty list, no returnTo (unconfirmed)',
      { endpoint: V2, clientId: 'E' },
      true,
      'client:E',
      null,
      null,
      'list is empty',
    ],
    [
      '/v2 unknown client → empty list',
      { endpoint: V2, returnUrl: 'https://a.example.com/bye', clientId: 'Z' },
      false,
      'client:Z',
      null,
      null,
      'not among the scenario',
    ],
    [
      '/v2 keeps the query in the redirect',
      { endpoint: V2, returnUrl: 'https://a.example.com/bye?next=%2Fx#f', clientId: 'A' },
      true,
      'client:A',
      'https://a.example.com/bye',
      'https://a.example.com/bye?next=%2Fx#f',
      'ignored, as /v2/logout does',
    ],
    [
      '/v2 ignores id_token_hint',
      { endpoint: V2, returnUrl: 'https://portal.example.com/bye', idTokenAud: 'A' },
      true,
      'tenant',
      'https://portal.example.com/bye',
      'https://portal.example.com/bye',
      'tenant allow-list',
    ],
    [
      '/oidc id_token_hint alone → application of aud (doc conflict)',
      { endpoint: OIDC, returnUrl: 'https://a.example.com/bye', idTokenAud: 'A' },
      true,
      'client:A',
      'https://a.example.com/bye',
      'https://a.example.com/bye',
      'Doc conflict',
    ],
    [
      '/oidc id_token_hint + client_id → application list',
      { endpoint: OIDC, returnUrl: 'https://a.example.com/bye', idTokenAud: 'A', clientId: 'A' },
      true,
      'client:A',
      'https://a.example.com/bye',
      'https://a.example.com/bye',
      'aud of id_token_hint',
    ],
    [
      '/oidc client_id alone → application list',
      { endpoint: OIDC, returnUrl: 'https://a.example.com/other', clientId: 'A' },
      true,
      'client:A',
      'https://a.example.com/other',
      'https://a.example.com/other',
      'client_id was sent',
    ],
    [
      '/oidc nothing (or logout_hint only) → tenant list',
      { endpoint: OIDC, returnUrl: 'https://portal.example.com/bye' },
      true,
      'tenant',
      'https://portal.example.com/bye',
      'https://portal.example.com/bye',
      'neither id_token_hint nor client_id',
    ],
    [
      '/oidc exact query required',
      { endpoint: OIDC, returnUrl: 'https://a.example.com/bye?x=1', clientId: 'A' },
      false,
      'client:A',
      null,
      null,
      'compares it exactly',
    ],
    [
      '/oidc client_id without URI → first entry',
      { endpoint: OIDC, clientId: 'A' },
      true,
      'client:A',
      'https://a.example.com/bye',
      'https://a.example.com/bye',
      'first Allowed Logout URL',
    ],
    [
      '/oidc id_token_hint without URI or client_id (unconfirmed)',
      { endpoint: OIDC, idTokenAud: 'A' },
      true,
      null,
      null,
      null,
      'logout-complete',
    ],
  ]

  it.each(cases)('%s', (_name, request, allowed, list, matched, redirect, explains) => {
    const decision = decideLogoutRedirect(request, lists)
    expect(decision).toMatchObject({ allowed, list, matchedEntry: matched, redirectTo: redirect })
    expect(decision.explanation).toContain(explains)
  })

  it('does not mention the doc conflict when client_id accompanies id_token_hint', () => {
    const decision = decideLogoutRedirect(
      { endpoint: OIDC, returnUrl: 'https://a.example.com/bye', idTokenAud: 'A', clientId: 'A' },
      lists,
    )
    expect(decision.explanation).not.toContain('Doc conflict')
  })

  it('lists every entry with its reason when none matches', () => {
    const decision = decideLogoutRedirect(
      { endpoint: V2, returnUrl: 'https://a.example.com/BYE', clientId: 'A' },
      lists,
    )
    expect(decision.checks).toHaveLength(2)
    expect(decision.explanation).toContain(
      'https://a.example.com/bye: the path differs in letter case',
    )
    expect(decision.explanation).toContain('https://a.example.com/other: the path differs')
  })
})
