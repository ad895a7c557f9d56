import { useState, type FormEvent } from 'react'
import type { BulkMode, SessionFilter } from '../../../preload/contract'
import { logoutStore, useTenants } from '../../stores'
import { LogoutButtonGate } from '../logout/logout-button'
import { selectActiveTenant } from '../tenants/tenants-store'

const modes: { id: BulkMode; label: string }[] = [
  { id: 'matching-sessions', label: 'Only the sessions matching the filter (one request each)' },
  { id: 'all-sessions', label: 'All sessions of each user' },
  { id: 'all-sessions-and-tokens', label: 'All sessions and all refresh tokens of each user' },
]

const filterFields: { key: keyof SessionFilter; label: string; placeholder: string }[] = [
  { key: 'ip', label: 'IP or CIDR', placeholder: '203.0.113.0/24' },
  { key: 'asn', label: 'ASN', placeholder: 'AS64500' },
  { key: 'userAgent', label: 'User agent contains', placeholder: 'Firefox' },
  { key: 'createdAfter', label: 'Created on or after', placeholder: '2026-11-20' },
  { key: 'createdBefore', label: 'Created before', placeholder: '2026-11-25' },
  { key: 'clientId', label: 'Used by application (client id)', placeholder: '' },
]

/** Incident response: a cohort from a pasted list or a connection, narrowed by session filters. */
export function BulkScreen() {
  const tenant = useTenants(selectActiveTenant)
  const [sourceKind, setSourceKind] = useState<'list' | 'connection'>('list')
  const [text, setText] = useState('')
  const [connection, setConnection] = useState('')
  const [mode, setMode] = useState<BulkMode>('all-sessions')
  const [filter, setFilter] = useState<SessionFilter>({})
  const [problem, setProblem] = useState<string | null>(null)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const cleaned = Object.fromEntries(
      Object.entries(filter).filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
    ) as SessionFilter
    if (sourceKind === 'list' && text.trim() === '')
      return setProblem('Paste user ids or emails, one per line (or a CSV).')
    if (sourceKind === 'connection' && connection.trim() === '')
      return setProblem('Enter a connection name.')
    if (mode === 'matching-sessions' && Object.keys(cleaned).length === 0) {
      return setProblem('“Only matching sessions” needs at least one filter.')
    }
    setProblem(null)
    void logoutStore.getState().openBulkPreview({
      source:
        sourceKind === 'list'
          ? { kind: 'list', text }
          : { kind: 'connection', connection: connection.trim() },
      mode,
      ...(Object.keys(cleaned).length > 0 && { filter: cleaned }),
    })
  }

  return (
    <section className="screen" aria-labelledby="bulk-title">
      <header className="screen-header">
        <h1 id="bulk-title">Bulk logout</h1>
        {tenant && <span className="muted">on {tenant.name}</span>}
      </header>
      <form className="panel form" onSubmit={submit} noValidate>
        <fieldset className="radio-group">
          <legend>Who</legend>
          <label>
            <input
              type="radio"
              name="source"
              checked={sourceKind === 'list'}
              onChange={() => setSourceKind('list')}
            />
            Pasted list or CSV of user ids / emails
          </label>
          <label>
            <input
              type="radio"
              name="source"
              checked={sourceKind === 'connection'}
              onChange={() => setSourceKind('connection')}
            />
            Every user of a connection
          </label>
        </fieldset>
        {sourceKind === 'list' ? (
          <div className="field">
            <label htmlFor="bulk-list">User ids or emails</label>
            <textarea
              id="bulk-list"
              rows={7}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={
                'auth0|64b7f0c2a1e3d4f5a6b7c8d9\nalice@example.com\n…or paste a CSV with a user_id or email column'
              }
              spellCheck={false}
            />
          </div>
        ) : (
          <div className="field">
            <label htmlFor="bulk-connection">Connection name</label>
            <input
              id="bulk-connection"
              value={connection}
              onChange={(e) => setConnection(e.target.value)}
              placeholder="acme-saml"
            />
          </div>
        )}
        <div className="field">
          <label htmlFor="bulk-mode">What to end</label>
          <select id="bulk-mode" value={mode} onChange={(e) => setMode(e.target.value as BulkMode)}>
            {modes.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="filter-grid">
          <legend>Session filter (optional; all given criteria must match)</legend>
          {filterFields.map((f) => (
            <div className="field" key={f.key}>
              <label htmlFor={`bulk-${f.key}`}>{f.label}</label>
              <input
                id={`bulk-${f.key}`}
                value={filter[f.key] ?? ''}
                placeholder={f.placeholder}
                onChange={(e) => setFilter({ ...filter, [f.key]: e.target.value })}
              />
            </div>
          ))}
        </fieldset>
        {problem && (
          <p role="alert" className="form-error">
            {problem}
          </p>
        )}
        <div className="actions start">
          <LogoutButtonGate
            feature={mode === 'all-sessions-and-tokens' ? 'revoke-sessions' : 'end-sessions'}
          >
            {(disabled) => (
              <button type="submit" className="button primary" disabled={disabled}>
                Preview the cohort
              </button>
            )}
          </LogoutButtonGate>
        </div>
        <p className="muted small">
          The preview reads every user and session of the cohort from the tenant first. The job then
          sends exactly the previewed requests, paced to the tenant’s rate limit; nothing is chosen
          by guess.
        </p>
      </form>
    </section>
  )
}
