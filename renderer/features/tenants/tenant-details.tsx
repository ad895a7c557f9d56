import { useState } from 'react'
import type { TenantSummary } from '../../../preload/contract'
import { errorText } from '../../lib/error-text'
import { tenantsStore, useTenants } from '../../stores'
import { ConnectionDot } from './connection-dot'
import { EnvironmentBadge } from './environment-badge'
import { planLabels } from './labels'
import { RemoveTenantDialog } from './remove-tenant-dialog'
import { TenantSnapshotView } from './tenant-snapshot'

interface TenantDetailsProps {
  tenant: TenantSummary
  active: boolean
}

/** One tenant: credentials, connection test, granted scopes, what they allow, and what it holds. */
export function TenantDetails({ tenant, active }: TenantDetailsProps) {
  const snapshot = useTenants((s) => s.snapshots[tenant.id])
  const [removing, setRemoving] = useState(false)
  const store = tenantsStore.getState()
  const { connection } = tenant
  const testing = connection.state === 'testing'
  return (
    <section className="panel details" aria-labelledby="tenant-details-title">
      <header className="details-header">
        <h2 id="tenant-details-title">{tenant.name}</h2>
        <EnvironmentBadge tenant={tenant} />
        {active && <span className="badge active">Active</span>}
        <span className="spacer" />
        {!active && (
          <button
            type="button"
            className="button primary"
            onClick={() => void store.activate(tenant.id)}
          >
            Make active
          </button>
        )}
        {tenant.kind === 'auth0' && (
          <>
            <button
              type="button"
              className="button"
              onClick={() => store.openForm({ kind: 'edit', id: tenant.id })}
            >
              Edit
            </button>
            <button type="button" className="button danger" onClick={() => setRemoving(true)}>
              Remove…
            </button>
          </>
        )}
      </header>
      <dl className="facts">
        <dt>Domain</dt>
        <dd>
          {tenant.domain === '' ? (
            <span className="warning-text">
              Missing: edit the tenant and enter its own domain (…auth0.com)
            </span>
          ) : (
            <code>{tenant.domain}</code>
          )}
        </dd>
        {tenant.customDomain !== undefined && (
          <>
            <dt>Custom domain</dt>
            <dd>
              <code>{tenant.customDomain}</code>
            </dd>
          </>
        )}
        <dt>Client id</dt>
        <dd>
          <code>{tenant.clientId}</code>
        </dd>
        <dt>Client secret</dt>
        <dd>
          {tenant.kind === 'sandbox'
            ? 'Held by the embedded Sandbox (local only)'
            : tenant.credentials === 'ok'
              ? 'Stored in the OS keychain'
              : (tenant.credentialsMessage ?? 'Unavailable')}
        </dd>
        <dt>Plan</dt>
        <dd>{planLabels[tenant.plan]}</dd>
        {tenant.kind === 'sandbox' && (
          <>
            <dt>About</dt>
            <dd>
              A local Auth0-compatible tenant with realistic demo data, running inside Session
              Console on 127.0.0.1. Nothing here touches a real tenant.
            </dd>
          </>
        )}
      </dl>

      <div className="connection-row">
        <ConnectionDot tenant={tenant} />
        {connection.testedAt && (
          <span className="muted">
            checked {new Date(connection.testedAt).toLocaleTimeString()}
          </span>
        )}
        <span className="spacer" />
        <button
          type="button"
          className="button"
          disabled={testing || tenant.credentials !== 'ok'}
          title={tenant.credentials !== 'ok' ? tenant.credentialsMessage : undefined}
          onClick={() => void store.test(tenant.id)}
        >
          {testing ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      {connection.error && (
        <p role="alert" className="form-error">
          {errorText(connection.error)}
        </p>
      )}

      {connection.state === 'connected' && (
        <>
          <h3>What the granted scopes allow</h3>
          <ul className="features">
            {connection.features.map((f) => (
              <li key={f.id} className={f.enabled ? 'feature on' : 'feature off'}>
                <span aria-hidden="true">{f.enabled ? '✓' : '✕'}</span>
                <span>
                  <strong>{f.label}</strong>
                  {f.enabled ? (
                    <span className="muted"> — {f.requiredScopes.join(', ')}</span>
                  ) : (
                    <span className="muted"> — {f.reason}</span>
                  )}
                </span>
              </li>
            ))}
          </ul>
          <details className="scopes">
            <summary>Granted scopes ({connection.scopes.length})</summary>
            <p>
              {connection.scopes.map((s) => (
                <code key={s} className="chip">
                  {s}
                </code>
              ))}
            </p>
          </details>
        </>
      )}

      {snapshot?.status === 'loading' && (
        <p className="muted" role="status">
          Reading the tenant…
        </p>
      )}
      {snapshot?.status === 'error' && snapshot.error && (
        <p role="alert" className="form-error">
          {errorText(snapshot.error)}{' '}
          <button
            type="button"
            className="button small"
            onClick={() => void store.loadSnapshot(tenant.id)}
          >
            Retry
          </button>
        </p>
      )}
      {snapshot?.status === 'ready' && snapshot.value && (
        <TenantSnapshotView snapshot={snapshot.value} />
      )}
      {removing && <RemoveTenantDialog tenant={tenant} onClose={() => setRemoving(false)} />}
    </section>
  )
}
