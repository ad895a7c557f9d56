import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { LogoutRequest, JobRecord } from './job-types'
import { writeFileAtomic, type AtomicWrite } from '../../atomic-write'

/**
 * The jobs' journal on disk: one JSON file per job, `job-<id>.json`, in one directory.
 *
 * Write-ahead rule the runner relies on: {@link Journal.save} resolves only once a version of the
 * file at least as new as the record at the time of the call is on disk, so an item marked
 * `running` is durable before its request leaves. A crash can then lose only the outcome of
 * requests in flight, never the fact that they were sent.
 *
 * - Atomic: every write goes to `<file>.tmp`, is fsynced, renamed over the file, and the directory
 *   is fsynced where the platform allows it. A reader sees the old or the new file, never a mix.
 * - Coalesced: at most one write per job is in flight. Saves made meanwhile share the next write,
 *   which serializes the record as it is then (the latest state wins), so a burst of transitions
 *   costs one or two writes, not one each.
 * - Tolerant: {@link Journal.load} moves an unreadable file aside as `<file>.corrupt-<time>`,
 *   reports it and carries on; a leftover `.tmp` (a write cut short) is deleted, the file it was
 *   meant to replace still holds the last complete state.
 */

/** A journal file that could not be used, reported once by {@link Journal.load}. */
export interface JournalProblem {
  /** The unreadable file. */
  file: string
  /** Where it was moved; null when even that failed (it is then left in place). */
  copy: string | null
  /** A sentence for the operator. */
  message: string
}

/** What {@link Journal.load} found. */
export interface JournalLoad {
  records: JobRecord[]
  problems: JournalProblem[]
}

/** The journal of one directory. */
export interface Journal {
  readonly dir: string
  /** The path of a job's file. */
  fileOf(id: string): string
  /** Every readable job in the directory; unreadable files are moved aside and reported. */
  load(): JournalLoad
  /**
   * Schedules a write of `record` and resolves once a version at least this new is on disk.
   *
   * The record is serialized when its write starts, not now: pass the live object. Rejects when
   * that write fails; a later save tries again.
   */
  save(record: JobRecord): Promise<void>
  /** Waits for the job's writes in flight, then deletes its file; later saves are ignored. */
  remove(id: string): Promise<void>
  /** Resolves when no write is pending for the job (or, without an id, for any job). */
  flush(id?: string): Promise<void>
}

/** Options of {@link createJournal}. */
export interface JournalOptions {
  dir: string
  /** Clock for the `.corrupt-<time>` suffix; default `Date.now`. */
  now?: () => number
  /** The file writer; default {@link writeFileAtomic}. Tests wrap it to delay or fail writes. */
  writeAtomic?: AtomicWrite
}

/** Version of the file layout, stored as `format`. */
export const JOURNAL_FORMAT = 1

const FILE_PATTERN = /^job-(.+)\.json$/

const errorSchema = z.object({ code: z.string(), message: z.string() })

const itemSchema = z.object({
  key: z.string().min(1),
  kind: z.enum([
    'delete-session',
    'revoke-session',
    'delete-refresh-token',
    'delete-user-sessions',
    'delete-user-refresh-tokens',
  ]),
  targetId: z.string(),
  userId: z.string(),
  label: z.string(),
})

const stateSchema = z.object({
  status: z.enum(['pending', 'running', 'done', 'gone', 'failed', 'cancelled']),
  attempts: z.number().int().min(0),
  error: errorSchema.optional(),
  finishedAt: z.string().optional(),
})

const reasonOf = <T extends z.ZodRawShape>(shape: T) => z.object({ ...shape, reason: z.string() })

/** What the job's action leaves running (the preview's `survives`), restated by its receipt. */
const remainsSchema = z.object({
  accessTokens: z.string(),
  idpSessions: z.array(reasonOf({ connection: z.string() })),
  refreshTokens: z.array(reasonOf({ id: z.string(), appName: z.string() })),
  appSessions: z.array(reasonOf({ appName: z.string() })),
  sessions: z.array(
    reasonOf({
      id: z.string(),
      sessionId: z.string(),
      device: z.string(),
      apps: z.array(z.string()),
    }),
  ),
})

const recordSchema = z.object({
  id: z.string().min(1),
  tenantId: z.string(),
  action: z.string(),
  reason: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  status: z.enum(['running', 'paused', 'cancelled', 'completed', 'interrupted']),
  items: z.array(itemSchema),
  states: z.record(z.string(), stateSchema),
  error: errorSchema.optional(),
  remains: remainsSchema.optional(),
})

const fileSchema = z.object({ format: z.literal(JOURNAL_FORMAT), job: recordSchema })

/** The record in a file's text, or why there is none usable. */
const checkRecord = (text: string, id: string): { record: JobRecord } | { reason: string } => {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { reason: text.trim() === '' ? 'it is empty' : 'it is not valid JSON' }
  }
  const result = fileSchema.safeParse(parsed)
  if (!result.success) return { reason: 'it is not a job record of a known format' }
  const record = result.data.job as JobRecord
  if (record.id !== id) return { reason: 'it holds a different job than its name says' }
  const keys = new Set(record.items.map((item) => item.key))
  if (
    keys.size !== record.items.length ||
    record.items.some((i) => !Object.hasOwn(record.states, i.key))
  ) {
    return { reason: 'its items and their states do not match' }
  }
  return { record }
}

/**
 * Serializes a record. The items never change after start, so their JSON is cached per array:
 * for a 2,000-item job that is most of the bytes of every write.
 */
