import { useEffect, useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { TenantSummary } from '../../../preload/contract'
import { diffConfigs } from '../../../core/config/diff'
import type { TenantConfiguration } from '../../../core/config/model'
import { errorText } from '../../lib/error-text'
import { dateTime } from '../../lib/time-text'
import { configStore, useConfig, useTenants } from '../../stores'
import { selectTenantList } from '../tenants/tenants-store'
import type { CompareSide, ConfigState } from './config-store'
import { DeployFilePickers } from './deploy-file-pickers'
import { DiffTable } from './diff-table'
import { ImportMessages } from './import-messages'
import type { PickedImport } from './import-files'

/** One side of a comparison, resolved: a configuration, or why there is none yet. */
type Resolved =
  | { kind: 'ready'; config: TenantConfiguration; label: string }
  | { kind: 'waiting'; message: string }

const encode = (side: CompareSide): string => {
  switch (side.kind) {
    case 'draft':
      return 'draft'
    case 'snapshot':
      return `snapshot:${side.tenantId}`
    case 'import':
      return `import:${side.id}`
    case 'none':
      return ''
  }
}

const decode = (value: string): CompareSide => {
  if (value === 'draft') return { kind: 'draft' }
  if (value.startsWith('snapshot:')) return { kind: 'snapshot', tenantId: value.slice(9) }
  if (value.startsWith('import:')) return { kind: 'import', id: value.slice(7) }
  return { kind: 'none' }
}

const pulledAt = (config: TenantConfiguration | null | undefined) =>
  config?.source.kind === 'tenant' ? dateTime(config.source.pulledAt) : null

/** What a side can be read from: the current tenant's workspace, others', imports. */
type Sources = Pick<ConfigState, 'tenantId' | 'draft' | 'snapshot' | 'workspaces' | 'imports'>

function resolveSide(side: CompareSide, s: Sources, tenants: TenantSummary[]): Resolved {
  const name = (id: string) => tenants.find((t) => t.id === id)?.name ?? id
  switch (side.kind) {
    case 'none':
      return { kind: 'waiting', message: 'Choose what to compare with.' }
    case 'draft': {
      const config = s.draft?.config ?? s.snapshot
      return config
        ? { kind: 'ready', config, label: `${name(s.tenantId ?? '')} draft` }
        : { kind: 'waiting', message: 'This tenant has no snapshot yet.' }
    }
    case 'snapshot': {
      const own = side.tenantId === s.tenantId
      const entry = own ? undefined : s.workspaces[side.tenantId]
      if (!own && entry?.status === 'error' && entry.error) {
        return { kind: 'waiting', message: errorText(entry.error) }
      }
      if (!own && entry?.status !== 'ready') {
        return { kind: 'waiting', message: `Reading ${name(side.tenantId)}’s snapshot…` }
      }
      const config = own ? s.snapshot : (entry?.value?.snapshot ?? null)
      return config
        ? { kind: 'ready', config, label: `${name(side.tenantId)} snapshot` }
        : {
            kind: 'waiting',
            message: `${name(side.tenantId)} has not been pulled: make it the active tenant and pull it first.`,
          }
    }
    case 'import': {
      const entry = s.imports.find((i) => i.id === side.id)
      return entry
        ? { kind: 'ready', config: entry.config, label: entry.name }
        : { kind: 'waiting', message: 'Choose what to compare with.' }
    }
  }
}

interface SidePickerProps {
  id: string
  label: string
  side: CompareSide
  tenants: TenantSummary[]
  onChange: (side: CompareSide) => void
}

/** A select of everything that can be compared: the draft, every tenant's snapshot, imports. */
function SidePicker({ id, label, side, tenants, onChange }: SidePickerProps) {
  const tenantId = useConfig((s) => s.tenantId)
  const hasDraft = useConfig((s) => s.draft !== null)
  const snapshot = useConfig((s) => s.snapshot)
  const workspaces = useConfig((s) => s.workspaces)
  const imports = useConfig((s) => s.imports)
  const own = tenants.find((t) => t.id === tenantId)
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={encode(side)} onChange={(e) => onChange(decode(e.target.value))}>
        <option value="">Choose…</option>
        <optgroup label={`This tenant (${own?.name ?? tenantId ?? ''})`}>
          <option value="draft">{hasDraft ? 'Draft' : 'Draft (no edits yet)'}</option>
          {snapshot && tenantId && (
            <option value={`snapshot:${tenantId}`}>Snapshot, pulled {pulledAt(snapshot)}</option>
          )}
        </optgroup>
        {tenants.some((t) => t.id !== tenantId) && (
          <optgroup label="Other tenants’ snapshots">
            {tenants
              .filter((t) => t.id !== tenantId)
              .map((t) => {
                const entry = workspaces[t.id]
                const at = pulledAt(entry?.value?.snapshot)
                return (
                  <option key={t.id} value={`snapshot:${t.id}`}>
                    {t.name}
                    {at ? `, pulled ${at}` : entry?.status === 'ready' ? ' (not pulled)' : ''}
                  </option>
                )
              })}
          </optgroup>
        )}
        {imports.length > 0 && (
          <optgroup label="Deploy CLI files">
            {imports.map((i) => (
              <option key={i.id} value={`import:${i.id}`}>
                {i.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </div>
  )
}

/**
 * Field-level differences between any two configurations: this tenant's draft or snapshot,
 * another tenant's snapshot (staging vs production), or Deploy CLI exports read from files.
 */
export function CompareTab() {
  const tenants = useTenants(useShallow(selectTenantList))
  const compare = useConfig((s) => s.compare)
  const tenantId = useConfig((s) => s.tenantId)
  const imports = useConfig((s) => s.imports)
  const draft = useConfig((s) => s.draft)
  const snapshot = useConfig((s) => s.snapshot)
  const workspaces = useConfig((s) => s.workspaces)
  const [left, right] = useMemo(() => {
    const sources = { tenantId, draft, snapshot, workspaces, imports }
    return [
      resolveSide(compare.left, sources, tenants),
      resolveSide(compare.right, sources, tenants),
    ]
  }, [compare, tenantId, draft, snapshot, workspaces, imports, tenants])
  const [importError, setImportError] = useState<string | null>(null)
  const store = configStore.getState()

  // Other tenants' workspaces are local files: read them all, so the picker can say which exist.
  useEffect(() => {
    for (const t of tenants) {
      if (t.id !== tenantId && configStore.getState().workspaces[t.id] === undefined) {
        void configStore.getState().loadWorkspace(t.id)
      }
    }
  }, [tenants, tenantId])

  const [bothSet, setBothSet] = useState(false)
  const all = useMemo(
    () =>
      left.kind === 'ready' && right.kind === 'ready' ? diffConfigs(left.config, right.config) : [],
    [left, right],
  )
  // A Deploy CLI file leaves out what it does not manage: those fields are not real differences.
  const differences = bothSet ? all.filter((d) => d.change === 'changed') : all
  const oneSided = all.length - all.filter((d) => d.change === 'changed').length

  const onPicked = (result: PickedImport) => {
    if (!result.ok) return setImportError(`${result.name}: ${result.error}`)
    setImportError(null)
    const id = store.addImport({
      name: result.name,
      config: result.config,
      warnings: result.warnings,
    })
    store.setCompare('right', { kind: 'import', id })
  }
  const picker = (side: 'left' | 'right') => (
    <SidePicker
      id={`compare-${side}`}
      label={side === 'left' ? 'Compare' : 'With'}
      side={compare[side]}
      tenants={tenants}
      onChange={(value) => store.setCompare(side, value)}
    />
  )
  const rightImport =
    compare.right.kind === 'import'
      ? imports.find((i) => compare.right.kind === 'import' && i.id === compare.right.id)
      : undefined

  return (
    <section className="panel" aria-labelledby="config-compare-title">
      <h2 id="config-compare-title">Compare configurations</h2>
      <p className="muted small">
        Resources are matched by name, as the Deploy CLI matches them, so two tenants compare field
        by field. Lifetimes are compared in one unit: 72 hours and 4,320 minutes are the same.
      </p>
      <div className="compare-pickers">
        {picker('left')}
        <button
          type="button"
          className="button swap"
          aria-label="Swap the two sides"
          title="Swap the two sides"
          onClick={() => {
            store.setCompare('left', compare.right)
            store.setCompare('right', compare.left)
          }}
        >
          ⇄
        </button>
        {picker('right')}
        <div className="compare-files" role="group" aria-label="Add a Deploy CLI export">
          <DeployFilePickers verb="Add" onPicked={onPicked} />
        </div>
      </div>
      {importError && (
        <p role="alert" className="form-error">
          {importError}
        </p>
      )}
      {rightImport && <ImportMessages warnings={rightImport.warnings} />}
      {left.kind === 'waiting' || right.kind === 'waiting' ? (
        <p className="muted empty-hint" role="status">
          {left.kind === 'waiting' ? left.message : right.kind === 'waiting' ? right.message : ''}
        </p>
      ) : (
        <>
          <div className="compare-summary-row">
            <p className="compare-summary" role="status">
              {differences.length === 0
                ? `${left.label} and ${right.label} are the same in every field${bothSet ? ' both set' : ''}.`
                : `${differences.length} field${differences.length === 1 ? '' : 's'} differ between ${left.label} and ${right.label}.`}
            </p>
            <label className="check">
              <input
                type="checkbox"
                checked={bothSet}
                onChange={(e) => setBothSet(e.target.checked)}
              />
              Only fields both sides set ({oneSided} set on one side only)
            </label>
          </div>
          <DiffTable
            differences={differences}
            beforeLabel={left.label}
            afterLabel={right.label}
            empty="No differences."
          />
        </>
      )}
    </section>
  )
}
