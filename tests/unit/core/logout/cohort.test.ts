import { describe, expect, it } from 'vitest'
import {
  MAX_COHORT_ENTRIES,
  describeFilter,
  isEmptyFilter,
  matchSession,
  parseCohortList,
  planBulk,
  validateSessionFilter,
  type BulkTarget,
} from '../../../../core/logout/cohort'
import type { SessionFilter } from '../../../../core/logout/types'
import type { Auth0Session } from '../../../../core/auth0/types'
import { requestKey } from '../../../../core/logout/preview'
import { AppFailure } from '../../../../core/result'

const CHROME_WIN =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'

const values = (text: string) => parseCohortList(text).entries.map((e) => [e.kind, e.value])

function failure(fn: () => unknown): AppFailure {
  try {
    fn()
  } catch (err) {
    if (err instanceof AppFailure) return err
    throw err
  }
  throw new Error('expected an AppFailure')
}

describe('parseCohortList', () => {
  it('reads a pasted list separated by newlines, commas, semicolons and tabs', () => {
    const list = parseCohortList(
      'ada@example.com\nauth0|64f1a2, google-oauth2|1234;\tgrace@example.com\n\n  samlp|acme|bob@acme.example  \n',
    )
    expect(list.entries).toEqual([
      { kind: 'email', value: 'ada@example.com', line: 1 },
      { kind: 'user_id', value: 'auth0|64f1a2', line: 2 },
      { kind: 'user_id', value: 'google-oauth2|1234', line: 2 },
      { kind: 'email', value: 'grace@example.com', line: 2 },
      { kind: 'user_id', value: 'samlp|acme|bob@acme.example', line: 4 },
    ])
    expect(list.errors).toEqual([])
  })

  it('handles CRLF, CR and a byte-order mark', () => {
    expect(values('\uFEFFa@example.com\r\nb@example.com\rauth0|1')).toEqual([
      ['email', 'a@example.com'],
      ['email', 'b@example.com'],
      ['user_id', 'auth0|1'],
    ])
  })

  it('removes duplicates (emails case-insensitively), keeping the first', () => {
    const list = parseCohortList('Ada@Example.com\nauth0|1\nada@example.com, auth0|1\nAUTH0|1')
    expect(list.entries).toEqual([
      { kind: 'email', value: 'Ada@Example.com', line: 1 },
      { kind: 'user_id', value: 'auth0|1', line: 2 },
      { kind: 'user_id', value: 'AUTH0|1', line: 4 },
    ])
    expect(list.duplicates).toBe(2)
  })

  it('reports what is neither an email nor a user id, with its line', () => {
    const list = parseCohortList('ada@example.com\nnot-an-id\nbob@\n|123')
    expect(list.entries).toHaveLength(1)
    expect(list.errors.map((e) => [e.line, e.text])).toEqual([
      [2, 'not-an-id'],
      [3, 'bob@'],
      [4, '|123'],
    ])
    expect(list.errors[0]?.reason).toMatch(/^Not an email address or a user id/)
  })

  it.each([
    ['user_id,email', 'auth0|1,ada@example.com\n,grace@example.com'],
    ['email,user_id', 'ada@example.com,auth0|1\ngrace@example.com,'],
    ['"Email";"User ID"', 'ada@example.com;auth0|1\ngrace@example.com;'],
    ['name\tuser_id\temail', 'Ada\tauth0|1\tada@example.com\nGrace\t\tgrace@example.com'],
  ])('reads a CSV with header %s, preferring the user id', (header, rows) => {
    const list = parseCohortList(`${header}\n${rows}`)
    expect(list.entries).toEqual([
      { kind: 'user_id', value: 'auth0|1', line: 2 },
      { kind: 'email', value: 'grace@example.com', line: 3 },
    ])
    expect(list.errors).toEqual([])
  })

  it('reads quoted fields, with commas and escaped quotes inside', () => {
    const csv = [
      'name,email,user_id',
      '"Lovelace, Ada",ada@example.com,"auth0|1"',
      '"Grace ""Amazing"" Hopper", "grace@example.com" ,',
    ].join('\n')
    expect(values(csv)).toEqual([
      ['user_id', 'auth0|1'],
      ['email', 'grace@example.com'],
    ])
  })

  it('keeps going after an unclosed quote, reporting that line', () => {
    const list = parseCohortList('email\n"ada@example.com\ngrace@example.com')
    expect(values('email\n"ada@example.com\ngrace@example.com')).toEqual([
      ['email', 'grace@example.com'],
    ])
    expect(list.errors).toEqual([
      { line: 2, text: '"ada@example.com', reason: 'A quoted field is not closed on this line.' },
    ])
  })

  it('reports header rows with neither column filled, and bad values in a column', () => {
    const list = parseCohortList('user_id,email,name\n,,Ada\nnope,,Bob\n,bad,Carl\n,,')
    expect(list.entries).toEqual([])
    expect(list.errors.map((e) => [e.line, e.reason])).toEqual([
      [2, 'This row has no user id and no email.'],
      [3, 'Not a user id: user ids look like auth0|64f1… or google-oauth2|1234.'],
      [4, 'Not an email address.'],
    ])
  })

  it('does not take a first row of data for a header', () => {
    expect(values('email@example.com,user|1')).toEqual([
      ['email', 'email@example.com'],
      ['user_id', 'user|1'],
    ])
  })

  it('refuses a list over the size limit as a whole', () => {
    const text = Array.from({ length: MAX_COHORT_ENTRIES + 5 }, (_, i) => `u${i}@example.com`).join(
      '\n',
    )
    const list = parseCohortList(text)
    expect(list.entries).toEqual([])
    expect(list.errors[0]).toMatchObject({ line: MAX_COHORT_ENTRIES + 1 })
    expect(list.errors[0]?.reason).toMatch(/10,005 users; at most 10,000/)
  })

  it('accepts exactly the limit, counting duplicates once', () => {
    const unique = Array.from({ length: MAX_COHORT_ENTRIES }, (_, i) => `auth0|${i}`)
    const list = parseCohortList([...unique, 'auth0|0'].join('\n'))
    expect(list.entries).toHaveLength(MAX_COHORT_ENTRIES)
    expect(list.errors).toEqual([])
  })

  it('caps the error list and says how many were left out', () => {
    const list = parseCohortList(Array.from({ length: 600 }, () => 'junk').join('\n'))
    expect(list.errors).toHaveLength(501)
    expect(list.errors.at(-1)?.reason).toBe('100 more lines could not be read and are not listed.')
  })

  it('ignores empty input', () => {
    expect(parseCohortList('  \n\n , ;')).toEqual({ entries: [], errors: [], duplicates: 0 })
  })
})

