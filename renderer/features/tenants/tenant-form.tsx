import { useState, type FormEvent } from 'react'
import type { NewTenantInput, TenantSummary } from '../../../preload/contract'
import { ModalDialog } from '../../components/modal-dialog'
import { errorText } from '../../lib/error-text'
import { tenantsStore, useTenants } from '../../stores'
import { isCanonicalTenantDomain, normalizeDomain } from '../../../core/auth0/domains'
import { environmentLabels, planLabels } from './labels'

interface TenantFormProps {
  /** The tenant being edited; absent when adding. */
  tenant?: TenantSummary
}

type Fields = NewTenantInput
type FieldErrors = Partial<Record<keyof Fields, string>>

/** Checks the renderer can make before main checks again. */
function validate(fields: Fields, adding: boolean): FieldErrors {
  const errors: FieldErrors = {}
  if (!fields.name.trim()) errors.name = 'Enter a display name.'
  const domain = normalizeDomain(fields.domain)
  if (!fields.domain.trim()) errors.domain = 'Enter the tenant domain.'
  else if (domain === null) errors.domain = 'Use the domain only, like acme.eu.auth0.com.'
  else if (!isCanonicalTenantDomain(domain)) {
    errors.domain = `${domain} looks like a custom domain. Enter the tenant’s own domain (…auth0.com) here and ${domain} under Custom domain.`
  }
  const custom = fields.customDomain?.trim() ?? ''
  if (custom !== '') {
    const normalized = normalizeDomain(custom)
    if (normalized === null) errors.customDomain = 'Use the domain only, like login.example.com.'
    else if (isCanonicalTenantDomain(normalized)) {
      errors.customDomain = 'This is an Auth0 domain: enter it as the tenant domain above.'
    }
  }
  if (!fields.clientId.trim()) errors.clientId = 'Enter the client id of the M2M application.'
  else if (!/^[A-Za-z0-9._-]+$/.test(fields.clientId.trim())) {
    errors.clientId = 'A client id has only letters, digits, dots, dashes and underscores.'
  }
  if (adding && !fields.clientSecret) errors.clientSecret = 'Enter the client secret.'
  return errors
}

/** Add or edit a tenant. The secret field is write-only: it is never filled from main. */
export function TenantForm({ tenant }: TenantFormProps) {
  const adding = !tenant
  const saving = useTenants((s) => s.saving)
  const serverError = useTenants((s) => s.formError)
  const [fields, setFields] = useState<Fields>({
    name: tenant?.name ?? '',
    domain: tenant?.domain ?? '',
    customDomain: tenant?.customDomain ?? '',
    clientId: tenant?.clientId ?? '',
    clientSecret: '',
    environment: tenant?.environment ?? 'production',
    plan: tenant?.plan ?? 'free',
  })
  const [touched, setTouched] = useState(false)
  const errors = touched ? validate(fields, adding) : {}
  const set = (key: keyof Fields) => (value: string) => setFields({ ...fields, [key]: value })
  const close = () => tenantsStore.getState().openForm({ kind: 'closed' })

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (Object.keys(validate(fields, adding)).length > 0) return
    const store = tenantsStore.getState()
    if (adding) await store.add(fields)
    else await store.update({ ...fields, id: tenant.id })
  }

  const field = (key: keyof Fields, label: string, props: Record<string, string> = {}) => (
    <div className="field">
      <label htmlFor={`tenant-${key}`}>{label}</label>
      <input
        id={`tenant-${key}`}
        value={fields[key] ?? ''}
        onChange={(e) => set(key)(e.target.value)}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `tenant-${key}-error` : undefined}
        autoComplete="off"
        spellCheck={false}
        {...props}
      />
      {errors[key] && (
        <p id={`tenant-${key}-error`} className="field-error">
          {errors[key]}
        </p>
      )}
    </div>
  )

  return (
    <ModalDialog title={adding ? 'Add a tenant' : `Edit ${tenant.name}`} onClose={close}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {field('name', 'Display name', { placeholder: 'Acme production' })}
        {field('domain', 'Tenant domain', { placeholder: 'acme.eu.auth0.com' })}
        {field('customDomain', 'Custom domain (optional)', { placeholder: 'login.example.com' })}
        <p className="hint">
          The Management API is called on the tenant’s own domain: Auth0 issues its tokens only for
          that one. A custom domain is where users sign in; the simulator accepts tokens from both.
        </p>
        {field('clientId', 'Client id (machine-to-machine application)')}
        {field(
          'clientSecret',
          adding ? 'Client secret' : 'Client secret (leave empty to keep the stored one)',
          {
            type: 'password',
          },
        )}
        <p className="hint">
          The secret goes straight to your OS keychain. Session Console never shows it again.
        </p>
        <div className="field-row">
          <div className="field">
            <label htmlFor="tenant-environment">Environment</label>
            <select
              id="tenant-environment"
              value={fields.environment}
              onChange={(e) => set('environment')(e.target.value)}
            >
              {Object.entries(environmentLabels).map(([id, label]) => (
                <option key={id} value={id}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="tenant-plan">Plan (sessions need Enterprise)</label>
            <select
              id="tenant-plan"
              value={fields.plan}
              onChange={(e) => set('plan')(e.target.value)}
            >
              {Object.entries(planLabels).map(([id, label]) => (
                <option key={id} value={id}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        </div>
        {serverError && (
          <p role="alert" className="form-error">
            {errorText(serverError)}
          </p>
        )}
        <div className="actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={saving}>
            {saving ? 'Saving…' : adding ? 'Add tenant' : 'Save changes'}
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
