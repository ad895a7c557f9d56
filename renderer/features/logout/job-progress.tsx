import type { JobView } from '../../../preload/contract'
import { durationText } from '../../lib/time-text'
import { logoutStore } from '../../stores'

interface JobProgressViewProps {
  job: JobView
}

const statusWords = {
  running: 'Running',
  paused: 'Paused',
  cancelled: 'Cancelled',
  completed: 'Finished',
  interrupted: 'Interrupted (the app stopped during this job)',
} as const

/** Counts, rate, ETA and controls of one job, then its items with their results. */
export function JobProgressView({ job }: JobProgressViewProps) {
  const p = job.progress
  const finished = p.done + p.gone + p.failed + p.cancelled
  const store = logoutStore.getState()
  const failedItems = job.items.filter((i) => i.status === 'failed' || i.status === 'cancelled')
  return (
    <div className="job">
      <div className="job-head">
        <strong>{statusWords[p.status]}</strong>
        <span className="muted">
          {finished} of {p.total} · {p.done + p.gone} ended · {p.failed} failed
          {p.status === 'running' && p.ratePerSecond > 0 && ` · ${p.ratePerSecond.toFixed(1)}/s`}
          {p.status === 'running' &&
            p.etaSeconds !== null &&
            ` · about ${durationText(p.etaSeconds * 1000)} left`}
        </span>
      </div>
      <progress className="job-bar" max={p.total} value={finished} aria-label="Job progress" />
      {job.error && (
        <p role="alert" className="form-error">
          {job.error.message}
        </p>
      )}
      <div className="actions start">
        {p.status === 'running' && (
          <button
            type="button"
            className="button"
            onClick={() => void store.control(p.id, 'pause')}
          >
            Pause
          </button>
        )}
        {(p.status === 'paused' || p.status === 'interrupted') && (
          <button
            type="button"
            className="button primary"
            onClick={() => void store.control(p.id, 'resume')}
          >
            Resume
          </button>
        )}
        {(p.status === 'running' || p.status === 'paused' || p.status === 'interrupted') && (
          <button
            type="button"
            className="button danger"
            onClick={() => void store.control(p.id, 'cancel')}
          >
            Cancel remaining
          </button>
        )}
        {p.status === 'completed' && p.failed > 0 && (
          <button
            type="button"
            className="button"
            onClick={() => void store.control(p.id, 'retry-failed')}
          >
            Retry {p.failed} failed
          </button>
        )}
      </div>
      {failedItems.length > 0 && (
        <ul className="item-list">
          {failedItems.slice(0, 50).map((i) => (
            <li key={i.key}>
              <span>
                {i.label}: <strong>{i.status}</strong>
                {i.error && <span className="muted"> — {i.error.message}</span>}
              </span>
              <button
                type="button"
                className="button small"
                onClick={() => void store.retryItem(p.id, i.key)}
              >
                Retry
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
