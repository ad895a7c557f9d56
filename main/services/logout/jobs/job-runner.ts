import { randomUUID } from 'node:crypto'
import type { AppError, AppErrorCode } from '../../../../preload/contract'
import { AppFailure } from '../../../../core/result'
import { appErrorOf } from '../../errors'
import type {
  LogoutRequest,
  JobItemState,
  JobItemStatus,
  JobProgress,
  JobRecord,
  JobSpec,
} from './job-types'
import type { AtomicWrite } from '../../atomic-write'
import { createJournal, type Journal, type JournalProblem } from './journal'

/**
 * The job engine: runs a fixed list of Management API requests with bounded concurrency, retries
 * what is worth retrying, and survives the app being killed in the middle.
 *
 * Crash safety comes from the journal's write-ahead rule: an item is marked `running` on disk
 * before its request is sent, and `done` / `gone` / `failed` right after. After a crash,
 * {@link JobRunner.recover} finds the job `interrupted`; items that were `running` are in doubt
 * (the request may or may not have reached Auth0) and go back to `pending`. Every kind of item is
 * a delete, so sending one again is harmless: it succeeds or answers 404, which counts as `gone`.
 * Items on disk as `done` or `gone` are never sent again.
 *
 * Pacing is not done here: `execute` calls the Management API client, which waits for the tenant's
 * rate-limit pacer before every request and already retries 429s itself. Concurrency only keeps
 * enough requests queued at the pacer that it never idles.
 */

/** Retries of one item within one run: total attempts and the first backoff (doubling). */
export interface JobRetryPolicy {
  /** Attempts in total, the first included; 1 means no retry. */
  attempts: number
  baseDelayMs: number
}

/** Default {@link JobRetryPolicy}: three attempts, waiting 1 s then 2 s. */
export const DEFAULT_JOB_RETRY: Readonly<JobRetryPolicy> = { attempts: 3, baseDelayMs: 1000 }

/** Items run at once per job unless `concurrency` is given. */
export const DEFAULT_JOB_CONCURRENCY = 4

/** Width of the sliding window the rate and ETA are measured over. */
export const DEFAULT_RATE_WINDOW_MS = 10_000

/** Failure codes worth another attempt: the request may succeed if sent again later. */
export const RETRYABLE_CODES: ReadonlySet<AppErrorCode> = new Set([
  'RATE_LIMITED',
  'REMOTE',
  'TIMEOUT',
  'NETWORK',
])

/** Options of {@link createJobRunner}. */
export interface JobRunnerOptions {
  /** The journal directory (one file per job). */
  dir: string
  /**
   * Sends one item's request. Throws {@link AppFailure}: NOT_FOUND marks the item `gone`,
   * {@link RETRYABLE_CODES} are retried, anything else fails the item at once. The signal aborts
   * when the job is discarded.
   */
  execute: (item: LogoutRequest, signal: AbortSignal) => Promise<void>
  /** Items in flight per job; default 4. */
  concurrency?: number
  /** Clock in epoch ms; default `Date.now`. */
  now?: () => number
  /** Called after every change of a job (item transitions included). */
  onProgress?: (progress: JobProgress) => void
  retry?: JobRetryPolicy
  /** Sliding window for rate and ETA; default 10 s. */
  rateWindowMs?: number
  /** Called for every unreadable journal file found by {@link JobRunner.recover}. */
  onJournalProblem?: (problem: JournalProblem) => void
  /** The journal's file writer; tests wrap it to delay or fail writes. */
  writeAtomic?: AtomicWrite
}

/**
 * The job engine of one app instance.
 *
 * Every method that takes an id throws an AppFailure NOT_FOUND for an unknown one.
 */
