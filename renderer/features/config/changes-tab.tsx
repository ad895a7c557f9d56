import type { FieldDifference } from '../../../core/config/diff'
import { configStore } from '../../stores'
import { DiffTable } from './diff-table'

interface ChangesTabProps {
  /** The draft's differences from the snapshot. */
  differences: FieldDifference[]
}

/** The draft's field-level differences from the snapshot it was made from. */
export function ChangesTab({ differences }: ChangesTabProps) {
  const resources = new Set(differences.map((d) => d.resource)).size
  return (
    <section className="panel" aria-labelledby="config-changes-title">
      <h2 id="config-changes-title">Changes in this draft</h2>
      <p className="muted small">
        {differences.length === 0
          ? 'Every field that differs from the pulled snapshot is listed here.'
          : `${differences.length} field${differences.length === 1 ? '' : 's'} in ${resources} resource${resources === 1 ? '' : 's'} differ from the pulled snapshot.`}{' '}
        Lifetimes are compared and shown in one unit, whatever unit they were entered in.
      </p>
      <DiffTable
        differences={differences}
        beforeLabel="Snapshot"
        afterLabel="Draft"
        empty="No changes: the draft equals the snapshot."
        onRevert={(d) =>
          configStore.getState().edit([{ resource: d.resource, field: d.field, after: d.before }])
        }
      />
    </section>
  )
}
