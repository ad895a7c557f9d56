import {
  fieldDef,
  FIELD_DEFS,
  sameValue,
  type ConfigResource,
  type JsonValue,
  type ResourceKind,
  type TenantConfiguration,
} from './model'

// Field-level differences between two configurations (draft vs snapshot, tenant vs tenant, file vs
// file). Values are compared in their canonical units, so a lifetime written in hours on one side
// and in minutes on the other is the same value. List order counts: the first Allowed Logout URL
// and the first callback are defaults (reference §2.1, §5.2).

/** One field that differs. `before`/`after` are null when the field (or resource) is absent. */
export interface FieldDifference {
  resource: string
  field: string
  change: 'added' | 'removed' | 'changed'
  before: JsonValue | null
  after: JsonValue | null
  /** Unit of both values, for lifetimes. */
  unit?: 'minutes' | 'seconds'
}

const KIND_ORDER: Record<ResourceKind, number> = { tenant: 0, clients: 1, connections: 2 }

/**
 * Every resource key of both sides, tenant first, then clients and connections by name (then by
 * key, so two applications of the same name come in the same order whichever side lists them).
 */
export function unionResourceKeys(
  a: TenantConfiguration,
  b: TenantConfiguration,
): { key: string; kind: ResourceKind; name: string }[] {
  const seen = new Map<string, ConfigResource>()
  for (const [key, r] of [...Object.entries(a.resources), ...Object.entries(b.resources)]) {
    if (!seen.has(key)) seen.set(key, r)
  }
  return [...seen.entries()]
    .map(([key, r]) => ({ key, kind: r.kind, name: r.name }))
    .sort(
      (x, y) =>
        KIND_ORDER[x.kind] - KIND_ORDER[y.kind] ||
        x.name.localeCompare(y.name) ||
        x.key.localeCompare(y.key),
    )
}

/** Field paths of a resource pair: modelled fields in display order, then any others by name. */
export function unionFieldPaths(
  kind: ResourceKind,
  a: ConfigResource | undefined,
  b: ConfigResource | undefined,
): string[] {
  const present = new Set([...Object.keys(a?.fields ?? {}), ...Object.keys(b?.fields ?? {})])
  const modelled = FIELD_DEFS.filter((d) => d.kind === kind && present.has(d.path)).map(
    (d) => d.path,
  )
  const others = [...present].filter((p) => fieldDef(kind, p) === undefined).sort()
  return [...modelled, ...others]
}

const unitOf = (kind: ResourceKind, field: string): FieldDifference['unit'] => {
  const type = fieldDef(kind, field)?.type
  return type === 'minutes' || type === 'seconds' ? type : undefined
}

/** The field-level differences from `before` to `after`, in display order. */
export function diffConfigs(
  before: TenantConfiguration,
  after: TenantConfiguration,
): FieldDifference[] {
  const differences: FieldDifference[] = []
  for (const { key, kind } of unionResourceKeys(before, after)) {
    const a = before.resources[key]
    const b = after.resources[key]
    for (const field of unionFieldPaths(kind, a, b)) {
      const x = a?.fields[field] ?? null
      const y = b?.fields[field] ?? null
      if (sameValue(x, y)) continue
      const unit = unitOf(kind, field)
      differences.push({
        resource: key,
        field,
        change: x === null ? 'added' : y === null ? 'removed' : 'changed',
        before: x,
        after: y,
        ...(unit !== undefined && { unit }),
      })
    }
  }
  return differences
}
