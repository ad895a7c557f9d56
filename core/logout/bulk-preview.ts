import type {
  BulkMode,
  BulkSource,
  CohortSummary,
  EndedSession,
  LogoutPreview,
  SessionFilter,
} from './types'
import { describeFilter, isEmptyFilter, planBulk, type BulkTarget } from './cohort'
import {
  ACCESS_TOKENS_SURVIVE,
  EVENTUAL_CONSISTENCY_NOTE,
  UNCOMMITTED_WORK_WARNING,
} from './preview'
import { parseUserAgent } from '../layers/user-agent'

/** A bulk cohort as read from the tenant, and how to end it. */
export interface BulkPreviewInput {
  source: BulkSource
  mode: BulkMode
  filter?: SessionFilter
  /** Every user of the cohort with their sessions (null: could not be read). */
  targets: BulkTarget[]
  /** Lines of a pasted list that name no user. */
  listErrors: CohortSummary['listErrors']
  /** Application names by client id, for the ended sessions' apps. */
  appNames: ReadonlyMap<string, string>
}

/**
 * The preview of a bulk logout: exactly the requests a job will send, the sessions they end, and
 * the cohort in numbers. Confirmation is typing the number of users (the caller keeps it).
 */
export function previewBulkLogout(input: BulkPreviewInput): {
  preview: LogoutPreview
  cohort: CohortSummary
} {
  const { source, mode, targets } = input
  const filter = isEmptyFilter(input.filter) ? undefined : input.filter
  const plan = planBulk(targets, mode, filter)
  const who =
    source.kind === 'list' ? `${targets.length} listed users` : `users of ${source.connection}`
  const description = `${who}${filter ? `, sessions matching ${describeFilter(filter)}` : ''}`
  const endedIds = new Set(
    plan.requests.filter((r) => r.kind === 'delete-session').map((r) => r.targetId),
  )
  const plannedUsers = new Set(plan.requests.map((r) => r.userId))
  const ended: EndedSession[] = targets.flatMap((t) =>
    (t.sessions ?? [])
      .filter((s) =>
        mode === 'matching-sessions' ? endedIds.has(s.id ?? '') : plannedUsers.has(t.userId),
      )
      .map((s) => ({
        id: `session:${s.id ?? ''}`,
        sessionId: s.id ?? '',
        device: `${parseUserAgent(s.device?.last_user_agent).label} · ${s.device?.last_ip ?? 'no IP'} · ${t.email ?? t.userId}`,
        apps: (s.clients ?? []).map(
          (c) => input.appNames.get(c.client_id ?? '') ?? c.client_id ?? '',
        ),
      })),
  )
  const what =
    mode === 'matching-sessions'
      ? `End ${plan.sessions} sessions`
      : mode === 'all-sessions'
        ? 'End all sessions'
        : 'End all sessions and refresh tokens'
  const preview: LogoutPreview = {
    action: {
      kind: 'bulk',
      source: source.kind === 'list' ? { kind: 'list', text: `${targets.length} entries` } : source,
      mode,
      ...(input.filter && { filter: input.filter }),
      description,
    },
    title: `${what} of ${plan.users} users`,
    global: true,
    ends: { sessions: ended, refreshTokens: [] },
    backchannel: [],
    survives: {
      accessTokens: ACCESS_TOKENS_SURVIVE,
      idpSessions: [],
      refreshTokens: [],
      appSessions: [],
      sessions: [],
    },
    warnings: [
      UNCOMMITTED_WORK_WARNING,
      mode === 'all-sessions-and-tokens'
        ? 'Every refresh token of these users is revoked too.'
        : 'Refresh tokens are not revoked: applications holding them stay signed in until they are revoked or expire.',
      'Identity-provider sessions are never ended by the Management API.',
      EVENTUAL_CONSISTENCY_NOTE,
    ],
    requests: plan.requests,
    counts: { sessions: plan.sessions, refreshTokens: 0, requests: plan.requests.length },
  }
  return {
    preview,
    cohort: {
      users: plan.users,
      sessions: plan.sessions,
      skipped: plan.skipped,
      listErrors: input.listErrors,
    },
  }
}
