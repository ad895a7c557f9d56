/** One page of an offset-paginated list (`page` zero-based, `per_page`). */
export interface OffsetPage<T> {
  items: T[]
  /** Index of the first item: `page * per_page`. */
  start: number
  /** The `per_page` that was applied. */
  limit: number
  /** Number of matching items before paging. */
  total: number
}

/** Slices a list the way Auth0's offset-paginated endpoints do. */
export const paginateOffset = <T>(
  items: readonly T[],
  page: number,
  perPage: number,
): OffsetPage<T> => {
  const start = page * perPage
  return { items: items.slice(start, start + perPage), start, limit: perPage, total: items.length }
}

/** One page of a checkpoint-paginated list: `next` is absent on the last page. */
export interface CheckpointPage<T> {
  items: T[]
  next?: string
}

/** Why a `from` cursor was refused. */
export class CursorError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CursorError'
  }
}

/** Auth0 documents checkpoint cursors as valid for 24 hours. */
export const CURSOR_TTL_SECONDS = 24 * 60 * 60

interface CursorPayload {
  /** Id of the last item of the previous page. */
  a: string
  /** Issued at, epoch seconds. */
  t: number
}

/** Encodes an opaque `next` cursor: "after this id", stamped with its issue time. */
export const encodeCursor = (afterId: string, issuedAtMs: number): string =>
  Buffer.from(
    JSON.stringify({ a: afterId, t: Math.floor(issuedAtMs / 1000) } satisfies CursorPayload),
  ).toString('base64url')

/**
 * Decodes a `from` cursor.
 *
 * @throws CursorError when it is not one of ours or is older than 24 hours.
 */
export const decodeCursor = (cursor: string, nowMs: number): string => {
  let payload: unknown
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw new CursorError('Invalid from parameter')
  }
  if (
    payload === null ||
    typeof payload !== 'object' ||
    typeof (payload as CursorPayload).a !== 'string' ||
    typeof (payload as CursorPayload).t !== 'number'
  ) {
    throw new CursorError('Invalid from parameter')
  }
  const { a, t } = payload as CursorPayload
  if (nowMs / 1000 - t > CURSOR_TTL_SECONDS) throw new CursorError('The from parameter has expired')
  return a
}

/**
 * Checkpoint pagination (`from`, `take` → `{ items, next }`), ordered by id.
 *
 * The cursor means "items whose id sorts after X", so deleting items between two page requests
 * neither skips nor repeats the rest — the forward-only behaviour Auth0 documents.
 */
export const paginateCheckpoint = <T>(
  items: readonly T[],
  idOf: (item: T) => string,
  options: { from?: string; take: number; nowMs: number },
): CheckpointPage<T> => {
  const sorted = [...items].sort((x, y) => compareIds(idOf(x), idOf(y)))
  const after = options.from === undefined ? null : decodeCursor(options.from, options.nowMs)
  const rest = after === null ? sorted : sorted.filter((item) => compareIds(idOf(item), after) > 0)
  const page = rest.slice(0, options.take)
  const last = page[page.length - 1]
  return rest.length > page.length && last !== undefined
    ? { items: page, next: encodeCursor(idOf(last), options.nowMs) }
    : { items: page }
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
