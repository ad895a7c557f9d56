import { ApiError, projectFields } from './http-io'
import { LogQueryError, matchesLogQuery, parseLogQuery } from './log-query'
import type { ApiContext, ApiRoute } from './management-api'
import { paginateOffset } from './pagination'
import { boolParam, intParam, queryError } from './route-params'
import { extrasOf } from './tenant-extras'
import type { SandboxLog } from './tenant-logs'

/**
 * `GET /logs` and `GET /logs/{id}` (read:logs), over the recorder in tenant-logs.ts.
 *
 * Two modes, as Auth0 documents (`deploy-monitor/logs/retrieve-log-events-using-mgmt-api`):
 * - Checkpoint: `from` (a `log_id`) and/or `take` (1–100, default 50) → a plain array of the
 *   events after `from` in `log_id` order (oldest retained first without `from`); every other
 *   parameter is ignored. Auth0 also sends a `Link` header; the Sandbox does not.
 * - Search: `q` (see log-query.ts; the SDK's `search` parameter is read as `q` when `q` is absent),
 *   `sort` (`date:1` / `date:-1`, default newest first), `page` / `per_page` (≤ 100, default 50;
 *   only the first 1,000 results can be paged, as in Auth0), `fields` / `include_fields`,
 *   `include_totals` → `{logs, start, limit, length, total}`.
 */

/** Auth0 lets log search reach only the first 1,000 results. */
export const LOG_SEARCH_WINDOW = 1000

const project = (ctx: ApiContext, log: SandboxLog) =>
  projectFields(log, ctx.query.get('fields'), ctx.query.get('include_fields'))

const listLogs = (ctx: ApiContext) => {
  const { query } = ctx
  const logs = extrasOf(ctx).logs.all()
  const from = query.get('from')
  if ((from !== null && from !== '') || query.has('take')) {
    const take = intParam(query, 'take', 50, 1, 100)
    const after = from === null || from === '' ? null : from
    let start = 0
    if (after !== null) {
      // First index whose log_id sorts after the checkpoint (logs are in log_id order).
      let lo = 0
      let hi = logs.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if ((logs[mid] as SandboxLog).log_id <= after) lo = mid + 1
        else hi = mid
      }
      start = lo
    }
    return { status: 200, body: logs.slice(start, start + take) }
  }
  const perPage = intParam(query, 'per_page', 50, 1, 100)
  const page = intParam(query, 'page', 0, 0, Number.MAX_SAFE_INTEGER)
  if (page * perPage + perPage > LOG_SEARCH_WINDOW) {
    throw new ApiError(
      400,
      'You can only page through the first 1000 records. Please refine your search.',
      'invalid_paging',
    )
  }
  const sort = query.get('sort') ?? 'date:-1'
  if (sort !== 'date:1' && sort !== 'date:-1') {
    throw queryError('sort', 'Only date:1 and date:-1 are supported')
  }
  let clauses
  try {
    clauses = parseLogQuery(query.get('q') ?? query.get('search') ?? '')
  } catch (err) {
    if (err instanceof LogQueryError) throw queryError('q', err.message)
    throw err
  }
  const matching = logs.filter((log) =>
    matchesLogQuery(clauses, log as unknown as Record<string, unknown>),
  )
  // `logs` is in log_id order, which is date order; newest first is the reverse.
  const ordered = sort === 'date:-1' ? matching.reverse() : matching
  const result = paginateOffset(ordered, page, perPage)
  const items = result.items.map((log) => project(ctx, log))
  if (boolParam(query, 'include_totals') !== true) return { status: 200, body: items }
  return {
    status: 200,
    body: {
      logs: items,
      start: result.start,
      limit: result.limit,
      length: items.length,
      total: result.total,
    },
  }
}

/** Routes of this module, spread into `managementRoutes`. */
export const logRoutes: readonly ApiRoute[] = [
  { method: 'GET', pattern: /^\/logs$/, scopes: ['read:logs'], handle: listLogs },
  {
    method: 'GET',
    pattern: /^\/logs\/([^/]+)$/,
    scopes: ['read:logs'],
    handle(ctx) {
      const log = extrasOf(ctx).logs.get(ctx.params[0] as string)
      if (log === undefined) throw new ApiError(404, 'log not found', 'inexistent_log')
      return { status: 200, body: log }
    },
  },
]
