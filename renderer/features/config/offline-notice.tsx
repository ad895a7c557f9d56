import type { AppError } from '../../../preload/contract'
import { errorText } from '../../lib/error-text'

/** Whether an error means the tenant could not be reached (no network, tenant down, timeout). */
export function isOffline(error: AppError): boolean {
  return error.code === 'NETWORK' || error.code === 'TIMEOUT'
}

interface OfflineNoticeProps {
  error: AppError
  /** What failed: "Pull failed". */
  what: string
  /** Whether there is something to keep editing. */
  hasSnapshot: boolean
  onRetry: () => void
  onDismiss: () => void
}

/** Why talking to the tenant failed; when offline, that the local draft is safe. */
export function OfflineNotice({
  error,
  what,
  hasSnapshot,
  onRetry,
  onDismiss,
}: OfflineNoticeProps) {
  const offline = isOffline(error)
  return (
    <div className={offline ? 'notice warning' : 'notice error'} role="alert">
      <div>
        <strong>
          {offline
            ? hasSnapshot
              ? 'The tenant cannot be reached; your draft is safe and you can keep editing.'
              : 'The tenant cannot be reached.'
            : `${what}.`}
        </strong>{' '}
        <span>{errorText(error)}</span>
      </div>
      <div className="notice-actions">
        <button type="button" className="button small" onClick={onRetry}>
          Try again
        </button>
        <button type="button" className="button small" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  )
}
