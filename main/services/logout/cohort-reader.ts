import type { BulkSource, CohortSummary, Result } from '../../../preload/contract'
import { parseCohortList, type BulkTarget } from '../../../core/logout/cohort'
import { AppFailure, fail, ok } from '../../../core/result'
import type { TenantApi } from '../ports'

/** Users of a connection read for one bulk cohort at most (Auth0 search pages stop at 1,000). */
export const MAX_CONNECTION_COHORT = 1000
/** Users read at once while building a cohort (the pacer spaces the requests anyway). */
const COHORT_CONCURRENCY = 4

/** Read the users of a bulk cohort and their sessions, a few at a time through the pacer. */
export async function readCohort(
  api: TenantApi,
  source: BulkSource,
): Promise<Result<{ targets: BulkTarget[]; listErrors: CohortSummary['listErrors'] }>> {
  const users: { userId: string; email?: string; identities?: BulkTarget['identities'] }[] = []
  let listErrors: CohortSummary['listErrors'] = []
  if (source.kind === 'list') {
    const parsed = parseCohortList(source.text)
    listErrors = parsed.errors
    if (parsed.entries.length === 0) {
      return fail(
        'INVALID_INPUT',
        parsed.errors[0]?.reason ?? 'The list has no user ids or emails.',
      )
    }
    for (const entry of parsed.entries) {
      if (entry.kind === 'user_id') users.push({ userId: entry.value })
      else {
        const found = await api.getUsersByEmail(entry.value)
        if (found.length === 0)
          listErrors.push({
            line: entry.line,
            text: entry.value,
            reason: 'No user has this email.',
          })
        for (const u of found)
          users.push({
            userId: u.user_id,
            ...(u.email && { email: u.email }),
            ...(u.identities && { identities: u.identities }),
          })
      }
    }
  } else {
    for (let page = 0; users.length < MAX_CONNECTION_COHORT; page++) {
      const found = await api.searchUsers({
        q: `identities.connection:"${source.connection.replace(/"/g, '')}"`,
        page,
        perPage: 100,
      })
      users.push(
        ...found.users.map((u) => ({
          userId: u.user_id,
          ...(u.email && { email: u.email }),
          ...(u.identities && { identities: u.identities }),
        })),
      )
      if (found.users.length < 100 || (page + 1) * 100 >= found.total) break
    }
  }
  const targets: BulkTarget[] = Array.from({ length: users.length }, (_, i) => ({
    userId: users[i]?.userId ?? '',
    sessions: null,
  }))
  let next = 0
  await Promise.all(
    Array.from({ length: COHORT_CONCURRENCY }, async () => {
      while (next < users.length) {
        const i = next++
        const u = users[i] as (typeof users)[number]
        let sessions: BulkTarget['sessions'] = null
        try {
          sessions = await api.listUserSessions(u.userId)
        } catch (error) {
          if (!(error instanceof AppFailure) || error.code !== 'NOT_FOUND') throw error
        }
        targets[i] = {
          userId: u.userId,
          ...(u.email && { email: u.email }),
          ...(u.identities && { identities: u.identities }),
          sessions,
        }
      }
    }),
  )
  return ok({ targets, listErrors })
}
