import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { join, resolve, sep } from 'node:path'
import { z } from 'zod'
import type { ConfigDraft, TenantConfiguration } from '../../../preload/contract'
import { configDraftSchema, configurationSchema, TENANT_ID_PATTERN } from './config-schema'
import { writeFileAtomic, type AtomicWrite } from '../atomic-write'
import { AppFailure } from '../../../core/result'

/**
 * The offline configuration on disk: per tenant `<dir>/<tenantId>/snapshot.json` (the last pull)
 * and `draft.json` (the edits), where `dir` is `<dataDir>/config`.
 *
 * - Atomic: every write goes through {@link writeFileAtomic} (tmp file, fsync,
 *   rename, directory fsync): a crash leaves the old or the new file, never a torn one.
 * - Serialized per tenant: writes and deletes of one tenant run one after another in call order,
 *   so the last save wins and two writes never share the `.tmp` file.
 * - Tolerant: a file that is not valid JSON or fails the schema (corrupt, hand-edited, hostile)
 *   is moved aside to `<file>.corrupt-<time>` — never deleted — and the load answers without it,
 *   with a notice saying where the copy is. A leftover `.tmp` (a write cut short) is removed.
 * - Tenant ids are checked against {@link TENANT_ID_PATTERN} and the resolved path must stay
 *   inside `dir`, so no id can reach another folder.
 */

/** Version of the file layout, stored as `format`. */
export const CONFIG_FILE_FORMAT = 1

/** Larger files are not parsed (the schema's limits keep real ones far below this). */
export const MAX_CONFIG_FILE_BYTES = 32 * 1024 * 1024

const snapshotFileSchema = z.strictObject({
  format: z.literal(CONFIG_FILE_FORMAT),
  savedAt: z.string().max(64),
  snapshot: configurationSchema,
})

const draftFileSchema = z.strictObject({
  format: z.literal(CONFIG_FILE_FORMAT),
  savedAt: z.string().max(64),
  draft: configDraftSchema,
})

/** What is on disk for one tenant. */
export interface StoredWorkspace {
  snapshot: TenantConfiguration | null
  draft: ConfigDraft | null
  /** When the draft was written. */
  draftSavedAt: string | null
  /** Sentences for the operator: files moved aside, a draft made from another snapshot. */
  notices: string[]
}

/** The configuration files of every tenant. */
export interface ConfigStore {
  readonly dir: string
  /** The folder of a tenant's files; throws `AppFailure('INVALID_INPUT')` for a bad id. */
  folderOf(tenantId: string): string
  /** Reads both files; unreadable ones are moved aside and reported in `notices`. */
  load(tenantId: string): Promise<StoredWorkspace>
  /** Writes the snapshot; resolves once it is on disk. */
  saveSnapshot(tenantId: string, snapshot: TenantConfiguration): Promise<string>
  /** Writes the draft; resolves with the time written once it is on disk. */
  saveDraft(tenantId: string, draft: ConfigDraft): Promise<string>
  /** Deletes the draft (no-op when there is none). */
  deleteDraft(tenantId: string): Promise<void>
  /** Resolves when every write queued for the tenant has finished. */
  flush(tenantId: string): Promise<void>
}

/** Options of {@link createConfigStore}. */
export interface ConfigStoreOptions {
  /** `<dataDir>/config`. */
  dir: string
  now?: () => Date
  /** The file writer; default {@link writeFileAtomic}. Tests wrap it to fail or delay writes. */
  writeAtomic?: AtomicWrite
}

const isCode = (err: unknown, ...codes: string[]): boolean =>
  typeof err === 'object' &&
  err !== null &&
  codes.includes(String((err as { code?: unknown }).code))

/** A storage error as the operator sees it (the path, never the file's content). */
const storageFailure = (what: string, file: string, err: unknown): AppFailure =>
  new AppFailure(
    'STORAGE',
    `Could not ${what} ${file}${isCode(err, 'ENOSPC') ? ': the disk is full' : isCode(err, 'EACCES', 'EPERM') ? ': permission denied' : ''}.`,
  )

