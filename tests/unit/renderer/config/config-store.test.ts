import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type {
  ConfigDraft,
  ConfigWorkspace,
  PushPreview,
  PushReceipt,
  Result,
} from '../../../../preload/contract'
import type { JsonValue, TenantConfiguration } from '../../../../core/config/model'
import {
  createConfigStore,
  SAVE_DELAY_MS,
  selectCanRedo,
  selectCanUndo,
  selectWorkingConfig,
} from '../../../../renderer/features/config/config-store'

type ConfigApi = Parameters<typeof createConfigStore>[0]

const snapshot: TenantConfiguration = {
  version: 1,
  source: {
    kind: 'tenant',
    tenantId: 't1',
    domain: 't1.example.com',
    pulledAt: '2026-01-01T00:00:00Z',
  },
  resources: {
    tenant: {
      kind: 'tenant',
      name: 'tenant',
      context: {},
      fields: { session_lifetime: 72, idle_session_lifetime: 24 },
    },
  },
}

const workspaceOf = (tenantId: string): ConfigWorkspace => ({
  tenantId,
  snapshot: { ...snapshot, source: { ...snapshot.source, tenantId } as typeof snapshot.source },
  draft: null,
  draftSavedAt: null,
  notices: [],
})

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value })
const storageError = { code: 'STORAGE', message: 'The disk is full.' } as const

/** One call of saveConfigDraft, answered when the test says so. */
interface SaveCall {
  tenantId: string
  draft: ConfigDraft
  answer(result?: Result<{ savedAt: string }>): void
}

/** A config API whose draft saves stay in flight until answered, so tests decide the timing. */
function fakeConfigApi() {
  const saves: SaveCall[] = []
  const calls: string[] = []
  let inFlight = 0
  let maxInFlight = 0
  const api: ConfigApi = {
    getConfigWorkspace: ({ tenantId }) => (
      calls.push(`open ${tenantId}`),
      ok(workspaceOf(tenantId))
    ),
    pullConfig: ({ tenantId }) =>
      Promise.resolve({
        ok: false,
        error: { code: 'CONFLICT', message: `The draft of ${tenantId} has unpushed edits.` },
      }),
    saveConfigDraft: ({ tenantId, draft }) =>
      new Promise((resolve) => {
        calls.push(`save ${tenantId}`)
        inFlight += 1
        maxInFlight = Math.max(maxInFlight, inFlight)
        saves.push({
          tenantId,
          draft,
          answer: (result = { ok: true, value: { savedAt: `saved-${saves.length}` } }) => {
            inFlight -= 1
            resolve(result)
          },
        })
      }),
    discardConfigDraft: ({ tenantId }) => (
      calls.push(`discard ${tenantId}`),
      ok(workspaceOf(tenantId))
    ),
    previewConfigPush: ({ tenantId }) => (
      calls.push(`preview ${tenantId}`),
      ok<PushPreview>({
        previewId: 'p1',
        tenant: { id: tenantId, name: 'T1', environment: 'development', kind: 'sandbox' },
        resources: [],
        counts: { push: 0, conflict: 0, theirs: 0, same: 0, blocked: 0 },
        problems: [],
        expiresAt: '2026-01-01T01:00:00Z',
      })
    ),
    pushConfig: () =>
      ok<PushReceipt>({
        tenantId: 't1',
        startedAt: '',
        endedAt: '',
        results: [],
        workspace: workspaceOf('t1'),
      }),
  }
  return { api, saves, calls, maxInFlight: () => maxInFlight }
}

/** Lets queued promise callbacks run (fake timers do not advance them). */
async function settle() {
  for (let i = 0; i < 20; i += 1) await Promise.resolve()
}

const fieldOf = (draft: ConfigDraft | null | undefined, field: string) =>
  draft?.config.resources['tenant']?.fields[field]

