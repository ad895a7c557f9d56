import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { createGzip } from 'node:zlib'
import { z } from 'zod'
import { ApiError } from './http-io'
import type { ApiContext, ApiRoute } from './management-api'
import { bodyObject } from './route-params'
import type { SandboxStore } from './store'
import { extrasOf, opaqueId, type SandboxExportJob, type SandboxExtras } from './tenant-extras'
import type { SandboxUser } from './types'
import { payloadError } from './validation'

/**
 * Users export jobs (reference §12, Auth0 `manage-users/user-migration/bulk-user-exports`).
 *
 * `POST /jobs/users-exports` (read:users) answers 201 with a `pending` job. Each
 * `GET /jobs/{id}` (create:users or read:users) advances it one step: `processing` at 33 %, then
 * 66 % (with `percentage_done` and `time_left_seconds`), then `completed` with `location` — a
 * Sandbox URL carrying a random secret (`/__sandbox/exports/{secret}/{job}.json.gz`), served
 * without a token as Auth0's pre-signed URL is. Counting polls rather than time keeps tests
 * deterministic under a fake clock. The file is a gzip of one JSON user per line, or CSV with a
 * header row; it is written on request, user by user into the gzip stream with backpressure, so a
 * 100,000-user export never exists as one string. It holds the users that existed when the job
 * was created. Default format `csv` and the default fields below, as Auth0's.
 */

/** Fields exported when the job names none. */
export const DEFAULT_EXPORT_FIELDS: readonly { name: string; export_as?: string }[] = [
  'user_id',
  'email',
  'email_verified',
  'name',
  'nickname',
  'created_at',
  'updated_at',
  'last_login',
  'logins_count',
].map((name) => ({ name }))

/** `GET /jobs/{id}` calls until a job completes. */
export const POLLS_TO_COMPLETE = 3

const exportSchema = z.strictObject({
  connection_id: z.string().min(1).optional(),
  format: z.enum(['json', 'csv']).optional(),
  limit: z.number().int().min(1).optional(),
  fields: z
    .array(z.strictObject({ name: z.string().min(1), export_as: z.string().min(1).optional() }))
    .min(1)
    .max(100)
    .optional(),
})

const jobView = (job: SandboxExportJob, extras: SandboxExtras) => {
  const base = {
    id: job.id,
    type: job.type,
    created_at: job.created_at,
    ...(job.connection_id !== undefined && { connection_id: job.connection_id }),
    ...(job.connection !== undefined && { connection: job.connection }),
    format: job.format,
    ...(job.limit !== undefined && { limit: job.limit }),
    ...(job.fields !== undefined && { fields: job.fields }),
  }
  if (job.polls === 0) return { ...base, status: 'pending' }
  if (job.polls < POLLS_TO_COMPLETE) {
    return {
      ...base,
      status: 'processing',
      percentage_done: Math.round((100 * job.polls) / POLLS_TO_COMPLETE),
      time_left_seconds: POLLS_TO_COMPLETE - job.polls,
    }
  }
  return {
    ...base,
    status: 'completed',
    percentage_done: 100,
    time_left_seconds: 0,
    location: `${extras.baseUrl}/__sandbox/exports/${job.secret}/${job.id}.${job.format}.gz`,
  }
}

const createExport = (ctx: ApiContext) => {
  const extras = extrasOf(ctx)
  const parsed = exportSchema.safeParse(bodyObject(ctx.body))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    if (issue?.code === 'unrecognized_keys') {
      throw payloadError(`Additional properties not allowed: ${issue.keys.join(',')}`)
    }
    throw payloadError(issue?.message ?? 'Invalid payload', issue?.path ?? [])
  }
  const input = parsed.data
  let connection: string | undefined
  if (input.connection_id !== undefined) {
    connection = ctx.store.getConnection(input.connection_id)?.name
    if (connection === undefined) {
      throw new ApiError(400, 'The connection does not exist.', 'inexistent_connection')
    }
  }
  const job: SandboxExportJob = {
    id: opaqueId('job', 12),
    type: 'users_export',
    created_at: new Date(ctx.nowMs).toISOString(),
    ...(input.connection_id !== undefined && { connection_id: input.connection_id }),
    ...(connection !== undefined && { connection }),
    format: input.format ?? 'csv',
    ...(input.limit !== undefined && { limit: input.limit }),
    ...(input.fields !== undefined && { fields: input.fields }),
    polls: 0,
    secret: randomBytes(24).toString('base64url').replace(/[-_]/g, 'x'),
    userCount: ctx.store.users.length,
  }
  extras.jobs.set(job.id, job)
  return { status: 201, body: jobView(job, extras) }
}