function session(id: string, fields: Partial<Auth0Session> = {}): Auth0Session {
  return {
    id,
    created_at: '2026-11-20T10:00:00.000Z',
    device: {
      initial_user_agent: CHROME_WIN,
      initial_ip: '203.0.113.10',
      initial_asn: '64500',
      last_user_agent: CHROME_WIN,
      last_ip: '203.0.113.10',
      last_asn: '64500',
    },
    clients: [{ client_id: 'portal' }],
    authentication: { methods: [{ name: 'pwd' }] },
    ...fields,
  }
}

const phone = session('s-phone', {
  created_at: '2026-11-24T08:00:00.000Z',
  device: {
    initial_user_agent: SAFARI_IPHONE,
    initial_ip: '198.51.100.7',
    initial_asn: 'AS64511',
    last_user_agent: SAFARI_IPHONE,
    last_ip: '2001:db8:85a3::8a2e:370:7334',
    last_asn: '64512',
  },
  clients: [{ client_id: 'mobile' }, { client_id: 'portal' }],
  authentication: { methods: [{ name: 'federated' }, { name: 'mfa', type: 'otp' }] },
})

describe('matchSession', () => {
  const laptop = session('s-laptop')
  const cases: [string, SessionFilter, Auth0Session, boolean][] = [
    ['empty filter', {}, laptop, true],
    ['IPv4 CIDR inside', { ip: '203.0.113.0/24' }, laptop, true],
    ['IPv4 CIDR outside', { ip: '203.0.112.0/24' }, laptop, false],
    ['IPv4 CIDR /22 spanning octets', { ip: '203.0.112.0/22' }, laptop, true],
    ['IPv4 CIDR /0', { ip: '0.0.0.0/0' }, laptop, true],
    ['IPv4 CIDR /32', { ip: '203.0.113.10/32' }, laptop, true],
    ['CIDR matches the first IP too', { ip: '198.51.100.0/24' }, phone, true],
    [
      'CIDR never matches IPv6',
      { ip: '0.0.0.0/0' },
      session('v6', { device: { last_ip: '2001:db8::1' } }),
      false,
    ],
    [
      'IPv4-mapped IPv6 in CIDR',
      { ip: '203.0.113.0/24' },
      session('m', { device: { last_ip: '::ffff:203.0.113.9' } }),
      true,
    ],
    ['prefix at an octet boundary', { ip: '203.0.113' }, laptop, true],
    ['prefix with a trailing dot', { ip: '203.0.' }, laptop, true],
    ['prefix not cutting an octet', { ip: '203.0.11' }, laptop, false],
    ['full address', { ip: '203.0.113.10' }, laptop, true],
    ['IPv6 prefix', { ip: '2001:DB8' }, phone, true],
    ['ASN with AS prefix', { asn: 'as64500' }, laptop, true],
    ['ASN against AS-prefixed data', { asn: '64511' }, phone, true],
    ['ASN mismatch', { asn: '64501' }, laptop, false],
    ['user agent substring, any case', { userAgent: 'IPHONE OS' }, phone, true],
    ['user agent mismatch', { userAgent: 'Firefox' }, laptop, false],
    ['created before (exclusive)', { createdBefore: '2026-11-20T10:00:00Z' }, laptop, false],
    ['created before', { createdBefore: '2026-11-21' }, laptop, true],
    ['created after (inclusive)', { createdAfter: '2026-11-20T10:00:00Z' }, laptop, true],
    ['created after', { createdAfter: '2026-11-21' }, laptop, false],
    ['created between', { createdAfter: '2026-11-21', createdBefore: '2026-11-25' }, phone, true],
    [
      'no created_at never matches a date',
      { createdAfter: '2000-01-01' },
      session('x', { created_at: undefined }),
      false,
    ],
    ['client used', { clientId: 'mobile' }, phone, true],
    ['client not used', { clientId: 'mobile' }, laptop, false],
    ['every criterion must hold', { ip: '203.0.113.0/24', clientId: 'mobile' }, laptop, false],
  ]
  it.each(cases)('%s', (_name, filter, s, expected) => {
    expect(matchSession(s, filter)).toBe(expected)
  })

  describe('connection', () => {
    const identities = [
      { connection: 'Username-Password-Authentication', provider: 'auth0' },
      { connection: 'google-oauth2', provider: 'google-oauth2' },
      { connection: 'email', provider: 'email' },
    ]
    const owner = { identities }
    it('matches by the sign-in method of the user’s identity on that connection', () => {
      expect(matchSession(phone, { connection: 'google-oauth2' }, owner)).toBe(true)
      expect(matchSession(phone, { connection: 'Username-Password-Authentication' }, owner)).toBe(
        false,
      )
      const laptop = session('s-laptop')
      expect(matchSession(laptop, { connection: 'Username-Password-Authentication' }, owner)).toBe(
        true,
      )
      expect(matchSession(laptop, { connection: 'google-oauth2' }, owner)).toBe(false)
      const otp = session('s-otp', { authentication: { methods: [{ name: 'email' }] } })
      expect(matchSession(otp, { connection: 'email' }, owner)).toBe(true)
    })

    it('never guesses: no identities, or no identity on it, matches nothing', () => {
      expect(matchSession(phone, { connection: 'google-oauth2' })).toBe(false)
      expect(matchSession(phone, { connection: 'github' }, owner)).toBe(false)
    })

    it('attributes a session without a known method only to a single identity', () => {
      const bare = session('s-bare', { authentication: { methods: [{ name: 'mfa' }] } })
      expect(matchSession(bare, { connection: 'google-oauth2' }, owner)).toBe(false)
      const single = { identities: [{ connection: 'google-oauth2', provider: 'google-oauth2' }] }
      expect(matchSession(bare, { connection: 'google-oauth2' }, single)).toBe(true)
    })
  })

  it.each<[SessionFilter, RegExp]>([
    [{ ip: '203.0.113.0/33' }, /not an IPv4 CIDR range/],
    [{ ip: '2001:db8::/32' }, /not an IPv4 CIDR range/],
    [{ ip: '300.0.0.0/8' }, /not an IPv4 CIDR range/],
    [{ ip: 'example.com' }, /not an IP address/],
    [{ createdBefore: 'yesterday' }, /not a date/],
  ])('refuses an invalid filter %o', (filter, message) => {
    expect(validateSessionFilter(filter)[0]).toMatch(message)
    const err = failure(() => matchSession(session('s'), filter))
    expect(err.code).toBe('INVALID_INPUT')
    expect(err.message).toMatch(message)
  })
})

