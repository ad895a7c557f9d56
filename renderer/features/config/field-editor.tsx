import { useId } from 'react'
import type { Consequence } from '../../../core/config/consequences'
import type { ConfigProblem } from '../../../core/config/validate'
import {
  sameValue,
  WHOLE_VALUE_MARKER,
  type FieldDef,
  type JsonValue,
} from '../../../core/config/model'
import { formatMinutes, formatSeconds, parseDuration } from '../../../core/config/units'
import { configStore } from '../../stores'
import { FieldShell } from './field-shell'
import { useDraftText, type Parsed } from './use-draft-text'

interface FieldEditorProps {
  resource: string
  def: FieldDef
  value: JsonValue | null
  /** The snapshot's value; undefined when the snapshot does not have this resource. */
  was: JsonValue | null | undefined
  problems: ConfigProblem[]
  consequences: Consequence[]
}

/** One field of a resource, with the control its type needs. */
export function FieldEditor({
  resource,
  def,
  value,
  was,
  problems,
  consequences,
}: FieldEditorProps) {
  const id = useId()
  const changed = was !== undefined && !sameValue(value ?? undefined, was ?? undefined)
  const set = (after: JsonValue | null, coalesce = false) => {
    if (!sameValue(after ?? undefined, value ?? undefined)) {
      configStore.getState().edit([{ resource, field: def.path, after }], { coalesce })
    }
  }
  const shell = {
    id,
    def,
    changed,
    was,
    problems,
    consequences,
    onRevert: () => set(was ?? null),
  }
  const invalid = problems.some((p) => p.severity === 'error')
  const control = {
    id,
    'aria-describedby': `${id}-desc`,
    'aria-invalid': invalid || undefined,
  }
  /** Clearing a control unsets the field only when the snapshot has it unset too. */
  const empty = was === null || was === undefined ? null : undefined

  switch (def.type) {
    case 'boolean':
      return (
        <FieldShell {...shell} labelled>
          <label className="check config-check">
            <input
              type="checkbox"
              {...control}
              checked={value === true}
              onChange={(e) => set(e.target.checked)}
            />
            {def.label}
            {value === null && <span className="muted small"> (not set)</span>}
          </label>
        </FieldShell>
      )
    case 'enum':
      return (
        <FieldShell {...shell}>
          <select
            {...control}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => set(e.target.value === '' ? null : e.target.value)}
          >
            {(value === null || typeof value !== 'string') && <option value="">not set</option>}
            {def.options?.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </FieldShell>
      )
    case 'enum-list': {
      const list = Array.isArray(value) ? value.filter((v) => typeof v === 'string') : []
      const toggle = (option: string, on: boolean) => {
        const next = (def.options ?? []).filter((o) => (o === option ? on : list.includes(o)))
        // Entries the console does not know are kept at the end, as they were.
        set([...next, ...list.filter((v) => !(def.options ?? []).includes(v))])
      }
      return (
        <FieldShell {...shell} group>
          <fieldset
            className="check-group"
            aria-describedby={`${id}-desc`}
            aria-invalid={invalid || undefined}
          >
            <legend>{def.label}</legend>
            {def.options?.map((o) => (
              <label key={o} className="check">
                <input
                  type="checkbox"
                  checked={list.includes(o)}
                  onChange={(e) => toggle(o, e.target.checked)}
                />
                {o}
              </label>
            ))}
          </fieldset>
        </FieldShell>
      )
    }
    case 'minutes':
    case 'seconds':
      return <DurationField shell={shell} control={control} value={value} set={set} empty={empty} />
    case 'url-list':
      return <ListField shell={shell} control={control} value={value} set={set} empty={empty} />
    case 'backchannel-urls':
      if (Array.isArray(value) && value.length > 1) {
        return <ListField shell={shell} control={control} value={value} set={set} empty={empty} />
      }
      return (
        <TextField shell={shell} control={control} value={value} set={set} empty={empty} list />
      )
    case 'url':
      return <TextField shell={shell} control={control} value={value} set={set} empty={empty} />
  }
}

interface TextControlProps {
  shell: Omit<Parameters<typeof FieldShell>[0], 'children'>
  control: { id: string; 'aria-describedby': string; 'aria-invalid': true | undefined }
  value: JsonValue | null
  set: (after: JsonValue | null, coalesce?: boolean) => void
  /** What an empty control means: null (unset) or undefined (not allowed). */
  empty: null | undefined
}

