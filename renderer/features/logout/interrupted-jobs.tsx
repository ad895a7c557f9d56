import { useShallow } from 'zustand/react/shallow'
import { logoutStore, useLogout } from '../../stores'

/** After a crash or quit mid-job: offer to resume or discard each interrupted job. */
export function InterruptedJobs() {
  const jobs = useLogout(
    useShallow((s) => Object.values(s.jobs).filter((j) => j.progress.status === 'interrupted')),
  )
  if (jobs.length === 0) return null
  const store = logoutStore.getState()
  return (
    <div className="notices">
      {jobs.map((j) => {
        const p = j.progress
        const finished = p.done + p.gone + p.failed + p.cancelled
        return (
          <div key={p.id} role="alert" className="notice warning" aria-label="Interrupted job">
            <span>
              “{j.action}” was interrupted when Session Console stopped: {finished} of {p.total}{' '}
              requests finished, {p.pending} not sent yet. Finished ones will not be sent again.
            </span>
            <span className="notice-actions">
              <button
                type="button"
                className="button small primary"
                onClick={() => void store.control(p.id, 'resume')}
              >
                Resume
              </button>
              <button
                type="button"
                className="button small"
                onClick={() => void store.control(p.id, 'discard')}
              >
                Discard
              </button>
            </span>
          </div>
        )
      })}
    </div>
  )
}
