import type { LogoutReceipt } from '../../../preload/contract'
import { dateTime } from '../../lib/time-text'

interface ReceiptViewProps {
  receipt: LogoutReceipt
}

const verificationWords = {
  verified: 'Ended (verified)',
  pending: 'Sent, not yet confirmed by Auth0',
  failed: 'Failed',
} as const

/** What ended (verified by re-reading), what is still pending, what failed, and what remains. */
export function ReceiptView({ receipt }: ReceiptViewProps) {
  const { remains } = receipt
  return (
    <section className="receipt" aria-label="Receipt">
      <h3>Receipt</h3>
      <p>
        {receipt.counts.verified} ended and verified · {receipt.counts.pending} pending ·{' '}
        {receipt.counts.failed} failed — {dateTime(receipt.finishedAt)}
      </p>
      <ul className="item-list">
        {receipt.items.slice(0, 100).map((i) => (
          <li key={i.key} className={`verification ${i.verification}`}>
            <span>{i.label}</span>
            <strong>{verificationWords[i.verification]}</strong>
          </li>
        ))}
      </ul>
      <h4>Still running after this</h4>
      <ul className="remains">
        {remains.sessions.map((s) => (
          <li key={s.id}>
            Auth0 session on <strong>{s.device}</strong>
            {s.apps.length > 0 && ` (${s.apps.join(', ')})`} — {s.reason}
          </li>
        ))}
        {remains.idpSessions.map((s) => (
          <li key={s.connection}>
            Identity-provider session at <strong>{s.connection}</strong> — {s.reason}
          </li>
        ))}
        {remains.appSessions.map((s) => (
          <li key={s.appName}>
            <strong>{s.appName}</strong> — {s.reason}
          </li>
        ))}
        {remains.refreshTokens.map((t) => (
          <li key={t.id}>
            Refresh token of <strong>{t.appName}</strong> — {t.reason}
          </li>
        ))}
        {remains.accessTokens && <li>{remains.accessTokens}</li>}
      </ul>
    </section>
  )
}
