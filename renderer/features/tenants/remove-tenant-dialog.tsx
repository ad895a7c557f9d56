import { useState } from 'react'
import type { AppError, TenantSummary } from '../../../preload/contract'
import { ModalDialog } from '../../components/modal-dialog'
import { errorText } from '../../lib/error-text'
import { tenantsStore } from '../../stores'
import { EnvironmentBadge } from './environment-badge'

interface RemoveTenantDialogProps {
  tenant: TenantSummary
  onClose: () => void
}

/** Confirm removing a tenant: what goes (profile, keychain entry, tokens) and what stays (the tenant). */
export function RemoveTenantDialog({ tenant, onClose }: RemoveTenantDialogProps) {
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)
  const remove = async () => {
    setBusy(true)
    const failure = await tenantsStore.getState().remove(tenant.id)
    setBusy(false)
    if (failure) setError(failure)
    else onClose()
  }
  return (
    <ModalDialog
      title={`Remove ${tenant.name}?`}
      onClose={onClose}
      badge={<EnvironmentBadge tenant={tenant} />}
    >
      <p>
        Session Console will forget <strong>{tenant.domain}</strong>: its profile, its client secret
        in your OS keychain and any access token held in memory.
      </p>
      <p>Nothing changes in the Auth0 tenant itself. You can add it again later.</p>
      {error && (
        <p role="alert" className="form-error">
          {errorText(error)}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          Keep it
        </button>
        <button
          type="button"
          className="button danger"
          disabled={busy}
          onClick={() => void remove()}
        >
          Remove {tenant.name}
        </button>
      </div>
    </ModalDialog>
  )
}