export interface JobRunner {
  /**
   * Creates a job of exactly `spec.items` (copied; later changes to the array are not seen),
   * writes it to the journal and starts it. Rejects with INVALID_INPUT on duplicate item keys and
   * STORAGE when the journal cannot be written (nothing is sent then).
   */
  start(spec: JobSpec): Promise<JobRecord>
  /** No new item starts; items in flight finish. Items waiting to retry go back to pending. */
  pause(id: string): Promise<JobRecord>
  /** Continues a paused or interrupted job with its pending items. */
  resume(id: string): Promise<JobRecord>
  /**
   * Stops the job for good: pending items become `cancelled`, items in flight finish. An item
   * waiting to retry is not retried and keeps its last error as `failed`.
   */
  cancel(id: string): Promise<JobRecord>
  /** Sends a failed or cancelled item again; a finished job runs again for it. */
  retryItem(id: string, key: string): Promise<JobRecord>
  /** {@link JobRunner.retryItem} for every failed item. */
  retryFailed(id: string): Promise<JobRecord>
  /** A copy of the job, or undefined. */
  get(id: string): JobRecord | undefined
  /** Copies of every job known (started here or recovered), newest first. */
  list(): JobRecord[]
  /** Counts per item status, rate over the recent window and time left. */
  progress(id: string): JobProgress
  /**
   * Reads the journal at startup. Jobs found `running` or `paused` become `interrupted` (their
   * `running` items go back to `pending`) and are answered, with jobs already interrupted, so the
   * UI can offer to resume or discard them. Finished jobs are loaded too (see {@link list}).
   */
  recover(): JobRecord[]
  /** Unreadable journal files met by the last {@link recover}. */
  journalProblems(): JournalProblem[]
  /** Forgets a job and deletes its journal; requests in flight are aborted where possible. */
  discard(id: string): Promise<void>
  /** Resolves, with the job, once nothing of it is in flight and it is not running. */
  whenIdle(id: string): Promise<JobRecord>
}

interface Job {
  /** The live record; the journal serializes this very object. */
  record: JobRecord
  itemsByKey: Map<string, LogoutRequest>
  /** Keys to start, in item order; entries that are no longer pending are skipped. */
  queue: string[]
  /** Items claimed and not settled (sending, or waiting to retry). */
  active: number
  controllers: Map<string, AbortController>
  /** Interrupts backoff waits (pause, cancel, discard). */
  wakers: Set<() => void>
  /** Times items finished during the current run, for the rate. */
  completions: number[]
  /** When the current run began (start / resume), or null when not running. */
  runStartedAt: number | null
  idleWaiters: ((record: JobRecord) => void)[]
  discarded: boolean
}

const FINISHED: ReadonlySet<JobItemStatus> = new Set(['done', 'gone', 'failed', 'cancelled'])

const storageMessage = (err: unknown): string =>
  `The job journal could not be written (${err instanceof Error ? err.message : String(err)}). Nothing more was sent; free disk space or fix the folder's permissions, then resume.`

/**
 * Creates a runner whose journal lives in `options.dir`.
 *
 * Call {@link JobRunner.recover} once at startup, before starting new jobs.
 */
