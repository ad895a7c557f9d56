import { describe, expect, it } from 'vitest'
import type {
  LogoutRequest,
  LogoutRequestKind,
} from '../../../../../../main/services/logout/jobs/job-types'
import { logoutItem } from '../../../../../../main/services/logout/jobs/logout-executor'
import { verifyGone, type VerifyApi } from '../../../../../../main/services/logout/jobs/verify'
import type { Auth0RefreshToken } from '../../../../../../core/auth0/types'
import { AppFailure } from '../../../../../../core/result'

// Eventual consistency with a fake API whose objects vanish after a number of reads; the same
// function runs against the real Sandbox in tests/integration/jobs-crash.test.ts.

const item = (kind: LogoutRequestKind, targetId: string, userId = 'auth0|alice'): LogoutRequest =>
  logoutItem({ kind, targetId, userId, label: `${kind} ${targetId}` })

/** Each object disappears after `readsLeft` reads; `errors` are thrown (once each) first. */
const fakeApi = (
  present: Record<string, number>,
  errors: Record<string, AppFailure[]> = {},
  tokensOf: Record<string, Auth0RefreshToken[]> = {},
) => {
  const reads: string[] = []
  const read = (id: string) => {
    reads.push(id)
    const error = errors[id]?.shift()
    if (error !== undefined) throw error
    const left = present[id] ?? 0
    if (left <= 0) throw new AppFailure('NOT_FOUND', 'gone')
    present[id] = left - 1
  }
  const api: VerifyApi = {
    getSession: async (id) => {
      read(id)
      return { id }
    },
    getRefreshToken: async (id) => {
      read(id)
      return { id } as Auth0RefreshToken
    },
    listUserSessions: async (userId) => {
      try {
        read(`sessions:${userId}`)
        return [{ id: 'x' }]
      } catch (err) {
        if (err instanceof AppFailure && err.code === 'NOT_FOUND') return []
        throw err
      }
    },
    listUserRefreshTokens: async (userId) => {
      const listed = tokensOf[userId] ?? []
      try {
        read(`tokens:${userId}`)
        return listed.length > 0 ? listed : [{ id: 'x', session_id: null } as Auth0RefreshToken]
      } catch (err) {
        if (err instanceof AppFailure && err.code === 'NOT_FOUND') return []
        throw err
      }
    },
  }
  return { api, reads }
}

const noSleep = async () => undefined

describe('verifyGone', () => {
  it('verifies each kind once its target is gone, polling until then', async () => {
    const { api } = fakeApi({ s1: 2, rt1: 1, 'sessions:auth0|bob': 1, 'tokens:auth0|bob': 0 })
    const items = [
      item('delete-session', 's1'),
      item('delete-session', 's2'),
      item('delete-refresh-token', 'rt1'),
      item('delete-user-sessions', 'auth0|bob', 'auth0|bob'),
      item('delete-user-refresh-tokens', 'auth0|bob', 'auth0|bob'),
    ]
    const result = await verifyGone(api, items, { attempts: 3, delayMs: 0, sleep: noSleep })
    expect(result).toEqual(Object.fromEntries(items.map((i) => [i.key, 'verified'])))
  })

  it('answers pending for what is still there after the last attempt', async () => {
    const { api, reads } = fakeApi({ s1: 10 })
    const slept: number[] = []
    const result = await verifyGone(api, [item('delete-session', 's1')], {
      attempts: 4,
      delayMs: 250,
      sleep: async (ms) => {
        slept.push(ms)
      },
    })
    expect(result).toEqual({ 'delete-session:s1': 'pending' })
    expect(reads).toHaveLength(4)
    expect(slept).toEqual([250, 250, 250])
  })

  it('retries retryable read failures, fails the others at once', async () => {
    const { api, reads } = fakeApi(
      {},
      {
        s1: [new AppFailure('RATE_LIMITED', 'slow down')],
        s2: [new AppFailure('FORBIDDEN', 'missing read:sessions')],
        s3: [1, 2, 3].map(() => new AppFailure('REMOTE', '503')),
      },
    )
    const result = await verifyGone(
      api,
      [item('delete-session', 's1'), item('delete-session', 's2'), item('delete-session', 's3')],
      { attempts: 3, delayMs: 0, sleep: noSleep },
    )
    expect(result).toEqual({
      'delete-session:s1': 'verified',
      'delete-session:s2': 'failed',
      'delete-session:s3': 'failed',
    })
    expect(reads.filter((r) => r === 's2')).toHaveLength(1)
  })

  it('a revoked session is verified only when no refresh token bound to it is left', async () => {
    const bound = { id: 'rt-bound', session_id: 's1' } as Auth0RefreshToken
    const other = { id: 'rt-other', session_id: 's9' } as Auth0RefreshToken
    const { api } = fakeApi({ 'tokens:auth0|alice': 5 }, {}, { 'auth0|alice': [bound, other] })
    const revoke = item('revoke-session', 's1')
    expect(await verifyGone(api, [revoke], { attempts: 2, delayMs: 0, sleep: noSleep })).toEqual({
      [revoke.key]: 'pending',
    })
    const clean = fakeApi({ 'tokens:auth0|alice': 5 }, {}, { 'auth0|alice': [other] })
    expect(
      await verifyGone(clean.api, [revoke], { attempts: 1, delayMs: 0, sleep: noSleep }),
    ).toEqual({ [revoke.key]: 'verified' })
  })
})
