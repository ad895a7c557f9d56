/** Logout previews, jobs, receipts (the preview model is `core/logout/types.ts`). */

import type { AppError } from '../../core/result'
import type {
  CohortSummary,
  LogoutPreview,
  LogoutRequest,
  Survivors,
} from '../../core/logout/types'
import type { Environment } from './tenants'

export type {
  BackchannelOutcome,
  BulkAction,
  BulkMode,
  BulkSource,
  CohortSummary,
  EndedRefreshToken,
  EndedSession,
  LogoutAction,
  LogoutPreview,
  LogoutRequest,
  LogoutRequestKind,
  SessionFilter,
  SurvivingSession,
  Survivors,
} from '../../core/logout/types'

/** Where one item stands. */
export type JobItemStatus =
  | 'pending'
  | 'running'
  | 'done'
  /** Auth0 answered 404: already gone. Counts as success. */
  | 'gone'
  | 'failed'
  | 'cancelled'

/** The state of one item. */
export interface JobItemState {
  status: JobItemStatus
  /** Requests sent for this item so far, over every run of the job. */
  attempts: number
  /** The last failure; kept on a `failed` item, cleared when the item succeeds. */
  error?: AppError
  /** ISO time the item reached done, gone, failed or cancelled. */
  finishedAt?: string
}

/** Where a whole job stands. */
export type JobStatus =
  /** Items are being sent. */
  | 'running'
  /** No new item starts until resumed. */
  | 'paused'
  /** Stopped for good: pending items were cancelled. */
  | 'cancelled'
  /** Every item finished (done, gone or failed). */
  | 'completed'
  /** Found running or paused in the journal at startup: the app stopped in the middle of it. */
  | 'interrupted'

/** A job as the journal keeps it. */
export interface JobRecord {
  id: string
  tenantId: string
  /** What the operator asked for, e.g. "Sign out 12 sessions of alice@example.com". */
  action: string
  /** Why, as typed by the operator (audit trail). */
  reason?: string
  /** ISO times. */
  createdAt: string
  updatedAt: string
  status: JobStatus
  /** Exactly the items of the job, fixed at start. */
  items: LogoutRequest[]
  /** One state per item key. */
  states: Record<string, JobItemState>
  /** Why the runner paused the job on its own, e.g. the journal could not be written. */
  error?: AppError
  /**
   * What the previewed action leaves running, kept with the job so that a receipt written after a
   * pause, a crash or a retry still says it. Absent in journals written before it was kept.
   */
  remains?: Survivors
}

/** What the UI shows about a job: counts, rate and time left. */
export interface JobProgress {
  id: string
  status: JobStatus
  total: number
  done: number
  gone: number
  failed: number
  cancelled: number
  pending: number
  running: number
  /** Items finished per second over the recent window; 0 when nothing finished lately. */
  ratePerSecond: number
  /** Seconds until the remaining items are finished at that rate; null when unknown. */
  etaSeconds: number | null
  /** ISO time the job was created. */
  startedAt: string
  /** ISO time of the last change. */
  updatedAt: string
}

/** What the console re-read after a job: is each ended item really gone? */
export type VerificationStatus = 'verified' | 'pending' | 'failed'

/** The verified outcome of a logout job. */
export interface LogoutReceipt {
  jobId: string
  tenantId: string
  action: string
  finishedAt: string
  /** Per request: the job's result and whether a re-read confirmed it. */
  items: {
    key: string
    label: string
    result: JobItemStatus
    verification: VerificationStatus
    error?: AppError
  }[]
  counts: { verified: number; pending: number; failed: number }
  /** Layers that keep running after this action (from the preview, restated). */
  remains: Survivors
}

/** A job as the renderer sees it: its record's progress plus its items. */
export interface JobView {
  progress: JobProgress
  tenantId: string
  action: string
  reason?: string
  items: (LogoutRequest & JobItemState)[]
  error?: AppError
  receipt?: LogoutReceipt
}

/** A previewed logout, kept by main until it is confirmed or expires. */
export interface PreviewedLogout {
  previewId: string
  preview: LogoutPreview
  tenant: { id: string; name: string; environment: Environment; kind: 'sandbox' | 'auth0' }
  /** For global and bulk actions, the text to type to confirm (email or cohort size). */
  confirmText: string | null
  expiresAt: string
  /** For bulk logouts: the cohort as read. */
  cohort?: CohortSummary
}

/** What the operator can do to a job. */
export type JobCommand = 'pause' | 'resume' | 'cancel' | 'retry-failed' | 'discard'
