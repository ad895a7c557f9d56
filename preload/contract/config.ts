/** Offline configuration editing (the shape is `core/config/model.ts`, edits `core/config/types.ts`). */

import type { TenantConfiguration } from '../../core/config/model'
import type { ConfigDraft, PushResourcePlan } from '../../core/config/types'
import type { AppError } from '../../core/result'
import type { Environment } from './tenants'

export type { JsonValue, TenantConfiguration } from '../../core/config/model'
export type {
  ConfigDraft,
  ConfigEdit,
  PushFieldPlan,
  PushFieldStatus,
  PushResourcePlan,
} from '../../core/config/types'

/** A tenant's local configuration: the last pulled snapshot and the draft, both read from disk. */
export interface ConfigWorkspace {
  tenantId: string
  snapshot: TenantConfiguration | null
  draft: ConfigDraft | null
  /** When the draft was last written to disk. */
  draftSavedAt: string | null
  /** Notices from loading (a corrupt draft moved aside, …). */
  notices: string[]
}

/** A previewed push, kept by main until confirmed or expired. */
export interface PushPreview {
  previewId: string
  tenant: { id: string; name: string; environment: Environment; kind: 'sandbox' | 'auth0' }
  resources: PushResourcePlan[]
  counts: { push: number; conflict: number; theirs: number; same: number; blocked: number }
  /** Validation errors of the draft; while any remain the push is refused. */
  problems: { resource: string; field: string; message: string }[]
  expiresAt: string
}

/** How the user resolved one conflict. */
export interface PushResolution {
  resource: string
  field: string
  take: 'mine' | 'theirs'
}

/** Per-resource result of a push. */
export interface PushResourceResult {
  resource: string
  status: 'updated' | 'unchanged' | 'failed' | 'skipped'
  fields: string[]
  error?: AppError
}

/** What a push did, and the workspace after it (a fresh snapshot when anything was sent). */
export interface PushReceipt {
  tenantId: string
  startedAt: string
  endedAt: string
  results: PushResourceResult[]
  workspace: ConfigWorkspace
}
