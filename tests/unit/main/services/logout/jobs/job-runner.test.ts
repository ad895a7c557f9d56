import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AppErrorCode } from '../../../../../../preload/contract'
import {
  createJobRunner,
  type JobRunnerOptions,
} from '../../../../../../main/services/logout/jobs/job-runner'
import type {
  LogoutRequest,
  JobRecord,
} from '../../../../../../main/services/logout/jobs/job-types'
import { writeFileAtomic, type AtomicWrite } from '../../../../../../main/services/atomic-write'
import { AppFailure, INTERNAL_ERROR_MESSAGE } from '../../../../../../core/result'

const dirs: string[] = []
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sc-jobs-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  // A job left running may still be writing its journal.
  for (const d of dirs.splice(0)) {
    rmSync(d, { recursive: true, force: true, maxRetries: 10, retryDelay: 20 })
  }
})

const items = (n: number, prefix = 's'): LogoutRequest[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `delete-session:${prefix}${i}`,
    kind: 'delete-session' as const,
    targetId: `${prefix}${i}`,
    userId: 'auth0|alice',
    label: `Chrome on macOS session ${i} of alice@example.com`,
  }))

const spec = (list: LogoutRequest[]) => ({
  tenantId: 'sandbox',
  action: 'Sign out sessions',
  reason: 'test',
  items: list,
})

