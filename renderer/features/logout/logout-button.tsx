import type { ReactNode } from 'react'
import type { LogoutAction } from '../../../preload/contract'
import { logoutStore, useTenants } from '../../stores'
import { selectActiveTenant } from '../tenants/tenants-store'

interface LogoutButtonProps {
  userId: string
  action: LogoutAction
  /** The console feature (scope-gated) this action needs. */
  feature: GatedFeature
  label: string
}

type GatedFeature = 'end-sessions' | 'revoke-sessions' | 'revoke-refresh-tokens'

/** Why the active tenant cannot do a feature (its missing scope), or undefined when it can. */
function useDisabledReason(feature: GatedFeature): string | undefined {
  const availability = useTenants((s) =>
    selectActiveTenant(s)?.connection.features.find((f) => f.id === feature),
  )
  return availability && !availability.enabled ? availability.reason : undefined
}

interface LogoutButtonGateProps {
  feature: GatedFeature
  children: (disabled: boolean) => ReactNode
}

/** Renders a control disabled, with the reason beside it, when the tenant lacks the scope. */
export function LogoutButtonGate({ feature, children }: LogoutButtonGateProps) {
  const reason = useDisabledReason(feature)
  return (
    <span className="logout-button">
      {children(reason !== undefined)}
      {reason && <span className="muted small">{reason}</span>}
    </span>
  )
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
