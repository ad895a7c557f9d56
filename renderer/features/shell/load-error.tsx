import { errorText } from '../../lib/error-text'
import { appStore, useApp } from '../../stores'

/** Shown when the app could not talk to main at all (web host gone, missing token). */
export function LoadError() {
  const error = useApp((s) => s.error)
  const status = useApp((s) => s.status)
  if (status !== 'error' || !error) return null
  return (
    <div role="alert" className="panel error-panel">
      <h2>Session Console could not start</h2>
      <p>{errorText(error)}</p>
      <button
        type="button"
        className="button primary"
        onClick={() => void appStore.getState().load()}
      >
        Retry
      </button>
    </div>
  )
}
