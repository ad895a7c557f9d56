import { useState } from 'react'
import type { PushPreview } from '../../../preload/contract'
import { ModalDialog } from '../../components/modal-dialog'
import { errorText } from '../../lib/error-text'
import { dateTime } from '../../lib/time-text'
import { configStore, tenantsStore, useConfig } from '../../stores'
import { EnvironmentBadge } from '../tenants/environment-badge'
import { resolutionKey } from './config-store'
import { isOffline } from './offline-notice'
import { PushFieldRow } from './push-field-row'
import { PushReceiptView } from './push-receipt'
import { fieldLabel, resourceLabel } from './value-text'
import { TypedConfirmation } from '../../components/typed-confirmation'
import { plural } from '../../../core/text'

/** The number of fields a push sends: every `push` field and every conflict resolved as mine. */
export function fieldsToSend(
  preview: PushPreview,
  resolutions: Record<string, 'mine' | 'theirs'>,
): number {
  return preview.resources
    .filter((r) => r.blocked === undefined)
    .flatMap((r) =>
      r.fields.filter(
        (f) =>
          f.status === 'push' ||
          (f.status === 'conflict' && resolutions[resolutionKey(r.resource, f.field)] === 'mine'),
      ),
    ).length
}

/** Re-read live → per-field plan with conflicts resolved → typed count → per-resource results. */
export function PushDialog() {
  const push = useConfig((s) => s.push)
  const [typed, setTyped] = useState('')
  const store = configStore.getState()
  if (push.phase === 'closed') return null
  const close = () => {
    setTyped('')
    store.closePush()
  }
  /** Close the dialog and put the cursor in a field the preview found invalid. */
  const showField = (resource: string, field: string) => {
    close()
    store.setTab('edit')
    store.select(resource)
    requestAnimationFrame(() =>
      document
        .querySelector<HTMLElement>(
          `[data-field="${CSS.escape(field)}"] :is(input, textarea, select)`,
        )
        ?.focus(),
    )
  }
  /** Preview again; after a refused token, test the connection first (it gets a new token). */
  const retry = async (reconnect: boolean) => {
    const tenantId = configStore.getState().tenantId
    if (reconnect && tenantId !== null) await tenantsStore.getState().test(tenantId)
    await store.openPush()
  }
  if (push.phase === 'previewing') {
    return (
      <ModalDialog title="Preparing the push…" onClose={close}>
        <p role="status">Reading the live configuration and comparing it with your draft…</p>
        <div className="actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
        </div>
      </ModalDialog>
    )
  }
  if (push.phase === 'preview-error') {
    return (
      <ModalDialog title="Cannot preview the push" onClose={close}>
        <div role="alert">
          {isOffline(push.error) && (
            <p>
              <strong>
                The tenant cannot be reached; your draft is safe and you can keep editing.
              </strong>
            </p>
          )}
          <p className="form-error">{errorText(push.error)}</p>
        </div>
        <p className="muted">
          Nothing was sent. Your draft is unchanged and saved on this computer.
        </p>
        <div className="actions">
          <button type="button" className="button" onClick={close}>
            Back to the draft
          </button>
          <button
            type="button"
            className="button primary"
            onClick={() => void retry(push.error.code === 'UNAUTHENTICATED')}
          >
            {push.error.code === 'UNAUTHENTICATED' ? 'Reconnect and try again' : 'Try again'}
          </button>
        </div>
      </ModalDialog>
    )
  }
  if (push.phase === 'receipt') {
    return (
      <ModalDialog title="Push finished" onClose={close}>
        <PushReceiptView receipt={push.receipt} />
        <div className="actions">
          <button type="button" className="button primary" onClick={close} autoFocus>
            Done
          </button>
        </div>
      </ModalDialog>
    )
  }

  const { preview, resolutions } = push
  const conflicts = preview.resources.flatMap((r) =>
    r.blocked !== undefined
      ? []
      : r.fields
          .filter((f) => f.status === 'conflict')
          .map((f) => resolutionKey(r.resource, f.field)),
  )
  const unresolved = conflicts.filter((k) => resolutions[k] === undefined).length
  const count = fieldsToSend(preview, resolutions)
  const hasProblems = preview.problems.length > 0
  const canConfirm =
    !push.pushing && !hasProblems && count > 0 && unresolved === 0 && typed.trim() === `${count}`
  const { tenant, counts } = preview
  const production = tenant.kind === 'auth0' && tenant.environment === 'production'
  const why = hasProblems
    ? 'Fix the invalid values first.'
    : unresolved > 0
      ? `Choose “Keep mine” or “Take theirs” for ${plural(unresolved, 'conflict')} first.`
      : count === 0
        ? 'Nothing to send: the live tenant already has every value of the draft you keep.'
        : null
  return (
    <ModalDialog
      title={`Push the draft to ${tenant.name}`}
      onClose={close}
      badge={<EnvironmentBadge tenant={{ kind: tenant.kind, environment: tenant.environment }} />}
    >
      {production && (
        <p className="notice error" role="note">
          This is the production tenant <strong>{tenant.name}</strong>: these settings apply to real
          users’ sessions and logouts at once.
        </p>
      )}
      <ul className="push-summary" aria-label="Summary">
        <li className="tag status-push">{plural(counts.push, 'field')} to send</li>
        <li className={counts.conflict > 0 ? 'tag warn' : 'tag'}>
          {plural(counts.conflict, 'conflict')}
        </li>
        <li className="tag">{counts.theirs} changed on the tenant only</li>
        <li className="tag">{counts.same} already equal</li>
        {counts.blocked > 0 && (
          <li className="tag sev-high">{plural(counts.blocked, 'resource')} blocked</li>
        )}
        <li className="muted small">
          Read live just now · valid until {dateTime(preview.expiresAt)}
        </li>
      </ul>
      {hasProblems && (
        <div className="form-error" role="alert">
          <strong>The draft has invalid values; fix them before pushing:</strong>
          <ul>
            {preview.problems.map((p, i) => (
              <li key={i}>
                {resourceLabel(p.resource)} · {fieldLabel(p.resource, p.field)}: {p.message}{' '}
                <button
                  type="button"
                  className="button small"
                  onClick={() => showField(p.resource, p.field)}
                >
                  Show
                  <span className="visually-hidden">
                    {' '}
                    {fieldLabel(p.resource, p.field)} of {resourceLabel(p.resource)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="push-preview" tabIndex={0} aria-label="Fields by resource" role="region">
        {preview.resources.map((r) => (
          <section
            key={r.resource}
            className={r.blocked ? 'push-resource blocked' : 'push-resource'}
            aria-label={resourceLabel(r.resource)}
          >
            <h3>
              {resourceLabel(r.resource)}
              {r.blocked && <span className="tag sev-high">blocked</span>}
            </h3>
            {r.blocked && (
              <p className="form-error" role="note">
                Not pushed: {r.blocked}
              </p>
            )}
            <ul className="push-fields">
              {r.fields.map((f) => (
                <PushFieldRow
                  key={f.field}
                  resource={r.resource}
                  plan={f}
                  blocked={r.blocked !== undefined}
                  take={resolutions[resolutionKey(r.resource, f.field)]}
                />
              ))}
            </ul>
          </section>
        ))}
      </div>
      {push.error && (
        <div role="alert" className="form-error push-failed">
          <span>{errorText(push.error)} Nothing was sent.</span>
          <button type="button" className="button small" onClick={() => void store.openPush()}>
            Preview again
          </button>
        </div>
      )}
      <TypedConfirmation
        id="push-confirm"
        className="push-confirm"
        expected={<strong>{count}</strong>}
        what="(the number of fields to send)"
        value={typed}
        onChange={setTyped}
        numeric
        blockedBecause={why}
      />
      <div className="actions">
        <button type="button" className="button" onClick={close} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className={production ? 'button danger-solid' : 'button primary'}
          disabled={!canConfirm}
          onClick={() => void store.confirmPush(typed.trim())}
        >
          {push.pushing ? 'Pushing…' : `Push ${plural(count, 'field')}`}
        </button>
      </div>
    </ModalDialog>
  )
}
