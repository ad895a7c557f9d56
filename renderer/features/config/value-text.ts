import { fieldDef, type JsonValue, type ResourceKind } from '../../../core/config/model'
import { formatMinutes, formatSeconds } from '../../../core/config/units'

/** The kind of a resource key: `tenant`, `clients/…` or `connections/…`. */
export function kindOf(resource: string): ResourceKind {
  if (resource.startsWith('clients/')) return 'clients'
  if (resource.startsWith('connections/')) return 'connections'
  return 'tenant'
}

/** The name part of a resource key. */
export function nameOf(resource: string): string {
  const slash = resource.indexOf('/')
  return slash < 0 ? resource : resource.slice(slash + 1)
}

/** "Tenant settings", "Application Portal", "Connection corp-saml". */
export function resourceLabel(resource: string): string {
  switch (kindOf(resource)) {
    case 'tenant':
      return 'Tenant settings'
    case 'clients':
      return `Application ${nameOf(resource)}`
    case 'connections':
      return `Connection ${nameOf(resource)}`
  }
}

/** The field's label, or its path when the console does not model it. */
export function fieldLabel(resource: string, field: string): string {
  return fieldDef(kindOf(resource), field)?.label ?? field
}

/** A value as one line of text: lifetimes in their field's display unit, lists comma-separated. */
export function valueText(
  value: JsonValue | null | undefined,
  unit?: 'minutes' | 'seconds',
): string {
  if (value === null || value === undefined) return 'not set'
  if (typeof value === 'number' && unit === 'minutes') return formatMinutes(value)
  if (typeof value === 'number' && unit === 'seconds') return formatSeconds(value)
  if (typeof value === 'boolean') return value ? 'on' : 'off'
  if (Array.isArray(value)) {
    return value.length === 0 ? 'empty list' : value.map((v) => valueText(v)).join(', ')
  }
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** The unit of a field's values, for lifetimes. */
export function unitOf(resource: string, field: string): 'minutes' | 'seconds' | undefined {
  const type = fieldDef(kindOf(resource), field)?.type
  return type === 'minutes' || type === 'seconds' ? type : undefined
}