async function openStore() {
  const fake = fakeConfigApi()
  const store = createConfigStore(fake.api)
  await store.getState().open('t1')
  const type = (field: string, after: JsonValue | null) =>
    store.getState().edit([{ resource: 'tenant', field, after }], { coalesce: true })
  return { ...fake, store, type }
}

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('config store: saving the draft', () => {
  it('coalesces quick edits into one save of the newest draft after typing pauses', async () => {
    const { store, saves, type } = await openStore()
    type('session_lifetime', 7)
    await vi.advanceTimersByTimeAsync(100)
    type('session_lifetime', 70)
    await vi.advanceTimersByTimeAsync(100)
    type('session_lifetime', 700)
    expect(store.getState().save.status).toBe('pending')
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS - 1)
    expect(saves).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(saves).toHaveLength(1)
    expect(fieldOf(saves[0]?.draft, 'session_lifetime')).toBe(700)
    expect(store.getState().save.status).toBe('saving')
    saves[0]?.answer()
    await settle()
    expect(store.getState().save).toEqual({ status: 'saved', savedAt: 'saved-1', error: null })
  })

  it('writes edits made during a save after it, newest last, never two at once', async () => {
    const { store, saves, type, maxInFlight } = await openStore()
    type('session_lifetime', 1)
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS)
    expect(saves).toHaveLength(1)
    // The first save is still being written while the user keeps typing and pauses again.
    type('idle_session_lifetime', 2)
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS)
    type('idle_session_lifetime', 3)
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS)
    expect(saves).toHaveLength(1)
    saves[0]?.answer()
    await settle()
    // Queued writes run one after another; each writes the draft as it was when its pause ended.
    saves[1]?.answer()
    await settle()
    saves[2]?.answer()
    await settle()
    expect(maxInFlight()).toBe(1)
    const last = saves[saves.length - 1]
    expect(last?.draft).toBe(store.getState().draft)
    expect(fieldOf(last?.draft, 'idle_session_lifetime')).toBe(3)
    expect(saves.map((s) => fieldOf(s.draft, 'idle_session_lifetime'))).toEqual([24, 2, 3])
    expect(store.getState().save.status).toBe('saved')
  })

  it('stays pending, not saved, when a save answers while a newer edit waits', async () => {
    const { store, saves, type } = await openStore()
    type('session_lifetime', 1)
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS)
    type('session_lifetime', 2)
    saves[0]?.answer()
    await settle()
    expect(store.getState().save.status).toBe('pending')
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS)
    expect(saves).toHaveLength(2)
    expect(fieldOf(saves[1]?.draft, 'session_lifetime')).toBe(2)
  })

  it('flush writes a pending edit at once, and only once', async () => {
    const { store, saves, type } = await openStore()
    type('session_lifetime', 5)
    const flushed = store.getState().flush()
    await settle()
    expect(saves).toHaveLength(1)
    expect(fieldOf(saves[0]?.draft, 'session_lifetime')).toBe(5)
    saves[0]?.answer()
    await flushed
    expect(store.getState().save.status).toBe('saved')
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 3)
    expect(saves).toHaveLength(1)
  })

  it('flush with nothing to write waits for the save in flight and writes nothing', async () => {
    const { store, saves, type } = await openStore()
    await store.getState().flush()
    expect(saves).toHaveLength(0)
    type('session_lifetime', 5)
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS)
    let done = false
    void store
      .getState()
      .flush()
      .then(() => (done = true))
    await settle()
    expect(done).toBe(false)
    saves[0]?.answer()
    await settle()
    expect(done).toBe(true)
    expect(saves).toHaveLength(1)
  })

  it('keeps the draft and shows the error when a save fails; flush and the next edit retry', async () => {
    const { store, saves, type } = await openStore()
    type('session_lifetime', 5)
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS)
    saves[0]?.answer({ ok: false, error: storageError })
    await settle()
    expect(store.getState().save).toMatchObject({ status: 'error', error: storageError })
    expect(fieldOf(store.getState().draft, 'session_lifetime')).toBe(5)

    const retried = store.getState().flush()
    await settle()
    expect(saves).toHaveLength(2)
    expect(fieldOf(saves[1]?.draft, 'session_lifetime')).toBe(5)
    saves[1]?.answer({ ok: false, error: storageError })
    await retried
    expect(store.getState().save.status).toBe('error')

    type('session_lifetime', 6)
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS)
    expect(saves).toHaveLength(3)
    expect(store.getState().save.error).toBeNull()
    saves[2]?.answer()
    await settle()
    expect(store.getState().save.status).toBe('saved')
    expect(fieldOf(saves[2]?.draft, 'session_lifetime')).toBe(6)
  })

  it('keeps saving later edits after a save call rejects', async () => {
    const { api, saves, calls } = fakeConfigApi()
    let rejectNext = true
    const store = createConfigStore({
      ...api,
      saveConfigDraft: (input) => {
        if (!rejectNext) return api.saveConfigDraft(input)
        rejectNext = false
        return Promise.reject(new Error('An object could not be cloned.'))
      },
    })
    await store.getState().open('t1')
    store.getState().edit([{ resource: 'tenant', field: 'session_lifetime', after: 5 }])
    await store.getState().flush()
    expect(store.getState().save.status).toBe('error')
    store.getState().edit([{ resource: 'tenant', field: 'session_lifetime', after: 6 }])
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS)
    expect(calls).toEqual(['open t1', 'save t1'])
    saves[0]?.answer()
    await settle()
    expect(fieldOf(saves[0]?.draft, 'session_lifetime')).toBe(6)
    expect(store.getState().save.status).toBe('saved')
  })

  it('writes a pending edit before opening another tenant', async () => {
    const { store, saves, calls, type } = await openStore()
    type('session_lifetime', 5)
    const opening = store.getState().open('t2')
    await settle()
    expect(saves).toHaveLength(1)
    expect(saves[0]?.tenantId).toBe('t1')
    expect(calls).toEqual(['open t1', 'save t1'])
    saves[0]?.answer()
    await opening
    expect(calls).toEqual(['open t1', 'save t1', 'open t2'])
    expect(store.getState().tenantId).toBe('t2')
    expect(store.getState().draft).toBeNull()
  })

  it('writes a pending edit before previewing a push', async () => {
    const { store, saves, calls, type } = await openStore()
    type('session_lifetime', 5)
    const opening = store.getState().openPush()
    await settle()
    expect(calls).toEqual(['open t1', 'save t1'])
    saves[0]?.answer()
    await opening
    expect(calls).toEqual(['open t1', 'save t1', 'preview t1'])
    expect(store.getState().push.phase).toBe('preview')
  })

  it('discarding cancels the pending save and waits for the one in flight', async () => {
    const { store, saves, calls, type } = await openStore()
    type('session_lifetime', 5)
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS)
    type('session_lifetime', 6)
    const discarding = store.getState().discardDraft()
    await settle()
    expect(calls).toEqual(['open t1', 'save t1'])
    saves[0]?.answer()
    await discarding
    expect(calls).toEqual(['open t1', 'save t1', 'discard t1'])
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 3)
    expect(saves).toHaveLength(1)
    expect(store.getState().draft).toBeNull()
    expect(store.getState().save.status).toBe('idle')
  })

  it('a pull refused for unpushed edits is a conflict, and the draft stays', async () => {
    const { store, saves, type } = await openStore()
    type('session_lifetime', 5)
    const pulling = store.getState().pullSnapshot()
    await settle()
    saves[0]?.answer()
    await pulling
    expect(store.getState().pull.status).toBe('conflict')
    expect(fieldOf(store.getState().draft, 'session_lifetime')).toBe(5)
  })
})

