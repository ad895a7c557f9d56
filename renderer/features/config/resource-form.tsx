import type { PlanTier } from '../../../preload/contract'
import { fieldsOf, type TenantConfiguration } from '../../../core/config/model'
import type { Consequence } from '../../../core/config/consequences'
import { validateField } from '../../../core/config/validate'
import { FieldEditor } from './field-editor'
import { resourceLabel } from './value-text'

interface ResourceFormProps {
  resource: string
  config: TenantConfiguration
  snapshot: TenantConfiguration
  plan: PlanTier | null
  consequences: Consequence[]
}

/** Every field of one resource, as FIELD_DEFS describes them. */
export function ResourceForm({
  resource,
  config,
  snapshot,
  plan,
  consequences,
}: ResourceFormProps) {
  const r = config.resources[resource]
  if (!r) return <p className="muted">This resource is not in the configuration.</p>
  const base = snapshot.resources[resource]
  const defs = fieldsOf(r.kind, r.context.strategy)
  // Context holds read-only facts, and notes for the Deploy CLI format (`<lifetime>:unit`).
  const facts = Object.entries(r.context).filter(([k]) => k !== 'friendly_name' && !k.includes(':'))
  return (
    <section className="panel resource-form" aria-labelledby="resource-form-title">
      <header className="details-header">
        <h2 id="resource-form-title">{resourceLabel(resource)}</h2>
        {facts.map(([k, v]) => (
          <span key={k} className="badge">
            {k.replace('_', ' ')}: {v}
          </span>
        ))}
      </header>
      {r.id && (
        <p className="resource-id muted small">
          {r.kind === 'clients' ? 'Client ID' : 'Connection ID'} <code>{r.id}</code>
        </p>
      )}
      {defs.length === 0 && (
        <p className="muted">
          Nothing to edit here: only SAML connections have logout settings (the sign-out endpoint
          and switch).
        </p>
      )}
      <div className="config-fields">
        {defs.map((def) => {
          const value = r.fields[def.path] ?? null
          return (
            <FieldEditor
              key={def.path}
              resource={resource}
              def={def}
              value={value}
              was={base ? (base.fields[def.path] ?? null) : undefined}
              problems={validateField(r, def.path, value, plan, resource)}
              consequences={consequences.filter(
                (c) => c.resource === resource && c.field === def.path,
              )}
            />
          )
        })}
      </div>
    </section>
  )
}
