import type { PushReceipt } from '../../../preload/contract'
import { errorText } from '../../lib/error-text'
import { dateTime } from '../../lib/time-text'
import { fieldLabel, resourceLabel } from './value-text'
import { plural } from '../../../core/text'

const resultWords = {
  updated: 'updated',
  unchanged: 'unchanged',
  failed: 'failed',
  skipped: 'skipped',
} as const

interface PushReceiptViewProps {
  receipt: PushReceipt
}

/** Per-resource results of a push, and the fresh snapshot it left. */
export function PushReceiptView({ receipt }: PushReceiptViewProps) {
  const of = (status: keyof typeof resultWords) =>
    receipt.results.filter((r) => r.status === status)
  const updated = of('updated')
  const failed = of('failed')
  const skipped = of('skipped')
  const sent = updated.reduce((n, r) => n + r.fields.length, 0)
  const snapshot = receipt.workspace.snapshot
  return (
    <section className="receipt config-receipt" aria-label="Push results">
      <p role="status">
        <strong>
          {plural(sent, 'field')} sent to {plural(updated.length, 'resource')}
        </strong>
        {failed.length > 0 && ` · ${failed.length} failed`}
        {skipped.length > 0 && ` · ${skipped.length} skipped`}
        <span className="muted"> — finished {dateTime(receipt.endedAt)}</span>
      </p>
      <ul className="item-list push-results">
        {receipt.results.map((r) => (
          <li key={r.resource} className={`push-result ${r.status}`}>
            <span>
              {resourceLabel(r.resource)}
              {r.fields.length > 0 && (
                <span className="muted">
                  {' '}
                  · {r.fields.map((f) => fieldLabel(r.resource, f)).join(', ')}
                </span>
              )}
              {r.error && <span className="push-error"> — {errorText(r.error)}</span>}
            </span>
            <strong>{resultWords[r.status]}</strong>
          </li>
        ))}
      </ul>
      {snapshot?.source.kind === 'tenant' && (
        <p>
          A fresh snapshot was pulled at {dateTime(snapshot.source.pulledAt)}
          {receipt.workspace.draft
            ? '; the edits that were not sent stay in your draft.'
            : '; the draft is cleared: the tenant now has every value you kept.'}
        </p>
      )}
      {receipt.workspace.notices.map((n) => (
        <p key={n} className="notice warning">
          {n}
        </p>
      ))}
      {failed.length > 0 && (
        <p className="muted">Fields that failed stay in your draft: fix them and push again.</p>
      )}
      <p className="muted small">The push is recorded in the Activity log.</p>
    </section>
  )
}
