import { useEffect, useMemo, useState } from 'react'
import { diffConfigs } from '../../../core/config/diff'
import { errorText } from '../../lib/error-text'
import { configStore, useConfig, useTenants } from '../../stores'
import { selectActiveTenant } from '../tenants/tenants-store'
import { ChangesTab } from './changes-tab'
import { CompareTab } from './compare-tab'
import { ConfigDialogs } from './config-dialogs'
import { ConfigHeader } from './config-header'
import { ConfigTabs } from './config-tabs'
import { EditTab } from './edit-tab'
import { EffectTab } from './effect-tab'
import { isOffline, OfflineNotice } from './offline-notice'
import { PushDialog } from './push-dialog'
import { useUndoKeys } from './use-undo-keys'
import './config.css'

/**
 * Offline configuration editing of the active tenant: pull a snapshot, edit a draft (saved as you
 * type), see the changes and their effect, compare, push safely.
 */
export function ConfigScreen() {
  const active = useTenants(selectActiveTenant)
  const activeId = useTenants((s) => s.overview.activeTenantId)
  const tenantId = useConfig((s) => s.tenantId)
  const status = useConfig((s) => s.status)
  const error = useConfig((s) => s.error)
  const snapshot = useConfig((s) => s.snapshot)
  const draft = useConfig((s) => s.draft)
  const notices = useConfig((s) => s.notices)
  const pull = useConfig((s) => s.pull)
  const tab = useConfig((s) => s.tab)
  const [discarding, setDiscarding] = useState(false)
  useUndoKeys()

  // The screen follows the active tenant; another tenant's workspace is read for Compare only.
  useEffect(() => {
    if (configStore.getState().tenantId !== activeId) void configStore.getState().open(activeId)
  }, [activeId])

  const differences = useMemo(
    () => (snapshot && draft ? diffConfigs(snapshot, draft.config) : []),
    [snapshot, draft],
  )
  const config = draft?.config ?? snapshot
  const plan = active?.plan ?? null
  const store = configStore.getState()

  return (
    <section className="screen config-screen" aria-labelledby="config-title">
      <ConfigHeader
        tenant={tenantId === activeId ? active : null}
        changeCount={differences.length}
        onDiscard={() => setDiscarding(true)}
      />
      {notices.length > 0 && (
        <ul className="notices config-notices" aria-label="Workspace notices">
          {notices.map((n) => (
            <li key={n} className="notice warning">
              {n}
            </li>
          ))}
        </ul>
      )}
      {pull.status === 'error' && pull.error && (
        <OfflineNotice
          error={pull.error}
          what="Pull failed"
          hasSnapshot={snapshot !== null}
          onRetry={() => void store.pullSnapshot()}
          onDismiss={() => store.cancelPull()}
        />
      )}
      {status === 'loading' && (
        <p role="status" className="muted">
          Reading the local snapshot and draft…
        </p>
      )}
      {status === 'error' && error && (
        <div className="panel error-panel" role="alert">
          <h2>Cannot read this tenant’s local configuration</h2>
          <p>{errorText(error)}</p>
          <button
            type="button"
            className="button"
            onClick={() => tenantId && void store.open(tenantId)}
          >
            Try again
          </button>
        </div>
      )}
      {status === 'ready' && snapshot === null && (
        <div className="empty-state panel config-empty">
          <h2>Pull this tenant’s configuration to edit it offline</h2>
          <p className="muted">
            A pull stores the tenant’s logout and session settings, every application’s logout URLs,
            callbacks, back-channel logout and refresh-token settings, and the SAML connections’
            sign-out options on this computer. You can then edit them without a network, see the
            field-level changes and their effect on the logout posture, and push them back safely.
          </p>
          <button
            type="button"
            className="button primary"
            disabled={pull.status === 'loading'}
            onClick={() => void store.pullSnapshot()}
          >
            {pull.status === 'loading' ? 'Pulling…' : `Pull ${active?.name ?? 'this tenant'}`}
          </button>
          {pull.status === 'error' && pull.error && isOffline(pull.error) && (
            <p className="muted small">Connect to the tenant first, then pull again.</p>
          )}
        </div>
      )}
      {status === 'ready' && config !== null && snapshot !== null && (
        <>
          <ConfigTabs changeCount={differences.length} />
          <div
            role="tabpanel"
            id={`config-panel-${tab}`}
            aria-labelledby={`config-tab-${tab}`}
            className="config-panel"
          >
            {tab === 'edit' && (
              <EditTab config={config} snapshot={snapshot} differences={differences} plan={plan} />
            )}
            {tab === 'changes' && <ChangesTab differences={differences} />}
            {tab === 'compare' && <CompareTab />}
            {tab === 'effect' && <EffectTab snapshot={snapshot} config={config} />}
          </div>
        </>
      )}
      <ConfigDialogs
        discarding={discarding}
        changeCount={differences.length}
        onCloseDiscard={() => setDiscarding(false)}
      />
      <PushDialog />
    </section>
  )
}