const createSerializer = () => {
  const itemsJson = new WeakMap<LogoutRequest[], string>()
  return (record: JobRecord): string => {
    let items = itemsJson.get(record.items)
    if (items === undefined) {
      items = JSON.stringify(record.items)
      itemsJson.set(record.items, items)
    }
    const { items: _items, states, ...head } = record
    const headJson = JSON.stringify(head)
    const body = `${headJson.slice(0, -1)}${headJson.length > 2 ? ',' : ''}"items":${items},"states":${JSON.stringify(states)}}`
    return `{"format":${JOURNAL_FORMAT},"job":${body}}\n`
  }
}

interface Waiter {
  seq: number
  resolve(): void
  reject(err: unknown): void
}

interface Entry {
  record: JobRecord
  /** Number of the latest save. */
  requested: number
  /** Every save up to this number is on disk. */
  written: number
  writing: Promise<void> | null
  waiters: Waiter[]
  removed: boolean
}

const stamp = (ms: number): string => new Date(ms).toISOString().replace(/[:.]/g, '-')

/** Opens (and when needed creates) the journal in `dir`. */
export const createJournal = (options: JournalOptions): Journal => {
  const { dir } = options
  const now = options.now ?? Date.now
  const writeAtomic = options.writeAtomic ?? writeFileAtomic
  const serialize = createSerializer()
  const entries = new Map<string, Entry>()
  let dirReady: Promise<unknown> | null = null

  const fileOf = (id: string): string => join(dir, `job-${id}.json`)

  const drain = async (id: string, entry: Entry): Promise<void> => {
    dirReady ??= mkdir(dir, { recursive: true })
    while (entry.written < entry.requested && !entry.removed) {
      const seq = entry.requested
      const settle = (err?: unknown) => {
        const ready = entry.waiters.filter((w) => w.seq <= seq)
        entry.waiters = entry.waiters.filter((w) => w.seq > seq)
        for (const w of ready) {
          if (err === undefined) w.resolve()
          else w.reject(err)
        }
      }
      try {
        await dirReady
        await writeAtomic(fileOf(id), serialize(entry.record))
        entry.written = seq
        settle()
      } catch (err) {
        // Those waiting for this version learn it failed; a later save starts a fresh attempt.
        entry.written = seq
        settle(err)
      }
    }
    for (const w of entry.waiters.splice(0)) w.resolve()
  }

  const kick = (id: string, entry: Entry): void => {
    if (entry.writing !== null) return
    entry.writing = drain(id, entry).finally(() => {
      entry.writing = null
      // A save that arrived between the loop's last check and now.
      if (entry.written < entry.requested && !entry.removed) kick(id, entry)
    })
  }

  return {
    dir,
    fileOf,
    load() {
      const records: JobRecord[] = []
      const problems: JournalProblem[] = []
      let names: string[]
      try {
        mkdirSync(dir, { recursive: true })
        names = readdirSync(dir)
      } catch (err) {
        problems.push({
          file: dir,
          copy: null,
          message: `The job journal folder ${dir} could not be read (${err instanceof Error ? err.message : String(err)}).`,
        })
        return { records, problems }
      }
      for (const name of names) {
        const file = join(dir, name)
        if (name.endsWith('.json.tmp')) {
          // A write cut short before its rename: the file it was for holds the last good state.
          try {
            rmSync(file, { force: true })
          } catch {
            // Harmless: it is overwritten by the next write of that job.
          }
          continue
        }
        const id = FILE_PATTERN.exec(name)?.[1]
        if (id === undefined) continue
        let text: string
        try {
          text = readFileSync(file, 'utf8')
        } catch (err) {
          problems.push({
            file,
            copy: null,
            message: `The job journal ${name} could not be read (${err instanceof Error ? err.message : String(err)}).`,
          })
          continue
        }
        const checked = checkRecord(text, id)
        if ('record' in checked) {
          records.push(checked.record)
          continue
        }
        const copy = `${file}.corrupt-${stamp(now())}`
        let moved: string | null = copy
        try {
          renameSync(file, copy)
        } catch {
          moved = null
        }
        problems.push({
          file,
          copy: moved,
          message:
            moved === null
              ? `The job journal ${name} is unreadable (${checked.reason}) and could not be moved aside; it was skipped.`
              : `The job journal ${name} is unreadable (${checked.reason}); it was kept as ${copy} and the job is not shown.`,
        })
      }
      records.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      return { records, problems }
    },
    save(record) {
      let entry = entries.get(record.id)
      if (entry === undefined) {
        entry = { record, requested: 0, written: 0, writing: null, waiters: [], removed: false }
        entries.set(record.id, entry)
      }
      if (entry.removed) return Promise.resolve()
      entry.record = record
      entry.requested += 1
      const seq = entry.requested
      const current = entry
      const done = new Promise<void>((resolve, reject) => {
        current.waiters.push({ seq, resolve, reject })
      })
      kick(record.id, entry)
      return done
    },
    async remove(id) {
      const entry = entries.get(id)
      if (entry !== undefined) {
        entry.removed = true
        await entry.writing
      }
      await rm(fileOf(id), { force: true })
      await rm(`${fileOf(id)}.tmp`, { force: true })
    },
    async flush(id) {
      const chosen = id === undefined ? [...entries.values()] : [entries.get(id)]
      for (const entry of chosen) {
        while (entry?.writing != null) await entry.writing
      }
    },
  }
}