describe('describeFilter', () => {
  it.each<[SessionFilter, string]>([
    [{}, 'All sessions'],
    [{ ip: '  ', userAgent: '' }, 'All sessions'],
    [{ ip: '203.0.113.0/24' }, 'Sessions with IP in 203.0.113.0/24'],
    [{ ip: '203.0.113.7' }, 'Sessions with IP 203.0.113.7'],
    [{ ip: '10.1' }, 'Sessions with IP starting with 10.1'],
    [
      { asn: 'AS64500', userAgent: 'iPhone', clientId: 'portal' },
      'Sessions with network AS64500, user agent containing "iPhone" and used by application portal',
    ],
    [
      { createdAfter: '2026-11-01', createdBefore: '2026-12-01' },
      'Sessions with created from 2026-11-01 up to (not including) 2026-12-01',
    ],
    [{ createdBefore: '2026-12-01' }, 'Sessions with created before 2026-12-01'],
  ])('%o', (filter, text) => {
    expect(describeFilter(filter)).toBe(text)
  })

  it('says how a connection is judged', () => {
    expect(describeFilter({ connection: 'acme-sso' })).toMatch(
      /connection acme-sso \(judged from the sign-in method/,
    )
  })

  it('knows an empty filter', () => {
    expect(isEmptyFilter(undefined)).toBe(true)
    expect(isEmptyFilter({ asn: ' ' })).toBe(true)
    expect(isEmptyFilter({ asn: '1' })).toBe(false)
  })
})

describe('planBulk', () => {
  const targets: BulkTarget[] = [
    {
      userId: 'auth0|ada',
      email: 'ada@example.com',
      sessions: [session('s-1'), phone, session('s-1')],
    },
    { userId: 'auth0|bob', sessions: [session('s-2', { device: { last_ip: '192.0.2.1' } })] },
    { userId: 'auth0|carl', sessions: null },
    { userId: 'auth0|dora', sessions: [] },
    { userId: 'auth0|ada', email: 'ada@example.com', sessions: [] },
  ]
  const filter: SessionFilter = { ip: '203.0.113.0/24' }

  it('matching-sessions: one delete-session per matching session', () => {
    const plan = planBulk(targets, 'matching-sessions', filter)
    expect(plan.requests).toEqual([
      {
        kind: 'delete-session',
        targetId: 's-1',
        userId: 'auth0|ada',
        label: 'End session on Chrome on Windows of ada@example.com',
        key: requestKey('delete-session', 'auth0|ada', 's-1'),
      },
    ])
    expect(plan.users).toBe(1)
    expect(plan.sessions).toBe(1)
    expect(plan.skipped).toEqual([
      { userId: 'auth0|bob', reason: 'No session matches the filter.' },
      {
        userId: 'auth0|carl',
        reason: 'Sessions could not be read, so whether any matches the filter is unknown.',
      },
      { userId: 'auth0|dora', reason: 'No session matches the filter.' },
    ])
  })

  it('matching-sessions needs a filter', () => {
    expect(failure(() => planBulk(targets, 'matching-sessions')).code).toBe('INVALID_INPUT')
    expect(failure(() => planBulk(targets, 'matching-sessions', { ip: ' ' })).code).toBe(
      'INVALID_INPUT',
    )
  })

  it('all-sessions: one delete-user-sessions per user, skipping users with none listed', () => {
    const plan = planBulk(targets, 'all-sessions')
    expect(plan.requests.map((r) => [r.kind, r.targetId, r.userId])).toEqual([
      ['delete-user-sessions', 'auth0|ada', 'auth0|ada'],
      ['delete-user-sessions', 'auth0|bob', 'auth0|bob'],
      ['delete-user-sessions', 'auth0|carl', 'auth0|carl'],
    ])
    expect(plan.users).toBe(3)
    expect(plan.sessions).toBe(3)
    expect(plan.skipped).toEqual([{ userId: 'auth0|dora', reason: 'No sessions to end.' }])
  })

  it('all-sessions-and-tokens: adds delete-user-refresh-tokens for every user', () => {
    const plan = planBulk(targets, 'all-sessions-and-tokens')
    expect(plan.requests.map((r) => `${r.kind} ${r.userId}`)).toEqual([
      'delete-user-sessions auth0|ada',
      'delete-user-refresh-tokens auth0|ada',
      'delete-user-sessions auth0|bob',
      'delete-user-refresh-tokens auth0|bob',
      'delete-user-sessions auth0|carl',
      'delete-user-refresh-tokens auth0|carl',
      'delete-user-sessions auth0|dora',
      'delete-user-refresh-tokens auth0|dora',
    ])
    expect(plan.users).toBe(4)
    expect(plan.skipped).toEqual([])
    expect(new Set(plan.requests.map((r) => r.key)).size).toBe(plan.requests.length)
  })

  it('a filter in a user-wide mode selects the users with a matching session', () => {
    const plan = planBulk(targets, 'all-sessions-and-tokens', { clientId: 'mobile' })
    expect(plan.requests.map((r) => `${r.kind} ${r.userId}`)).toEqual([
      'delete-user-sessions auth0|ada',
      'delete-user-refresh-tokens auth0|ada',
    ])
    expect(plan.sessions).toBe(2)
    expect(plan.skipped.map((s) => s.userId)).toEqual(['auth0|bob', 'auth0|carl', 'auth0|dora'])
  })

  it('uses identities for a connection criterion', () => {
    const plan = planBulk(
      [
        {
          userId: 'auth0|ada',
          sessions: [session('s-1'), phone],
          identities: [{ connection: 'google-oauth2', provider: 'google-oauth2' }],
        },
        { userId: 'auth0|bob', sessions: [phone] },
      ],
      'matching-sessions',
      { connection: 'google-oauth2' },
    )
    expect(plan.requests.map((r) => `${r.userId} ${r.targetId}`)).toEqual(['auth0|ada s-phone'])
    expect(plan.skipped).toEqual([
      { userId: 'auth0|bob', reason: 'No session matches the filter.' },
    ])
  })

  it('refuses an invalid filter and skips blank user ids', () => {
    expect(failure(() => planBulk(targets, 'all-sessions', { ip: '1.2.3.4/40' })).code).toBe(
      'INVALID_INPUT',
    )
    const plan = planBulk([{ userId: ' ', sessions: [] }], 'all-sessions-and-tokens')
    expect(plan).toEqual({
      requests: [],
      users: 0,
      sessions: 0,
      skipped: [{ userId: ' ', reason: 'No user id.' }],
    })
  })

  it('plans 10,000 users quickly', () => {
    const many: BulkTarget[] = Array.from({ length: 10_000 }, (_, i) => ({
      userId: `auth0|${i}`,
      sessions: [session(`s-${i}-a`), session(`s-${i}-b`, { device: { last_ip: '192.0.2.1' } })],
    }))
    const started = performance.now()
    const plan = planBulk(many, 'matching-sessions', filter)
    expect(plan.requests).toHaveLength(10_000)
    expect(performance.now() - started).toBeLessThan(2000)
  })
})
