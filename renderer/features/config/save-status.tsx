import { errorText } from '../../lib/error-text'
import { configStore, useConfig } from '../../stores'
import { clock } from './time-words'

/** "Saved 12:03:04", "Saving…", or why the draft could not be written to disk. */
export function SaveStatus() {
  const save = useConfig((s) => s.save)
  const hasDraft = useConfig((s) => s.draft !== null)
  if (save.status === 'error' && save.error) {
    return (
      <span className="save-status error" role="alert">
        Draft not saved: {errorText(save.error)} Your edits are still here.{' '}
        <button
          type="button"
          className="button small"
          onClick={() => void configStore.getState().flush()}
        >
          Save again
        </button>
      </span>
    )
  }
  let text = hasDraft ? 'Draft not saved yet' : 'No edits'
  let css = 'save-status muted'
  if (save.status === 'pending' || save.status === 'saving') {
    text = 'Saving…'
  } else if (hasDraft && save.savedAt) {
    text = `Saved ${clock(save.savedAt)}`
    css = 'save-status saved'
  }
  return (
    <span className={css} role="status">
      {text}
    </span>
  )
}
