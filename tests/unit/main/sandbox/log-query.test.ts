import { describe, expect, it } from 'vitest'
import { LogQueryError, matchesLogQuery, parseLogQuery } from '../../../../main/sandbox/log-query'

const log = {
  log_id: '900001',
  type: 's',
  ip: '198.51.100.23',
  user_id: 'auth0|alice',
  user_name: 'Alice@example.com',
  client_id: 'abc',
  date: '2026-03-10T12:00:00.000Z',
}
const matches = (q: string, record: Record<string, unknown> = log) =>
  matchesLogQuery(parseLogQuery(q), record)

describe('log search query subset', () => {
  it.each([
    ['', true],
    ['type:s', true],
    ['type:f', false],
    ['TYPE:s', null],
    ['type:(f OR s)', true],
    ['type:(f OR slo)', false],
    ['type:("s" OR f)', true],
    ['ip:"198.51.100.23"', true],
    ['ip:198.51.100.*', true],
    ['ip:198.51.100.2', false],
    ['ip:"198.51.100.2"', false],
    ['ip:198.51.101.*', false],
    ['user_name:"alice@EXAMPLE.com"', true],
    ['user_id:"auth0|alice" AND client_id:abc', true],
    ['user_id:"auth0|alice" client_id:other', false],
    ['date:[2026-03-10 TO 2026-03-11]', true],
    ['date:[2026-03-10T12:00:00Z TO *]', true],
    ['date:{2026-03-10T12:00:00Z TO *}', false],
    ['date:[* TO 2026-03-09]', false],
    ['type:s AND date:[2026-03-01 TO 2026-03-31] AND ip:198.51.*', true],
  ])('%s → %s', (q, expected) => {
    if (expected === null) expect(() => parseLogQuery(q)).toThrow(LogQueryError)
    else expect(matches(q)).toBe(expected)
  })

  it('a field the record lacks never matches', () => {
    expect(matches('connection:x')).toBe(false)
    expect(matches('date:[* TO *]', { type: 's' })).toBe(false)
  })

  it.each([
    'alice',
    'type:s OR type:f',
    'NOT type:s',
    'type:s AND',
    'AND type:s',
    'unknown:x',
    'type:',
    'type:"unterminated',
    'type:(s OR',
    'type:(s f)',
    'type:()',
    'ip:[1 TO 2]',
    'date:[yesterday TO today]',
    'date:[2026-01-01]',
  ])('refuses %s', (q) => {
    expect(() => parseLogQuery(q)).toThrow(LogQueryError)
  })
})
