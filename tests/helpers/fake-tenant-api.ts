import type {
  RunningSandbox,
  TenantApi,
  TenantApiFactory,
  TenantConnection,
} from '../../main/services/ports'
import { AppFailure } from '../../core/result'
import { allConsoleScopes } from '../../main/services/tenants/scope-features'

/**
 * A fake Management API for unit tests of services: a table of client secrets → granted scopes.
 * Integration and e2e tests use the real client against the Sandbox tenant instead.
 */
export function createFakeApiFactory(grants: Record<string, string[]> = {}) {
  const built: TenantConnection[] = []
  const factory: TenantApiFactory = (conn) => {
    built.push(conn)
    let token = false
    const api: TenantApi = {
      async connect() {
        const scopes =
          grants[conn.clientSecret] ??
          (conn.clientSecret.startsWith('good') ? allConsoleScopes : null)
        if (!scopes) {
          throw new AppFailure(
            'UNAUTHENTICATED',
            `Auth0 rejected the client credentials (client id ${conn.clientId}).`,
          )
        }
        token = true
        return { scopes, expiresAt: Date.now() + 86_400_000 }
      },
      dropToken() {
        token = false
      },
      async searchUsers() {
        if (!token) throw new AppFailure('UNAUTHENTICATED', 'No token.')
        return { users: [], total: 3 }
      },
      async getUser(id) {
        throw new AppFailure('NOT_FOUND', `No user ${id}.`)
      },
      async getUsersByEmail() {
        return []
      },
      async listUserSessions() {
        return []
      },
      async listUserRefreshTokens() {
        return []
      },
      async getSession(id) {
        throw new AppFailure('NOT_FOUND', `No session ${id}.`)
      },
      async getRefreshToken(id) {
        throw new AppFailure('NOT_FOUND', `No refresh token ${id}.`)
      },
      async deleteSession() {},
      async revokeSession() {},
      async deleteRefreshToken() {},
      async deleteUserSessions() {},
      async deleteUserRefreshTokens() {},
      async listClients() {
        return [{ client_id: 'app1', name: 'Support Portal', app_type: 'regular_web' }]
      },
      async listConnections() {
        return [{ id: 'con_1', name: 'google-oauth2', strategy: 'google-oauth2' }]
      },
      async getTenantSettings() {
        throw new AppFailure('FORBIDDEN', 'The client is missing the read:tenant_settings scope.')
      },
      async updateTenantSettings() {
        throw new AppFailure('FORBIDDEN', 'The client is missing the update:tenant_settings scope.')
      },
      async getClient(id) {
        throw new AppFailure('NOT_FOUND', `No client ${id}.`)
      },
      async updateClient(id) {
        throw new AppFailure('NOT_FOUND', `No client ${id}.`)
      },
      async getConnection(id) {
        throw new AppFailure('NOT_FOUND', `No connection ${id}.`)
      },
      async listConnectionClients(id) {
        throw new AppFailure('NOT_FOUND', `No connection ${id}.`)
      },
      async updateConnection(id) {
        throw new AppFailure('NOT_FOUND', `No connection ${id}.`)
      },
    }
    return api
  }
  return { factory, built }
}

/** A Sandbox launcher that starts nothing: the unit tests' stand-in for the real one. */
export function fakeSandboxLauncher() {
  let launches = 0
  const launch = async (): Promise<RunningSandbox> => {
    launches += 1
    return {
      url: 'http://127.0.0.1:1',
      domain: '127.0.0.1:1',
      clientId: 'sandbox-console-m2m',
      clientSecret: 'good-sandbox-secret',
      close: async () => {},
    }
  }
  return { launch, launches: () => launches }
}