interface Deferred {
  promise: Promise<void>
  resolve(): void
  reject(err: unknown): void
}
const deferred = (): Deferred => {
  let resolve!: () => void
  let reject!: (err: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

const fail = (code: AppErrorCode, message = `failed with ${code}`) => new AppFailure(code, message)

/** A fake `execute` that records every call; `behave` decides the outcome of each call. */
const fakeExecute = (
  behave: (item: LogoutRequest, call: number) => Promise<void> | void = () => {},
) => {
  const calls: string[] = []
  const perKey = new Map<string, number>()
  let inFlight = 0
  let maxInFlight = 0
  const execute: JobRunnerOptions['execute'] = async (item) => {
    calls.push(item.key)
    const n = (perKey.get(item.key) ?? 0) + 1
    perKey.set(item.key, n)
    inFlight += 1
    maxInFlight = Math.max(maxInFlight, inFlight)
    try {
      await behave(item, n)
    } finally {
      inFlight -= 1
    }
  }
  return {
    execute,
    calls,
    perKey,
    get maxInFlight() {
      return maxInFlight
    },
  }
}

const readJournal = (dir: string, id: string): JobRecord =>
  (JSON.parse(readFileSync(join(dir, `job-${id}.json`), 'utf8')) as { job: JobRecord }).job

const statuses = (record: JobRecord) => Object.values(record.states).map((s) => s.status)

const FAST_RETRY = { attempts: 3, baseDelayMs: 1 }

describe('job runner: outcomes of items', () => {
  it('runs every item once, marks them done, completes and journals the result', async () => {
    const dir = tempDir()
    const fake = fakeExecute()
    const runner = createJobRunner({ dir, execute: fake.execute })
    const started = await runner.start(spec(items(20)))
    expect(started.status).toBe('running')
    const record = await runner.whenIdle(started.id)
    expect(record.status).toBe('completed')
    expect(statuses(record).every((s) => s === 'done')).toBe(true)
    expect(fake.calls.sort()).toEqual(
      items(20)
        .map((i) => i.key)
        .sort(),
    )
    expect(readJournal(dir, started.id)).toEqual(record)
    expect(record.states['delete-session:s0']).toMatchObject({ attempts: 1 })
    expect(record.states['delete-session:s0']?.finishedAt).toMatch(/^\d{4}-/)
  })

  it('counts a 404 as gone, not as a failure', async () => {
    const fake = fakeExecute((item) => {
      if (item.targetId === 's1') throw fail('NOT_FOUND', 'Auth0 has no such item.')
    })
    const runner = createJobRunner({ dir: tempDir(), execute: fake.execute })
    const { id } = await runner.start(spec(items(3)))
    const record = await runner.whenIdle(id)
    expect(record.states['delete-session:s1']).toMatchObject({ status: 'gone', attempts: 1 })
    expect(record.states['delete-session:s1']?.error).toBeUndefined()
    expect(runner.progress(id)).toMatchObject({ done: 2, gone: 1, failed: 0, status: 'completed' })
  })

  for (const code of ['RATE_LIMITED', 'REMOTE', 'TIMEOUT', 'NETWORK'] as const) {
    it(`retries ${code} with backoff and succeeds`, async () => {
      const fake = fakeExecute((item, call) => {
        if (item.targetId === 's0' && call < 3) throw fail(code)
      })
      const runner = createJobRunner({ dir: tempDir(), execute: fake.execute, retry: FAST_RETRY })
      const { id } = await runner.start(spec(items(2)))
      const record = await runner.whenIdle(id)
      expect(record.states['delete-session:s0']).toEqual({
        status: 'done',
        attempts: 3,
        finishedAt: expect.any(String) as string,
      })
      expect(fake.perKey.get('delete-session:s0')).toBe(3)
    })
  }

  it('gives up after the bounded attempts and keeps the readable error', async () => {
    const fake = fakeExecute((item) => {
      if (item.targetId === 's0') throw fail('REMOTE', 'Auth0 (x) failed to answer (HTTP 503).')
    })
    const runner = createJobRunner({ dir: tempDir(), execute: fake.execute, retry: FAST_RETRY })
    const { id } = await runner.start(spec(items(2)))
    const record = await runner.whenIdle(id)
    expect(record.status).toBe('completed')
    expect(record.states['delete-session:s0']).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: { code: 'REMOTE', message: 'Auth0 (x) failed to answer (HTTP 503).' },
    })
    expect(fake.perKey.get('delete-session:s0')).toBe(3)
    expect(runner.progress(id)).toMatchObject({ done: 1, failed: 1 })
  })

  it('pauses the job when the tenant cannot be reached, and resumes with nothing lost', async () => {
    let reachable = false
    const fake = fakeExecute(() => {
      if (!reachable) throw fail('NETWORK', 'Cannot reach 127.0.0.1:1: the connection was refused.')
    })
    const runner = createJobRunner({
      dir: tempDir(),
      execute: fake.execute,
      retry: FAST_RETRY,
      concurrency: 1,
    })
    const { id } = await runner.start(spec(items(5)))
    const paused = await runner.whenIdle(id)
    expect(paused.status).toBe('paused')
    expect(paused.error).toMatchObject({
      code: 'NETWORK',
      message: expect.stringContaining('resume it once the tenant can be reached') as unknown,
    })
    // No item failed; the one tried is pending again, the rest were never sent.
    expect(Object.values(paused.states).map((st) => st.status)).toEqual(Array(5).fill('pending'))
    expect(fake.calls).toHaveLength(FAST_RETRY.attempts)
    reachable = true
    await runner.resume(id)
    const done = await runner.whenIdle(id)
    expect(done.status).toBe('completed')
    expect(done.error).toBeUndefined()
    expect(runner.progress(id)).toMatchObject({ done: 5, failed: 0 })
  })

  it('uses 3 attempts by default and waits base, then twice base between them', async () => {
    const times: number[] = []
    const fake = fakeExecute(() => {
      times.push(performance.now())
      throw fail('RATE_LIMITED')
    })
    const runner = createJobRunner({
      dir: tempDir(),
      execute: fake.execute,
      retry: { attempts: 3, baseDelayMs: 40 },
    })
    const { id } = await runner.start(spec(items(1)))
    await runner.whenIdle(id)
    expect(times).toHaveLength(3)
    const [a = 0, b = 0, c = 0] = times
    expect(b - a).toBeGreaterThanOrEqual(35)
    expect(c - b).toBeGreaterThanOrEqual(75)
    const defaults = fakeExecute(() => {
      throw fail('NETWORK')
    })
    const quick = createJobRunner({
      dir: tempDir(),
      execute: defaults.execute,
      retry: { attempts: 3, baseDelayMs: 1 },
    })
    await quick.whenIdle((await quick.start(spec(items(1)))).id)
    expect(defaults.calls).toHaveLength(3)
  })

  for (const code of ['FORBIDDEN', 'UNAUTHENTICATED', 'INVALID_INPUT'] as const) {
    it(`fails ${code} at once, without retrying`, async () => {
      const fake = fakeExecute(() => {
        throw fail(code, 'The client is missing the delete:sessions scope.')
      })
      const runner = createJobRunner({ dir: tempDir(), execute: fake.execute, retry: FAST_RETRY })
      const { id } = await runner.start(spec(items(2)))
      const record = await runner.whenIdle(id)
      expect(fake.calls).toHaveLength(2)
      expect(record.states['delete-session:s0']).toMatchObject({
        status: 'failed',
        attempts: 1,
        error: { code, message: 'The client is missing the delete:sessions scope.' },
      })
    })
  }

  it('records an unexpected error as a failed item with code INTERNAL, its details only in the log', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const fake = fakeExecute(() => {
      throw new TypeError('boom at https://tenant.example/api?token=abc')
    })
    const runner = createJobRunner({ dir: tempDir(), execute: fake.execute, retry: FAST_RETRY })
    const { id } = await runner.start(spec(items(1)))
    const record = await runner.whenIdle(id)
    expect(fake.calls).toHaveLength(1)
    expect(record.states['delete-session:s0']?.error).toEqual({
      code: 'INTERNAL',
      message: INTERNAL_ERROR_MESSAGE,
    })
    expect(JSON.stringify(record)).not.toContain('boom')
    expect(logged).toHaveBeenCalledWith('A job item failed unexpectedly', expect.any(TypeError))
    logged.mockRestore()
  })
})

