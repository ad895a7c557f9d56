import { useShallow } from 'zustand/react/shallow'
import { errorText } from '../../lib/error-text'
import { tenantsStore, useTenants } from '../../stores'
import { ConnectionDot } from './connection-dot'
import { EnvironmentBadge } from './environment-badge'
import { TenantDetails } from './tenant-details'
import { TenantForm } from './tenant-form'
import { selectShownTenant, selectTenantList } from './tenants-store'

/** Tenants: the list, the selected tenant's details, and the add/edit form. */
export function TenantsScreen() {
  const tenants = useTenants(useShallow(selectTenantList))
  const shown = useTenants(selectShownTenant)
  const activeId = useTenants((s) => s.overview.activeTenantId)
  const status = useTenants((s) => s.status)
  const error = useTenants((s) => s.error)
  const form = useTenants((s) => s.form)
  const store = tenantsStore.getState()
  const editing = form.kind === 'edit' ? tenants.find((t) => t.id === form.id) : undefined
  return (
    <section className="screen" aria-labelledby="tenants-title">
      <header className="screen-header">
        <h1 id="tenants-title">Tenants</h1>
        <button
          type="button"
          className="button primary"
          onClick={() => store.openForm({ kind: 'add' })}
        >
          Add tenant
        </button>
      </header>
      {error && (
        <p role="alert" className="form-error">
          {errorText(error)}
        </p>
      )}
      {status === 'loading' && tenants.length === 0 && (
        <p className="muted" role="status">
          Loading tenants…
        </p>
      )}
      <div className="master-detail">
        <ul className="tenant-list" aria-label="Tenants">
          {tenants.map((t) => (
            <li key={t.id}>
              <button
                type="button"
                className={t.id === shown?.id ? 'tenant-card selected' : 'tenant-card'}
                aria-pressed={t.id === shown?.id}
                onClick={() => store.select(t.id)}
              >
                <span className="tenant-card-title">
                  <strong>{t.name}</strong>
                  <EnvironmentBadge tenant={t} />
                  {t.id === activeId && <span className="badge active">Active</span>}
                </span>
                <span className="muted tenant-domain">
                  {t.domain === '' ? `${t.customDomain ?? ''} (tenant domain missing)` : t.domain}
                </span>
                <ConnectionDot tenant={t} />
              </button>
            </li>
          ))}
          {tenants.length === 1 && (
            <li className="muted empty-hint">
              Only the Sandbox so far. Add your Auth0 tenant with the credentials of a
              machine-to-machine application authorised for the Management API.
            </li>
          )}
        </ul>
        {shown && <TenantDetails tenant={shown} active={shown.id === activeId} />}
      </div>
      {form.kind === 'add' && <TenantForm />}
      {form.kind === 'edit' && editing && <TenantForm tenant={editing} />}
    </section>
  )
}
