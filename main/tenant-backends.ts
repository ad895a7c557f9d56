import { startSandbox } from './sandbox/server'
import { createManagementApi } from './services/auth0/management-api'
import type { SandboxLauncher, TenantApiFactory } from './services/ports'

/** The real Management API client (official auth0 SDK, paced per tenant). */
export const createTenantApi: TenantApiFactory = (connection) => createManagementApi(connection)

/** The embedded Sandbox tenant with its demo data, on a free loopback port. */
export const launchDemoSandbox: SandboxLauncher = () => startSandbox({ seed: 'demo' })
