import { createStore } from 'zustand/vanilla'
import type {
  ActivityEntry,
  AppError,
  BulkMode,
  BulkSource,
  SessionFilter,
  ConsoleApi,
  JobCommand,
  JobView,
  LogoutAction,
  PreviewedLogout,
} from '../../../preload/contract'

type LogoutApi = Pick<
  ConsoleApi,
  | 'previewLogout'
  | 'planBulkLogout'
  | 'startLogout'
  | 'listJobs'
  | 'controlJob'
  | 'retryJobItem'
  | 'listActivity'
  | 'exportActivity'
  | 'onJobChanged'
>

/** The logout dialog: preview → confirm → job progress → receipt. */
export type LogoutDialog =
  | { phase: 'closed' }
  | { phase: 'previewing'; what: string }
  | {
      phase: 'preview'
      userId: string
      previewed: PreviewedLogout
      error: AppError | null
      starting: boolean
    }
  | { phase: 'preview-error'; userId: string; error: AppError; retry: () => Promise<void> }
  | { phase: 'job'; userId: string; jobId: string }

/** State of logout jobs and the activity log. */
export interface LogoutState {
  dialog: LogoutDialog
  jobs: Record<string, JobView>
  jobsError: AppError | null
  activity: ActivityEntry[]
  activitySkipped: number
  activityStatus: 'idle' | 'loading' | 'ready' | 'error'
  activityError: AppError | null
  openPreview(userId: string, action: LogoutAction): Promise<void>
  openBulkPreview(input: {
    source: BulkSource
    mode: BulkMode
    filter?: SessionFilter
  }): Promise<void>
  confirm(confirmation: string, reason: string): Promise<void>
  close(): void
  receiveJob(job: JobView): void
  /** Follow main's job progress announcements; returns the unsubscribe. */
  listen(): () => void
  loadJobs(): Promise<void>
  control(id: string, command: JobCommand): Promise<void>
  retryItem(id: string, key: string): Promise<void>
  loadActivity(): Promise<void>
  exportActivity(format: 'json' | 'markdown'): Promise<{ filename: string; content: string } | null>
}

/** The logout store, built on the API so tests can pass a fake. */
export function createLogoutStore(api: LogoutApi) {
  return createStore<LogoutState>()((set, get) => ({
    dialog: { phase: 'closed' },
    jobs: {},
    jobsError: null,
    activity: [],
    activitySkipped: 0,
    activityStatus: 'idle',
    activityError: null,
    async openPreview(userId, action) {
      const asked: LogoutDialog = {
        phase: 'previewing',
        what: 'Reading the user’s current sessions and tokens…',
      }
      set({ dialog: asked })
      const res = await api.previewLogout({ userId, action })
      // Closed, or another preview asked for since: this answer is not what the dialog shows.
      if (get().dialog !== asked) return
      set({
        dialog: res.ok
          ? { phase: 'preview', userId, previewed: res.value, error: null, starting: false }
          : {
              phase: 'preview-error',
              userId,
              error: res.error,
              retry: () => get().openPreview(userId, action),
            },
      })
    },
    async openBulkPreview(input) {
      const asked: LogoutDialog = {
        phase: 'previewing',
        what: 'Reading the cohort’s users and sessions…',
      }
      set({ dialog: asked })
      const res = await api.planBulkLogout(input)
      if (get().dialog !== asked) return
      set({
        dialog: res.ok
          ? { phase: 'preview', userId: '', previewed: res.value, error: null, starting: false }
          : {
              phase: 'preview-error',
              userId: '',
              error: res.error,
              retry: () => get().openBulkPreview(input),
            },
      })
    },
    async confirm(confirmation, reason) {
      const dialog = get().dialog
      if (dialog.phase !== 'preview') return
      set({ dialog: { ...dialog, starting: true, error: null } })
      const res = await api.startLogout({
        previewId: dialog.previewed.previewId,
        ...(confirmation && { confirmation }),
        ...(reason.trim() && { reason: reason.trim() }),
      })
      if (!res.ok) return set({ dialog: { ...dialog, starting: false, error: res.error } })
      get().receiveJob(res.value)
      set({ dialog: { phase: 'job', userId: dialog.userId, jobId: res.value.progress.id } })
    },
    close() {
      set({ dialog: { phase: 'closed' } })
    },
    receiveJob(job) {
      // Events and answers can arrive out of order (a fast job finishes before its start answer
      // arrives): never let an older state of a job replace a newer one.
      const known = get().jobs[job.progress.id]
      if (known && known.progress.updatedAt > job.progress.updatedAt) return
      const receipt =
        job.receipt ??
        (known?.progress.updatedAt === job.progress.updatedAt ? known.receipt : undefined)
      set({ jobs: { ...get().jobs, [job.progress.id]: { ...job, ...(receipt && { receipt }) } } })
    },
    listen() {
      return api.onJobChanged((j) => get().receiveJob(j))
    },
    async loadJobs() {
      const res = await api.listJobs()
      if (!res.ok) return set({ jobsError: res.error })
      set({ jobs: Object.fromEntries(res.value.map((j) => [j.progress.id, j])), jobsError: null })
    },
    async control(id, command) {
      const res = await api.controlJob({ id, command })
      if (!res.ok) return set({ jobsError: res.error })
      if (res.value) get().receiveJob(res.value)
      else {
        const { [id]: _gone, ...rest } = get().jobs
        set({ jobs: rest })
      }
    },
    async retryItem(id, key) {
      const res = await api.retryJobItem({ id, key })
      if (res.ok) get().receiveJob(res.value)
      else set({ jobsError: res.error })
    },
    async loadActivity() {
      set({ activityStatus: 'loading', activityError: null })
      const res = await api.listActivity()
      set(
        res.ok
          ? {
              activityStatus: 'ready',
              activity: res.value.entries,
              activitySkipped: res.value.skippedLines,
            }
          : { activityStatus: 'error', activityError: res.error },
      )
    },
    async exportActivity(format) {
      const res = await api.exportActivity({ format })
      if (!res.ok) {
        set({ activityError: res.error })
        return null
      }
      return res.value
    },
  }))
}

/** Jobs newest first. */
export const selectJobList = (s: LogoutState) =>
  Object.values(s.jobs).sort((a, b) => b.progress.startedAt.localeCompare(a.progress.startedAt))
