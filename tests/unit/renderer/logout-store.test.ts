import { describe, expect, it } from 'vitest'
import type {
  AppError,
  JobView,
  LogoutAction,
  LogoutReceipt,
  PreviewedLogout,
  Result,
} from '../../../preload/contract'
import { createLogoutStore, selectJobList } from '../../../renderer/features/logout/logout-store'
import { fakeEvent } from './fake-event'

type LogoutApi = Parameters<typeof createLogoutStore>[0]

const remoteError: AppError = { code: 'REMOTE', message: 'Auth0 answered 500.' }

function job(id: string, updatedAt: string, extra: Partial<JobView> = {}): JobView {
  return {
    progress: {
      id,
      status: 'running',
      total: 2,
      done: 0,
      gone: 0,
      failed: 0,
      cancelled: 0,
      pending: 2,
      running: 0,
      ratePerSecond: 0,
      etaSeconds: null,
      startedAt: '2026-01-01T10:00:00.000Z',
      updatedAt,
    },
    tenantId: 'sandbox',
    action: 'Sign out 2 sessions of alice@example.com',
    items: [],
    ...extra,
  }
}

const withStatus = (view: JobView, status: JobView['progress']['status']): JobView => ({
  ...view,
  progress: { ...view.progress, status },
})

function receipt(jobId: string): LogoutReceipt {
  return {
    jobId,
    tenantId: 'sandbox',
    action: 'Sign out 2 sessions of alice@example.com',
    finishedAt: '2026-01-01T10:00:05.000Z',
    items: [],
    counts: { verified: 2, pending: 0, failed: 0 },
    remains: {
      idpSessions: [],
      appSessions: [],
      refreshTokens: [],
      sessions: [],
      accessTokens: 'until expiry',
    },
  }
}

function previewed(previewId: string, title: string): PreviewedLogout {
  return {
    previewId,
    preview: {
      action: { kind: 'delete-session', sessionId: 's1' },
      title,
      global: false,
      ends: { sessions: [], refreshTokens: [] },
      backchannel: [],
      survives: {
        accessTokens: 'until expiry',
        idpSessions: [],
        refreshTokens: [],
        appSessions: [],
        sessions: [],
      },
      warnings: [],
      requests: [],
      counts: { sessions: 1, refreshTokens: 0, requests: 1 },
    },
    tenant: { id: 'sandbox', name: 'Sandbox', environment: 'development', kind: 'sandbox' },
    confirmText: null,
    expiresAt: '2026-01-01T10:05:00.000Z',
  }
}