const listText = (value: JsonValue | null) =>
  Array.isArray(value)
    ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n')
    : ''

/** A URL list as a textarea, one entry per line (fast to edit, paste and reorder by keyboard). */
function ListField({ shell, control, value, set, empty }: TextControlProps) {
  const parse = (text: string): Parsed => {
    const entries = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
    return { ok: true, value: entries.length === 0 && empty === null ? null : entries }
  }
  const { text, onChange } = useDraftText(value, listText, parse, (v) => set(v, true))
  const lines = Math.max(2, Math.min(10, text.split('\n').length + 1))
  return (
    <FieldShell {...shell}>
      <textarea
        {...control}
        className="url-lines"
        rows={lines}
        value={text}
        spellCheck={false}
        placeholder="One URL per line"
        onChange={onChange}
      />
    </FieldShell>
  )
}

/** One URL (a connection's sign-out endpoint, or the single back-channel logout URL). */
function TextField({
  shell,
  control,
  value,
  set,
  empty,
  list,
}: TextControlProps & { list?: boolean }) {
  const format = (v: JsonValue | null) =>
    list
      ? Array.isArray(v) && typeof v[0] === 'string'
        ? v[0]
        : ''
      : typeof v === 'string'
        ? v
        : ''
  const parse = (text: string): Parsed => {
    const t = text.trim()
    if (list) return { ok: true, value: t === '' ? (empty === null ? null : []) : [t] }
    return { ok: true, value: t === '' ? (empty === null ? null : '') : t }
  }
  const { text, onChange } = useDraftText(value, format, parse, (v) => set(v, true))
  return (
    <FieldShell {...shell}>
      <input
        {...control}
        type="text"
        inputMode="url"
        spellCheck={false}
        value={text}
        placeholder={list ? 'https://app.example.com/backchannel-logout' : 'https://…'}
        onChange={onChange}
      />
    </FieldShell>
  )
}

/**
 * What the draft holds, beside a duration control: `= 3 days (4,320 minutes)`; just `= 90
 * minutes` when the words are already in the unit; what the draft keeps while the text is invalid.
 */
function durationEcho(value: number, words: string, unit: string, invalid: boolean): string {
  if (invalid) return `The draft keeps ${words}.`
  const exact = `${value.toLocaleString('en-US')} ${value === 1 ? unit.slice(0, -1) : unit}`
  return words === exact ? `= ${words}` : `= ${words} (${exact})`
}

/** A lifetime: typed as "72h", "3d", "90m", "1d 12h" or a bare number of the field's unit. */
function DurationField({ shell, control, value, set, empty }: TextControlProps) {
  const unit = shell.def.type === 'seconds' ? 'seconds' : 'minutes'
  const words = unit === 'minutes' ? formatMinutes : formatSeconds
  const format = (v: JsonValue | null) =>
    typeof v === 'number' ? words(v) : typeof v === 'string' ? v : ''
  const parse = (text: string): Parsed => {
    const t = text.trim()
    if (t === '') {
      return empty === null
        ? { ok: true, value: null }
        : { ok: false, message: 'Enter a duration, for example 72h, 3d or 90m.' }
    }
    // A Deploy CLI keyword marker stands for the whole value: kept as written.
    if (WHOLE_VALUE_MARKER.test(t)) return { ok: true, value: t }
    const n = parseDuration(t, unit)
    return n === null
      ? {
          ok: false,
          message:
            unit === 'minutes'
              ? `“${t}” is not a duration in whole minutes. Try 72h, 3d, 90m or 1d 12h.`
              : `“${t}” is not a duration in whole seconds. Try 30d, 12h, 90m or 45s.`,
        }
      : { ok: true, value: n }
  }
  const { text, parsed, onChange } = useDraftText(value, format, parse, (v) => set(v, true))
  const inputProblem = parsed.ok ? null : parsed.message
  return (
    <FieldShell {...shell} inputProblem={inputProblem}>
      <div className="duration">
        <input
          {...control}
          aria-invalid={control['aria-invalid'] ?? (inputProblem ? true : undefined)}
          type="text"
          spellCheck={false}
          value={text}
          placeholder="e.g. 72h, 3d, 90m"
          onChange={onChange}
        />
        {typeof value === 'number' && (
          <span className="duration-echo muted" aria-hidden="true">
            {durationEcho(value, words(value), unit, inputProblem !== null)}
          </span>
        )}
      </div>
    </FieldShell>
  )
}
