import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type {
  ActivityEntry,
  JobRecord,
  LogoutReceipt,
  Survivors,
  VerificationStatus,
} from '../../../preload/contract'
import { ACCESS_TOKENS_SURVIVE } from '../../../core/logout/preview'
import { writeFileAtomic, type AtomicWrite } from '../atomic-write'

/**
 * What a job whose journal predates `remains` leaves running: unknown, so nothing is claimed
 * beyond what is always true.
 */
export const UNKNOWN_SURVIVORS: Survivors = {
  accessTokens: ACCESS_TOKENS_SURVIVE,
  idpSessions: [],
  appSessions: [],
  refreshTokens: [],
  sessions: [],
}

/**
 * The verified outcome of a job: each item's result and whether a re-read confirmed it, and what
 * the action leaves running (journaled with the job, so a pause, crash or retry keeps it).
 */
export function buildReceipt(
  record: JobRecord,
  checks: Readonly<Record<string, VerificationStatus>>,
  finishedAt: string,
): LogoutReceipt {
  const items = record.items.map((i) => {
    const state = record.states[i.key]
    const result = state?.status ?? 'pending'
    const verification: VerificationStatus =
      result === 'done' || result === 'gone' ? (checks[i.key] ?? 'pending') : 'failed'
    return {
      key: i.key,
      label: i.label,
      result,
      verification,
      ...(state?.error && { error: state.error }),
    }
  })
  const count = (v: VerificationStatus) => items.filter((i) => i.verification === v).length
  return {
    jobId: record.id,
    tenantId: record.tenantId,
    action: record.action,
    finishedAt,
    items,
    counts: { verified: count('verified'), pending: count('pending'), failed: count('failed') },
    remains: record.remains ?? UNKNOWN_SURVIVORS,
  }
}

/** The activity-log outcome of a finished job, in the receipt's counts. */
export function receiptOutcome(
  record: JobRecord,
  receipt: LogoutReceipt,
): ActivityEntry['outcome'] {
  const { verified, pending, failed } = receipt.counts
  return {
    status:
      record.status === 'cancelled'
        ? 'cancelled'
        : failed === 0 && pending === 0
          ? 'completed'
          : verified === 0 && pending === 0
            ? 'failed'
            : 'partial',
    ended: verified,
    pending,
    failed,
  }
}

const receiptFile = (dir: string, jobId: string) => join(dir, `${jobId}.receipt.json`)

/** A receipt as read from disk, or null when it is missing or not a receipt of this job. */
export function readReceipt(dir: string, jobId: string): LogoutReceipt | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(receiptFile(dir, jobId), 'utf8'))
  } catch {
    // Missing or unreadable: re-created the next time the job is verified.
    return null
  }
  if (typeof parsed !== 'object' || parsed === null) return null
  const receipt = parsed as Partial<LogoutReceipt>
  if (receipt.jobId !== jobId || !Array.isArray(receipt.items) || !receipt.counts) return null
  // Receipts written before the surviving sessions were kept have none listed.
  const remains = { ...UNKNOWN_SURVIVORS, ...receipt.remains }
  return { ...(receipt as LogoutReceipt), remains }
}

/** Writes a receipt beside its job's journal, atomically (a crash leaves the old file or the new). */
export async function writeReceipt(
  dir: string,
  receipt: LogoutReceipt,
  write: AtomicWrite = writeFileAtomic,
): Promise<void> {
  await write(receiptFile(dir, receipt.jobId), JSON.stringify(receipt))
}
