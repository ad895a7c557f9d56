import type { AppError } from '../../../preload/contract'

/**
 * Types of the resumable job engine (see job-runner.ts).
 *
 * A job is a fixed list of items, each one Management API request, with a state per item. The whole
 * record is what the journal keeps on disk, so everything here is plain JSON.
 */

/** What one item does; each kind is exactly one Management API request (logout-executor.ts). */
export type JobItemKind =
  | 'delete-session'
  | 'revoke-session'
  | 'delete-refresh-token'
  | 'delete-user-sessions'
  | 'delete-user-refresh-tokens'

/** One request of a job. */
export interface JobItem {
  /** Unique within the job, e.g. `delete-session:<sid>`. */
  key: string
  kind: JobItemKind
  /** The session or refresh-token id; for the user-wide kinds the user id. */
  targetId: string
  /** The user the target belongs to. */
  userId: string
  /** For people: "Chrome on macOS session of alice@example.com". */
  label: string
}

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
  items: JobItem[]
  /** One state per item key. */
  states: Record<string, JobItemState>
  /** Why the runner paused the job on its own, e.g. the journal could not be written. */
  error?: AppError
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

/** What `start` needs: the job's identity and its exact items. */
export interface JobSpec {
  tenantId: string
  action: string
  reason?: string
  items: JobItem[]
}
