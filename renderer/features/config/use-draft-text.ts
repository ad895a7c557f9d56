import { useState, type ChangeEvent } from 'react'
import { sameValue, type JsonValue } from '../../../core/config/model'

/** What a typed text means: a value to apply, or why it cannot be applied yet. */
export type Parsed = { ok: true; value: JsonValue | null } | { ok: false; message: string }

/**
 * The text of a control that edits a draft value as the user types. The text is the user's own
 * while it still means the current value ("72h" stays "72h"); when the value changes from outside
 * (undo, redo, revert, import) the text is rewritten from the value. Typing edits the draft
 * through `apply` as one coalesced undo step per field.
 */
export function useDraftText(
  value: JsonValue | null,
  format: (value: JsonValue | null) => string,
  parse: (text: string) => Parsed,
  apply: (value: JsonValue | null) => void,
) {
  const [text, setText] = useState(() => format(value))
  const [seen, setSeen] = useState(value)
  // Adjusting state while rendering (not in an effect) so the control never shows a stale text.
  if (!sameValue(seen ?? undefined, value ?? undefined)) {
    setSeen(value)
    const parsed = parse(text)
    if (!parsed.ok || !sameValue(parsed.value ?? undefined, value ?? undefined)) {
      setText(format(value))
    }
  }
  /** Keeps what was typed; applies it to the draft when it means a value. */
  const onChange = (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    setText(e.target.value)
    const next = parse(e.target.value)
    if (next.ok) apply(next.value)
  }
  return { text, parsed: parse(text), onChange }
}
