import type { LogoutAction } from '../../../preload/contract'
import { logoutStore, useTenants } from '../../stores'
import { selectActiveTenant } from '../tenants/tenants-store'

interface LogoutButtonProps {
  userId: string
  action: LogoutAction
  /** The console feature (scope-gated) this action needs. */
  feature: 'end-sessions' | 'revoke-sessions' | 'revoke-refresh-tokens'
  label: string
}

/** Opens the logout preview; disabled, with the missing scope named, when the tenant cannot do it. */
export function LogoutButton({ userId, action, feature, label }: LogoutButtonProps) {
  const availability = useTenants((s) =>
    selectActiveTenant(s)?.connection.features.find((f) => f.id === feature),
  )
  const disabledReason = availability && !availability.enabled ? availability.reason : undefined
  return (
    <span className="logout-button">
      <button
        type="button"
        className="button danger"
        disabled={disabledReason !== undefined}
        title={disabledReason}
        onClick={() => void logoutStore.getState().openPreview(userId, action)}
      >
        {label}
      </button>
      {disabledReason && <span className="muted small">{disabledReason}</span>}
    </span>
  )
}
