import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type {
  ConfigDraft,
  ConfigWorkspace,
  PushPreview,
  PushReceipt,
  PushResolution,
  PushResourcePlan,
  PushResourceResult,
  Result,
  TenantConfiguration,
  TenantSummary,
} from '../../../preload/contract'
import { diffConfigs } from '../../../core/config/diff'
import { hasUnpushedChanges, newDraft, setField } from '../../../core/config/draft'
import { planPush } from '../../../core/config/merge'
import {
  configFromManagementApi,
  sameValue,
  tenantResource,
  clientResource,
  connectionResource,
  optionsNotReadNotice,
  type ConfigResource,
  type JsonValue,
} from '../../../core/config/model'
import { validateConfig } from '../../../core/config/validate'
import type { ActivityLog } from '../activity/activity-log'
import { resourcePatch, type FieldChange } from '../../../core/config/patch'
import { createConfigStore, type ConfigStore } from './config-store'
import type { TenantApi } from '../ports'
import { AppFailure, ok } from '../../../core/result'
import { appErrorOf } from '../errors'
import { readConnectionClients } from '../auth0/connection-clients'
import { plural } from '../../../core/text'

/** How long a push preview waits for its confirmation. */
export const PUSH_PREVIEW_TTL_MS = 10 * 60_000

/** Collaborators of the configuration service. */
export interface ConfigDeps {
  dataDir: string
  activity: ActivityLog
  tenants: {
    summary(id: string): Promise<TenantSummary>
    api(id: string): Promise<TenantApi>
  }
  now?: () => Date
  /** The store of snapshots and drafts; default `<dataDir>/config`. */
  store?: ConfigStore
  /**
   * Told after a push changed the tenant, so that what others cached of it (the applications and
   * connections the layer map reads) is read afresh.
   */
  onTenantChanged?: (tenantId: string) => void
}

interface StoredPreview {
  preview: PushPreview
  tenantId: string
  base: TenantConfiguration
  draft: ConfigDraft
  expires: number
}

/** A Management API object as a plain record (the model reads it by path). */
const rawOf = (value: object): Record<string, unknown> => value as Record<string, unknown>

/** Whether a plan's field will be sent, given the user's resolutions. */
const sends = (
  plan: PushResourcePlan,
  field: PushResourcePlan['fields'][number],
  take: ReadonlyMap<string, 'mine' | 'theirs'>,
) =>
  plan.blocked === undefined &&
  (field.status === 'push' ||
    (field.status === 'conflict' && take.get(`${plan.resource}\u0000${field.field}`) === 'mine'))

/**
 * Offline configuration editing, main side: pull a tenant's session and logout configuration into
 * local files, keep the draft on disk as the user types, and push it back with a three-way field
 * merge (snapshot = base, draft = mine, live = theirs) so no one's edit is silently overwritten.
 *
 * A push that stops half-way (crash, network) needs no journal: the draft stays on disk until the
 * push finishes, and the next preview re-reads the live configuration, so every field already
 * sent shows as `same` (live equals the draft) and only the rest is sent again.
 */
