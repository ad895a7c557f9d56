import type { ChangeEvent } from 'react'
import { download } from '../../lib/download'
import { errorText } from '../../lib/error-text'
import { simulatorStore, useSimulator, useUsers } from '../../stores'
import { OutcomeView } from './outcome-view'
import { PostureView } from './posture-view'
import { StepEditor, stepLabels } from './step-editor'
import { UrlChecker } from './url-checker'

/** A new step of each kind, with sensible first values. */
function newStep(kind: string, clientId: string): Record<string, unknown> & { do: string } {
  switch (kind) {
    case 'logout':
      return { do: 'logout', endpoint: '/v2/logout', params: { client_id: clientId } }
    case 'wait':
      return { do: 'wait', minutes: 60, active: false }
    case 'delete_user_sessions':
      return { do: 'delete_user_sessions' }
    case 'delete_user_refresh_tokens':
      return { do: 'delete_user_refresh_tokens' }
    case 'delete_session':
    case 'revoke_session':
      return { do: kind, session_id: '' }
    default:
      return { do: kind, client_id: clientId }
  }
}

/** Logout simulator: a scenario from a real user, a file or a blank page; steps as forms; outcomes. */
export function SimulatorScreen() {
  const doc = useSimulator((s) => s.doc)
  const status = useSimulator((s) => s.status)
  const loadError = useSimulator((s) => s.loadError)
  const invalid = useSimulator((s) => s.invalid)
  const outcome = useSimulator((s) => s.outcome)
  const aliveAfter = useSimulator((s) => s.aliveAfter)
  const source = useSimulator((s) => s.source)
  const openUserId = useUsers((s) => s.openUserId)
  const store = simulatorStore.getState()

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0]
    if (file) store.importText(await file.text(), file.name)
    e.target.value = ''
  }
  return (
    <section className="screen" aria-labelledby="simulator-title">
      <header className="screen-header">
        <h1 id="simulator-title">Logout simulator</h1>
        <button
          type="button"
          className="button primary"
          disabled={!openUserId}
          title={openUserId ? undefined : 'Open a user on the Users screen first'}
          onClick={() => openUserId && void store.fromUser(openUserId)}
        >
          From the open user
        </button>
        <label className="button file-button">
          Import scenario…
          <input type="file" accept=".json,application/json" onChange={(e) => void onFile(e)} />
        </label>
        <button type="button" className="button" onClick={() => store.blank()}>
          Blank
        </button>
        <button
          type="button"
          className="button"
          disabled={!doc}
          onClick={() => download('scenario.json', store.exportText(), 'application/json')}
        >
          Export scenario
        </button>
      </header>
      {status === 'loading' && (
        <p role="status">Reading the user, their sessions and the tenant’s settings…</p>
      )}
      {loadError && (
        <p role="alert" className="form-error">
          {errorText(loadError)}
        </p>
      )}
      {!doc && status !== 'loading' && (
        <div className="empty-state">
          <h2>What happens when this user logs out?</h2>
          <p className="muted">
            Start from a real user (open one on the Users screen), import a scenario file, or start
            blank. The same files run in CI with <code>npm run --silent simulate -- file.json</code>
            .
          </p>
        </div>
      )}
      {doc && (
        <div className="simulator">
          <section className="panel" aria-label="Steps">
            <p className="muted small">Scenario: {source}</p>
            <ol className="steps">
              {doc.steps.map((step, i) => (
                <StepEditor key={i} doc={doc} step={step} index={i} />
              ))}
            </ol>
            <div className="field">
              <label htmlFor="add-step">Add a step</label>
              <select
                id="add-step"
                value=""
                onChange={(e) => {
                  if (e.target.value)
                    store.addStep(newStep(e.target.value, doc.clients?.[0]?.client_id ?? ''))
                }}
              >
                <option value="">Choose…</option>
                {Object.entries(stepLabels).map(([kind, label]) => (
                  <option key={kind} value={kind}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          </section>
          <section className="panel" aria-label="Outcome">
            {invalid && (
              <p role="alert" className="form-error">
                The scenario is not valid yet: {invalid}
              </p>
            )}
            {outcome && (
              <>
                <OutcomeView doc={doc} outcomes={outcome.steps} aliveAfter={aliveAfter} />
                <p className="final">
                  Still alive afterwards: sessions {outcome.final.sessions.join(', ') || 'none'} ·
                  identity providers {outcome.final.idp_sessions.join(', ') || 'none'} · app
                  sessions {outcome.final.app_sessions.join(', ') || 'none'} · refresh tokens{' '}
                  {outcome.final.refresh_tokens.length}
                </p>
              </>
            )}
          </section>
        </div>
      )}
      {doc && <UrlChecker doc={doc} />}
      {doc && <PostureView doc={doc} />}
    </section>
  )
}
