import { useState } from 'react'
import {
  decideLogoutRedirect,
  validateAllowList,
  type LogoutEndpoint,
} from '../../../core/simulation'
import type { ScenarioDoc } from './simulator-store'

interface UrlCheckerProps {
  doc: ScenarioDoc
}

const listOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []

/** Paste a return URL: which list decides, which entry matches or why none does; list problems. */
export function UrlChecker({ doc }: UrlCheckerProps) {
  const [url, setUrl] = useState('')
  const [clientId, setClientId] = useState('')
  const [endpoint, setEndpoint] = useState<LogoutEndpoint>('/v2/logout')
  const clients = (doc.clients ?? []) as {
    client_id: string
    name?: string
    allowed_logout_urls?: unknown
  }[]
  const tenantList = listOf(doc.tenant?.['allowed_logout_urls'])
  const decision = url.trim()
    ? decideLogoutRedirect(
        { endpoint, returnUrl: url.trim(), clientId: clientId || null },
        {
          tenant: tenantList,
          client: (id) => {
            const c = clients.find((x) => x.client_id === id)
            return c ? listOf(c.allowed_logout_urls) : undefined
          },
        },
      )
    : null
  const problems = [
    ...validateAllowList(tenantList).map((p) => ({ list: 'tenant', ...p })),
    ...clients.flatMap((c) =>
      validateAllowList(listOf(c.allowed_logout_urls)).map((p) => ({
        list: c.name ?? c.client_id,
        ...p,
      })),
    ),
  ]
  return (
    <section className="panel" aria-labelledby="checker-title">
      <h2 id="checker-title">Logout URL checker</h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor="checker-url">Return URL</label>
          <input
            id="checker-url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://app.example.com/bye?next=/home"
          />
        </div>
        <div className="field">
          <label htmlFor="checker-endpoint">Endpoint</label>
          <select
            id="checker-endpoint"
            value={endpoint}
            onChange={(e) => setEndpoint(e.target.value as LogoutEndpoint)}
          >
            <option value="/v2/logout">/v2/logout</option>
            <option value="/oidc/logout">/oidc/logout</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="checker-client">client_id</label>
          <select
            id="checker-client"
            value={clientId}
            onChange={(e) => setClientId(e.target.value)}
          >
            <option value="">(none: tenant list)</option>
            {clients.map((c) => (
              <option key={c.client_id} value={c.client_id}>
                {c.name ?? c.client_id}
              </option>
            ))}
          </select>
        </div>
      </div>
      {decision && (
        <p role="status" className={decision.allowed ? 'notice' : 'notice error'}>
          <strong>{decision.allowed ? 'Allowed.' : 'Rejected.'}</strong> {decision.explanation}
        </p>
      )}
      {problems.length > 0 && (
        <>
          <h3>Entries Auth0 would reject</h3>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                <code>{p.entry}</code> in the {p.list} list: {p.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