export function createConfigService(deps: ConfigDeps) {
  const now = deps.now ?? (() => new Date())
  const store = deps.store ?? createConfigStore({ dir: join(deps.dataDir, 'config'), now })
  const previews = new Map<string, StoredPreview>()

  async function workspace(tenantId: string): Promise<ConfigWorkspace> {
    const stored = await store.load(tenantId)
    const unread = stored.snapshot === null ? null : optionsNotReadNotice(stored.snapshot)
    return {
      tenantId,
      ...stored,
      notices: unread === null ? stored.notices : [...stored.notices, unread],
    }
  }

  /** The live configuration, read now through the Management API. */
  async function readLive(summary: TenantSummary): Promise<TenantConfiguration> {
    const tenantId = summary.id
    const api = await deps.tenants.api(tenantId)
    const [settings, clients, connections] = await Promise.all([
      api.getTenantSettings(),
      api.listClients(),
      api.listConnections(),
    ])
    const connectionClients = await readConnectionClients(api, connections)
    return configFromManagementApi(
      {
        settings: rawOf(settings),
        clients: clients.map(rawOf),
        connections: connections.map(rawOf),
        connectionClients,
      },
      { kind: 'tenant', tenantId, domain: summary.domain, pulledAt: now().toISOString() },
    )
  }

  /** One live resource, read again right before its PATCH: the raw object and its model form. */
  async function readLiveResource(
    api: TenantApi,
    resource: ConfigResource,
    id: string | null,
  ): Promise<{ raw: Record<string, unknown>; model: ConfigResource }> {
    switch (resource.kind) {
      case 'tenant': {
        const raw = rawOf(await api.getTenantSettings())
        return { raw, model: tenantResource(raw) }
      }
      case 'clients': {
        const raw = rawOf(await api.getClient(id ?? ''))
        return { raw, model: clientResource(raw) }
      }
      case 'connections': {
        const raw = rawOf(await api.getConnection(id ?? ''))
        return { raw, model: connectionResource(raw, 'api') }
      }
    }
  }

  async function patch(
    api: TenantApi,
    resource: ConfigResource,
    id: string | null,
    body: Record<string, unknown>,
  ): Promise<void> {
    if (resource.kind === 'tenant') await api.updateTenantSettings(body)
    else if (resource.kind === 'clients') await api.updateClient(id ?? '', body)
    else await api.updateConnection(id ?? '', body)
  }

  /**
   * The draft after a push: the fresh snapshot with every edit that was not settled by the push
   * (failed, skipped, blocked, or changed again since the preview) applied again; null when
   * nothing is left. `settled` holds each field the push sent or resolved, with the draft value
   * it was settled for.
   */
  function rebase(
    fresh: TenantConfiguration,
    base: TenantConfiguration,
    current: ConfigDraft | null,
    settled: ReadonlyMap<string, JsonValue | null>,
  ): ConfigDraft | null {
    if (current === null) return null
    let config = fresh
    for (const d of diffConfigs(base, current.config)) {
      const key = `${d.resource}\u0000${d.field}`
      const after = d.after ?? null
      if (settled.has(key) && sameValue(after, settled.get(key) ?? null)) continue
      config = setField(config, d.resource, d.field, after)
    }
    const next = { ...newDraft(fresh), config }
    return hasUnpushedChanges(next, fresh) ? next : null
  }

  function takePreview(previewId: string): StoredPreview {
    const stored = previews.get(previewId)
    previews.delete(previewId)
    if (!stored || stored.expires < now().getTime()) {
      throw new AppFailure(
        'NOT_FOUND',
        'This push preview has expired or was already used. Preview the push again.',
      )
    }
    return stored
  }

  return {
    /** The local snapshot and draft; reads files only, so it works offline. */
    async getWorkspace(tenantId: string): Promise<Result<ConfigWorkspace>> {
      return ok(await workspace(tenantId))
    },

    /** Read the live configuration into a new snapshot. */
    async pull(tenantId: string, discardDraft = false): Promise<Result<ConfigWorkspace>> {
      const current = await store.load(tenantId)
      const unpushed =
        current.draft !== null &&
        (current.snapshot === null || hasUnpushedChanges(current.draft, current.snapshot))
      if (unpushed && !discardDraft) {
        const n = current.snapshot
          ? diffConfigs(current.snapshot, current.draft!.config).length
          : null
        throw new AppFailure(
          'CONFLICT',
          `The draft holds ${n === null ? 'unpushed edits' : plural(n, 'unpushed change')}. Push or discard the draft before pulling again.`,
        )
      }
      const live = await readLive(await deps.tenants.summary(tenantId))
      await store.saveSnapshot(tenantId, live)
      // A draft saved while the pull was reading (the user typed meanwhile) is kept, unless told.
      const after = await store.load(tenantId)
      const untouched = after.draftSavedAt === current.draftSavedAt
      if (after.draft !== null && (discardDraft || untouched)) await store.deleteDraft(tenantId)
      return ok(await workspace(tenantId))
    },

    /** Write the draft to disk (atomically; the last call wins). */
    async saveDraft(tenantId: string, draft: ConfigDraft): Promise<Result<{ savedAt: string }>> {
      return ok({ savedAt: await store.saveDraft(tenantId, draft) })
    },

    /** Delete the draft; the snapshot stays. */
    async discardDraft(tenantId: string): Promise<Result<ConfigWorkspace>> {
      await store.deleteDraft(tenantId)
      return ok(await workspace(tenantId))
    },

    /** Re-read the live configuration and plan the push field by field. */
    async previewPush(tenantId: string): Promise<Result<PushPreview>> {
      const { snapshot, draft } = await store.load(tenantId)
      if (snapshot === null) {
        throw new AppFailure('NOT_FOUND', 'Pull the configuration before pushing.')
      }
      if (draft === null || !hasUnpushedChanges(draft, snapshot)) {
        throw new AppFailure('INVALID_INPUT', 'The draft has no changes to push.')
      }
      const summary = await deps.tenants.summary(tenantId)
      const live = await readLive(summary)
      // Scopes of the last connection test, when there was one: a push they cannot make is blocked.
      const granted = summary.scopes.length > 0 ? summary.scopes : undefined
      const resources = planPush(snapshot, draft.config, live, granted)
      const count = (status: string) =>
        resources.reduce(
          (n, r) => n + (r.blocked ? 0 : r.fields.filter((f) => f.status === status).length),
          0,
        )
      const problems = validateConfig(draft.config, summary.plan)
        .filter((p) => p.severity === 'error')
        .map(({ resource, field, message }) => ({ resource, field, message }))
      const expires = now().getTime() + PUSH_PREVIEW_TTL_MS
      const preview: PushPreview = {
        previewId: randomUUID(),
        tenant: {
          id: summary.id,
          name: summary.name,
          environment: summary.environment,
          kind: summary.kind,
        },
        resources,
        counts: {
          push: count('push'),
          conflict: count('conflict'),
          theirs: count('theirs'),
          same: count('same'),
          blocked: resources.filter((r) => r.blocked !== undefined).length,
        },
        problems,
        expiresAt: new Date(expires).toISOString(),
      }
      for (const [id, p] of previews) if (p.expires < now().getTime()) previews.delete(id)
      previews.set(preview.previewId, { preview, tenantId, base: snapshot, draft, expires })
      return ok(preview)
    },

    /**
     * Push a previewed draft. Each resource is read again right before its PATCH; a field that
     * changed live since the preview fails that resource (CONFLICT) instead of being overwritten.
     */
    async push(
      previewId: string,
      resolutions: readonly PushResolution[],
      confirmation: string,
    ): Promise<Result<PushReceipt>> {
      const stored = takePreview(previewId)
      const { preview, tenantId, base, draft } = stored
      if (preview.problems.length > 0) {
        throw new AppFailure(
          'INVALID_INPUT',
          `The draft has ${plural(preview.problems.length, 'invalid value')}; fix ${preview.problems.length === 1 ? 'it' : 'them'} before pushing.`,
        )
      }
      const take = new Map<string, 'mine' | 'theirs'>()
      for (const r of resolutions) take.set(`${r.resource}\u0000${r.field}`, r.take)
      const conflicts = preview.resources.flatMap((r) =>
        r.blocked
          ? []
          : r.fields.filter((f) => f.status === 'conflict').map((f) => [r, f] as const),
      )
      const open = conflicts.filter(([r, f]) => !take.has(`${r.resource}\u0000${f.field}`))
      if (open.length > 0) {
        previews.set(previewId, stored)
        throw new AppFailure(
          'INVALID_INPUT',
          `Choose “keep mine” or “take theirs” for ${plural(open.length, 'conflicting field')} first.`,
        )
      }
      const toSend = preview.resources.reduce(
        (n, r) => n + r.fields.filter((f) => sends(r, f, take)).length,
        0,
      )
      if (confirmation.trim() !== String(toSend)) {
        previews.set(previewId, stored)
        throw new AppFailure(
          'INVALID_INPUT',
          `Type ${toSend} (the number of fields to send) to confirm the push.`,
        )
      }
      const summary = await deps.tenants.summary(tenantId)
      const api = await deps.tenants.api(tenantId)
      const startedAt = now().toISOString()
      const activityBase = {
        tenantId,
        tenantName: summary.name,
        environment: summary.kind === 'sandbox' ? ('sandbox' as const) : summary.environment,
        action: 'config-push',
      }
      const targets = preview.resources.map((r) => ({
        kind: 'config-resource',
        id: r.resource,
        label: r.resource,
      }))
      await deps.activity.append({
        ...activityBase,
        targets,
        outcome: {
          status: 'started',
          ended: 0,
          pending: toSend,
          failed: 0,
          details: `Pushing ${plural(toSend, 'field')} to ${plural(preview.resources.length, 'resource')}.`,
        },
      })

      const results: PushResourceResult[] = []
      const settled = new Map<string, JsonValue | null>()
      for (const plan of preview.resources) {
        const sent = plan.fields.filter((f) => sends(plan, f, take))
        for (const f of plan.fields) {
          const theirs = f.status === 'theirs' || f.status === 'same'
          const resolvedTheirs = f.status === 'conflict' && !sends(plan, f, take)
          if (plan.blocked === undefined && (theirs || resolvedTheirs)) {
            settled.set(`${plan.resource}\u0000${f.field}`, f.mine)
          }
        }
        if (plan.blocked !== undefined) {
          results.push({
            resource: plan.resource,
            status: 'skipped',
            fields: plan.fields.map((f) => f.field),
            error: { code: 'INVALID_INPUT', message: plan.blocked },
          })
          continue
        }
        if (sent.length === 0) {
          results.push({ resource: plan.resource, status: 'unchanged', fields: [] })
          continue
        }
        const resource = draft.config.resources[plan.resource] ?? base.resources[plan.resource]
        const fields = sent.map((f) => f.field)
        try {
          if (!resource) throw new AppFailure('NOT_FOUND', 'The resource is not in the draft.')
          const live = await readLiveResource(api, resource, plan.id)
          const moved = sent.filter((f) => !sameValue(live.model.fields[f.field] ?? null, f.theirs))
          if (moved.length > 0) {
            throw new AppFailure(
              'CONFLICT',
              `Someone changed ${moved.map((f) => f.field).join(', ')} after the preview; nothing was sent for this resource. Preview again.`,
            )
          }
          const changes: FieldChange[] = sent.map((f) => ({ field: f.field, value: f.mine }))
          await patch(api, resource, plan.id, resourcePatch(resource.kind, changes, live.raw))
          for (const f of sent) settled.set(`${plan.resource}\u0000${f.field}`, f.mine)
          results.push({ resource: plan.resource, status: 'updated', fields })
        } catch (error) {
          results.push({
            resource: plan.resource,
            status: 'failed',
            fields,
            error: appErrorOf(error, 'A configuration push'),
          })
        }
      }

      if (results.some((r) => r.status === 'updated')) deps.onTenantChanged?.(tenantId)

      // A fresh snapshot, and the draft rebased on it with whatever was not sent.
      let notice: string | undefined
      try {
        const fresh = await readLive(summary)
        await store.saveSnapshot(tenantId, fresh)
        // The draft as it is now: edits made since the preview are kept, not lost.
        const rest = rebase(fresh, base, (await store.load(tenantId)).draft, settled)
        if (rest === null) await store.deleteDraft(tenantId)
        else await store.saveDraft(tenantId, rest)
      } catch (error) {
        notice = `The configuration could not be read again after the push (${appErrorOf(error, 'A configuration push').message}); pull it before editing further. Your draft is kept.`
      }

      const sentFields = results
        .filter((r) => r.status === 'updated')
        .reduce((n, r) => n + r.fields.length, 0)
      const failed = results.filter((r) => r.status === 'failed')
      const failedFields = failed.reduce((n, r) => n + r.fields.length, 0)
      await deps.activity.append({
        ...activityBase,
        targets,
        outcome: {
          status: failed.length === 0 ? 'completed' : sentFields > 0 ? 'partial' : 'failed',
          ended: sentFields,
          pending: 0,
          failed: failedFields,
          details: [
            `${plural(sentFields, 'field')} updated`,
            ...(failed.length > 0 ? [`${plural(failed.length, 'resource')} failed`] : []),
            ...results.filter((r) => r.status === 'skipped').map((r) => `${r.resource} skipped`),
          ].join('; '),
        },
      })
      const ws = await workspace(tenantId)
      return ok({
        tenantId,
        startedAt,
        endedAt: now().toISOString(),
        results,
        workspace: notice ? { ...ws, notices: [...ws.notices, notice] } : ws,
      })
    },
  }
}

/** The configuration service. */
export type ConfigService = ReturnType<typeof createConfigService>
