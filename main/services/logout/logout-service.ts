import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import type {
  ActivityEntry,
  AppError,
  BulkMode,
  BulkSource,
  CohortSummary,
  LogoutPreview,
  SessionFilter,
  JobRecord,
  JobView,
  LogoutAction,
  LogoutReceipt,
  PreviewedLogout,
  Result,
  TenantSummary,
  UserLayers,
} from '../../../preload/contract'
import type { ActivityLog } from '../activity/activity-log'
import { createJobRunner, type JobRunner } from './jobs/job-runner'
import { createLogoutExecutor, type LogoutApi as ExecutorApi } from './jobs/logout-executor'
import { verifyGone, type VerifyApi } from './jobs/verify'
import {
  describeFilter,
  isEmptyFilter,
  parseCohortList,
  planBulk,
  type BulkTarget,
} from '../../../core/logout/cohort'
import {
  ACCESS_TOKENS_SURVIVE,
  EVENTUAL_CONSISTENCY_NOTE,
  UNCOMMITTED_WORK_WARNING,
  previewLogout,
} from '../../../core/logout/preview'
import { parseUserAgent } from '../../../core/layers/user-agent'
import type { EventSink, TenantApi } from '../ports'
import { AppFailure, fail, ok } from '../../../core/result'

/** Users of a connection read for one bulk cohort at most (Auth0 search pages stop at 1,000). */
export const MAX_CONNECTION_COHORT = 1000
/** Users read at once while building a cohort (the pacer spaces the requests anyway). */
const COHORT_CONCURRENCY = 4

/** How long a preview may wait for its confirmation. */
export const PREVIEW_TTL_MS = 10 * 60_000
/** Re-reads after a job, to confirm Auth0 (eventually consistent) really ended each item. */
export const VERIFY = { attempts: 5, delayMs: 1000 }

/** What a logout job and its verification call. */
export type LogoutApi = ExecutorApi & VerifyApi

/** Collaborators of the logout service. */
export interface LogoutDeps {
  dataDir: string
  events: EventSink
  activity: ActivityLog
  tenants: {
    active(): Promise<{ id: string; api: TenantApi }>
    summary(id: string): Promise<TenantSummary>
    logoutApi(id: string): Promise<LogoutApi>
  }
  readLayers(userId: string): Promise<Result<UserLayers>>
  now?: () => Date
  /** Verification polling; tests shorten it. */
  verify?: { attempts: number; delayMs: number }
}

/**
 * Targeted and global logout: preview from fresh data, explicit confirmation, a resumable paced job
 * per action, a verified receipt, and an activity-log entry at start and at the end.
 */
