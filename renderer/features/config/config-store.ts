import { createStore } from 'zustand/vanilla'
import type {
  AppError,
  ConfigDraft,
  ConfigWorkspace,
  ConsoleApi,
  PushPreview,
  PushReceipt,
  Result,
} from '../../../preload/contract'
import { applyEdits, canRedo, canUndo, newDraft, redo, undo } from '../../../core/config/draft'
import type { JsonValue, TenantConfiguration } from '../../../core/config/model'

type ConfigApi = Pick<
  ConsoleApi,
  | 'getConfigWorkspace'
  | 'pullConfig'
  | 'saveConfigDraft'
  | 'discardConfigDraft'
  | 'previewConfigPush'
  | 'pushConfig'
>

/** The tabs of the configuration screen. */
export type ConfigTab = 'edit' | 'changes' | 'compare' | 'effect'

/** One field edit as the forms make it. */
export interface FieldEdit {
  resource: string
  field: string
  after: JsonValue | null
}

/** Where the draft stands on disk. `pending`: edited, the save is waiting for typing to pause. */
export interface SaveState {
  status: 'idle' | 'pending' | 'saving' | 'saved' | 'error'
  savedAt: string | null
  error: AppError | null
}

/** A pull: `conflict` when main refused because the draft holds unpushed edits. */
export interface PullState {
  status: 'idle' | 'loading' | 'error' | 'conflict'
  error: AppError | null
}

/** Another tenant's workspace, read for the Compare tab. */
export interface WorkspaceEntry {
  status: 'loading' | 'ready' | 'error'
  value?: ConfigWorkspace
  error?: AppError
}

/** A Deploy CLI export read from files, for Compare. */
export interface ImportedConfig {
  id: string
  name: string
  config: TenantConfiguration
  warnings: string[]
}

/** One side of a comparison. */
export type CompareSide =
  | { kind: 'draft' }
  | { kind: 'snapshot'; tenantId: string }
  | { kind: 'import'; id: string }
  | { kind: 'none' }

/** The push dialog: preview → resolve conflicts and confirm → per-resource results. */
export type PushDialog =
  | { phase: 'closed' }
  | { phase: 'previewing' }
  | { phase: 'preview-error'; error: AppError }
  | {
      phase: 'preview'
      preview: PushPreview
      /** `resource\u0000field` → choice, for every conflict the user answered. */
      resolutions: Record<string, 'mine' | 'theirs'>
      pushing: boolean
      error: AppError | null
    }
  | { phase: 'receipt'; receipt: PushReceipt }

/** State of offline configuration editing for the tenant whose workspace is shown. */
export interface ConfigState {
  tenantId: string | null
  status: 'idle' | 'loading' | 'ready' | 'error'
  error: AppError | null
  snapshot: TenantConfiguration | null
  draft: ConfigDraft | null
  notices: string[]
  save: SaveState
  pull: PullState
  tab: ConfigTab
  selected: string
  filter: string
  workspaces: Record<string, WorkspaceEntry>
  imports: ImportedConfig[]
  compare: { left: CompareSide; right: CompareSide }
  push: PushDialog
  /** Show a tenant's workspace (read from disk; works offline). */
  open(tenantId: string): Promise<void>
  pullSnapshot(discardDraft?: boolean): Promise<void>
  cancelPull(): void
  edit(edits: FieldEdit[], options?: { coalesce?: boolean }): void
  undo(): void
  redo(): void
  discardDraft(): Promise<void>
  /** Write the draft now instead of after the pause (or again, after a failed write). */
  flush(): Promise<void>
  setTab(tab: ConfigTab): void
  select(resource: string): void
  setFilter(filter: string): void
  loadWorkspace(tenantId: string): Promise<void>
  addImport(entry: Omit<ImportedConfig, 'id'>): string
  setCompare(side: 'left' | 'right', value: CompareSide): void
  openPush(): Promise<void>
  resolve(resource: string, field: string, take: 'mine' | 'theirs'): void
  confirmPush(confirmation: string): Promise<void>
  closePush(): void
}

/** How long typing must pause before the draft is written. */
export const SAVE_DELAY_MS = 400
/** Keystrokes in one field within this time are one undo step. */
const COALESCE_MS = 1000

const UNSAVED: AppError = { code: 'INTERNAL', message: 'The draft could not be written.' }

/** The key of a conflict resolution. */
export const resolutionKey = (resource: string, field: string) => `${resource}\u0000${field}`

