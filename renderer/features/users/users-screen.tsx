import { useEffect } from 'react'
import { useTenants, usersStore } from '../../stores'
import { selectActiveTenant } from '../tenants/tenants-store'
import { UserSearch } from './user-search'
import { UserView } from './user-view'

/** Demo users of the Sandbox tenant worth a first look. */
const sandboxExamples = ['alice@example.com', 'bob@example.com', 'carol@corp.example.com']

/** Users: find a user, then see every layer that keeps them signed in. */
export function UsersScreen() {
  const tenant = useTenants(selectActiveTenant)
  const tenantId = tenant?.id
  useEffect(() => {
    usersStore.getState().reset()
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
