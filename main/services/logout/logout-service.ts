import { randomUUID } from 'node:crypto'
import { readdirSync, mkdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import type {
  AppError,
  BulkMode,
  BulkSource,
  CohortSummary,
  JobCommand,
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
import { previewBulkLogout } from '../../../core/logout/bulk-preview'
import { previewLogout } from '../../../core/logout/preview'
import { AppFailure, fail, ok } from '../../../core/result'
import type { ActivityLog } from '../activity/activity-log'
import type { EventSink, TenantApi } from '../ports'
import { readCohort } from './cohort-reader'
import { createJobRunner, type JobRunner } from './jobs/job-runner'
import { createLogoutExecutor, type LogoutApi as ExecutorApi } from './jobs/logout-executor'
import { verifyGone, type VerifyApi } from './jobs/verify'
import { buildReceipt, readReceipt, receiptOutcome, writeReceipt } from './receipts'

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
  /** The newest settlement of each job, which the next one waits for. */
  const lastSettle = new Map<string, Promise<void>>()
  /** `updatedAt` of the record each job's receipt was last made from. */
  const settledVersion = new Map<string, string>()
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
    const receipt = readReceipt(dir, jobId)
    if (receipt) receipts.set(jobId, receipt)
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

  /**
   * Verifies a job once it is idle, writes its receipt and activity entry, in the background.
   * Tracked so that quitting waits for it, and a failure (a full disk, say) is logged and never
   * becomes an unhandled rejection that would stop the host.
   */
  function settle(tenantId: string, jobId: string): void {
    // One settlement at a time per job, in order: a resume while the previous run is still being
    // verified waits for it, and a state already settled is not settled twice (one receipt write,
    // one activity entry per finished run).
    const previous = lastSettle.get(jobId) ?? Promise.resolve()
    const pending: Promise<void> = previous
      .then(() => settleNow(tenantId, jobId))
      .catch((error: unknown) => {
        console.error(`Could not write the receipt or activity entry of job ${jobId}`, error)
      })
      .finally(() => {
        settling.delete(pending)
        if (lastSettle.get(jobId) === pending) lastSettle.delete(jobId)
      })
    settling.add(pending)
    lastSettle.set(jobId, pending)
  }

  async function settleNow(tenantId: string, jobId: string) {
    const r = runner(tenantId)
    const record = await r.whenIdle(jobId)
    if (record.status === 'paused' || record.status === 'interrupted') return
    if (settledVersion.get(jobId) === record.updatedAt) return
    settledVersion.set(jobId, record.updatedAt)
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
    const receipt = buildReceipt(record, checks, now().toISOString())
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
    await writeReceipt(join(jobsDir, safeDirName(tenantId)), receipt)
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
      outcome: receiptOutcome(record, receipt),
      jobId: record.id,
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
        items: previewed.preview.requests,
        remains: previewed.preview.survives,
      })
      settle(tenantId, record.id)
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
      const appNames = new Map(
        (await api.listClients().catch(() => [])).map((c) => [c.client_id ?? '', c.name ?? '']),
      )
      const { preview, cohort: summary } = previewBulkLogout({
        source,
        mode,
        ...(filter && { filter }),
        ...cohort.value,
        appNames,
      })
      const tenant = await deps.tenants.summary(id)
      return ok(keep(preview, tenant, String(summary.users), summary))
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
    async control(id: string, command: JobCommand): Promise<Result<JobView | null>> {
      const { tenantId, runner: r, record } = find(id)
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
          settle(tenantId, id)
          return ok(view(tenantId, next))
        }
        case 'retry-failed': {
          const next = await r.retryFailed(record.id)
          settle(tenantId, id)
          return ok(view(tenantId, next))
        }
      }
    },

    /** Send one failed or cancelled item again. */
    async retryItem(id: string, key: string): Promise<Result<JobView>> {
      const { tenantId, runner: r } = find(id)
      const next = await r.retryItem(id, key)
      settle(tenantId, id)
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
  }
}

function safeDirName(tenantId: string): string {
  return tenantId.replace(/[^A-Za-z0-9_-]/g, '_')
}

/** The logout service. */
export type LogoutService = ReturnType<typeof createLogoutService>
