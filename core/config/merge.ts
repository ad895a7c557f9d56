import type { PushFieldPlan, PushFieldStatus, PushResourcePlan } from './types'
import { unionFieldPaths, unionResourceKeys } from './diff'
import {
  holdsKeyword,
  sameValue,
  type ConfigResource,
  type JsonValue,
  type TenantConfiguration,
} from './model'

// The three-way field merge behind a safe push: base = the snapshot the draft was made from,
// mine = the draft, theirs = the configuration read live just before pushing.

/** How one field compares; `unchanged` when neither side touched it. */
export function mergeField(
  base: JsonValue | null,
  mine: JsonValue | null,
  theirs: JsonValue | null,
): PushFieldStatus | 'unchanged' {
  const mineChanged = !sameValue(mine, base)
  const theirsChanged = !sameValue(theirs, base)
  if (!mineChanged) return theirsChanged ? 'theirs' : 'unchanged'
  if (!theirsChanged) return 'push'
  return sameValue(mine, theirs) ? 'same' : 'conflict'
}

/**
 * Why a push that changes a connection option cannot be sent, or null. Auth0 replaces `options`
 * whole, so the console sends every option as read live with the changed keys changed; without
 * `read:connections_options` it cannot read them (a partial object would erase the rest), and
 * without `update:connections_options` Auth0 refuses the PATCH.
 */
export function optionsPushBlocked(
  live: ConfigResource | undefined,
  grantedScopes?: readonly string[],
): string | null {
  const missing: string[] = []
  if (live?.optionsNotRead === true || grantedScopes?.includes(READ_OPTIONS) === false) {
    missing.push(READ_OPTIONS)
  }
  if (grantedScopes !== undefined && !grantedScopes.includes(UPDATE_OPTIONS)) {
    missing.push(UPDATE_OPTIONS)
  }
  if (missing.length === 0) return null
  return `Changing connection options needs the ${READ_OPTIONS} and ${UPDATE_OPTIONS} scopes; the tenant's client lacks ${missing.join(' and ')}. Auth0 replaces options whole, so nothing is sent for this connection rather than a partial options object.`
}

const READ_OPTIONS = 'read:connections_options'
const UPDATE_OPTIONS = 'update:connections_options'

/**
 * Every resource with at least one field that differs between base, mine and theirs, and how each
 * such field will be handled. A resource that changed in the draft but no longer exists live, or
 * whose changed values still hold a Deploy CLI keyword marker, is `blocked`.
 */
export function planPush(
  base: TenantConfiguration,
  mine: TenantConfiguration,
  theirs: TenantConfiguration,
  /** Scopes of the tenant's client, when known: a push needing one it lacks is blocked. */
  grantedScopes?: readonly string[],
): PushResourcePlan[] {
  const plans: PushResourcePlan[] = []
  for (const { key, kind } of unionResourceKeys(base, mine)) {
    const b = base.resources[key]
    const m = mine.resources[key]
    const t = theirs.resources[key]
    const fields: PushFieldPlan[] = []
    const paths = new Set([...unionFieldPaths(kind, b, m), ...unionFieldPaths(kind, b, t)])
    for (const field of paths) {
      const values = {
        base: b?.fields[field] ?? null,
        mine: m?.fields[field] ?? null,
        theirs: t?.fields[field] ?? null,
      }
      const status = mergeField(values.base, values.mine, values.theirs)
      if (status !== 'unchanged') fields.push({ field, status, ...values })
    }
    if (fields.length === 0) continue
    const sending = fields.filter((f) => f.status === 'push' || f.status === 'conflict')
    const plan: PushResourcePlan = { resource: key, id: t?.id ?? null, fields }
    if (sending.length > 0 && t === undefined) {
      plan.blocked = 'It no longer exists on the tenant (creating resources is not supported).'
    } else if (sending.some((f) => f.mine !== null && holdsKeyword(f.mine))) {
      plan.blocked = 'A changed value still holds a Deploy CLI keyword (##KEY## or @@KEY@@).'
    } else if (kind === 'connections' && sending.some((f) => f.field.startsWith('options.'))) {
      const blocked = optionsPushBlocked(t, grantedScopes)
      if (blocked !== null) plan.blocked = blocked
    }
    plans.push(plan)
  }
  return plans
}
