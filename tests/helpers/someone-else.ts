import type { Sandbox } from '../../main/sandbox/server'
import { createManagementApi } from '../../main/services/auth0/management-api'

/** "Someone else": a Management API client of its own (the Auth0 SDK over HTTP) on a Sandbox. */
export const someoneElseOn = (sandbox: Sandbox) =>
  createManagementApi({
    domain: sandbox.domain,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    plan: 'enterprise-production',
    insecureBaseUrl: sandbox.url,
  })
