import { describe, expect, it } from 'vitest'
import {
  UserQueryError,
  compileUserQuery,
  parseUserQuery,
} from '../../../../main/sandbox/user-query'

const alice = {
  user_id: 'google-oauth2|104729384756102938475',
  email: 'alice@example.com',
  name: 'Alice Nakamura',
  nickname: 'alice',
  email_verified: true,
  logins_count: 87,
  created_at: '2025-10-01T09:00:00.000Z',
  identities: [{ connection: 'google-oauth2', provider: 'google-oauth2', isSocial: true }],
}
const bob = {
  user_id: 'auth0|64b7f0c2a1e3d4f5a6b7c8d9',
  email: 'bob@example.org',
  name: 'Bob Okafor',
  nickname: 'bob',
  email_verified: false,
  logins_count: 312,
  created_at: '2024-12-01T09:00:00.000Z',
  identities: [
    { connection: 'Username-Password-Authentication', provider: 'auth0', isSocial: false },
  ],
}
const users = [alice, bob]
const run = (q: string): string[] => {
  const predicate = compileUserQuery(q)
  return users.filter(predicate).map((u) => u.nickname)
}

describe('user search query subset', () => {
  it.each([
    ['', ['alice', 'bob']],
    ['*', ['alice', 'bob']],
    ['alice', ['alice']],
    ['OKAFOR', ['bob']],
    ['example', ['alice', 'bob']],
    ['104729', ['alice']],
    ['email:"alice@example.com"', ['alice']],
    ['email:"ALICE@EXAMPLE.COM"', ['alice']],
    ['email:alice', []],
    ['email:*@example.org', ['bob']],
    ['email.domain:example.com', ['alice']],
    ['name:"alice nakamura"', ['alice']],
    ['name:nakamura', ['alice']],
    ['name:ali*', ['alice']],
    ['name:b?b*', ['bob']],
    ['user_id:"auth0|64b7f0c2a1e3d4f5a6b7c8d9"', ['bob']],
    ['user_id:AUTH0*', []],
    ['identities.connection:"google-oauth2"', ['alice']],
    ['identities.provider:auth0', ['bob']],
    ['identities.isSocial:true', ['alice']],
    ['email_verified:false', ['bob']],
    ['logins_count:[100 TO 400]', ['bob']],
    ['logins_count:{87 TO *]', ['bob']],
    ['logins_count:[* TO 87]', ['alice']],
    ['created_at:[2025-01-01 TO *]', ['alice']],
    ['picture:*', []],
    ['nickname:*', ['alice', 'bob']],
    ['alice bob', ['alice', 'bob']],
    ['alice OR bob', ['alice', 'bob']],
    ['alice AND bob', []],
    ['example AND NOT alice', ['bob']],
    ['example -alice', ['bob']],
    ['-alice example', ['bob']],
    ['NOT bob', ['alice']],
    ['-alice', ['bob']],
    ['(alice OR bob) AND email_verified:true', ['alice']],
    ['email:*ple.com', ['alice']],
  ])('%s → %j', (q, expected) => {
    expect(run(q)).toEqual(expected)
  })

  it.each([
    ['email:'],
    ['(alice'],
    ['alice)'],
    ['"unterminated'],
    ['logins_count:[1 TO'],
    ['logins_count:[1 5]'],
    ['name:*ce'],
    ['AND'],
    ['email:(a OR b)'],
  ])('rejects %s', (q) => {
    expect(() => parseUserQuery(q)).toThrow(UserQueryError)
  })
})
