import type { ApiRoute } from './management-api'
import { clientRoutes } from './routes-clients'
import { jobRoutes } from './routes-jobs'
import { logRoutes } from './routes-logs'
import { refreshTokenRoutes } from './routes-refresh-tokens'
import { userRoutes } from './routes-users'

/**
 * The Management API routes added beside management-api.ts: `POST /clients`, `/client-grants`,
 * `POST /users`, `POST /refresh-tokens/revoke`, users export jobs and tenant logs. They need the
 * server's `ApiContext.extras` (tenant-extras.ts).
 */
export const writeRoutes: readonly ApiRoute[] = [
  ...clientRoutes,
  ...userRoutes,
  ...refreshTokenRoutes,
  ...jobRoutes,
  ...logRoutes,
]