export function createLogoutService(deps: LogoutDeps) {
  const now = deps.now ?? (() => new Date())
  const previews = new Map<string, PreviewedLogout>()
  const runners = new Map<string, JobRunner>()
  const receipts = new Map<string, LogoutReceipt>()
  const settling = new Set<Promise<void>>()
  /** Jobs whose receipt or activity entry could not be written, and why. */
  const recordErrors = new Map<string, AppError>()
  const jobsDir = join(deps.dataDir, 'jobs')

  function runner(tenantId: string): JobRunner {
    const existing = runners.get(tenantId)
    if (existing) return existing
    const dir = join(jobsDir, safeDirName(tenantId))
    mkdirSync(dir, { recursive: true })
    const created = createJobRunner({
      dir,
      execute: async (item, signal) =>
        createLogoutExecutor(await deps.tenants.logoutApi(tenantId))(item, signal),
      onProgress: (p) => {
        const record = runners.get(tenantId)?.get(p.id)
        if (record) deps.events.emit('jobChanged', view(tenantId, record))
      },
    })
    runners.set(tenantId, created)
    for (const record of created.recover()) loadReceipt(dir, record.id)
    for (const record of created.list()) loadReceipt(dir, record.id)
    return created
  }

  function loadReceipt(dir: string, jobId: string) {
    const file = join(dir, `${jobId}.receipt.json`)
    if (!existsSync(file)) return
    try {
      receipts.set(jobId, JSON.parse(readFileSync(file, 'utf8')) as LogoutReceipt)
    } catch {
      // An unreadable receipt is re-created the next time the job is verified.
    }
  }

  function view(tenantId: string, record: JobRecord): JobView {
    const r = runner(tenantId)
    const receipt = receipts.get(record.id)
    return {
      progress: r.progress(record.id),
      tenantId,
      action: record.action,
      ...(record.reason !== undefined && { reason: record.reason }),
      items: record.items.map((item) => ({
        ...item,
        ...(record.states[item.key] ?? { status: 'pending', attempts: 0 }),
      })),
      ...(record.error !== undefined && { error: record.error }),
      ...(record.error === undefined &&
        recordErrors.has(record.id) && { error: recordErrors.get(record.id) }),
      ...(receipt && { receipt }),
    }
  }

  function find(jobId: string): { tenantId: string; runner: JobRunner; record: JobRecord } {
    for (const [tenantId, r] of runners) {
      const record = r.get(jobId)
      if (record) return { tenantId, runner: r, record }
    }
    throw new AppFailure('NOT_FOUND', 'That job no longer exists.')
  }

  /** Remember a preview until it is confirmed or expires; answer it as the renderer sees it. */
  function keep(
    preview: LogoutPreview,
    tenant: TenantSummary,
    confirmText: string | null,
    cohort?: CohortSummary,
  ): PreviewedLogout {
    const previewed: PreviewedLogout = {
      previewId: randomUUID(),
      preview,
      tenant: {
        id: tenant.id,
        name: tenant.name,
        environment: tenant.environment,
        kind: tenant.kind,
      },
      confirmText,
      expiresAt: new Date(now().getTime() + PREVIEW_TTL_MS).toISOString(),
      ...(cohort && { cohort }),
    }
    previews.set(previewed.previewId, previewed)
    return previewed
  }

  /** When a job stops running, verify what it ended, write the receipt and the activity entry. */
  /**
   * Verifies a job once it is idle, writes its receipt and activity entry, in the background.
   * Tracked so that quitting waits for it, and a failure (a full disk, say) is logged and never
   * becomes an unhandled rejection that would stop the host.
   */
  function settle(tenantId: string, jobId: string, remains: LogoutReceipt['remains']): void {
    const pending: Promise<void> = settleNow(tenantId, jobId, remains)
      .catch((error: unknown) => {
        console.error(`Could not write the receipt or activity entry of job ${jobId}`, error)
      })
      .finally(() => settling.delete(pending))
    settling.add(pending)
  }

  async function settleNow(tenantId: string, jobId: string, remains: LogoutReceipt['remains']) {
    const r = runner(tenantId)
    const record = await r.whenIdle(jobId)
    if (record.status === 'paused' || record.status === 'interrupted') return
    const succeeded = record.items.filter((i) =>
      ['done', 'gone'].includes(record.states[i.key]?.status ?? ''),
    )
    let checks: Record<string, 'verified' | 'pending' | 'failed'> = {}
    try {
      checks = await verifyGone(
        await deps.tenants.logoutApi(tenantId),
        succeeded,
        deps.verify ?? VERIFY,
      )
    } catch {
      // Verification itself could not run: every item stays "pending" in the receipt.
    }
    const items = record.items.map((i) => {
      const state = record.states[i.key]
      const result = state?.status ?? 'pending'
      const verification =
        result === 'done' || result === 'gone' ? (checks[i.key] ?? 'pending') : ('failed' as const)
      return {
        key: i.key,
        label: i.label,
        result,
        verification,
        ...(state?.error && { error: state.error }),
      }
    })
    const count = (v: string) => items.filter((i) => i.verification === v).length
    const receipt: LogoutReceipt = {
      jobId,
      tenantId,
      action: record.action,
      finishedAt: now().toISOString(),
      items,
      counts: { verified: count('verified'), pending: count('pending'), failed: count('failed') },
      remains,
    }
    receipts.set(jobId, receipt)
    try {
      await recordFinished(tenantId, record, receipt)
    } catch (error) {
      // The job is over either way: the receipt is shown; what could not be written is said.
      const message = error instanceof AppFailure ? ` ${error.message}` : ''
      recordErrors.set(jobId, {
        code: 'STORAGE',
        message: `The job finished, but its receipt or activity-log entry could not be written.${message}`,
      })
      console.error(`Could not record job ${jobId}`, error)
    }
    deps.events.emit('jobChanged', view(tenantId, r.get(jobId) ?? record))
  }

  /** Writes a finished job's receipt file and its activity-log entry. */
  async function recordFinished(tenantId: string, record: JobRecord, receipt: LogoutReceipt) {
    const jobId = record.id
    writeFileSync(
      join(jobsDir, safeDirName(tenantId), `${jobId}.receipt.json`),
      JSON.stringify(receipt),
    )
    const tenant = await deps.tenants.summary(tenantId)
    await deps.activity.append({
      tenantId,
      tenantName: tenant.name,
      environment: tenant.kind === 'sandbox' ? 'sandbox' : tenant.environment,
      ...(record.reason !== undefined && { operatorReason: record.reason }),
      action: record.action,
      targets: record.items
        .slice(0, 200)
        .map((i) => ({ kind: i.kind, id: i.targetId, label: i.label })),
      outcome: {
        status:
          record.status === 'cancelled'
            ? 'cancelled'
            : receipt.counts.failed === 0 && receipt.counts.pending === 0
              ? 'completed'
              : receipt.counts.verified === 0 && receipt.counts.pending === 0
                ? 'failed'
                : 'partial',
        ended: receipt.counts.verified,
        pending: receipt.counts.pending,
        failed: receipt.counts.failed,
      },
      jobId,
    })
  }

  return {
    /** Read the user afresh and compute exactly what the action ends and what survives. */
    async preview(userId: string, action: LogoutAction): Promise<Result<PreviewedLogout>> {
      const layers = await deps.readLayers(userId)
      if (!layers.ok) return layers
      const preview = previewLogout(layers.value, action)
      const { id } = await deps.tenants.active()
      const tenant = await deps.tenants.summary(id)
      const user = layers.value.user
      return ok(keep(preview, tenant, preview.global ? (user.email ?? user.userId) : null))
    },

    /** Run a confirmed preview as a job: exactly its requests. */
    async start(
      previewId: string,
      confirmation?: string,
      reason?: string,
    ): Promise<Result<JobView>> {
      const previewed = previews.get(previewId)
      if (!previewed)
        return fail('NOT_FOUND', 'This preview is no longer available. Preview the action again.')
      if (Date.parse(previewed.expiresAt) < now().getTime()) {
        previews.delete(previewId)
        return fail(
          'CONFLICT',
          'This preview is more than 10 minutes old. Preview the action again so it matches the tenant.',
        )
      }
      if (previewed.confirmText !== null && confirmation?.trim() !== previewed.confirmText) {
        return fail('INVALID_INPUT', `Type ${previewed.confirmText} to confirm.`)
      }
      previews.delete(previewId)
      const tenantId = previewed.tenant.id
      const r = runner(tenantId)
      const record = await r.start({
        tenantId,
        action: previewed.preview.title,
        ...(reason?.trim() && { reason: reason.trim() }),
        items: previewed.preview.requests.map((q) => ({
          key: q.key,
          kind: q.kind,
          targetId: q.targetId,
          userId: q.userId,
          label: q.label,
        })),
      })
      const { survives } = previewed.preview
      settle(tenantId, record.id, {
        idpSessions: survives.idpSessions,
        appSessions: survives.appSessions,
        refreshTokens: survives.refreshTokens,
        accessTokens: survives.accessTokens,
      })
      return ok(view(tenantId, record))
    },

    /**
     * Read a bulk cohort from the active tenant, filter its sessions, and preview exactly the
     * requests a job will send. Confirmation is typing the number of users.
     */
    async planBulk(
      source: BulkSource,
      mode: BulkMode,
      filter?: SessionFilter,
    ): Promise<Result<PreviewedLogout>> {
      const { id, api } = await deps.tenants.active()
      const cohort = await readCohort(api, source)
      if (!cohort.ok) return cohort
      const { targets, listErrors } = cohort.value
      const plan = planBulk(targets, mode, isEmptyFilter(filter) ? undefined : filter)
      const tenant = await deps.tenants.summary(id)
      const who =
        source.kind === 'list' ? `${targets.length} listed users` : `users of ${source.connection}`
      const description = `${who}${filter && !isEmptyFilter(filter) ? `, sessions matching ${describeFilter(filter)}` : ''}`
      const endedIds = new Set(
        plan.requests.filter((r) => r.kind === 'delete-session').map((r) => r.targetId),
      )
      const plannedUsers = new Set(plan.requests.map((r) => r.userId))
      const appNames = new Map(
        (await api.listClients().catch(() => [])).map((c) => [c.client_id ?? '', c.name ?? '']),
      )
      const ended = targets.flatMap((t) =>
        (t.sessions ?? [])
          .filter((s) =>
            mode === 'matching-sessions' ? endedIds.has(s.id ?? '') : plannedUsers.has(t.userId),
          )
          .map((s) => ({
            id: `session:${s.id ?? ''}`,
            sessionId: s.id ?? '',
            device: `${parseUserAgent(s.device?.last_user_agent).label} · ${s.device?.last_ip ?? 'no IP'} · ${t.email ?? t.userId}`,
            apps: (s.clients ?? []).map(
              (c) => appNames.get(c.client_id ?? '') ?? c.client_id ?? '',
            ),
          })),
      )
      const preview: LogoutPreview = {
        action: {
          kind: 'bulk',
          source:
            source.kind === 'list' ? { kind: 'list', text: `${targets.length} entries` } : source,
          mode,
          ...(filter && { filter }),
          description,
        },
        title: `${mode === 'matching-sessions' ? `End ${plan.sessions} sessions` : mode === 'all-sessions' ? 'End all sessions' : 'End all sessions and refresh tokens'} of ${plan.users} users`,
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
      const summary: CohortSummary = {
        users: plan.users,
        sessions: plan.sessions,
        skipped: plan.skipped,
        listErrors,
      }
      return ok(keep(preview, tenant, String(plan.users), summary))
    },

    /** Every job, newest first; recovers journals of every tenant folder on first call. */
    async list(): Promise<Result<JobView[]>> {
      if (existsSync(jobsDir)) {
        for (const dir of readdirSync(jobsDir)) runner(dir)
      }
      const all = [...runners].flatMap(([tenantId, r]) =>
        r.list().map((rec) => view(tenantId, rec)),
      )
      all.sort((a, b) => b.progress.startedAt.localeCompare(a.progress.startedAt))
      return ok(all)
    },

    /** Pause, resume, cancel, retry failed items, or discard. */
    async control(
      id: string,
      command: 'pause' | 'resume' | 'cancel' | 'retry-failed' | 'discard',
    ): Promise<Result<JobView | null>> {
      const { tenantId, runner: r, record } = find(id)
      const remains = receipts.get(id)?.remains ?? {
        idpSessions: [],
        appSessions: [],
        refreshTokens: [],
        accessTokens: '',
      }
      switch (command) {
        case 'pause':
          return ok(view(tenantId, await r.pause(id)))
        case 'cancel':
          return ok(view(tenantId, await r.cancel(id)))
        case 'discard':
          await r.discard(id)
          receipts.delete(id)
          return ok(null)
        case 'resume': {
          const next = await r.resume(id)
          settle(tenantId, id, remains)
          return ok(view(tenantId, next))
        }
        case 'retry-failed': {
          const next = await r.retryFailed(record.id)
          settle(tenantId, id, remains)
          return ok(view(tenantId, next))
        }
      }
    },

    /** Send one failed or cancelled item again. */
    async retryItem(id: string, key: string): Promise<Result<JobView>> {
      const { tenantId, runner: r } = find(id)
      const next = await r.retryItem(id, key)
      settle(
        tenantId,
        id,
        receipts.get(id)?.remains ?? {
          idpSessions: [],
          appSessions: [],
          refreshTokens: [],
          accessTokens: '',
        },
      )
      return ok(view(tenantId, next))
    },

    /**
     * Stop sending (on quit): running jobs are paused and left in the journal, so the next start
     * offers them for resume. Items in flight finish first.
     */
    async dispose(): Promise<void> {
      for (const r of runners.values()) {
        for (const record of r.list()) {
          if (record.status === 'running') await r.pause(record.id)
        }
        await Promise.all(r.list().map((record) => r.whenIdle(record.id)))
      }
      // Receipts and activity entries being written are finished, not cut off.
      await Promise.all([...settling])
    },

    /** The activity log, newest first. */
    async activity(): Promise<Result<{ entries: ActivityEntry[]; skippedLines: number }>> {
      const page = await deps.activity.list({ limit: 1000 })
      return ok({ entries: page.entries, skippedLines: page.skippedLines })
    },

    /** The activity log as a JSON or Markdown file. */
    async exportActivity(
      format: 'json' | 'markdown',
    ): Promise<Result<{ filename: string; content: string }>> {
      const page = await deps.activity.list({ limit: 1000 })
      const stamp = now().toISOString().slice(0, 10)
      return ok(
        format === 'json'
          ? {
              filename: `session-console-activity-${stamp}.json`,
              content: deps.activity.exportJson(page.entries),
            }
          : {
              filename: `session-console-activity-${stamp}.md`,
              content: deps.activity.exportMarkdown(page.entries),
            },
      )
    },
  }
}

/** Read the users of a bulk cohort and their sessions, a few at a time through the pacer. */
async function readCohort(
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

function safeDirName(tenantId: string): string {
  return tenantId.replace(/[^A-Za-z0-9_-]/g, '_')
}

/** The logout service. */
export type LogoutService = ReturnType<typeof createLogoutService>
