import { AppFailure } from '../../../core/result'
import type { TenantApi } from '../ports'

/**
 * Client ids enabled for each connection (`GET /connections/{id}/clients`); a connection whose
 * list is refused (403) or unknown to the tenant (404, older tenants) is left out, as the Deploy
 * CLI does with a warning.
 */
export async function readConnectionClients(
  api: TenantApi,
  connections: readonly { id?: string }[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  await Promise.all(
    connections.map(async ({ id }) => {
      if (id === undefined) return
      try {
        out.set(id, await api.listConnectionClients(id))
      } catch (error) {
        if (
          error instanceof AppFailure &&
          (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')
        )
          return
        throw error
      }
    }),
  )
  return out
}
