import type { ReactNode } from 'react'
import type { Consequence } from '../../../core/config/consequences'
import type { ConfigProblem } from '../../../core/config/validate'
import type { FieldDef, JsonValue } from '../../../core/config/model'
import { valueText } from './value-text'

interface FieldShellProps {
  id: string
  def: FieldDef
  changed: boolean
  /** The snapshot's value; undefined when the snapshot does not have this resource. */
  was: JsonValue | null | undefined
  problems: ConfigProblem[]
  consequences: Consequence[]
  /** A problem of the typed text itself (not a duration, …), before it reaches the draft. */
  inputProblem?: string | null
  onRevert: () => void
  /** The control; it should be described by `${id}-desc`. */
  children: ReactNode
  /** Booleans put their label beside the box: the shell then shows no label of its own. */
  labelled?: boolean
  /** A fieldset (checkbox group) labels itself with its legend. */
  group?: boolean
}

const unitFor = (def: FieldDef) =>
  def.type === 'minutes' || def.type === 'seconds' ? def.type : undefined

/** A field's frame: label, changed marker and revert, help, "was: …", problems, consequences. */
export function FieldShell(props: FieldShellProps) {
  const { id, def, changed, was, problems, consequences, inputProblem, children } = props
  const unit = unitFor(def)
  const ownLabel = !props.labelled && !props.group
  return (
    <div className={changed ? 'config-field changed' : 'config-field'} data-field={def.path}>
      {(ownLabel || changed) && (
        <div className="config-field-head">
          {ownLabel && <label htmlFor={id}>{def.label}</label>}
          {changed && <span className="tag changed-tag">changed</span>}
          {changed && (
            <button
              type="button"
              className="button small revert"
              aria-label={`Revert ${def.label}`}
              title="Back to the snapshot’s value"
              onClick={props.onRevert}
            >
              Revert
            </button>
          )}
        </div>
      )}
      <div className="field config-control">{children}</div>
      <div id={`${id}-desc`} className="config-field-notes">
        <p className="hint">{def.help}</p>
        {changed && was !== undefined && (
          <p className="was">
            was: <span className="was-value">{valueText(was, unit)}</span>
          </p>
        )}
        {(inputProblem || problems.length > 0 || consequences.length > 0) && (
          <ul className="field-notes">
            {inputProblem && <li className="note error">{inputProblem}</li>}
            {problems.map((p, i) => (
              <li key={`p${i}`} className={`note ${p.severity}`}>
                <span className="visually-hidden">{p.severity}: </span>
                {p.index !== undefined && !p.message.startsWith(`Entry ${p.index + 1} `) && (
                  <span className="note-index">Entry {p.index + 1}: </span>
                )}
                {p.message}
              </li>
            ))}
            {consequences.map((c, i) => (
              <li key={`c${i}`} className={`note consequence ${c.tone}`}>
                {c.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  )
}