describe('job runner: the write-ahead rule and concurrency', () => {
  it('has every item on disk as running before its request is sent', async () => {
    const dir = tempDir()
    let jobId = ''
    const onDisk: string[] = []
    const fake = fakeExecute((item) => {
      onDisk.push(readJournal(dir, jobId).states[item.key]?.status ?? 'missing')
    })
    const runner = createJobRunner({ dir, execute: fake.execute, concurrency: 3 })
    // start resolves once the job is on disk; its first item waits for a write of its own.
    jobId = (await runner.start(spec(items(30)))).id
    await runner.whenIdle(jobId)
    expect(onDisk).toHaveLength(30)
    expect(new Set(onDisk)).toEqual(new Set(['running']))
  })

  it('does not send an item whose running state cannot be journaled, and pauses the job', async () => {
    const dir = tempDir()
    let writes = 0
    const failing: AtomicWrite = async (file, data) => {
      writes += 1
      if (writes > 1) throw new Error('EROFS: read-only file system')
      await writeFileAtomic(file, data)
    }
    const fake = fakeExecute()
    const runner = createJobRunner({ dir, execute: fake.execute, writeAtomic: failing })
    const { id } = await runner.start(spec(items(5)))
    const record = await runner.whenIdle(id)
    expect(fake.calls).toEqual([])
    expect(record.status).toBe('paused')
    expect(record.error?.code).toBe('STORAGE')
    expect(record.error?.message).toContain('EROFS')
    expect(statuses(record).every((s) => s === 'pending')).toBe(true)
  })

  it('rejects start with STORAGE when the job cannot be written, sending nothing', async () => {
    const fake = fakeExecute()
    const runner = createJobRunner({
      dir: tempDir(),
      execute: fake.execute,
      writeAtomic: async () => {
        throw new Error('ENOSPC')
      },
    })
    await expect(runner.start(spec(items(3)))).rejects.toMatchObject({ code: 'STORAGE' })
    expect(runner.list()).toEqual([])
    expect(fake.calls).toEqual([])
  })

  it('keeps at most `concurrency` items in flight (default 4)', async () => {
    const slow = () => new Promise<void>((resolve) => setTimeout(resolve, 5))
    const byDefault = fakeExecute(slow)
    const runner = createJobRunner({ dir: tempDir(), execute: byDefault.execute })
    await runner.whenIdle((await runner.start(spec(items(40)))).id)
    expect(byDefault.maxInFlight).toBe(4)
    const two = fakeExecute(slow)
    const narrow = createJobRunner({ dir: tempDir(), execute: two.execute, concurrency: 2 })
    await narrow.whenIdle((await narrow.start(spec(items(20)))).id)
    expect(two.maxInFlight).toBe(2)
  })
})

