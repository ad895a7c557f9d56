import type { TenantSummary } from '../../../preload/contract'

interface ConnectionDotProps {
  tenant: Pick<TenantSummary, 'connection' | 'credentials'>
}

/** The connection state in a word and a colour (the word is always there, not the colour alone). */
export function ConnectionDot({ tenant }: ConnectionDotProps) {
  const state =
    tenant.credentials === 'unavailable'
      ? { css: 'failed', text: 'Credentials unavailable' }
      : tenant.credentials === 'missing'
        ? { css: 'failed', text: 'No secret stored' }
        : {
            untested: { css: 'untested', text: 'Not tested' },
            testing: { css: 'testing', text: 'Connecting…' },
            connected: { css: 'connected', text: 'Connected' },
            failed: { css: 'failed', text: 'Connection failed' },
          }[tenant.connection.state]
  return (
    <span className={`connection ${state.css}`}>
      <span className="dot" aria-hidden="true" />
      {state.text}
    </span>
  )
}