/** Builds the store of one data folder. */
export function createConfigStore(options: ConfigStoreOptions): ConfigStore {
  const dir = resolve(options.dir)
  const now = options.now ?? (() => new Date())
  const writeAtomic = options.writeAtomic ?? writeFileAtomic
  const queues = new Map<string, Promise<unknown>>()

  function folderOf(tenantId: string): string {
    if (!TENANT_ID_PATTERN.test(tenantId)) {
      throw new AppFailure('INVALID_INPUT', 'That is not a valid tenant id.')
    }
    const folder = resolve(dir, tenantId)
    if (!folder.startsWith(dir + sep)) {
      throw new AppFailure('INVALID_INPUT', 'That is not a valid tenant id.')
    }
    return folder
  }

  /** Runs `op` after every earlier operation of the tenant, whatever their outcome. */
  function serialized<T>(tenantId: string, op: () => Promise<T>): Promise<T> {
    const previous = queues.get(tenantId) ?? Promise.resolve()
    const next = previous.then(op, op)
    const settled = next.catch(() => undefined)
    queues.set(tenantId, settled)
    void settled.then(() => {
      if (queues.get(tenantId) === settled) queues.delete(tenantId)
    })
    return next
  }

  async function write(tenantId: string, name: string, content: string): Promise<void> {
    const folder = folderOf(tenantId)
    const file = join(folder, name)
    try {
      await mkdir(folder, { recursive: true })
      await writeAtomic(file, content)
    } catch (err) {
      if (err instanceof AppFailure) throw err
      throw storageFailure('write', file, err)
    }
  }

  /** Moves an unusable file aside; answers the sentence for the operator. */
  async function quarantine(file: string, what: string, reason: string): Promise<string> {
    const copy = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`
    try {
      await rename(file, copy)
      return `The saved ${what} could not be read (${reason}). It was moved to ${copy} and is not used.`
    } catch {
      return `The saved ${what} could not be read (${reason}) and could not be moved aside; it is left at ${file} and not used.`
    }
  }

  /** Reads and validates one file: its data, null when absent, or a notice. */
  async function read<T>(
    file: string,
    what: string,
    schema: z.ZodType<T>,
  ): Promise<{ value: T | null; notice?: string }> {
    // A write cut short leaves `<file>.tmp`; the file itself still holds the last complete save.
    await rm(`${file}.tmp`, { force: true }).catch(() => undefined)
    let handle
    try {
      handle = await open(file, 'r')
    } catch (err) {
      if (isCode(err, 'ENOENT')) return { value: null }
      return { value: null, notice: `The saved ${what} at ${file} cannot be opened.` }
    }
    let text: string
    try {
      const { size } = await handle.stat()
      if (size > MAX_CONFIG_FILE_BYTES) {
        await handle.close()
        handle = undefined
        return { value: null, notice: await quarantine(file, what, 'the file is too large') }
      }
      text = await readFile(handle, 'utf8')
    } catch {
      return { value: null, notice: `The saved ${what} at ${file} cannot be read.` }
    } finally {
      await handle?.close()
    }
    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch {
      return { value: null, notice: await quarantine(file, what, 'it is not valid JSON') }
    }
    let parsed: ReturnType<z.ZodType<T>['safeParse']>
    try {
      parsed = schema.safeParse(raw)
    } catch {
      parsed = { success: false } as ReturnType<z.ZodType<T>['safeParse']>
    }
    if (!parsed.success) {
      return { value: null, notice: await quarantine(file, what, 'its content is not valid') }
    }
    return { value: parsed.data }
  }

  async function loadNow(folder: string): Promise<StoredWorkspace> {
    const notices: string[] = []
    const snap = await read(join(folder, 'snapshot.json'), 'snapshot', snapshotFileSchema)
    if (snap.notice !== undefined) notices.push(snap.notice)
    const draft = await read(join(folder, 'draft.json'), 'draft', draftFileSchema)
    if (draft.notice !== undefined) notices.push(draft.notice)
    const snapshot = snap.value?.snapshot ?? null
    const d = draft.value?.draft ?? null
    if (d !== null && snapshot !== null && snapshot.source.kind === 'tenant') {
      if (d.basePulledAt !== snapshot.source.pulledAt) {
        notices.push(
          `The draft was made from the configuration pulled at ${d.basePulledAt}, not from the stored snapshot (pulled at ${snapshot.source.pulledAt}). Preview the push to compare it with the live configuration.`,
        )
      }
    }
    return { snapshot, draft: d, draftSavedAt: draft.value?.savedAt ?? null, notices }
  }

  return {
    dir,
    folderOf,

    async load(tenantId) {
      const folder = folderOf(tenantId)
      // In the tenant's queue: a load never runs beside a save (nor removes its `.tmp`).
      return serialized(tenantId, () => loadNow(folder))
    },

    async saveSnapshot(tenantId, snapshot) {
      folderOf(tenantId)
      return serialized(tenantId, async () => {
        const savedAt = now().toISOString()
        const body = { format: CONFIG_FILE_FORMAT, savedAt, snapshot }
        await write(tenantId, 'snapshot.json', JSON.stringify(body))
        return savedAt
      })
    },

    async saveDraft(tenantId, draft) {
      folderOf(tenantId)
      // Serialized now, not when the write starts: later edits of the object do not leak in.
      const frozen = JSON.stringify(draft)
      return serialized(tenantId, async () => {
        const savedAt = now().toISOString()
        const body = `{"format":${CONFIG_FILE_FORMAT},"savedAt":${JSON.stringify(savedAt)},"draft":${frozen}}`
        await write(tenantId, 'draft.json', body)
        return savedAt
      })
    },

    async deleteDraft(tenantId) {
      const file = join(folderOf(tenantId), 'draft.json')
      return serialized(tenantId, async () => {
        try {
          await rm(file, { force: true })
        } catch (err) {
          throw storageFailure('delete', file, err)
        }
      })
    },

    async flush(tenantId) {
      await (queues.get(tenantId) ?? Promise.resolve())
    },
  }
}
