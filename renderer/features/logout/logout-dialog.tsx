import { useState } from 'react'
import { ModalDialog } from '../../components/modal-dialog'
import { errorText } from '../../lib/error-text'
import { logoutStore, useLogout, usersStore } from '../../stores'
import { EnvironmentBadge } from '../tenants/environment-badge'
import { JobProgressView } from './job-progress'
import { CohortView } from './cohort-view'
import { PreviewView } from './preview-view'
import { ReceiptView } from './receipt-view'
import { TypedConfirmation } from '../../components/typed-confirmation'

/** Preview → explicit confirmation → paced job → verified receipt, in one dialog. */
export function LogoutDialog() {
  const dialog = useLogout((s) => s.dialog)
  const job = useLogout((s) => (s.dialog.phase === 'job' ? s.jobs[s.dialog.jobId] : undefined))
  const [typed, setTyped] = useState('')
  const [reason, setReason] = useState('')
  const store = logoutStore.getState()
  if (dialog.phase === 'closed') return null

  const close = () => {
    const refresh = dialog.phase === 'job'
    store.close()
    setTyped('')
    setReason('')
    if (refresh) void usersStore.getState().refresh()
  }

  if (dialog.phase === 'previewing') {
    return (
      <ModalDialog title="Preparing the preview…" onClose={close}>
        <p role="status">{dialog.what}</p>
      </ModalDialog>
    )
  }
  if (dialog.phase === 'preview-error') {
    return (
      <ModalDialog title="Cannot preview this action" onClose={close}>
        <p role="alert" className="form-error">
          {errorText(dialog.error)}
        </p>
        <div className="actions">
          <button type="button" className="button" onClick={close}>
            Close
          </button>
          <button type="button" className="button primary" onClick={() => void dialog.retry()}>
            Try again
          </button>
        </div>
      </ModalDialog>
    )
  }
  if (dialog.phase === 'job') {
    return (
      <ModalDialog title={job?.action ?? 'Logout job'} onClose={close}>
        {job ? <JobProgressView job={job} /> : <p role="status">Starting…</p>}
        {job?.receipt ? (
          <ReceiptView receipt={job.receipt} />
        ) : (
          job?.progress.status === 'completed' && (
            <p role="status" className="muted">
              Checking with Auth0 that everything really ended…
            </p>
          )
        )}
        <div className="actions">
          <button type="button" className="button primary" onClick={close}>
            {job?.receipt ? 'Done' : 'Close (the job keeps running)'}
          </button>
        </div>
      </ModalDialog>
    )
  }

  const { previewed } = dialog
  const { preview, tenant } = previewed
  const needsTyping = previewed.confirmText !== null
  const canConfirm =
    !dialog.starting &&
    preview.counts.requests > 0 &&
    (!needsTyping || typed.trim() === previewed.confirmText)
  const production = tenant.kind === 'auth0' && tenant.environment === 'production'
  return (
    <ModalDialog
      title={preview.title}
      onClose={close}
      badge={<EnvironmentBadge tenant={{ kind: tenant.kind, environment: tenant.environment }} />}
    >
      {production && (
        <p className="notice error" role="note">
          This is the production tenant <strong>{tenant.name}</strong>. These requests end real
          users’ sessions.
        </p>
      )}
      {previewed.cohort && <CohortView cohort={previewed.cohort} />}
      <PreviewView preview={preview} />
      <div className="field">
        <label htmlFor="logout-reason">Reason or ticket (kept in the activity log)</label>
        <input
          id="logout-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="e.g. SUP-1234, lost phone"
        />
      </div>
      {needsTyping && (
        <TypedConfirmation
          id="logout-confirm"
          expected={<code>{previewed.confirmText}</code>}
          {...(previewed.cohort && { what: '(the number of users)' })}
          value={typed}
          onChange={setTyped}
        />
      )}
      {dialog.error && (
        <p role="alert" className="form-error">
          {errorText(dialog.error)}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button" onClick={close} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className="button danger-solid"
          disabled={!canConfirm}
          onClick={() => void store.confirm(typed, reason)}
        >
          {dialog.starting ? 'Starting…' : confirmLabel(preview.counts)}
        </button>
      </div>
    </ModalDialog>
  )
}

function confirmLabel(counts: {
  sessions: number
  refreshTokens: number
  requests: number
}): string {
  const parts = [
    counts.sessions > 0 ? `${counts.sessions} session${counts.sessions === 1 ? '' : 's'}` : '',
    counts.refreshTokens > 0
      ? `${counts.refreshTokens} refresh token${counts.refreshTokens === 1 ? '' : 's'}`
      : '',
  ].filter(Boolean)
  return parts.length > 0
    ? `End ${parts.join(' and ')}`
    : `Send ${counts.requests} request${counts.requests === 1 ? '' : 's'}`
}
