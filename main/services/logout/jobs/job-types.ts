/**
 * Types of the resumable job engine (see job-runner.ts).
 *
 * A job is a fixed list of items, each one Management API request, with a state per item. The whole
 * record is what the journal keeps on disk, so everything here is plain JSON.
 */

/** The job types cross to the renderer, so they live in the contract. */
export type {
  LogoutRequest,
  LogoutRequestKind,
  JobItemState,
  JobItemStatus,
  JobProgress,
  JobRecord,
  JobStatus,
} from '../../../../preload/contract'
import type { LogoutRequest, Survivors } from '../../../../preload/contract'

/** What `start` needs: the job's identity and its exact items. */
export interface JobSpec {
  tenantId: string
  action: string
  reason?: string
  items: LogoutRequest[]
  /** What the action leaves running; journaled with the job for its receipt. */
  remains?: Survivors
}