describe('config store: undo and redo', () => {
  it('typing in one field within a second is one undo step; a pause starts another', async () => {
    const { store, type } = await openStore()
    type('session_lifetime', 7)
    await vi.advanceTimersByTimeAsync(200)
    type('session_lifetime', 70)
    expect(store.getState().draft?.undo).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1500)
    type('session_lifetime', 700)
    expect(store.getState().draft?.undo).toHaveLength(2)
    store.getState().undo()
    expect(fieldOf(store.getState().draft, 'session_lifetime')).toBe(70)
    store.getState().undo()
    expect(fieldOf(store.getState().draft, 'session_lifetime')).toBe(72)
    expect(selectCanUndo(store.getState())).toBe(false)
    store.getState().redo()
    expect(fieldOf(store.getState().draft, 'session_lifetime')).toBe(70)
    expect(selectCanRedo(store.getState())).toBe(true)
  })

  it('edits of different fields are separate steps; undo and redo are saved too', async () => {
    const { store, saves, type } = await openStore()
    type('session_lifetime', 1)
    type('idle_session_lifetime', 2)
    expect(store.getState().draft?.undo).toHaveLength(2)
    store.getState().undo()
    expect(selectWorkingConfig(store.getState())?.resources['tenant']?.fields).toEqual({
      session_lifetime: 1,
      idle_session_lifetime: 24,
    })
    expect(store.getState().save.status).toBe('pending')
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS)
    expect(saves).toHaveLength(1)
    expect(fieldOf(saves[0]?.draft, 'idle_session_lifetime')).toBe(24)
    saves[0]?.answer()
    await settle()
    store.getState().redo()
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS)
    expect(fieldOf(saves[1]?.draft, 'idle_session_lifetime')).toBe(2)
  })

  it('typing a field back to where it began removes the step and keeps what can be redone', async () => {
    const { store, type } = await openStore()
    type('session_lifetime', 1)
    store.getState().undo()
    expect(selectCanRedo(store.getState())).toBe(true)
    await vi.advanceTimersByTimeAsync(1500)
    type('idle_session_lifetime', 25)
    type('idle_session_lifetime', 24)
    expect(store.getState().draft?.undo).toHaveLength(0)
    expect(selectCanRedo(store.getState())).toBe(false)
  })

  it('typing on after typing a field back never undoes another field’s edit', async () => {
    const { store, type } = await openStore()
    type('session_lifetime', 1)
    await vi.advanceTimersByTimeAsync(1500)
    // Type a character, delete it, type another: quickly, in a second field.
    type('idle_session_lifetime', 241)
    type('idle_session_lifetime', 24)
    type('idle_session_lifetime', 242)
    const fields = store.getState().draft?.config.resources['tenant']?.fields
    expect(fields).toEqual({ session_lifetime: 1, idle_session_lifetime: 242 })
    store.getState().undo()
    expect(fieldOf(store.getState().draft, 'session_lifetime')).toBe(1)
  })
})
