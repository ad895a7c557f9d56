import { describe, expect, it } from 'vitest'
import type { LogoutRequestKind } from '../../../../../../main/services/logout/jobs/job-types'
import {
  createLogoutExecutor,
  logoutItem,
  logoutItemKey,
  type LogoutApi,
} from '../../../../../../main/services/logout/jobs/logout-executor'
import { AppFailure } from '../../../../../../core/result'

const recordingApi = () => {
  const calls: string[] = []
  const record =
    (name: string) =>
    async (id: string): Promise<void> => {
      calls.push(`${name}(${id})`)
      if (id === 'missing') throw new AppFailure('NOT_FOUND', 'Auth0 has no such item.')
    }
  const api: LogoutApi = {
    deleteSession: record('deleteSession'),
    revokeSession: record('revokeSession'),
    deleteRefreshToken: record('deleteRefreshToken'),
    deleteUserSessions: record('deleteUserSessions'),
    deleteUserRefreshTokens: record('deleteUserRefreshTokens'),
  }
  return { api, calls }
}

describe('logout executor', () => {
  const table: [LogoutRequestKind, string, string][] = [
    ['delete-session', 'sid-1', 'deleteSession(sid-1)'],
    ['revoke-session', 'sid-1', 'revokeSession(sid-1)'],
    ['delete-refresh-token', 'rt-1', 'deleteRefreshToken(rt-1)'],
    ['delete-user-sessions', 'auth0|alice', 'deleteUserSessions(auth0|alice)'],
    ['delete-user-refresh-tokens', 'auth0|alice', 'deleteUserRefreshTokens(auth0|alice)'],
  ]
  for (const [kind, targetId, expected] of table) {
    it(`${kind} → ${expected}, one request`, async () => {
      const { api, calls } = recordingApi()
      const item = logoutItem({ kind, targetId, userId: 'auth0|alice', label: 'x' })
      await createLogoutExecutor(api)(item, new AbortController().signal)
      expect(calls).toEqual([expected])
      expect(item.key).toBe(logoutItemKey(kind, targetId))
      expect(item.key).toBe(`${kind}:${targetId}`)
    })
  }

  it('passes the API failure through for the runner to classify', async () => {
    const { api } = recordingApi()
    const item = logoutItem({
      kind: 'delete-session',
      targetId: 'missing',
      userId: 'u',
      label: 'x',
    })
    await expect(createLogoutExecutor(api)(item, new AbortController().signal)).rejects.toEqual(
      new AppFailure('NOT_FOUND', 'Auth0 has no such item.'),
    )
  })

  it('sends nothing once the job is discarded', async () => {
    const { api, calls } = recordingApi()
    const controller = new AbortController()
    controller.abort()
    const item = logoutItem({ kind: 'delete-session', targetId: 's', userId: 'u', label: 'x' })
    await expect(createLogoutExecutor(api)(item, controller.signal)).rejects.toThrow()
    expect(calls).toEqual([])
  })

  it('rejects an unknown kind (a journal from a newer version) without a request', async () => {
    const { api, calls } = recordingApi()
    const item = { key: 'x', kind: 'delete-everything', targetId: 'x', userId: 'u', label: 'x' }
    await expect(
      createLogoutExecutor(api)(item as never, new AbortController().signal),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    expect(calls).toEqual([])
  })
})
