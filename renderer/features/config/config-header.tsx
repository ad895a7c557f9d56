import type { TenantSummary } from '../../../preload/contract'
import { dateTime } from '../../lib/time-text'
import { useNow } from '../../lib/use-now'
import { configStore, useConfig } from '../../stores'
import { EnvironmentBadge } from '../tenants/environment-badge'
import { selectCanRedo, selectCanUndo } from './config-store'
import { FileActions } from './file-actions'
import { SaveStatus } from './save-status'
import { whenText } from './time-words'

interface ConfigHeaderProps {
  /** The active tenant, whose workspace is shown; null while the tenants load. */
  tenant: TenantSummary | null
  changeCount: number
  onDiscard: () => void
}

/** Which tenant, when its snapshot was pulled, whether the draft is saved; the screen's actions. */
export function ConfigHeader({ tenant, changeCount, onDiscard }: ConfigHeaderProps) {
  const tenantId = useConfig((s) => s.tenantId)
  const ready = useConfig((s) => s.status === 'ready')
  const snapshot = useConfig((s) => s.snapshot)
  const hasDraft = useConfig((s) => s.draft !== null)
  const pulling = useConfig((s) => s.pull.status === 'loading')
  const canUndo = useConfig(selectCanUndo)
  const canRedo = useConfig(selectCanRedo)
  const now = useNow(15_000)
  const store = configStore.getState()
  const source = snapshot?.source
  const history = [
    {
      label: 'Undo',
      enabled: canUndo,
      keys: 'Control+Z',
      title: 'Undo (Ctrl+Z)',
      run: () => store.undo(),
    },
    {
      label: 'Redo',
      enabled: canRedo,
      keys: 'Control+Shift+Z Control+Y',
      title: 'Redo (Ctrl+Shift+Z or Ctrl+Y)',
      run: () => store.redo(),
    },
  ]
  return (
    <header className="config-header">
      <div className="screen-header">
        <h1 id="config-title">Configuration</h1>
      </div>
      <div className="config-bar">
        <div className="config-facts">
          <span className="config-tenant">
            <strong>{tenant?.name ?? tenantId ?? '—'}</strong>
            {tenant && <EnvironmentBadge tenant={tenant} />}
            {tenant && <span className="muted">{tenant.domain}</span>}
          </span>
          <span className="config-age">
            {source?.kind === 'tenant' ? (
              <>
                Snapshot pulled{' '}
                <time dateTime={source.pulledAt} title={dateTime(source.pulledAt)}>
                  {whenText(source.pulledAt, now).at}
                </time>{' '}
                <span className="muted">({whenText(source.pulledAt, now).ago})</span>
              </>
            ) : (
              <span className="muted">No snapshot yet</span>
            )}
          </span>
          <SaveStatus />
        </div>
        <div className="config-toolbar" role="group" aria-label="Configuration actions">
          <button
            type="button"
            className="button"
            disabled={pulling || !ready}
            title="Read the tenant’s configuration again and make it the new snapshot"
            onClick={() => void store.pullSnapshot()}
          >
            {pulling ? 'Pulling…' : 'Pull'}
          </button>
          <span className="toolbar-sep" aria-hidden="true" />
          {history.map((h) => (
            <button
              key={h.label}
              type="button"
              className="button"
              disabled={!h.enabled}
              aria-keyshortcuts={h.keys}
              title={h.title}
              onClick={h.run}
            >
              {h.label}
            </button>
          ))}
          <button type="button" className="button" disabled={!hasDraft} onClick={onDiscard}>
            Discard draft…
          </button>
          <span className="toolbar-sep" aria-hidden="true" />
          <FileActions />
          <span className="toolbar-sep" aria-hidden="true" />
          <button
            type="button"
            className="button primary"
            disabled={snapshot === null || changeCount === 0}
            title={changeCount === 0 ? 'The draft has no changes to push' : undefined}
            onClick={() => void store.openPush()}
          >
            Preview push…
          </button>
        </div>
      </div>
    </header>
  )
}