const getJob = (ctx: ApiContext) => {
  const extras = extrasOf(ctx)
  const job = extras.jobs.get(ctx.params[0] as string)
  if (job === undefined) throw new ApiError(404, 'The job does not exist.', 'inexistent_job')
  if (job.polls < POLLS_TO_COMPLETE) job.polls++
  return { status: 200, body: jobView(job, extras) }
}

/** Routes of this module, spread into `managementRoutes`. */
export const jobRoutes: readonly ApiRoute[] = [
  {
    method: 'POST',
    pattern: /^\/jobs\/users-exports$/,
    scopes: ['read:users'],
    handle: createExport,
  },
  {
    method: 'GET',
    pattern: /^\/jobs\/([^/]+)$/,
    scopes: ['create:users', 'read:users'],
    handle: getJob,
  },
]

/** Reads `identities[0].connection`, `user_metadata.plan`, `email` from a user. */
export const valueAt = (record: unknown, path: string): unknown => {
  let value: unknown = record
  for (const part of path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '')) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[part]
  }
  return value
}

const csvCell = (value: unknown): string => {
  if (value === undefined || value === null) return ''
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One line of the export file for a user (with its newline). */
export const exportLine = (
  user: SandboxUser,
  format: 'json' | 'csv',
  fields: readonly { name: string; export_as?: string }[],
): string => {
  if (format === 'csv') return `${fields.map((f) => csvCell(valueAt(user, f.name))).join(',')}\n`
  const row: Record<string, unknown> = {}
  for (const f of fields) {
    const value = valueAt(user, f.name)
    if (value !== undefined) row[f.export_as ?? f.name] = value
  }
  return `${JSON.stringify(row)}\n`
}

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

const EXPORT_PATH = /^\/__sandbox\/exports\/([A-Za-z0-9]+)\/(job_[A-Za-z0-9]+)\.(json|csv)\.gz$/

/** Whether a path is an export download (served without the admin key or a token). */
export const isExportPath = (path: string): boolean => path.startsWith('/__sandbox/exports/')

/**
 * Streams a completed export as gzip; 404 for anything else (unknown job, wrong secret, not yet
 * completed), so the URL reveals nothing without its secret.
 */
export const serveExport = async (
  res: ServerResponse,
  path: string,
  extras: SandboxExtras,
  store: SandboxStore,
): Promise<void> => {
  const m = EXPORT_PATH.exec(path)
  const job = m === null ? undefined : extras.jobs.get(m[2] as string)
  if (
    m === null ||
    job === undefined ||
    !sameSecret(job.secret, m[1] as string) ||
    job.format !== m[3] ||
    job.polls < POLLS_TO_COMPLETE
  ) {
    const body = JSON.stringify(new ApiError(404, 'Not Found').toBody())
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' })
    res.end(body)
    return
  }
  res.writeHead(200, {
    'content-type': 'application/gzip',
    'content-disposition': `attachment; filename="${job.id}.${job.format}.gz"`,
  })
  const gzip = createGzip()
  gzip.pipe(res)
  const fields = job.fields ?? DEFAULT_EXPORT_FIELDS
  if (job.format === 'csv')
    gzip.write(`${fields.map((f) => csvCell(f.export_as ?? f.name)).join(',')}\n`)
  const limit = job.limit ?? Number.POSITIVE_INFINITY
  let written = 0
  let chunk = ''
  for (let i = 0; i < job.userCount && written < limit; i++) {
    if (res.destroyed) break
    const user = store.users[i] as SandboxUser
    if (
      job.connection !== undefined &&
      !user.identities.some((x) => x.connection === job.connection)
    ) {
      continue
    }
    chunk += exportLine(user, job.format, fields)
    written++
    if (chunk.length >= 64 * 1024) {
      const ok = gzip.write(chunk)
      chunk = ''
      if (!ok) await drained(gzip, res)
    }
  }
  gzip.end(chunk)
}

/** Resolves when the gzip stream wants more, or the client went away. */
const drained = (gzip: NodeJS.EventEmitter, res: ServerResponse): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      gzip.off('drain', done)
      res.off('close', done)
      resolve()
    }
    gzip.once('drain', done)
    res.once('close', done)
  })