/** The configuration store, built on the API so tests can pass a fake. */
export function createConfigStore(api: ConfigApi, delayMs = SAVE_DELAY_MS) {
  return createStore<ConfigState>()((set, get) => {
    let timer: ReturnType<typeof setTimeout> | null = null
    let writing: Promise<void> = Promise.resolve()
    /** The last single-field edit and the undo group it made (the top of the undo stack then). */
    let lastEdit: {
      resource: string
      field: string
      at: number
      group: ConfigDraft['undo'][number] | undefined
    } | null = null
    let importCount = 0

    /** Writes the current draft of the current tenant; writes are queued, never overlap. */
    const write = (): Promise<void> => {
      if (timer !== null) clearTimeout(timer)
      timer = null
      const { tenantId, draft } = get()
      if (tenantId === null || draft === null) return writing
      writing = writing.then(async () => {
        set({ save: { ...get().save, status: 'saving', error: null } })
        // A rejected call (IPC itself failing) must not stop the queue: every later write chains
        // on this one.
        const res = await api
          .saveConfigDraft({ tenantId, draft })
          .catch((): Result<{ savedAt: string }> => ({ ok: false, error: UNSAVED }))
        if (get().tenantId !== tenantId) return
        // A newer edit arrived while writing: stay pending, its own timer writes it.
        const stillPending = timer !== null
        set({
          save: res.ok
            ? {
                status: stillPending ? 'pending' : 'saved',
                savedAt: res.value.savedAt,
                error: null,
              }
            : { status: 'error', savedAt: get().save.savedAt, error: res.error },
        })
      })
      return writing
    }
    const schedule = () => {
      if (timer !== null) clearTimeout(timer)
      set({ save: { ...get().save, status: 'pending' } })
      timer = setTimeout(() => void write(), delayMs)
    }
    const receiveWorkspace = (ws: ConfigWorkspace) => {
      const selected = get().selected
      const config = ws.draft?.config ?? ws.snapshot
      set({
        tenantId: ws.tenantId,
        status: 'ready',
        error: null,
        snapshot: ws.snapshot,
        draft: ws.draft,
        notices: ws.notices,
        save: { status: ws.draftSavedAt ? 'saved' : 'idle', savedAt: ws.draftSavedAt, error: null },
        selected: config && config.resources[selected] ? selected : 'tenant',
        workspaces: { ...get().workspaces, [ws.tenantId]: { status: 'ready', value: ws } },
      })
    }

    return {
      tenantId: null,
      status: 'idle',
      error: null,
      snapshot: null,
      draft: null,
      notices: [],
      save: { status: 'idle', savedAt: null, error: null },
      pull: { status: 'idle', error: null },
      tab: 'edit',
      selected: 'tenant',
      filter: '',
      workspaces: {},
      imports: [],
      compare: { left: { kind: 'draft' }, right: { kind: 'none' } },
      push: { phase: 'closed' },
      async open(tenantId) {
        if (get().tenantId !== null && get().tenantId !== tenantId) await get().flush()
        lastEdit = null
        set({
          tenantId,
          status: 'loading',
          error: null,
          pull: { status: 'idle', error: null },
          push: { phase: 'closed' },
          compare: { left: { kind: 'draft' }, right: get().compare.right },
        })
        const res = await api.getConfigWorkspace({ tenantId })
        if (get().tenantId !== tenantId) return
        if (!res.ok) return set({ status: 'error', error: res.error })
        receiveWorkspace(res.value)
      },
      async pullSnapshot(discardDraft) {
        const tenantId = get().tenantId
        if (tenantId === null) return
        await get().flush()
        set({ pull: { status: 'loading', error: null } })
        const res = await api.pullConfig({ tenantId, ...(discardDraft && { discardDraft }) })
        if (get().tenantId !== tenantId) return
        if (!res.ok) {
          return set({
            pull: {
              status: res.error.code === 'CONFLICT' ? 'conflict' : 'error',
              error: res.error,
            },
          })
        }
        lastEdit = null
        receiveWorkspace(res.value)
        set({ pull: { status: 'idle', error: null } })
      },
      cancelPull() {
        set({ pull: { status: 'idle', error: null } })
      },
      edit(edits, options) {
        const { snapshot, tenantId } = get()
        if (snapshot === null || tenantId === null || edits.length === 0) return
        const start = get().draft ?? newDraft(snapshot)
        let draft = start
        const only = edits.length === 1 ? edits[0] : undefined
        const now = Date.now()
        // Typing in one field is one undo step: replace the previous edit of the same field.
        if (
          options?.coalesce === true &&
          only !== undefined &&
          lastEdit !== null &&
          lastEdit.resource === only.resource &&
          lastEdit.field === only.field &&
          now - lastEdit.at < COALESCE_MS &&
          // Only while the top undo group is still that edit's own: after the field was typed
          // back (its step gone), undoing would revert another field's edit.
          draft.undo.at(-1) === lastEdit.group
        ) {
          draft = undo(draft)
        }
        const edited = applyEdits(draft, edits)
        const madeStep = edited !== draft
        // Typed back to where the step began: the step is gone, and nothing is left to redo.
        draft = !madeStep && draft !== start ? { ...draft, redo: start.redo } : edited
        lastEdit =
          only && madeStep
            ? { resource: only.resource, field: only.field, at: now, group: draft.undo.at(-1) }
            : null
        set({ draft })
        schedule()
      },
      undo() {
        const draft = get().draft
        if (draft === null || !canUndo(draft)) return
        lastEdit = null
        set({ draft: undo(draft) })
        schedule()
      },
      redo() {
        const draft = get().draft
        if (draft === null || !canRedo(draft)) return
        lastEdit = null
        set({ draft: redo(draft) })
        schedule()
      },
      async discardDraft() {
        const tenantId = get().tenantId
        if (tenantId === null) return
        if (timer !== null) clearTimeout(timer)
        timer = null
        await writing
        const res = await api.discardConfigDraft({ tenantId })
        if (get().tenantId !== tenantId) return
        if (!res.ok) return set({ save: { ...get().save, status: 'error', error: res.error } })
        lastEdit = null
        receiveWorkspace(res.value)
      },
      flush() {
        // A failed write is tried again too: the draft in memory is still unsaved.
        return timer !== null || get().save.status === 'error' ? write() : writing
      },
      setTab(tab) {
        set({ tab })
      },
      select(resource) {
        set({ selected: resource })
      },
      setFilter(filter) {
        set({ filter })
      },
      async loadWorkspace(tenantId) {
        if (get().workspaces[tenantId]?.status === 'loading') return
        set({ workspaces: { ...get().workspaces, [tenantId]: { status: 'loading' } } })
        const res = await api.getConfigWorkspace({ tenantId })
        set({
          workspaces: {
            ...get().workspaces,
            [tenantId]: res.ok
              ? { status: 'ready', value: res.value }
              : { status: 'error', error: res.error },
          },
        })
      },
      addImport(entry) {
        importCount += 1
        const id = `import-${importCount}`
        // The same file picked twice (after editing it) stays apart in the pickers: `tenant.yaml (2)`.
        const taken = new Set(get().imports.map((i) => i.name))
        let name = entry.name
        for (let n = 2; taken.has(name); n += 1) name = `${entry.name} (${n})`
        set({ imports: [...get().imports, { ...entry, name, id }] })
        return id
      },
      setCompare(side, value) {
        set({ compare: { ...get().compare, [side]: value } })
      },
      async openPush() {
        const tenantId = get().tenantId
        if (tenantId === null) return
        await get().flush()
        set({ push: { phase: 'previewing' } })
        const res = await api.previewConfigPush({ tenantId })
        if (get().push.phase !== 'previewing') return
        set({
          push: res.ok
            ? { phase: 'preview', preview: res.value, resolutions: {}, pushing: false, error: null }
            : { phase: 'preview-error', error: res.error },
        })
      },
      resolve(resource, field, take) {
        const push = get().push
        if (push.phase !== 'preview') return
        set({
          push: {
            ...push,
            resolutions: { ...push.resolutions, [resolutionKey(resource, field)]: take },
          },
        })
      },
      async confirmPush(confirmation) {
        const push = get().push
        if (push.phase !== 'preview') return
        set({ push: { ...push, pushing: true, error: null } })
        const resolutions = push.preview.resources.flatMap((r) =>
          r.fields
            .filter((f) => f.status === 'conflict')
            .map((f) => ({
              resource: r.resource,
              field: f.field,
              take: push.resolutions[resolutionKey(r.resource, f.field)] ?? 'mine',
            })),
        )
        const res = await api.pushConfig({
          previewId: push.preview.previewId,
          resolutions,
          confirmation,
        })
        if (!res.ok) return set({ push: { ...push, pushing: false, error: res.error } })
        lastEdit = null
        if (res.value.workspace.tenantId === get().tenantId) receiveWorkspace(res.value.workspace)
        set({ push: { phase: 'receipt', receipt: res.value } })
      },
      closePush() {
        set({ push: { phase: 'closed' } })
      },
    }
  })
}

/** The configuration being edited: the draft's, else the snapshot. */
export const selectWorkingConfig = (s: ConfigState): TenantConfiguration | null =>
  s.draft?.config ?? s.snapshot

/** Whether undo / redo is possible. */
export const selectCanUndo = (s: ConfigState) => s.draft !== null && canUndo(s.draft)
export const selectCanRedo = (s: ConfigState) => s.draft !== null && canRedo(s.draft)
