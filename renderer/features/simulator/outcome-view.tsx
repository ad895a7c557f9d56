import type { FinalState, StepOutcome } from '../../../core/simulation'
import type { ScenarioDoc, StepDoc } from './simulator-store'
import { stepLabels } from './step-editor'

interface OutcomeViewProps {
  doc: ScenarioDoc
  outcomes: StepOutcome[]
  aliveAfter: (FinalState | null)[]
}

/** A scalar field of a step as text. */
const text = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : ''

/** Who talks to whom in one step: browser ↔ app ↔ Auth0 ↔ identity provider. */
function sequence(step: StepDoc, o: StepOutcome, name: (clientId: unknown) => string): string[] {
  const lines: string[] = []
  const params = (step['params'] ?? {}) as Record<string, unknown>
  switch (step.do) {
    case 'local_logout':
      lines.push(`App ${name(step['client_id'])} clears its own session — nothing is sent to Auth0`)
      break
    case 'logout':
      lines.push(
        `Browser → Auth0: ${String(step['endpoint'])}${params['client_id'] ? ` (client_id of ${name(params['client_id'])})` : ''}`,
      )
      if (o.prompted)
        lines.push(
          `Auth0 → Browser: “Log out?” confirmation (${text(step['confirm']) || 'accept'})`,
        )
      if (o.idp_logout) lines.push(`Auth0 → Identity provider ${o.idp_logout}: log out`)
      for (const b of o.backchannel)
        lines.push(`Auth0 → App ${name(b.client_id)}: back-channel logout token (${b.initiator})`)
      if (o.redirect_to) lines.push(`Auth0 → Browser: redirect to ${o.redirect_to}`)
      break
    case 'login':
      lines.push(
        `App ${name(step['client_id'])} → Browser → Auth0: /authorize${step['prompt'] ? ` prompt=${text(step['prompt'])}` : ''}`,
      )
      if (o.via === 'idp_session')
        lines.push('Auth0 → Identity provider: still signed in, no password asked')
      lines.push(
        `Auth0 → App: ${o.login === 'error' ? `error ${o.login_error ?? ''}` : o.login === 'silent' ? 'code, silently' : 'code after the user signs in'}`,
      )
      break
    case 'refresh':
      lines.push(`App ${name(step['client_id'])} → Auth0: /oauth/token (refresh_token)`)
      break
    case 'wait':
      lines.push(
        `${text(step['minutes']) || '0'} minutes pass${step['active'] ? ', the browser active at Auth0' : ', idle'}`,
      )
      break
    default:
      lines.push(`Console → Management API: ${stepLabels[step.do] ?? step.do}`)
      for (const b of o.backchannel)
        lines.push(`Auth0 → App ${name(b.client_id)}: back-channel logout token (${b.initiator})`)
  }
  return lines
}

/** The verdict on the next login, in plain words. */
function loginVerdict(o: StepOutcome): string | null {
  if (o.login === 'silent') {
    return o.via === 'idp_session'
      ? 'Silently signed back in through the identity provider’s session — use federated logout, or send users to a logged-out page.'
      : 'Silently signed back in through the Auth0 session that is still alive — end it with a logout at Auth0.'
  }
  if (o.login === 'interactive') return 'The user is asked to sign in again.'
  if (o.login === 'error')
    return `The login fails: ${o.login_error ?? o.error?.message ?? 'error'}.`
  return null
}

/** Each step's sequence, redirect verdict, back-channel tokens, what ended, and the rules applied. */
export function OutcomeView({ doc, outcomes, aliveAfter }: OutcomeViewProps) {
  const names = new Map((doc.clients ?? []).map((c) => [c.client_id, c.name ?? c.client_id]))
  const name = (clientId: unknown) => names.get(String(clientId)) ?? String(clientId)
  return (
    <ol className="outcomes">
      {outcomes.map((o, i) => {
        const step = doc.steps[i] ?? { do: o.do }
        const verdict = loginVerdict(o)
        return (
          <li key={i} className={`outcome ${o.result}`} aria-label={`Step ${i + 1} outcome`}>
            <header>
              <strong>
                {i + 1}. {stepLabels[o.do] ?? o.do}
              </strong>
              <span className={`tag ${o.result === 'ok' ? 'ok' : 'warn'}`}>{o.result}</span>
            </header>
            <ul className="sequence">
              {sequence(step, o, name).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            {o.allow_list && (
              <p className="verdict">
                Redirect checked against <code>{o.allow_list}</code>:{' '}
                {o.matched_entry ? (
                  <>
                    matched <code>{o.matched_entry}</code>
                  </>
                ) : (
                  'no entry matched'
                )}
              </p>
            )}
            {o.error && (
              <p className="form-error">
                {o.error.code}: {o.error.message}
              </p>
            )}
            {verdict && <p className="verdict strong-verdict">{verdict}</p>}
            {o.ended.length > 0 && (
              <p>
                Ended:{' '}
                {o.ended.map((e) => (
                  <code key={e} className="chip">
                    {e}
                  </code>
                ))}
              </p>
            )}
            {aliveAfter[i] && <AliveLayers alive={aliveAfter[i]} name={name} />}
            <details>
              <summary>Why ({o.notes.length})</summary>
              <ul>
                {o.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </details>
          </li>
        )
      })}
    </ol>
  )
}

/** The layers alive after a step, one lane each: the layer map, step by step. */
function AliveLayers({ alive, name }: { alive: FinalState; name: (clientId: unknown) => string }) {
  const lanes: [string, string[]][] = [
    ['Identity provider', alive.idp_sessions],
    ['Auth0 sessions', alive.sessions],
    ['App sessions', alive.app_sessions.map(name)],
    ['Refresh tokens', alive.refresh_tokens],
  ]
  return (
    <dl className="alive">
      {lanes.map(([lane, items]) => (
        <div key={lane}>
          <dt>{lane}</dt>
          <dd>{items.length === 0 ? <span className="muted">none</span> : items.join(', ')}</dd>
        </div>
      ))}
    </dl>
  )
}
