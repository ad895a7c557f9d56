import type { UserLayers } from '../../../preload/contract'
import { dateTime, relativeTime } from '../../lib/time-text'
import { LogoutButton } from '../logout/logout-button'
import { SessionTimeline } from './session-timeline'

interface NodeDetailsProps {
  layers: UserLayers
  nodeId: string
  dependents: number
  now: number
}

/** Everything known about the selected node of the map. */
export function NodeDetails({ layers, nodeId, dependents, now }: NodeDetailsProps) {
  const apps = new Map(layers.apps.map((a) => [a.id, a]))
  const session = layers.sessions.find((s) => s.id === nodeId)
  if (session) {
    return (
      <section className="panel node-details" aria-label="Selected session">
        <h3>Session on {session.lastDevice.label}</h3>
        <p className="muted">
          Ending it signs the user out of {session.appIds.length} application
          {session.appIds.length === 1 ? '' : 's'} that rely on this Auth0 session
          {session.refreshTokenIds.length > 0
            ? `; revoking it also revokes ${session.refreshTokenIds.length} bound refresh token${session.refreshTokenIds.length === 1 ? '' : 's'}`
            : ''}
          . {dependents} item{dependents === 1 ? '' : 's'} highlighted on the map.
        </p>
        <dl className="facts">
          <dt>Session id</dt>
          <dd>
            <code>{session.sessionId}</code>
          </dd>
          <dt>First seen</dt>
          <dd>
            {session.firstDevice.label} · {session.firstDevice.ip ?? 'no IP'}
            {session.firstDevice.asn ? ` · ${session.firstDevice.asn}` : ''}
          </dd>
          <dt>Last seen</dt>
          <dd>
            {session.lastDevice.label} · {session.lastDevice.ip ?? 'no IP'}
            {session.lastDevice.asn ? ` · ${session.lastDevice.asn}` : ''}
          </dd>
          <dt>Created</dt>
          <dd>{dateTime(session.createdAt)}</dd>
          <dt>Authenticated</dt>
          <dd>{dateTime(session.authenticatedAt)}</dd>
          <dt>Last interaction</dt>
          <dd>
            {dateTime(session.lastInteractedAt)} ({relativeTime(session.lastInteractedAt, now)})
          </dd>
          <dt>Cookie</dt>
          <dd>{session.cookieMode ?? 'unknown'}</dd>
          <dt>Signed in with</dt>
          <dd>{session.methods.map((m) => m.label).join(', ') || '—'}</dd>
          <dt>Applications</dt>
          <dd>{session.appIds.map((a) => apps.get(a)?.name ?? a).join(', ') || 'None recorded'}</dd>
          <dt>User agent</dt>
          <dd className="small">{session.lastDevice.userAgent ?? '—'}</dd>
        </dl>
        <SessionTimeline session={session} now={now} />
        <div className="logout-actions">
          <LogoutButton
            userId={layers.user.userId}
            action={{ kind: 'delete-session', sessionId: session.sessionId }}
            feature="end-sessions"
            label="End this session…"
          />
          <LogoutButton
            userId={layers.user.userId}
            action={{ kind: 'revoke-session', sessionId: session.sessionId }}
            feature="revoke-sessions"
            label="Revoke session and its refresh tokens…"
          />
        </div>
      </section>
    )
  }
  const token = layers.refreshTokens.find((t) => t.id === nodeId)
  if (token) {
    return (
      <section className="panel node-details" aria-label="Selected refresh token">
        <h3>Refresh token for {token.appName}</h3>
        <p className="muted">
          {token.sessionNodeId
            ? 'Bound to a session: revoking that session revokes this token too. Deleting the session alone does not.'
            : 'Not bound to any session: no logout ends it. Only revoking it (or all the user’s tokens) does.'}
        </p>
        <dl className="facts">
          <dt>Token id</dt>
          <dd>
            <code>{token.tokenId}</code>
          </dd>
          <dt>Device</dt>
          <dd>
            {token.device.label} · {token.device.ip ?? 'no IP'}
          </dd>
          <dt>Created</dt>
          <dd>{dateTime(token.createdAt)}</dd>
          <dt>Last exchanged</dt>
          <dd>{dateTime(token.lastExchangedAt)}</dd>
          <dt>Idle expiry</dt>
          <dd>
            {token.idleExpiresAt
              ? `${dateTime(token.idleExpiresAt)} (${relativeTime(token.idleExpiresAt, now)})`
              : 'none'}
          </dd>
          <dt>Absolute expiry</dt>
          <dd>
            {token.expiresAt
              ? `${dateTime(token.expiresAt)} (${relativeTime(token.expiresAt, now)})`
              : 'none'}
          </dd>
          <dt>Rotating</dt>
          <dd>{token.rotating === undefined ? 'unknown' : token.rotating ? 'yes' : 'no'}</dd>
          <dt>APIs</dt>
          <dd>{token.audiences.join(', ') || '—'}</dd>
        </dl>
        <div className="logout-actions">
          <LogoutButton
            userId={layers.user.userId}
            action={{ kind: 'revoke-refresh-token', tokenId: token.tokenId }}
            feature="revoke-refresh-tokens"
            label="Revoke this refresh token…"
          />
        </div>
      </section>
    )
  }
  const app = apps.get(nodeId)
  if (app) {
    return (
      <section className="panel node-details" aria-label="Selected application">
        <h3>{app.name}</h3>
        <dl className="facts">
          <dt>Client id</dt>
          <dd>
            <code>{app.clientId}</code>
          </dd>
          <dt>Type</dt>
          <dd>{app.appType}</dd>
          <dt>Sessions using it</dt>
          <dd>{app.sessionIds.length}</dd>
          <dt>Refresh tokens</dt>
          <dd>{app.refreshTokenIds.length}</dd>
          <dt>Back-channel logout</dt>
          <dd>
            {app.backchannel.subscribed
              ? `Subscribed at ${app.backchannel.url ?? '?'} for ${app.backchannel.initiators.join(', ')}`
              : 'Not subscribed: its own session keeps running after an Auth0 logout until it expires.'}
          </dd>
        </dl>
        {!app.known && (
          <p className="notice warning">
            This client id is not among the tenant’s applications (deleted?).
          </p>
        )}
      </section>
    )
  }
  const idp = layers.idps.find((i) => i.id === nodeId)
  if (idp) {
    return (
      <section className="panel node-details" aria-label="Selected identity provider">
        <h3>{idp.connection}</h3>
        <dl className="facts">
          <dt>Strategy</dt>
          <dd>
            {idp.strategy} ({idp.kind})
          </dd>
          <dt>Sessions through it</dt>
          <dd>{idp.sessionIds.length}</dd>
          <dt>Federated logout</dt>
          <dd>
            {idp.federatedLogout.optionsUnread === true && <strong>Unknown. </strong>}
            {idp.federatedLogout.reason}
          </dd>
        </dl>
      </section>
    )
  }
  return null
}
