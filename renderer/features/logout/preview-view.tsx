import type { LogoutPreview } from '../../../preload/contract'

/** Items listed per group; the rest are counted. */
const SHOWN = 50

interface PreviewViewProps {
  preview: LogoutPreview
}

/** The blast radius: what ends, who gets a back-channel logout, what survives, and the warnings. */
export function PreviewView({ preview }: PreviewViewProps) {
  const { ends, survives } = preview
  return (
    <div className="preview">
      <div className="two-col">
        <section aria-label="Will end">
          <h3>Will end</h3>
          {ends.sessions.length === 0 && ends.refreshTokens.length === 0 && (
            <p className="muted">Nothing listed.</p>
          )}
          <ul className="end-list">
            {ends.sessions.slice(0, SHOWN).map((s) => (
              <li key={s.id}>
                Session on <strong>{s.device}</strong>
                {s.apps.length > 0 && <span className="muted"> — used by {s.apps.join(', ')}</span>}
              </li>
            ))}
            {ends.refreshTokens.slice(0, SHOWN).map((t) => (
              <li key={t.id}>
                Refresh token of <strong>{t.appName}</strong>
                <span className="muted">{t.bound ? ' (bound to a session)' : ' (not bound)'}</span>
              </li>
            ))}
            {ends.sessions.length > SHOWN && (
              <li className="muted">
                … and {(ends.sessions.length - SHOWN).toLocaleString()} more sessions
              </li>
            )}
            {ends.refreshTokens.length > SHOWN && (
              <li className="muted">
                … and {(ends.refreshTokens.length - SHOWN).toLocaleString()} more refresh tokens
              </li>
            )}
          </ul>
        </section>
        <section aria-label="Will survive">
          <h3>Will survive</h3>
          <ul className="survive-list">
            {survives.sessions.map((s) => (
              <li key={s.id}>
                Session on <strong>{s.device}</strong> — {s.reason}
              </li>
            ))}
            {survives.refreshTokens.map((t) => (
              <li key={t.id}>
                Refresh token of <strong>{t.appName}</strong> — {t.reason}
              </li>
            ))}
            {survives.idpSessions.map((i) => (
              <li key={i.connection}>
                Identity-provider session at <strong>{i.connection}</strong> — {i.reason}
              </li>
            ))}
            {survives.appSessions.map((a) => (
              <li key={a.appName}>
                <strong>{a.appName}</strong>’s own session — {a.reason}
              </li>
            ))}
            <li>{survives.accessTokens}</li>
          </ul>
        </section>
      </div>
      {preview.backchannel.length > 0 && (
        <section aria-label="Back-channel logout">
          <h3>Back-channel logout</h3>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Application</th>
                <th scope="col">Receives a logout token</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {preview.backchannel.map((b) => (
                <tr key={b.appId}>
                  <td>{b.appName}</td>
                  <td>{b.receives ? 'Yes' : 'No'}</td>
                  <td>{b.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {preview.warnings.map((w) => (
        <p key={w} className="notice warning" role="note">
          {w}
        </p>
      ))}
    </div>
  )
}
