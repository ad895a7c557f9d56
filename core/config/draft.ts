import type { ConfigDraft, ConfigEdit } from './types'
import { diffConfigs, type FieldDifference } from './diff'
import {
  sameValue,
  type ConfigResource,
  type JsonValue,
  type ResourceKind,
  type TenantConfiguration,
} from './model'

// Pure operations on a draft: field edits with undo/redo history. Nothing here mutates its input,
// so a store can keep the previous draft and a saver can write any version as it is.

/** Undo groups kept; older ones are dropped first. */
export const MAX_UNDO = 200

/** One requested field change: `after` null removes the field ("not set"). */
export interface FieldEditRequest {
  resource: string
  field: string
  after: JsonValue | null
}

/** A fresh draft of a snapshot: no edits, no history. */
export function newDraft(snapshot: TenantConfiguration): ConfigDraft {
  return {
    config: structuredClone(snapshot),
    basePulledAt: snapshot.source.kind === 'tenant' ? snapshot.source.pulledAt : '',
    undo: [],
    redo: [],
  }
}

/** Kind and name of a resource key (`tenant`, `clients/<name>`, `connections/<name>`), or null. */
function parseResourceKey(key: string): { kind: ResourceKind; name: string } | null {
  if (key === 'tenant') return { kind: 'tenant', name: 'tenant' }
  const slash = key.indexOf('/')
  const kind = key.slice(0, slash)
  const name = key.slice(slash + 1)
  return slash > 0 && name !== '' && (kind === 'clients' || kind === 'connections')
    ? { kind, name }
    : null
}

/**
 * The configuration with one field set (`null` removes it). Returns a new configuration sharing
 * everything it did not change. A field of a resource the configuration does not hold creates
 * that resource (from its key); a key that names no resource kind changes nothing.
 */
export function setField(
  config: TenantConfiguration,
  resource: string,
  field: string,
  value: JsonValue | null,
): TenantConfiguration {
  const current: ConfigResource | undefined = config.resources[resource]
  if (current === undefined) {
    const parsed = parseResourceKey(resource)
    if (value === null || parsed === null) return config
    const created: ConfigResource = { ...parsed, context: {}, fields: { [field]: value } }
    return { ...config, resources: { ...config.resources, [resource]: created } }
  }
  const fields = { ...current.fields }
  if (value === null) {
    if (!Object.hasOwn(fields, field)) return config
    delete fields[field]
  } else {
    fields[field] = value
  }
  return { ...config, resources: { ...config.resources, [resource]: { ...current, fields } } }
}

const valueOf = (config: TenantConfiguration, resource: string, field: string) =>
  config.resources[resource]?.fields[field] ?? null

/** Applies edits in order, recording what each replaced; edits that change nothing are skipped. */
function apply(
  config: TenantConfiguration,
  edits: readonly FieldEditRequest[],
): { config: TenantConfiguration; applied: ConfigEdit[] } {
  let next = config
  const applied: ConfigEdit[] = []
  for (const { resource, field, after } of edits) {
    const before = valueOf(next, resource, field)
    if (sameValue(before, after)) continue
    const changed = setField(next, resource, field, after)
    if (changed === next) continue
    next = changed
    applied.push({ resource, field, before, after })
  }
  return { config: next, applied }
}

const pushCapped = (stack: readonly ConfigEdit[][], group: ConfigEdit[]) =>
  [...stack, group].slice(-MAX_UNDO)

/**
 * The draft after one user action (one or more field edits): one undo group, redo cleared. An
 * action that changes nothing returns the draft unchanged (same object), history included.
 */
export function applyEdits(draft: ConfigDraft, edits: readonly FieldEditRequest[]): ConfigDraft {
  const { config, applied } = apply(draft.config, edits)
  if (applied.length === 0) return draft
  return { ...draft, config, undo: pushCapped(draft.undo, applied), redo: [] }
}

/** Whether there is an action to undo. */
export const canUndo = (draft: ConfigDraft): boolean => draft.undo.length > 0

/** Whether there is an undone action to redo. */
export const canRedo = (draft: ConfigDraft): boolean => draft.redo.length > 0

/** The draft with its last action reverted (edits in reverse order, each back to `before`). */
export function undo(draft: ConfigDraft): ConfigDraft {
  const group = draft.undo[draft.undo.length - 1]
  if (group === undefined) return draft
  let config = draft.config
  for (const edit of [...group].reverse()) {
    config = setField(config, edit.resource, edit.field, edit.before)
  }
  return { ...draft, config, undo: draft.undo.slice(0, -1), redo: [...draft.redo, group] }
}

/** The draft with the last undone action applied again. */
export function redo(draft: ConfigDraft): ConfigDraft {
  const group = draft.redo[draft.redo.length - 1]
  if (group === undefined) return draft
  let config = draft.config
  for (const edit of group) config = setField(config, edit.resource, edit.field, edit.after)
  return { ...draft, config, undo: pushCapped(draft.undo, group), redo: draft.redo.slice(0, -1) }
}

/** Field-level changes of the draft against the snapshot it was made from. */
export function draftChanges(draft: ConfigDraft, snapshot: TenantConfiguration): FieldDifference[] {
  return diffConfigs(snapshot, draft.config)
}

/** Whether the draft differs from the snapshot in any field. */
export function hasUnpushedChanges(draft: ConfigDraft, snapshot: TenantConfiguration): boolean {
  return draftChanges(draft, snapshot).length > 0
}