export const createJobRunner = (options: JobRunnerOptions): JobRunner => {
  const now = options.now ?? Date.now
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_JOB_CONCURRENCY))
  const retry = options.retry ?? DEFAULT_JOB_RETRY
  const maxAttempts = Math.max(1, Math.floor(retry.attempts))
  const windowMs = Math.max(1, options.rateWindowMs ?? DEFAULT_RATE_WINDOW_MS)
  const journal: Journal = createJournal({
    dir: options.dir,
    now,
    ...(options.writeAtomic !== undefined && { writeAtomic: options.writeAtomic }),
  })
  const jobs = new Map<string, Job>()
  let problems: JournalProblem[] = []

  const iso = (): string => new Date(now()).toISOString()
  const snapshot = (job: Job): JobRecord => structuredClone(job.record)
  const touch = (job: Job): void => {
    job.record.updatedAt = iso()
  }

  const jobOf = (id: string): Job => {
    const job = jobs.get(id)
    if (job === undefined) throw new AppFailure('NOT_FOUND', 'There is no such job.')
    return job
  }

  const stateOf = (job: Job, key: string): JobItemState => {
    const state = job.record.states[key]
    if (state === undefined) throw new AppFailure('NOT_FOUND', 'The job has no such item.')
    return state
  }

  const computeProgress = (job: Job): JobProgress => {
    const { record } = job
    const counts: Record<JobItemStatus, number> = {
      pending: 0,
      running: 0,
      done: 0,
      gone: 0,
      failed: 0,
      cancelled: 0,
    }
    for (const item of record.items) {
      const state = record.states[item.key]
      if (state !== undefined) counts[state.status] += 1
    }
    const t = now()
    const from = t - windowMs
    while (job.completions.length > 0 && (job.completions[0] as number) < from) {
      job.completions.shift()
    }
    let ratePerSecond = 0
    if (job.runStartedAt !== null && job.completions.length > 0) {
      // Measured over the window, or since the run began if that is shorter; at least a second,
      // so the first completions do not promise an absurd rate.
      const spanMs = Math.max(Math.min(1000, windowMs), Math.min(windowMs, t - job.runStartedAt))
      ratePerSecond = job.completions.length / (spanMs / 1000)
    }
    const remaining = counts.pending + counts.running
    let etaSeconds: number | null = null
    if (record.status === 'completed' || record.status === 'cancelled') {
      etaSeconds = counts.running === 0 ? 0 : null
    } else if (record.status === 'running') {
      if (remaining === 0) etaSeconds = 0
      else if (ratePerSecond > 0) etaSeconds = Math.ceil(remaining / ratePerSecond)
    }
    return {
      id: record.id,
      status: record.status,
      total: record.items.length,
      ...counts,
      ratePerSecond: Math.round(ratePerSecond * 100) / 100,
      etaSeconds,
      startedAt: record.createdAt,
      updatedAt: record.updatedAt,
    }
  }

  const emit = (job: Job): void => {
    if (options.onProgress === undefined || job.discarded) return
    try {
      options.onProgress(computeProgress(job))
    } catch {
      // A listener's bug must not stop the job.
    }
  }

  /** Best-effort write; a failure surfaces at the next claim, which must be durable. */
  const persist = (job: Job): void => {
    if (job.discarded) return
    journal.save(job.record).catch(() => undefined)
  }

  const settleIdle = (job: Job): void => {
    if (job.active > 0 || job.record.status === 'running' || job.idleWaiters.length === 0) return
    const waiters = job.idleWaiters.splice(0)
    journal
      .flush(job.record.id)
      .catch(() => undefined)
      .finally(() => {
        const copy = snapshot(job)
        for (const resolve of waiters) resolve(copy)
      })
  }

  const wake = (job: Job): void => {
    for (const waker of [...job.wakers]) waker()
  }

  /** Waits `ms` unless the job stops running first; answers whether to go on. */
  const backoff = (job: Job, ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      const waker = () => {
        clearTimeout(timer)
        job.wakers.delete(waker)
        resolve(false)
      }
      const timer = setTimeout(() => {
        job.wakers.delete(waker)
        resolve(job.record.status === 'running' && !job.discarded)
      }, ms)
      job.wakers.add(waker)
    })

  const finish = (job: Job, key: string, status: JobItemStatus, error?: AppError): void => {
    const state = stateOf(job, key)
    state.status = status
    if (error === undefined) delete state.error
    else state.error = error
    state.finishedAt = iso()
    if (status !== 'cancelled') job.completions.push(now())
    touch(job)
    persist(job)
    emit(job)
  }

  /** Pauses a running job for a reason the user must see; resume clears it. */
  const pauseWith = (job: Job, error: AppError): void => {
    if (job.record.status === 'running') {
      job.record.status = 'paused'
      job.runStartedAt = null
    }
    job.record.error = error
    touch(job)
    wake(job)
    emit(job)
  }

  const pauseForStorage = (job: Job, err: unknown): void =>
    pauseWith(job, { code: 'STORAGE', message: storageMessage(err) })

  /** Pauses a running job because the tenant cannot be reached. */
  const pauseUnreachable = (job: Job, error: AppError): void =>
    pauseWith(job, {
      code: 'NETWORK',
      message: `${error.message} The job is paused, nothing is lost: resume it once the tenant can be reached.`,
    })

  const runItem = async (job: Job, key: string): Promise<void> => {
    const state = stateOf(job, key)
    const item = job.itemsByKey.get(key) as LogoutRequest
    state.status = 'running'
    state.attempts += 1
    delete state.error
    delete state.finishedAt
    touch(job)
    emit(job)
    try {
      // The write-ahead rule: on disk as running before the request leaves.
      await journal.save(job.record)
    } catch (err) {
      state.status = 'pending'
      state.attempts -= 1
      pauseForStorage(job, err)
      return
    }
    if (job.discarded) return
    const controller = new AbortController()
    job.controllers.set(key, controller)
    try {
      for (let attempt = 1; ; attempt++) {
        if (attempt > 1) {
          state.attempts += 1
          touch(job)
          persist(job)
        }
        try {
          await options.execute(item, controller.signal)
          finish(job, key, 'done')
          return
        } catch (err) {
          if (job.discarded) return
          const error = appErrorOf(err, 'A job item')
          if (error.code === 'NOT_FOUND') {
            finish(job, key, 'gone')
            return
          }
          if (error.code === 'NETWORK' && attempt >= maxAttempts) {
            // The tenant cannot be reached at all: failing every remaining item one by one would
            // only turn a pause into a pile of failures. The item goes back to pending and the
            // job pauses with the reason, to be resumed once the tenant answers again.
            state.status = 'pending'
            state.error = error
            pauseUnreachable(job, error)
            persist(job)
            return
          }
          if (!RETRYABLE_CODES.has(error.code) || attempt >= maxAttempts) {
            finish(job, key, 'failed', error)
            return
          }
          state.error = error
          emit(job)
          const goOn =
            job.record.status === 'running' &&
            (await backoff(job, retry.baseDelayMs * 2 ** (attempt - 1)))
          if (job.discarded) return
          if (!goOn) {
            if (job.record.status === 'cancelled') {
              finish(job, key, 'failed', error)
            } else {
              // Paused (or the journal failed): the item is retried when the job resumes.
              state.status = 'pending'
              touch(job)
              persist(job)
              emit(job)
            }
            return
          }
        }
      }
    } finally {
      job.controllers.delete(key)
    }
  }

  const nextPending = (job: Job): string | undefined => {
    while (job.queue.length > 0) {
      const key = job.queue.shift() as string
      if (job.record.states[key]?.status === 'pending') return key
    }
    return undefined
  }

  const pendingKeys = (job: Job): string[] =>
    job.record.items
      .filter((item) => job.record.states[item.key]?.status === 'pending')
      .map((item) => item.key)

  /** Starts items up to the concurrency; completes the job when nothing is left. */
  const pump = (job: Job): void => {
    for (;;) {
      while (!job.discarded && job.record.status === 'running' && job.active < concurrency) {
        const key = nextPending(job)
        if (key === undefined) break
        job.active += 1
        runItem(job, key)
          .catch((err: unknown) => {
            // A bug in the runner itself: record it on the item rather than lose the job.
            const state = job.record.states[key]
            if (state !== undefined && !FINISHED.has(state.status)) {
              finish(job, key, 'failed', appErrorOf(err, 'A job item'))
            }
          })
          .finally(() => {
            job.active -= 1
            pump(job)
          })
      }
      if (job.discarded || job.record.status !== 'running' || job.active > 0) break
      const left = pendingKeys(job)
      if (left.length === 0) {
        job.record.status = 'completed'
        job.runStartedAt = null
        touch(job)
        persist(job)
        emit(job)
        break
      }
      // Pending items the queue does not hold (one put back while the job was paused and
      // resumed): queue them again rather than stall.
      job.queue = left
    }
    settleIdle(job)
  }

  /** Puts every pending item in the queue and starts the job running. */
  const run = (job: Job): void => {
    job.record.status = 'running'
    delete job.record.error
    job.queue = pendingKeys(job)
    job.completions = []
    job.runStartedAt = now()
    touch(job)
  }

  /** Makes the change durable, reports it and lets the workers go on. */
  const commit = async (job: Job): Promise<JobRecord> => {
    emit(job)
    try {
      await journal.save(job.record)
    } catch (err) {
      pauseForStorage(job, err)
      persist(job)
      throw new AppFailure('STORAGE', storageMessage(err))
    } finally {
      pump(job)
    }
    return snapshot(job)
  }

  const register = (record: JobRecord): Job => {
    const job: Job = {
      record,
      itemsByKey: new Map(record.items.map((item) => [item.key, item])),
      queue: [],
      active: 0,
      controllers: new Map(),
      wakers: new Set(),
      completions: [],
      runStartedAt: null,
      idleWaiters: [],
      discarded: false,
    }
    jobs.set(record.id, job)
    return job
  }

  const conflict = (job: Job, what: string): AppFailure =>
    new AppFailure('CONFLICT', `A ${job.record.status} job cannot be ${what}.`)

  return {
    async start(spec) {
      const items = spec.items.map((item) => Object.freeze({ ...item }))
      const states: Record<string, JobItemState> = {}
      for (const item of items) {
        if (item.key === '' || item.key in states) {
          throw new AppFailure(
            'INVALID_INPUT',
            item.key === ''
              ? 'Every job item needs a key.'
              : `The job lists the item ${item.key} twice.`,
          )
        }
        states[item.key] = { status: 'pending', attempts: 0 }
      }
      const createdAt = iso()
      const record: JobRecord = {
        id: randomUUID(),
        tenantId: spec.tenantId,
        action: spec.action,
        ...(spec.reason !== undefined && { reason: spec.reason }),
        ...(spec.remains !== undefined && { remains: spec.remains }),
        createdAt,
        updatedAt: createdAt,
        status: 'running',
        items,
        states,
      }
      const job = register(record)
      run(job)
      try {
        await journal.save(record)
      } catch (err) {
        jobs.delete(record.id)
        await journal.remove(record.id).catch(() => undefined)
        throw new AppFailure('STORAGE', storageMessage(err))
      }
      emit(job)
      pump(job)
      return snapshot(job)
    },

    async pause(id) {
      const job = jobOf(id)
      if (job.record.status === 'paused') return snapshot(job)
      if (job.record.status !== 'running') throw conflict(job, 'paused')
      job.record.status = 'paused'
      job.runStartedAt = null
      touch(job)
      wake(job)
      return commit(job)
    },

    async resume(id) {
      const job = jobOf(id)
      if (job.record.status === 'running') return snapshot(job)
      if (job.record.status !== 'paused' && job.record.status !== 'interrupted') {
        throw conflict(job, 'resumed')
      }
      run(job)
      return commit(job)
    },

    async cancel(id) {
      const job = jobOf(id)
      const { status } = job.record
      if (status === 'cancelled' || status === 'completed') return snapshot(job)
      job.record.status = 'cancelled'
      job.runStartedAt = null
      job.queue = []
      const at = iso()
      for (const state of Object.values(job.record.states)) {
        if (state.status === 'pending') {
          state.status = 'cancelled'
          state.finishedAt = at
        }
      }
      touch(job)
      wake(job)
      return commit(job)
    },

    async retryItem(id, key) {
      const job = jobOf(id)
      const state = stateOf(job, key)
      if (state.status !== 'failed' && state.status !== 'cancelled') {
        throw new AppFailure('CONFLICT', `Only failed or cancelled items can be retried.`)
      }
      state.status = 'pending'
      delete state.finishedAt
      const { status } = job.record
      if (status === 'running') job.queue.push(key)
      else if (status === 'completed' || status === 'cancelled') run(job)
      touch(job)
      return commit(job)
    },

    async retryFailed(id) {
      const job = jobOf(id)
      const failed = job.record.items
        .map((item) => item.key)
        .filter((key) => job.record.states[key]?.status === 'failed')
      if (failed.length === 0) return snapshot(job)
      for (const key of failed) {
        const state = stateOf(job, key)
        state.status = 'pending'
        delete state.finishedAt
      }
      const { status } = job.record
      if (status === 'running') job.queue.push(...failed)
      else if (status === 'completed' || status === 'cancelled') run(job)
      touch(job)
      return commit(job)
    },

    get(id) {
      const job = jobs.get(id)
      return job === undefined ? undefined : snapshot(job)
    },

    list() {
      return [...jobs.values()].map(snapshot).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    },

    progress(id) {
      return computeProgress(jobOf(id))
    },

    recover() {
      const loaded = journal.load()
      problems = loaded.problems
      for (const problem of problems) options.onJournalProblem?.(problem)
      const interrupted: JobRecord[] = []
      for (const record of loaded.records) {
        if (jobs.has(record.id)) continue
        const job = register(record)
        const wasActive = record.status === 'running' || record.status === 'paused'
        let changed = false
        for (const state of Object.values(record.states)) {
          if (state.status !== 'running') continue
          // In doubt: the request may or may not have reached Auth0. Sending it again is safe, so
          // it is pending again; in a job cancelled before the crash it counts as cancelled (the
          // operator can still retry it).
          if (record.status === 'cancelled') {
            state.status = 'cancelled'
            state.finishedAt = record.updatedAt
          } else {
            state.status = 'pending'
          }
          changed = true
        }
        if (wasActive) {
          record.status = 'interrupted'
          changed = true
        }
        if (changed) {
          touch(job)
          persist(job)
        }
        if (record.status === 'interrupted') interrupted.push(snapshot(job))
      }
      return interrupted
    },

    journalProblems() {
      return [...problems]
    },

    async discard(id) {
      const job = jobOf(id)
      job.discarded = true
      job.queue = []
      wake(job)
      for (const controller of job.controllers.values()) controller.abort()
      jobs.delete(id)
      const waiters = job.idleWaiters.splice(0)
      const copy = snapshot(job)
      for (const resolve of waiters) resolve(copy)
      await journal.remove(id)
    },

    whenIdle(id) {
      const job = jobOf(id)
      return new Promise((resolve) => {
        job.idleWaiters.push(resolve)
        settleIdle(job)
      })
    },
  }
}
