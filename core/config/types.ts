/**
 * Draft edits and push plans of the offline configuration (the shape itself is in `./model.ts`).
 *
 * Plain JSON (it crosses IPC); the contract re-exports these types (`preload/contract/config.ts`).
 */

import type { JsonValue, TenantConfiguration } from './model'

/** One field change of a draft; `null` means "not set". Undo applies `before`, redo `after`. */
export interface ConfigEdit {
  resource: string
  field: string
  before: JsonValue | null
  after: JsonValue | null
}

/** A draft: the edited configuration, its undo/redo history, and the snapshot it started from. */
export interface ConfigDraft {
  config: TenantConfiguration
  /** `pulledAt` of the snapshot the draft was made from (the base of the three-way merge). */
  basePulledAt: string
  /** Newest last; each entry is one user action (a group of field edits). At most 200 kept. */
  undo: ConfigEdit[][]
  redo: ConfigEdit[][]
}

/** How one field will be pushed, from the three-way comparison snapshot / draft / live. */
export type PushFieldStatus =
  /** Changed in the draft only: it will be sent. */
  | 'push'
  /** Changed live since the pull and in the draft, differently: the user decides. */
  | 'conflict'
  /** Changed live only: nothing sent, the draft takes the live value. */
  | 'theirs'
  /** Changed in the draft and live to the same value: nothing sent. */
  | 'same'

/** One field of a push preview. */
export interface PushFieldPlan {
  field: string
  status: PushFieldStatus
  base: JsonValue | null
  mine: JsonValue | null
  theirs: JsonValue | null
}

/** One resource of a push preview. */
export interface PushResourcePlan {
  resource: string
  /** `client_id` or connection id on the live tenant; null when the resource is missing live. */
  id: string | null
  fields: PushFieldPlan[]
  /** Why this resource cannot be pushed (missing live, unresolved keyword, invalid value…). */
  blocked?: string
}
