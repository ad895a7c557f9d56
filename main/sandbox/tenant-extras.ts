import { randomBytes } from 'node:crypto'
import type { SandboxClientCredentials, TokenService } from './access-tokens'
import { ApiError } from './http-io'
import type { SandboxStore } from './store'
import { createTenantLogRecorder, seedTenantLogs, type TenantLogRecorder } from './tenant-logs'

/**
 * The state of the Sandbox's write endpoints that lives beside the store: client grants, users
 * export jobs, password hashes, the tenant logs, and the services those routes need (the token
 * service, the server's base URL). One per seed data set: `reset()` builds a new one.
 */

/** A client grant (`/api/v2/client-grants`, SDK `ClientGrantResponseContent`). */
export interface SandboxClientGrant {
  id: string
  client_id: string
  audience: string
  scope: string[]
  allow_any_organization: boolean
  is_system: boolean
  subject_type: 'client'
}

/** A users export job (`/api/v2/jobs/users-exports`, `GET /api/v2/jobs/{id}`). */
export interface SandboxExportJob {
  id: string
  type: 'users_export'
  created_at: string
  connection_id?: string
  /** Name of the connection, when `connection_id` was given. */
  connection?: string
  format: 'json' | 'csv'
  limit?: number
  fields?: { name: string; export_as?: string }[]
  /** `GET /jobs/{id}` calls so far: the job completes on the third. */
  polls: number
  /** Unguessable part of the download URL, as Auth0's is a pre-signed URL. */
  secret: string
  /** Users that existed when the job was created (users are only ever appended). */
  userCount: number
}

/** Extra state and services of the Sandbox's write endpoints. */
export interface SandboxExtras {
  /** `http://127.0.0.1:PORT`, for download locations. */
  readonly baseUrl: string
  /** The canonical Management API audience, `${baseUrl}/api/v2/`. */
  readonly managementAudience: string
  /** Whether an audience names this tenant's Management API (any accepted spelling). */
  isManagementAudience(audience: string): boolean
  readonly tokens: TokenService
  readonly logs: TenantLogRecorder
  readonly grants: SandboxClientGrant[]
  readonly jobs: Map<string, SandboxExportJob>
  /** user_id → `scrypt$<salt>$<hash>` (base64url); never the password. */
  readonly passwordHashes: Map<string, string>
  /** Applications created with `POST /clients` (their credentials live in the token service). */
  readonly createdClients: Set<string>
  /** Registers the Management API grant of a client the Sandbox was started with. */
  addRegisteredGrant(client: SandboxClientCredentials): void
  /** Undoes what this state did to the token service (created clients, changed grants). */
  dispose(registered: readonly SandboxClientCredentials[]): void
}

/** A fresh opaque id with a prefix (`cgr_…`, `job_…`). */
export const opaqueId = (prefix: string, bytes = 12): string =>
  `${prefix}_${randomBytes(bytes).toString('base64url').replace(/[-_]/g, 'x')}`

/** Options of {@link createSandboxExtras}. */
export interface ExtrasOptions {
  baseUrl: string
  /** Every accepted spelling of the Management API audience. */
  audiences: readonly string[]
  tokens: TokenService
  store: SandboxStore
  now: () => number
  registered: readonly SandboxClientCredentials[]
}

/** Builds the state for one store, with seeded grants and seeded tenant logs. */
export const createSandboxExtras = (options: ExtrasOptions): SandboxExtras => {
  const strip = (s: string) => s.replace(/\/+$/, '')
  const audiences = new Set(options.audiences.map(strip))
  const managementAudience = `${options.baseUrl}/api/v2/`
  const grants: SandboxClientGrant[] = []
  const createdClients = new Set<string>()
  const logs = createTenantLogRecorder({
    now: options.now,
    seed: options.store.seed,
    clientName: (id) => options.store.getClient(id)?.name,
  })
  seedTenantLogs(logs, options.store)
  const addRegisteredGrant = (client: SandboxClientCredentials) => {
    grants.push({
      id: `cgr_${client.clientId.replace(/[^A-Za-z0-9]/g, '').slice(0, 16)}${grants.length}`,
      client_id: client.clientId,
      audience: managementAudience,
      scope: [...client.scopes],
      allow_any_organization: false,
      is_system: false,
      subject_type: 'client',
    })
  }
  options.registered.forEach(addRegisteredGrant)
  return {
    baseUrl: options.baseUrl,
    managementAudience,
    isManagementAudience: (audience) => audiences.has(strip(audience)),
    tokens: options.tokens,
    logs,
    grants,
    jobs: new Map(),
    passwordHashes: new Map(),
    createdClients,
    addRegisteredGrant,
    dispose(registered) {
      for (const id of createdClients) options.tokens.removeClient(id)
      for (const client of registered) options.tokens.addClient(client)
    },
  }
}

/** The extras of a request. @throws ApiError 500 when the server did not wire them. */
export const extrasOf = (ctx: { extras?: SandboxExtras }): SandboxExtras => {
  if (ctx.extras === undefined) throw new ApiError(500, 'Internal error')
  return ctx.extras
}
