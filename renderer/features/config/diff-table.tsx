import type { FieldDifference } from '../../../core/config/diff'
import { fieldLabel, resourceLabel } from './value-text'
import { ValueView } from './value-view'

interface DiffTableProps {
  differences: FieldDifference[]
  beforeLabel: string
  afterLabel: string
  /** Shown when there is no difference. */
  empty: string
  /** When given, each row offers to take the `before` value back (the draft's Changes). */
  onRevert?: (difference: FieldDifference) => void
}

const changeTags: Record<FieldDifference['change'], { word: string; css: string }> = {
  added: { word: 'set', css: 'tag ok' },
  removed: { word: 'unset', css: 'tag change-removed' },
  changed: { word: 'changed', css: 'tag' },
}

/** Field-level differences grouped by resource: field, before, after. */
export function DiffTable({
  differences,
  beforeLabel,
  afterLabel,
  empty,
  onRevert,
}: DiffTableProps) {
  if (differences.length === 0) return <p className="muted empty-hint">{empty}</p>
  const groups = new Map<string, FieldDifference[]>()
  for (const d of differences) groups.set(d.resource, [...(groups.get(d.resource) ?? []), d])
  return (
    <div className="diff">
      {[...groups.entries()].map(([resource, rows]) => (
        <section key={resource} className="diff-group" aria-label={resourceLabel(resource)}>
          <h3>
            {resourceLabel(resource)}{' '}
            <span className="muted small">
              {rows.length} field{rows.length === 1 ? '' : 's'}
            </span>
          </h3>
          <table className="table diff-table">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">{beforeLabel}</th>
                <th scope="col">{afterLabel}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.field}>
                  <th scope="row">
                    {fieldLabel(resource, d.field)}
                    <span className={changeTags[d.change].css}>{changeTags[d.change].word}</span>
                    {onRevert && (
                      <button
                        type="button"
                        className="button small diff-revert"
                        aria-label={`Revert ${fieldLabel(resource, d.field)} of ${resourceLabel(resource)}`}
                        onClick={() => onRevert(d)}
                      >
                        Revert
                      </button>
                    )}
                  </th>
                  <td>
                    <ValueView value={d.before} other={d.after} mark="removed" unit={d.unit} />
                  </td>
                  <td>
                    <ValueView value={d.after} other={d.before} mark="added" unit={d.unit} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  )
}