/** A promise the test resolves by hand, to decide which answer arrives first. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value })
const failed = <T>(error: AppError = remoteError): Promise<Result<T>> =>
  Promise.resolve({ ok: false, error })

function fakeLogoutApi(overrides: Partial<LogoutApi> = {}) {
  const jobChanged = fakeEvent<JobView>()
  const calls: unknown[] = []
  const api: LogoutApi = {
    previewLogout: ({ userId }) => ok(previewed(`preview-${userId}`, `End 1 session of ${userId}`)),
    planBulkLogout: () => ok(previewed('preview-bulk', 'End 3 sessions of 3 users')),
    startLogout: (input) => (calls.push(input), ok(job('job-1', '2026-01-01T10:00:00.000Z'))),
    listJobs: () =>
      ok([
        job('job-a', '2026-01-01T09:00:00.000Z'),
        { ...job('job-b', '2026-01-01T09:30:00.000Z') },
      ]),
    controlJob: (input) => (
      calls.push(input),
      ok<JobView | null>(
        input.command === 'discard'
          ? null
          : withStatus(job(input.id, '2026-01-01T10:00:09.000Z'), 'paused'),
      )
    ),
    retryJobItem: (input) => (calls.push(input), ok(job(input.id, '2026-01-01T10:00:10.000Z'))),
    listActivity: () => ok({ entries: [], skippedLines: 2 }),
    exportActivity: ({ format }) => ok({ filename: `activity.${format}`, content: '[]' }),
    onJobChanged: jobChanged.on,
    ...overrides,
  }
  return { api, calls, jobChanged }
}

describe('logout store: jobs', () => {
  it('never lets an older state of a job replace a newer one', () => {
    const store = createLogoutStore(fakeLogoutApi().api)
    const newer = withStatus(job('j', '2026-01-01T10:00:05.000Z'), 'completed')
    store.getState().receiveJob(newer)
    store.getState().receiveJob(job('j', '2026-01-01T10:00:01.000Z'))
    expect(store.getState().jobs['j']?.progress.status).toBe('completed')
    store.getState().receiveJob(withStatus(job('j', '2026-01-01T10:00:06.000Z'), 'paused'))
    expect(store.getState().jobs['j']?.progress.status).toBe('paused')
  })

  it('keeps a known receipt when the same state of the job arrives again without it', () => {
    const store = createLogoutStore(fakeLogoutApi().api)
    const at = '2026-01-01T10:00:05.000Z'
    store.getState().receiveJob({ ...job('j', at), receipt: receipt('j') })
    store.getState().receiveJob(job('j', at))
    expect(store.getState().jobs['j']?.receipt?.jobId).toBe('j')
    // A newer state is the job's own word: it replaces everything.
    store.getState().receiveJob(job('j', '2026-01-01T10:00:06.000Z'))
    expect(store.getState().jobs['j']?.receipt).toBeUndefined()
  })

  it('follows job events from main until unsubscribed', () => {
    const { api, jobChanged } = fakeLogoutApi()
    const store = createLogoutStore(api)
    const stop = store.getState().listen()
    jobChanged.emit(job('j', '2026-01-01T10:00:01.000Z'))
    expect(Object.keys(store.getState().jobs)).toEqual(['j'])
    // Events go through the same ordering rule as answers.
    jobChanged.emit(withStatus(job('j', '2026-01-01T10:00:00.000Z'), 'paused'))
    expect(store.getState().jobs['j']?.progress.status).toBe('running')
    stop()
    expect(jobChanged.listeners()).toBe(0)
    jobChanged.emit(job('k', '2026-01-01T10:00:02.000Z'))
    expect(store.getState().jobs['k']).toBeUndefined()
  })

  it('lists jobs newest first and shows a failed list', async () => {
    const store = createLogoutStore(fakeLogoutApi().api)
    await store.getState().loadJobs()
    store.getState().receiveJob({
      ...job('job-c', '2026-01-01T11:00:00.000Z'),
      progress: {
        ...job('job-c', '').progress,
        startedAt: '2026-01-01T11:00:00.000Z',
        updatedAt: '2026-01-01T11:00:00.000Z',
      },
    })
    expect(selectJobList(store.getState()).map((j) => j.progress.id)[0]).toBe('job-c')
    expect(store.getState().jobsError).toBeNull()

    const broken = createLogoutStore(fakeLogoutApi({ listJobs: () => failed() }).api)
    await broken.getState().loadJobs()
    expect(broken.getState().jobsError).toEqual(remoteError)
  })

  it('applies control answers; discard removes the job; errors are shown', async () => {
    const { api, calls } = fakeLogoutApi()
    const store = createLogoutStore(api)
    store.getState().receiveJob(job('j', '2026-01-01T10:00:00.000Z'))
    store.getState().receiveJob(job('other', '2026-01-01T10:00:00.000Z'))
    await store.getState().control('j', 'pause')
    expect(store.getState().jobs['j']?.progress.status).toBe('paused')
    await store.getState().retryItem('j', 'session:s1')
    expect(store.getState().jobs['j']?.progress.updatedAt).toBe('2026-01-01T10:00:10.000Z')
    await store.getState().control('j', 'discard')
    expect(Object.keys(store.getState().jobs)).toEqual(['other'])
    expect(calls).toEqual([
      { id: 'j', command: 'pause' },
      { id: 'j', key: 'session:s1' },
      { id: 'j', command: 'discard' },
    ])

    const refusing = createLogoutStore(
      fakeLogoutApi({ controlJob: () => failed(), retryJobItem: () => failed() }).api,
    )
    refusing.getState().receiveJob(job('j', '2026-01-01T10:00:00.000Z'))
    await refusing.getState().control('j', 'discard')
    expect(refusing.getState().jobs['j']).toBeDefined()
    expect(refusing.getState().jobsError).toEqual(remoteError)
  })
})

describe('logout store: the dialog', () => {
  it('previews, then starts exactly the previewed job with the trimmed reason', async () => {
    const { api, calls } = fakeLogoutApi()
    const store = createLogoutStore(api)
    const action: LogoutAction = { kind: 'delete-session', sessionId: 's1' }
    const opening = store.getState().openPreview('alice', action)
    expect(store.getState().dialog.phase).toBe('previewing')
    await opening
    expect(store.getState().dialog).toMatchObject({ phase: 'preview', userId: 'alice' })
    await store.getState().confirm('', '  incident 42  ')
    expect(calls).toEqual([{ previewId: 'preview-alice', reason: 'incident 42' }])
    expect(store.getState().dialog).toEqual({ phase: 'job', userId: 'alice', jobId: 'job-1' })
    expect(store.getState().jobs['job-1']).toBeDefined()
  })

  it('keeps the preview open with the error when starting fails', async () => {
    const store = createLogoutStore(fakeLogoutApi({ startLogout: () => failed() }).api)
    await store.getState().openPreview('alice', { kind: 'delete-session', sessionId: 's1' })
    await store.getState().confirm('alice@example.com', '')
    expect(store.getState().dialog).toMatchObject({
      phase: 'preview',
      starting: false,
      error: remoteError,
    })
  })

  it('a failed preview can be tried again', async () => {
    let answers = 0
    const store = createLogoutStore(
      fakeLogoutApi({
        previewLogout: () => (answers++ === 0 ? failed() : ok(previewed('p2', 'End 1 session'))),
      }).api,
    )
    await store.getState().openPreview('alice', { kind: 'delete-session', sessionId: 's1' })
    const dialog = store.getState().dialog
    expect(dialog.phase).toBe('preview-error')
    if (dialog.phase === 'preview-error') await dialog.retry()
    expect(store.getState().dialog).toMatchObject({ phase: 'preview', userId: 'alice' })
  })

  it('a preview answering after the dialog was closed does not reopen it', async () => {
    const late = deferred<Result<PreviewedLogout>>()
    const store = createLogoutStore(fakeLogoutApi({ previewLogout: () => late.promise }).api)
    const opening = store.getState().openPreview('alice', {
      kind: 'delete-session',
      sessionId: 's1',
    })
    store.getState().close()
    late.resolve({ ok: true, value: previewed('p1', 'End 1 session of alice') })
    await opening
    expect(store.getState().dialog.phase).toBe('closed')
  })

  it('an older preview answering last never replaces the one asked for since', async () => {
    const alice = deferred<Result<PreviewedLogout>>()
    const store = createLogoutStore(fakeLogoutApi({ previewLogout: () => alice.promise }).api)
    const first = store.getState().openPreview('alice', { kind: 'delete-session', sessionId: 's1' })
    store.getState().close()
    await store.getState().openBulkPreview({
      source: { kind: 'list', text: 'bob' },
      mode: 'all-sessions',
    })
    alice.resolve({ ok: true, value: previewed('preview-alice', 'End 1 session of alice') })
    await first
    const dialog = store.getState().dialog
    expect(dialog.phase === 'preview' && dialog.previewed.previewId).toBe('preview-bulk')
  })
})

describe('logout store: activity', () => {
  it('loads the log and reports skipped lines; export failures are shown', async () => {
    const store = createLogoutStore(fakeLogoutApi({ exportActivity: () => failed() }).api)
    await store.getState().loadActivity()
    expect(store.getState()).toMatchObject({ activityStatus: 'ready', activitySkipped: 2 })
    expect(await store.getState().exportActivity('json')).toBeNull()
    expect(store.getState().activityError).toEqual(remoteError)
  })

  it('shows a failed load', async () => {
    const store = createLogoutStore(fakeLogoutApi({ listActivity: () => failed() }).api)
    await store.getState().loadActivity()
    expect(store.getState()).toMatchObject({ activityStatus: 'error', activityError: remoteError })
  })
})
