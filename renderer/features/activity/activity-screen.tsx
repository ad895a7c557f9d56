import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { download } from '../../lib/download'
import { errorText } from '../../lib/error-text'
import { dateTime } from '../../lib/time-text'
import { logoutStore, useLogout } from '../../stores'
import { JobProgressView } from '../logout/job-progress'
import { selectJobList } from '../logout/logout-store'
import { ReceiptView } from '../logout/receipt-view'

/** Jobs (resume interrupted ones, see receipts) and the append-only activity log. */
export function ActivityScreen() {
  const jobs = useLogout(useShallow(selectJobList))
  const entries = useLogout((s) => s.activity)
  const status = useLogout((s) => s.activityStatus)
  const error = useLogout((s) => s.activityError)
  const skipped = useLogout((s) => s.activitySkipped)
  const jobsError = useLogout((s) => s.jobsError)
  const store = logoutStore.getState()
  useEffect(() => {
    void logoutStore.getState().loadJobs()
    void logoutStore.getState().loadActivity()
  }, [])
  const exportAs = async (format: 'json' | 'markdown') => {
    const file = await store.exportActivity(format)
    if (file)
      download(
        file.filename,
        file.content,
        format === 'json' ? 'application/json' : 'text/markdown',
      )
  }
  return (
    <section className="screen" aria-labelledby="activity-title">
      <header className="screen-header">
        <h1 id="activity-title">Activity</h1>
        <button type="button" className="button" onClick={() => void exportAs('json')}>
          Export JSON
        </button>
        <button type="button" className="button" onClick={() => void exportAs('markdown')}>
          Export Markdown
        </button>
      </header>
      {jobsError && (
        <p role="alert" className="form-error">
          {errorText(jobsError)}
        </p>
      )}
      <h2 className="section-title">Jobs</h2>
      {jobs.length === 0 && <p className="muted">No logout jobs yet.</p>}
      {jobs.map((job) => (
        <article key={job.progress.id} className="panel" aria-label={job.action}>
          <header className="details-header">
            <h3>{job.action}</h3>
            <span className="muted small">{dateTime(job.progress.startedAt)}</span>
            <span className="spacer" />
            {job.progress.status !== 'running' && (
              <button
                type="button"
                className="button small"
                onClick={() => void store.control(job.progress.id, 'discard')}
              >
                Discard
              </button>
            )}
          </header>
          {job.reason && <p className="muted">Reason: {job.reason}</p>}
          <JobProgressView job={job} />
          {job.receipt && (
            <details>
              <summary>Receipt</summary>
              <ReceiptView receipt={job.receipt} />
            </details>
          )}
        </article>
      ))}
      <h2 className="section-title">Activity log</h2>
      {status === 'loading' && entries.length === 0 && <p role="status">Loading…</p>}
      {error && (
        <p role="alert" className="form-error">
          {errorText(error)}
        </p>
      )}
      {skipped > 0 && (
        <p className="notice warning" role="status">
          {skipped} unreadable line{skipped === 1 ? ' was' : 's were'} skipped in the log file.
        </p>
      )}
      {status === 'ready' && entries.length === 0 && <p className="muted">Nothing recorded yet.</p>}
      {entries.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Tenant</th>
              <th scope="col">Action</th>
              <th scope="col">Reason</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{dateTime(e.time)}</td>
                <td>{e.tenantName}</td>
                <td>{e.action}</td>
                <td>{e.operatorReason ?? '—'}</td>
                <td>
                  {e.outcome.status}: {e.outcome.ended} ended, {e.outcome.pending} pending,{' '}
                  {e.outcome.failed} failed
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