describe('job runner: exactly the items', () => {
  it('executes the items given at start and nothing added or changed later', async () => {
    const gate = deferred()
    const fake = fakeExecute(() => gate.promise)
    const runner = createJobRunner({ dir: tempDir(), execute: fake.execute, concurrency: 1 })
    const list = items(3)
    const job = spec(list)
    const { id } = await runner.start(job)
    list.push(...items(2, 'late'))
    ;(list[1] as { targetId: string }).targetId = 'changed'
    job.items = items(10, 'other')
    gate.resolve()
    const record = await runner.whenIdle(id)
    expect(fake.calls).toEqual(['delete-session:s0', 'delete-session:s1', 'delete-session:s2'])
    expect(record.items.map((i) => i.targetId)).toEqual(['s0', 's1', 's2'])
    expect(Object.keys(record.states)).toHaveLength(3)
  })

  it('rejects duplicate or empty keys', async () => {
    const runner = createJobRunner({ dir: tempDir(), execute: fakeExecute().execute })
    const twice = [...items(2), ...items(1)]
    await expect(runner.start(spec(twice))).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    const empty = [{ ...items(1)[0], key: '' } as LogoutRequest]
    await expect(runner.start(spec(empty))).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('completes a job without items at once', async () => {
    const runner = createJobRunner({ dir: tempDir(), execute: fakeExecute().execute })
    const { id } = await runner.start(spec([]))
    expect((await runner.whenIdle(id)).status).toBe('completed')
  })
})

describe('job runner: cancel, pause, resume, retry', () => {
  it('cancel: pending items become cancelled, items in flight finish', async () => {
    const gates = new Map<string, Deferred>()
    const fake = fakeExecute((item) => {
      const gate = deferred()
      gates.set(item.key, gate)
      return gate.promise
    })
    const runner = createJobRunner({ dir: tempDir(), execute: fake.execute, concurrency: 2 })
    const { id } = await runner.start(spec(items(10)))
    await vi.waitFor(() => expect(gates.size).toBe(2))
    const cancelled = await runner.cancel(id)
    expect(cancelled.status).toBe('cancelled')
    expect(statuses(cancelled).filter((s) => s === 'cancelled')).toHaveLength(8)
    expect(statuses(cancelled).filter((s) => s === 'running')).toHaveLength(2)
    for (const gate of gates.values()) gate.resolve()
    const record = await runner.whenIdle(id)
    expect(record.status).toBe('cancelled')
    expect(runner.progress(id)).toMatchObject({ done: 2, cancelled: 8, running: 0, pending: 0 })
    expect(fake.calls).toHaveLength(2)
    // Cancelling again or a finished job changes nothing.
    expect((await runner.cancel(id)).status).toBe('cancelled')
    await expect(runner.resume(id)).rejects.toMatchObject({ code: 'CONFLICT' })
  })

  it('cancel during a retry wait: no more attempts, the item keeps its error as failed', async () => {
    const fake = fakeExecute(() => {
      throw fail('REMOTE')
    })
    const runner = createJobRunner({
      dir: tempDir(),
      execute: fake.execute,
      retry: { attempts: 5, baseDelayMs: 10_000 },
    })
    const { id } = await runner.start(spec(items(1)))
    await vi.waitFor(() => expect(fake.calls).toHaveLength(1))
    await runner.cancel(id)
    const record = await runner.whenIdle(id)
    expect(fake.calls).toHaveLength(1)
    expect(record.states['delete-session:s0']).toMatchObject({
      status: 'failed',
      error: { code: 'REMOTE' },
    })
  })

  it('pause: no new item starts, items in flight finish; resume runs only what is left', async () => {
    const gates: Deferred[] = []
    const fake = fakeExecute(() => {
      const gate = deferred()
      gates.push(gate)
      return gate.promise
    })
    const runner = createJobRunner({ dir: tempDir(), execute: fake.execute, concurrency: 2 })
    const { id } = await runner.start(spec(items(6)))
    await vi.waitFor(() => expect(gates).toHaveLength(2))
    const paused = await runner.pause(id)
    expect(paused.status).toBe('paused')
    for (const gate of gates) gate.resolve()
    const idle = await runner.whenIdle(id)
    expect(idle.status).toBe('paused')
    expect(statuses(idle).filter((s) => s === 'done')).toHaveLength(2)
    expect(statuses(idle).filter((s) => s === 'pending')).toHaveLength(4)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(fake.calls).toHaveLength(2)
    expect(runner.progress(id)).toMatchObject({ status: 'paused', etaSeconds: null })

    const resumed = await runner.resume(id)
    expect(resumed.status).toBe('running')
    await vi.waitFor(() => expect(gates.length).toBeGreaterThan(2))
    const release = setInterval(() => gates.forEach((g) => g.resolve()), 1)
    const record = await runner.whenIdle(id)
    clearInterval(release)
    expect(record.status).toBe('completed')
    expect(fake.calls).toHaveLength(6)
    expect([...fake.perKey.values()].every((n) => n === 1)).toBe(true)
  })

  it('pause during a retry wait puts the item back to pending; resume retries it', async () => {
    const fake = fakeExecute((_item, call) => {
      if (call === 1) throw fail('TIMEOUT')
    })
    const runner = createJobRunner({
      dir: tempDir(),
      execute: fake.execute,
      retry: { attempts: 3, baseDelayMs: 10_000 },
    })
    const { id } = await runner.start(spec(items(1)))
    await vi.waitFor(() => expect(fake.calls).toHaveLength(1))
    await runner.pause(id)
    const paused = await runner.whenIdle(id)
    expect(paused.states['delete-session:s0']).toMatchObject({ status: 'pending', attempts: 1 })
    await runner.resume(id)
    const record = await runner.whenIdle(id)
    expect(record.states['delete-session:s0']).toMatchObject({ status: 'done', attempts: 2 })
  })

  it('pause and resume are refused for jobs that are not running or paused', async () => {
    const runner = createJobRunner({ dir: tempDir(), execute: fakeExecute().execute })
    const { id } = await runner.start(spec(items(1)))
    await runner.whenIdle(id)
    await expect(runner.pause(id)).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(runner.resume(id)).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(runner.pause('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(() => runner.progress('nope')).toThrow(AppFailure)
  })

  it('retryItem sends a failed item again and the job completes again', async () => {
    let broken = true
    const fake = fakeExecute((item) => {
      if (broken && item.targetId === 's1') throw fail('FORBIDDEN')
    })
    const runner = createJobRunner({ dir: tempDir(), execute: fake.execute })
    const { id } = await runner.start(spec(items(3)))
    expect((await runner.whenIdle(id)).states['delete-session:s1']?.status).toBe('failed')
    await expect(runner.retryItem(id, 'delete-session:s0')).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    await expect(runner.retryItem(id, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    broken = false
    const retried = await runner.retryItem(id, 'delete-session:s1')
    expect(retried.status).toBe('running')
    const record = await runner.whenIdle(id)
    expect(record.status).toBe('completed')
    expect(record.states['delete-session:s1']).toMatchObject({ status: 'done', attempts: 2 })
    expect(record.states['delete-session:s1']?.error).toBeUndefined()
    expect(fake.perKey.get('delete-session:s0')).toBe(1)
    expect(fake.perKey.get('delete-session:s1')).toBe(2)
  })

  it('retryFailed sends every failed item again, never the done or gone ones', async () => {
    let broken = true
    const fake = fakeExecute((item) => {
      if (item.targetId === 's0') throw fail('NOT_FOUND')
      if (broken && Number(item.targetId.slice(1)) % 2 === 1) throw fail('INVALID_INPUT')
    })
    const runner = createJobRunner({ dir: tempDir(), execute: fake.execute })
    const { id } = await runner.start(spec(items(6)))
    expect(runner.progress((await runner.whenIdle(id)).id)).toMatchObject({
      gone: 1,
      done: 2,
      failed: 3,
    })
    broken = false
    await runner.retryFailed(id)
    const record = await runner.whenIdle(id)
    expect(runner.progress(id)).toMatchObject({ gone: 1, done: 5, failed: 0 })
    expect(record.status).toBe('completed')
    expect(fake.perKey.get('delete-session:s0')).toBe(1)
    expect(fake.perKey.get('delete-session:s2')).toBe(1)
    expect(fake.perKey.get('delete-session:s1')).toBe(2)
  })

  it('retryItem also takes a cancelled item', async () => {
    const gate = deferred()
    const fake = fakeExecute(() => gate.promise)
    const runner = createJobRunner({ dir: tempDir(), execute: fake.execute, concurrency: 1 })
    const { id } = await runner.start(spec(items(2)))
    await vi.waitFor(() => expect(fake.calls).toHaveLength(1))
    await runner.cancel(id)
    gate.resolve()
    await runner.whenIdle(id)
    await runner.retryItem(id, 'delete-session:s1')
    const record = await runner.whenIdle(id)
    expect(statuses(record)).toEqual(['done', 'done'])
  })
})

describe('job runner: recovery after a crash', () => {
  /** Runs a job until `finished` items are done, then abandons the runner as a crash would. */
  const crashMidway = async (dir: string, total: number, finished: number) => {
    const hang = new Promise<void>(() => {})
    let started = 0
    const fake = fakeExecute(() => (++started <= finished ? undefined : hang))
    const runner = createJobRunner({ dir, execute: fake.execute, concurrency: 3 })
    const { id } = await runner.start(spec(items(total)))
    await vi.waitFor(() => {
      const onDisk = readJournal(dir, id)
      expect(statuses(onDisk).filter((s) => s === 'done')).toHaveLength(finished)
      expect(statuses(onDisk).filter((s) => s === 'running')).toHaveLength(3)
    })
    return { id, fake }
  }

  it('marks running and paused jobs interrupted, running items pending; resume finishes the rest', async () => {
    const dir = tempDir()
    const { id } = await crashMidway(dir, 10, 4)

    const fake = fakeExecute()
    const runner = createJobRunner({ dir, execute: fake.execute })
    const interrupted = runner.recover()
    expect(interrupted.map((r) => r.id)).toEqual([id])
    const [record] = interrupted
    expect(record?.status).toBe('interrupted')
    expect(statuses(record as JobRecord).filter((s) => s === 'done')).toHaveLength(4)
    expect(statuses(record as JobRecord).filter((s) => s === 'pending')).toHaveLength(6)
    expect(record?.states['delete-session:s4']?.attempts).toBe(1)
    expect(runner.progress(id)).toMatchObject({ status: 'interrupted', etaSeconds: null })

    await runner.resume(id)
    const finished = await runner.whenIdle(id)
    expect(finished.status).toBe('completed')
    expect(statuses(finished).every((s) => s === 'done')).toBe(true)
    // The four done before the crash were never sent again.
    expect(fake.calls.sort()).toEqual(
      items(10)
        .slice(4)
        .map((i) => i.key)
        .sort(),
    )
    expect(readJournal(dir, id).status).toBe('completed')
  })

  it('recovers paused jobs as interrupted and lists finished ones without offering them', async () => {
    const dir = tempDir()
    const first = createJobRunner({ dir, execute: fakeExecute().execute })
    const done = await first.start(spec(items(2)))
    await first.whenIdle(done.id)
    const hang = fakeExecute(() => new Promise(() => {}))
    const second = createJobRunner({ dir, execute: hang.execute, concurrency: 1 })
    const paused = await second.start(spec(items(3)))
    await second.pause(paused.id)

    const runner = createJobRunner({ dir, execute: fakeExecute().execute })
    const interrupted = runner.recover()
    expect(interrupted.map((r) => r.id)).toEqual([paused.id])
    expect(
      runner
        .list()
        .map((r) => r.id)
        .sort(),
    ).toEqual([done.id, paused.id].sort())
    expect(runner.get(done.id)?.status).toBe('completed')
    await vi.waitFor(() => expect(readJournal(dir, paused.id).status).toBe('interrupted'))
    // A job still interrupted at the next start is offered again.
    expect(createJobRunner({ dir, execute: fakeExecute().execute }).recover()).toHaveLength(1)
  })

  it('a job cancelled before the crash stays cancelled; its in-doubt items count as cancelled', async () => {
    const dir = tempDir()
    const hang = fakeExecute(() => new Promise(() => {}))
    const first = createJobRunner({ dir, execute: hang.execute, concurrency: 2 })
    const { id } = await first.start(spec(items(5)))
    await vi.waitFor(() => expect(hang.calls).toHaveLength(2))
    await first.cancel(id)
    expect(statuses(readJournal(dir, id)).filter((s) => s === 'running')).toHaveLength(2)

    const fake = fakeExecute()
    const runner = createJobRunner({ dir, execute: fake.execute })
    expect(runner.recover()).toEqual([])
    const record = runner.get(id) as JobRecord
    expect(record.status).toBe('cancelled')
    expect(statuses(record)).toEqual(Array(5).fill('cancelled'))
    await runner.retryItem(id, 'delete-session:s0')
    expect(statuses(await runner.whenIdle(id))[0]).toBe('done')
    expect(fake.calls).toEqual(['delete-session:s0'])
  })

  it('reports a corrupt journal and recovers the others', async () => {
    const dir = tempDir()
    const { id } = await crashMidway(dir, 5, 1)
    writeFileSync(join(dir, 'job-broken.json'), '{"format":1,"job":{"id":"bro')
    const problems: string[] = []
    const runner = createJobRunner({
      dir,
      execute: fakeExecute().execute,
      onJournalProblem: (p) => problems.push(p.message),
    })
    expect(runner.recover().map((r) => r.id)).toEqual([id])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/job-broken\.json is unreadable \(it is not valid JSON\)/)
    expect(runner.journalProblems()).toHaveLength(1)
    expect(readdirSync(dir).some((f) => f.startsWith('job-broken.json.corrupt-'))).toBe(true)
  })

  it('discard forgets the job and deletes its journal', async () => {
    const dir = tempDir()
    const { id } = await crashMidway(dir, 5, 1)
    const fake = fakeExecute()
    const runner = createJobRunner({ dir, execute: fake.execute })
    runner.recover()
    await runner.discard(id)
    expect(runner.get(id)).toBeUndefined()
    expect(runner.list()).toEqual([])
    expect(readdirSync(dir)).toEqual([])
    expect(fake.calls).toEqual([])
  })

  it('discard of a running job aborts what is in flight and starts nothing more', async () => {
    const dir = tempDir()
    const signals: AbortSignal[] = []
    const runner = createJobRunner({
      dir,
      concurrency: 2,
      execute: (_item, signal) => {
        signals.push(signal)
        return new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(new Error('aborted')))
        })
      },
    })
    const { id } = await runner.start(spec(items(5)))
    await vi.waitFor(() => expect(signals).toHaveLength(2))
    await runner.discard(id)
    expect(signals.every((s) => s.aborted)).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(signals).toHaveLength(2)
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('job runner: progress, rate and ETA', () => {
  it('measures the rate over a sliding window of completions and derives the ETA', async () => {
    let t = Date.parse('2025-01-01T00:00:00.000Z')
    const gates: Deferred[] = []
    const fake = fakeExecute(() => {
      const gate = deferred()
      gates.push(gate)
      return gate.promise
    })
    const seen: number[] = []
    const runner = createJobRunner({
      dir: tempDir(),
      execute: fake.execute,
      concurrency: 1,
      now: () => t,
      rateWindowMs: 10_000,
      onProgress: (p) => seen.push(p.done),
    })
    const { id } = await runner.start(spec(items(100)))
    expect(runner.progress(id)).toMatchObject({
      total: 100,
      pending: 99,
      running: 1,
      ratePerSecond: 0,
      etaSeconds: null,
      startedAt: '2025-01-01T00:00:00.000Z',
    })
    // 20 items finish over 2 s: 10 per second.
    for (let i = 1; i <= 20; i++) {
      await vi.waitFor(() => expect(gates).toHaveLength(i))
      t += 100
      gates[i - 1]?.resolve()
    }
    await vi.waitFor(() => expect(runner.progress(id).done).toBe(20))
    expect(runner.progress(id)).toMatchObject({
      done: 20,
      pending: 79,
      running: 1,
      ratePerSecond: 10,
      etaSeconds: 8,
    })
    // 12 s later nothing finished in the window: no rate, no ETA.
    t += 12_000
    expect(runner.progress(id)).toMatchObject({ ratePerSecond: 0, etaSeconds: null })
    // Two finish within the next second: the window is 10 s long, so 0.2 per second.
    for (let i = 21; i <= 22; i++) {
      await vi.waitFor(() => expect(gates).toHaveLength(i))
      t += 500
      gates[i - 1]?.resolve()
    }
    await vi.waitFor(() => expect(runner.progress(id).done).toBe(22))
    expect(runner.progress(id)).toMatchObject({ ratePerSecond: 0.2, etaSeconds: 390 })
    expect(seen.at(-1)).toBe(22)
    await runner.cancel(id)
    gates.at(-1)?.resolve()
    expect(runner.progress((await runner.whenIdle(id)).id)).toMatchObject({
      status: 'cancelled',
      etaSeconds: 0,
      cancelled: 77,
    })
  })

  it('does not promise an absurd rate from the first completions (at least a one-second span)', async () => {
    let t = 1_000_000
    const gate = deferred()
    const fake = fakeExecute((item) => (item.targetId === 's0' ? undefined : gate.promise))
    const runner = createJobRunner({
      dir: tempDir(),
      execute: fake.execute,
      concurrency: 1,
      now: () => t,
    })
    const { id } = await runner.start(spec(items(11)))
    t += 10
    await vi.waitFor(() => expect(runner.progress(id).done).toBe(1))
    expect(runner.progress(id)).toMatchObject({ ratePerSecond: 1, etaSeconds: 10 })
    gate.resolve()
    await runner.whenIdle(id)
    expect(runner.progress(id)).toMatchObject({ status: 'completed', etaSeconds: 0 })
  })

  it('restarts the rate window when a paused job resumes', async () => {
    let t = 0
    const gates: Deferred[] = []
    const fake = fakeExecute(() => {
      const gate = deferred()
      gates.push(gate)
      return gate.promise
    })
    const runner = createJobRunner({
      dir: tempDir(),
      execute: fake.execute,
      concurrency: 1,
      now: () => t,
    })
    const { id } = await runner.start(spec(items(10)))
    await vi.waitFor(() => expect(gates).toHaveLength(1))
    t += 500
    gates[0]?.resolve()
    await vi.waitFor(() => expect(gates).toHaveLength(2))
    await runner.pause(id)
    gates[1]?.resolve()
    await runner.whenIdle(id)
    t += 60_000
    await runner.resume(id)
    expect(runner.progress(id)).toMatchObject({ ratePerSecond: 0, etaSeconds: null, done: 2 })
    await runner.cancel(id)
    gates.forEach((g) => g.resolve())
    await runner.whenIdle(id)
  })
})
