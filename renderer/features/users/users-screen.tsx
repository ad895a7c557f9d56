import { useEffect } from 'react'
import { useTenants, usersStore } from '../../stores'
import { selectActiveTenant } from '../tenants/tenants-store'
import { UserSearch } from './user-search'
import { UserView } from './user-view'

/** Demo users of the Sandbox tenant worth a first look. */
const sandboxExamples = ['alice@example.com', 'bob@example.com', 'carol@corp.example.com']

/** The tenant the users store's search and open user belong to (the store outlives the screen). */
let storeTenant: string | undefined

/** Users: find a user, then see every layer that keeps them signed in. */
export function UsersScreen() {
  const tenant = useTenants(selectActiveTenant)
  const tenantId = tenant?.id
  useEffect(() => {
    if (tenantId === undefined) return
    // Another tenant than the store's data is for: start over. The tenant list arriving for the
    // first time (no tenant yet → the active one) must not wipe what was typed meanwhile.
    if (storeTenant !== undefined && storeTenant !== tenantId) usersStore.getState().reset()
    storeTenant = tenantId
    void usersStore.getState().loadRecent()
  }, [tenantId])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') usersStore.getState().selectNode(null)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  const viewDisabled = tenant?.connection.features.find((f) => f.id === 'find-users')
  return (
    <section className="screen" aria-labelledby="users-title">
      <header className="screen-header">
        <h1 id="users-title">Users</h1>
        {tenant && <span className="muted">on {tenant.name}</span>}
      </header>
      {viewDisabled && !viewDisabled.enabled && (
        <p role="alert" className="notice warning">
          {viewDisabled.reason}
        </p>
      )}
      <div className="users-layout">
        <UserSearch />
        <UserView examples={tenant?.kind === 'sandbox' ? sandboxExamples : []} />
      </div>
    </section>
  )
}
