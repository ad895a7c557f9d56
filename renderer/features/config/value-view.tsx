import type { JsonValue } from '../../../core/config/model'
import { valueText } from './value-text'

interface ValueViewProps {
  value: JsonValue | null
  /** The other side: list entries missing there are marked. */
  other?: JsonValue | null
  /** `removed` marks entries absent from `other` as removed, `added` as added. */
  mark?: 'removed' | 'added'
  unit?: 'minutes' | 'seconds'
}

/**
 * A field value. Lifetimes read in words and in their one canonical unit (`3 days · 4,320
 * minutes`), whatever unit each side was written in; lists one entry per line, with the entries
 * the other side lacks marked.
 */
export function ValueView({ value, other, mark, unit }: ValueViewProps) {
  if (!Array.isArray(value)) {
    return (
      <span className={value === null ? 'value muted' : 'value'}>
        {valueText(value, unit)}
        {typeof value === 'number' && unit !== undefined && (
          <span className="unit-echo">
            {' '}
            · {value.toLocaleString('en-US')} {value === 1 ? unit.slice(0, -1) : unit}
          </span>
        )}
      </span>
    )
  }
  if (value.length === 0) return <span className="value muted">empty list</span>
  const others = Array.isArray(other) ? other.map((v) => valueText(v)) : []
  return (
    <ul className="value-list">
      {value.map((entry, i) => {
        const text = valueText(entry)
        const marked = mark !== undefined && !others.includes(text)
        return (
          <li key={i}>
            {marked && mark === 'removed' && (
              <del>
                <span className="visually-hidden">removed: </span>
                {text}
              </del>
            )}
            {marked && mark === 'added' && (
              <ins>
                <span className="visually-hidden">added: </span>
                {text}
              </ins>
            )}
            {!marked && text}
          </li>
        )
      })}
    </ul>
  )
}
