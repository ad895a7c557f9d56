import type { TenantSnapshot } from '../../../preload/contract'
import { errorText } from '../../lib/error-text'

interface TenantSnapshotViewProps {
  snapshot: TenantSnapshot
}

const hours = (h: number) => (h % 24 === 0 ? `${h / 24} days (${h} h)` : `${h} h`)

/** What the tenant holds: users, applications, connections, session settings. */
export function TenantSnapshotView({ snapshot }: TenantSnapshotViewProps) {
  return (
    <div className="snapshot">
      <dl className="stats">
        <div>
          <dt>Users</dt>
          <dd>{snapshot.usersTotal ?? '—'}</dd>
        </div>
        <div>
          <dt>Applications</dt>
          <dd>{snapshot.applications.length}</dd>
        </div>
        <div>
          <dt>Connections</dt>
          <dd>{snapshot.connections.length}</dd>
        </div>
        <div>
          <dt>Session lifetime</dt>
          <dd>
            {snapshot.sessionLifetimeHours !== undefined
              ? hours(snapshot.sessionLifetimeHours)
              : '—'}
          </dd>
        </div>
        <div>
          <dt>Idle timeout</dt>
          <dd>
            {snapshot.idleSessionLifetimeHours !== undefined
              ? hours(snapshot.idleSessionLifetimeHours)
              : '—'}
          </dd>
        </div>
      </dl>
      {snapshot.unavailable.map((u) => (
        <p key={u.part} className="notice warning" role="status">
          {u.part}: {errorText(u.error)}
        </p>
      ))}
      <div className="two-col">
        <div>
          <h3>Applications</h3>
          {snapshot.applications.length === 0 ? (
            <p className="muted">No applications.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Back-channel logout</th>
                </tr>
              </thead>
              <tbody>
                {snapshot.applications.map((a) => (
                  <tr key={a.id}>
                    <td>{a.name}</td>
                    <td>{a.type}</td>
                    <td>{a.backchannelLogout ? 'Subscribed' : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>
          <h3>Connections</h3>
          {snapshot.connections.length === 0 ? (
            <p className="muted">No connections.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Strategy</th>
                </tr>
              </thead>
              <tbody>
                {snapshot.connections.map((c) => (
                  <tr key={c.id}>
                    <td>{c.name}</td>
                    <td>{c.strategy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>Tenant Allowed Logout URLs</h3>
          {snapshot.allowedLogoutUrls.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul className="url-list">
              {snapshot.allowedLogoutUrls.map((u) => (
                <li key={u}>
                  <code>{u}</code>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
  )
}
