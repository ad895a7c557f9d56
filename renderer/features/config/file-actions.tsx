import { useState } from 'react'
import {
  connectionsWithoutOptions,
  exportDeployDirectory,
  exportDeployYaml,
} from '../../../core/config/deploy-format'
import { zipFiles } from '../../../core/config/zip'
import { ModalDialog } from '../../components/modal-dialog'
import { download } from '../../lib/download'
import { configStore, useConfig } from '../../stores'
import { selectWorkingConfig } from './config-store'
import { DeployFilePickers } from './deploy-file-pickers'
import { ImportMessages } from './import-messages'
import { planImport, type ImportPlan, type PickedImport } from './import-files'
import { resourceLabel } from './value-text'
import { plural } from '../../../core/text'

type Open = 'none' | 'import' | 'export'

/** Import a Deploy CLI export (into the draft, or to compare); export the draft in both formats. */
export function FileActions() {
  const [open, setOpen] = useState<Open>('none')
  const [picked, setPicked] = useState<PickedImport | null>(null)
  /** What the picked export changes, computed when it was picked (applying it changes the draft). */
  const [plan, setPlan] = useState<ImportPlan | null>(null)
  const [applied, setApplied] = useState<string | null>(null)
  const working = useConfig(selectWorkingConfig)
  const hasDraft = useConfig((s) => s.draft !== null)
  const tenantId = useConfig((s) => s.tenantId)
  const close = () => {
    setOpen('none')
    setPicked(null)
    setPlan(null)
    setApplied(null)
  }

  const onPicked = (result: PickedImport) => {
    setPicked(result)
    setPlan(result.ok && working ? planImport(working, result.config) : null)
    setApplied(null)
  }

  const apply = () => {
    if (!plan || picked?.ok !== true) return
    configStore.getState().edit(plan.edits)
    setApplied(
      plan.edits.length === 0
        ? `${picked.name} holds the draft’s values already; nothing changed.`
        : `${plural(plan.edits.length, 'field')} changed in the draft. Undo takes them back in one step.`,
    )
  }
  const compare = () => {
    if (picked?.ok !== true) return
    const store = configStore.getState()
    const id = store.addImport({
      name: picked.name,
      config: picked.config,
      warnings: picked.warnings,
    })
    store.setCompare('left', { kind: 'draft' })
    store.setCompare('right', { kind: 'import', id })
    store.setTab('compare')
    close()
  }

  /** Connections whose options an export leaves out, and why (shown before exporting). */
  const leftOut = working ? connectionsWithoutOptions(working) : []

  const exportAs = (format: 'yaml' | 'zip') => {
    if (!working) return
    if (format === 'yaml') {
      download('tenant.yaml', exportDeployYaml(working), 'application/yaml')
    } else {
      const zip = zipFiles(exportDeployDirectory(working))
      download(`${tenantId ?? 'tenant'}-config.zip`, zip, 'application/zip')
    }
  }

  return (
    <>
      <button
        type="button"
        className="button"
        disabled={!working}
        onClick={() => setOpen('import')}
      >
        Import…
      </button>
      <button
        type="button"
        className="button"
        disabled={!working}
        onClick={() => setOpen('export')}
      >
        Export…
      </button>
      {open === 'import' && (
        <ModalDialog title="Import a Deploy CLI export" onClose={close}>
          <p className="muted">
            A <code>tenant.yaml</code> (or a <code>.json</code>) or a directory export (
            <code>tenant.json</code>, <code>clients/</code>, <code>connections/</code>). Keyword
            markers (<code>##KEY##</code>, <code>@@KEY@@</code>) are kept as written; lifetimes in
            hours become minutes.
          </p>
          <div className="import-pickers">
            <DeployFilePickers verb="Choose" onPicked={onPicked} />
          </div>
          {picked && !picked.ok && (
            <p role="alert" className="form-error">
              {picked.name}: {picked.error}
            </p>
          )}
          {picked?.ok === true && plan && (
            <div className="import-result" role="status">
              <p>
                <strong>{picked.name}</strong>:{' '}
                {plan.edits.length === 0
                  ? 'the same values as the draft.'
                  : `${plural(plan.edits.length, 'field')} would change in the draft.`}
                {plan.skipped.length > 0 &&
                  ` Not on this tenant (not imported): ${plan.skipped.map(resourceLabel).join(', ')}.`}
              </p>
              <ImportMessages warnings={picked.warnings} />
              {applied && <p className="notice ok-notice">{applied}</p>}
            </div>
          )}
          <div className="actions">
            <button type="button" className="button" onClick={close}>
              {applied ? 'Done' : 'Cancel'}
            </button>
            <button
              type="button"
              className="button"
              disabled={picked?.ok !== true}
              onClick={compare}
            >
              Compare with the draft
            </button>
            <button
              type="button"
              className="button primary"
              disabled={!plan || plan.edits.length === 0 || applied !== null}
              onClick={apply}
            >
              Apply to the draft
            </button>
          </div>
        </ModalDialog>
      )}
      {open === 'export' && (
        <ModalDialog title="Export for the Deploy CLI" onClose={close}>
          <p className="muted">
            The {hasDraft ? 'draft' : 'snapshot'} in the Auth0 Deploy CLI formats, keyword markers
            kept as written, lifetimes in hours where they are whole hours. Connection options are
            written whole, so that deploying the file never erases the rest of them.
          </p>
          {leftOut.length > 0 && (
            <div className="notice warning stacked" role="note">
              <p>
                These connections’ options are left out, so a deploy leaves them as they are; their
                Sign Out settings are not in the file:
              </p>
              <ul>
                {leftOut.map((c) => (
                  <li key={c.name}>
                    <strong>{c.name}</strong>: {c.reason}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="actions start">
            <button type="button" className="button" onClick={() => exportAs('yaml')}>
              tenant.yaml
            </button>
            <button type="button" className="button" onClick={() => exportAs('zip')}>
              Directory format (.zip)
            </button>
          </div>
          <div className="actions">
            <button type="button" className="button primary" onClick={close}>
              Done
            </button>
          </div>
        </ModalDialog>
      )}
    </>
  )
}
