import type { ReactNode } from 'react'
import { simulatorStore } from '../../stores'
import type { ScenarioDoc, StepDoc } from './simulator-store'

interface StepEditorProps {
  doc: ScenarioDoc
  step: StepDoc
  index: number
}

/** What each step kind does, in the words of the contract. */
export const stepLabels: Record<string, string> = {
  local_logout: 'App-only logout',
  logout: 'Logout at Auth0',
  login: 'Next login',
  refresh: 'Refresh-token exchange',
  delete_session: 'Management API: delete session',
  revoke_session: 'Management API: revoke session',
  delete_user_sessions: 'Management API: delete all sessions',
  delete_user_refresh_tokens: 'Management API: revoke refresh tokens',
  wait: 'Wait',
}

const str = (v: unknown) => (typeof v === 'string' ? v : '')

/** One step as a small form; every change re-runs the scenario. */
export function StepEditor({ doc, step, index }: StepEditorProps) {
  const update = (patch: Record<string, unknown>) =>
    simulatorStore.getState().updateStep(index, { ...step, ...patch })
  const params = (step['params'] ?? {}) as Record<string, unknown>
  const setParam = (key: string, value: unknown) => {
    const next = { ...params }
    if (value === '' || value === undefined || value === false) delete next[key]
    else next[key] = value
    update({ params: next })
  }
  const id = (name: string) => `step-${index}-${name}`
  const clients = doc.clients ?? []
  const sessions = ((doc.state?.['sessions'] as { id: string }[] | undefined) ?? []).map(
    (s) => s.id,
  )
  const clientSelect = (
    value: string,
    onChange: (v: string) => void,
    optional: boolean,
    label: string,
  ) => (
    <Field id={id(label)} label={label}>
      <select id={id(label)} value={value} onChange={(e) => onChange(e.target.value)}>
        {optional && <option value="">(none)</option>}
        {clients.map((c) => (
          <option key={c.client_id} value={c.client_id}>
            {c.name ?? c.client_id}
          </option>
        ))}
      </select>
    </Field>
  )
  let body: ReactNode = null
  switch (step.do) {
    case 'local_logout':
    case 'refresh':
      body = clientSelect(
        str(step['client_id']),
        (v) => update({ client_id: v }),
        false,
        'Application',
      )
      break
    case 'delete_user_refresh_tokens':
      body = clientSelect(
        str(step['client_id']),
        (v) => update({ client_id: v || undefined }),
        true,
        'Application',
      )
      break
    case 'delete_session':
    case 'revoke_session':
      body = (
        <Field id={id('session')} label="Session">
          <select
            id={id('session')}
            value={str(step['session_id'])}
            onChange={(e) => update({ session_id: e.target.value })}
          >
            <option value="">(choose)</option>
            {sessions.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </Field>
      )
      break
    case 'login':
      body = (
        <>
          {clientSelect(
            str(step['client_id']),
            (v) => update({ client_id: v }),
            false,
            'Application',
          )}
          <Field id={id('prompt')} label="prompt">
            <select
              id={id('prompt')}
              value={str(step['prompt'])}
              onChange={(e) => update({ prompt: e.target.value || undefined })}
            >
              <option value="">(none)</option>
              <option value="none">none (silent authentication)</option>
              <option value="login">login (always ask)</option>
            </select>
          </Field>
          <Field id={id('connection')} label="connection">
            <select
              id={id('connection')}
              value={str(step['connection'])}
              onChange={(e) => update({ connection: e.target.value || undefined })}
            >
              <option value="">(user chooses)</option>
              {(doc.connections ?? []).map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
        </>
      )
      break
    case 'wait':
      body = (
        <>
          <Field id={id('minutes')} label={`Minutes: ${Number(step['minutes'] ?? 0)}`}>
            <input
              id={id('minutes')}
              type="range"
              min={0}
              max={14 * 24 * 60}
              step={15}
              value={Number(step['minutes'] ?? 0)}
              onChange={(e) => update({ minutes: Number(e.target.value) })}
            />
          </Field>
          <label className="check">
            <input
              type="checkbox"
              checked={step['active'] === true}
              onChange={(e) => update({ active: e.target.checked })}
            />
            active (the browser keeps interacting with Auth0)
          </label>
        </>
      )
      break
    case 'logout': {
      const oidc = step['endpoint'] === '/oidc/logout'
      const returnKey = oidc ? 'post_logout_redirect_uri' : 'returnTo'
      body = (
        <>
          <Field id={id('endpoint')} label="Endpoint">
            <select
              id={id('endpoint')}
              value={str(step['endpoint']) || '/v2/logout'}
              onChange={(e) => update({ endpoint: e.target.value, params: {} })}
            >
              <option value="/v2/logout">/v2/logout</option>
              <option value="/oidc/logout">/oidc/logout</option>
            </select>
          </Field>
          {clientSelect(
            str(params['client_id']),
            (v) => setParam('client_id', v),
            true,
            'client_id',
          )}
          <Field id={id('return')} label={returnKey}>
            <input
              id={id('return')}
              value={str(params[returnKey])}
              placeholder="https://app.example.com/logged-out"
              onChange={(e) => setParam(returnKey, e.target.value)}
            />
          </Field>
          <label className="check">
            <input
              type="checkbox"
              checked={params['federated'] !== undefined}
              onChange={(e) => setParam('federated', e.target.checked ? true : undefined)}
            />
            federated (also log out of the identity provider)
          </label>
          {oidc && (
            <>
              <label className="check">
                <input
                  type="checkbox"
                  checked={params['id_token_hint'] !== undefined}
                  onChange={(e) =>
                    setParam(
                      'id_token_hint',
                      e.target.checked
                        ? {
                            aud: str(params['client_id']) || clients[0]?.client_id || '',
                            sid: str(doc.state?.['browser_session']),
                          }
                        : undefined,
                    )
                  }
                />
                id_token_hint (for the browser’s session)
              </label>
              <Field id={id('confirm')} label="If asked to confirm">
                <select
                  id={id('confirm')}
                  value={str(step['confirm']) || 'accept'}
                  onChange={(e) => update({ confirm: e.target.value })}
                >
                  <option value="accept">the user accepts</option>
                  <option value="deny">the user denies</option>
                </select>
              </Field>
            </>
          )}
        </>
      )
      break
    }
    default:
      body = null
  }
  return (
    <li className="step-editor">
      <div className="step-head">
        <strong>
          {index + 1}. {stepLabels[step.do] ?? step.do}
        </strong>
        <button
          type="button"
          className="button small"
          aria-label={`Remove step ${index + 1}`}
          onClick={() => simulatorStore.getState().removeStep(index)}
        >
          Remove
        </button>
      </div>
      <div className="step-fields">{body}</div>
    </li>
  )
}

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  )
}
