import { useApp, useTenants } from '../../stores'
import { ConnectionDot } from '../tenants/connection-dot'
import { EnvironmentBadge } from '../tenants/environment-badge'
import { selectActiveTenant } from '../tenants/tenants-store'
import { selectInfo } from './app-store'

/** The bottom bar: the active tenant and its connection state; host and version. */
export function StatusBar() {
  const info = useApp(selectInfo)
  const tenant = useTenants(selectActiveTenant)
  return (
    <footer className="status-bar" aria-label="Status">
      {tenant ? (
        <span className="status-tenant">
          <span>
            Tenant: <strong>{tenant.name}</strong>
          </span>
          <EnvironmentBadge tenant={tenant} />
          <ConnectionDot tenant={tenant} />
        </span>
      ) : (
        <span>No tenant</span>
      )}
      <span className="spacer" />
      {info && (
        <span>
          {info.name} {info.version} · {info.host === 'web' ? 'Web host' : 'Desktop'} ·{' '}
          {info.platform}
        </span>
      )}
    </footer>
  )
}
