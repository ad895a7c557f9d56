import { useEffect, useMemo } from 'react'
import { errorText } from '../../lib/error-text'
import { dependentsOf } from '../../../core/layers/layer-graph'
import { durationText } from '../../lib/time-text'
import { useNow } from '../../lib/use-now'
import { useUsers, usersStore } from '../../stores'
import { LogoutButton } from '../logout/logout-button'
import { FullLists } from './full-lists'
import { LayerMap } from './layer-map'
import { NodeDetails } from './node-details'

/** Data older than this is marked stale. */
export const STALE_AFTER_MS = 60_000

const partNames = {
  sessions: 'Sessions',
  refreshTokens: 'Refresh tokens',
  applications: 'Applications',
  connections: 'Connections',
} as const

interface UserViewProps {
  /** Example searches to offer on the empty screen (the Sandbox's demo users). */
  examples: string[]
}

/** The open user: summary, layer map, the selected node's details, full lists. */
export function UserView({ examples }: UserViewProps) {
  const layers = useUsers((s) => s.layers)
  const status = useUsers((s) => s.layersStatus)
  const error = useUsers((s) => s.layersError)
  const selected = useUsers((s) => s.selectedNode)
  const openUserId = useUsers((s) => s.openUserId)
  const now = useNow(1000)
  const store = usersStore.getState()
  const dependents = useMemo(
    () => (layers && selected ? dependentsOf(layers, selected).size : 0),
    [layers, selected],
  )

  // Refresh when the window regains focus, as a support person comes back from a call.
  useEffect(() => {
    const onFocus = () => void usersStore.getState().refresh()
    window.addEventListener('focus', onFocus)
    return () => window.removeEventListener('focus', onFocus)
  }, [])

  if (!openUserId) {
    return (
      <div className="empty-state">
        <h2>Find a user</h2>
        <p className="muted">
          Search by email, name or user id. The map shows every layer that keeps them signed in: the
          identity provider, each Auth0 session and device, the applications, and refresh tokens.
        </p>
        {examples.length > 0 && (
          <p className="examples">
            Try a demo user:{' '}
            {examples.map((e) => (
              <button
                key={e}
                type="button"
                className="button small"
                onClick={() => store.setQuery(e)}
              >
                {e}
              </button>
            ))}
          </p>
        )}
      </div>
    )
  }
  if (!layers) {
    return status === 'error' && error ? (
      <div role="alert" className="panel error-panel">
        <h2>Could not read this user</h2>
        <p>{errorText(error)}</p>
        <button type="button" className="button primary" onClick={() => void store.refresh()}>
          Retry
        </button>
      </div>
    ) : (
      <p className="muted" role="status">
        Reading sessions and tokens…
      </p>
    )
  }
  const age = Math.max(0, now - Date.parse(layers.fetchedAt))
  const stale = age > STALE_AFTER_MS
  // Sessions and refresh tokens refused by the tenant's plan: the summary says so once; the counts
  // are unknown (not 0) and nothing can be ended here.
  const planRefusal = layers.unavailable.find((u) => u.error.reason === 'enterprise-only')
  const count = (n: number) => (planRefusal === undefined ? n : '—')
  return (
    <div className="user-view">
      <header className="user-header">
        <div>
          <h2>{layers.user.name ?? layers.user.email ?? layers.user.userId}</h2>
          <p className="muted">
            {layers.user.email} · <code>{layers.user.userId}</code>
          </p>
        </div>
        <span className="spacer" />
        <span className={stale ? 'freshness stale' : 'freshness'} role="status">
          {status === 'loading'
            ? 'Refreshing…'
            : `${stale ? 'Stale: ' : ''}read ${durationText(age)} ago`}
        </span>
        <button
          type="button"
          className="button"
          onClick={() => void store.refresh()}
          disabled={status === 'loading'}
        >
          Refresh
        </button>
      </header>
      {status === 'error' && error && (
        <p role="alert" className="form-error">
          Refresh failed, showing the last data. {errorText(error)}
        </p>
      )}
      <section className="panel summary" aria-label="Summary">
        <p className="summary-text">{layers.summary.text}</p>
        <dl className="stats">
          <div>
            <dt>Devices</dt>
            <dd>{count(layers.summary.devices)}</dd>
          </div>
          <div>
            <dt>Sessions</dt>
            <dd>{count(layers.summary.sessions)}</dd>
          </div>
          <div>
            <dt>Refresh tokens</dt>
            <dd>{count(layers.summary.refreshTokens)}</dd>
          </div>
          <div>
            <dt>Survive logout</dt>
            <dd>{count(layers.summary.unboundRefreshTokens)}</dd>
          </div>
        </dl>
      </section>
      {layers.unavailable
        .filter((u) => u.error.reason !== 'enterprise-only')
        .map((u) => (
          <p key={u.part} className="notice warning" role="status">
            {partNames[u.part]} could not be read — {errorText(u.error)}
          </p>
        ))}
      {planRefusal === undefined && (
        <div className="logout-actions" aria-label="End sessions for this user">
          <LogoutButton
            userId={layers.user.userId}
            action={{ kind: 'delete-all-sessions' }}
            feature="end-sessions"
            label="End all sessions…"
          />
          <LogoutButton
            userId={layers.user.userId}
            action={{ kind: 'revoke-all-refresh-tokens' }}
            feature="revoke-refresh-tokens"
            label="Revoke all refresh tokens…"
          />
          <LogoutButton
            userId={layers.user.userId}
            action={{ kind: 'sign-out-everywhere' }}
            feature="revoke-sessions"
            label="Sign out everywhere…"
          />
        </div>
      )}
      <p className="muted small">
        Select a card to see what depends on it. Escape clears the selection.
      </p>
      <LayerMap layers={layers} now={now} />
      {selected && (
        <NodeDetails layers={layers} nodeId={selected} dependents={dependents} now={now} />
      )}
      {(layers.sessions.length > 0 || layers.refreshTokens.length > 0) && (
        <FullLists layers={layers} now={now} />
      )}
    </div>
  )
}
