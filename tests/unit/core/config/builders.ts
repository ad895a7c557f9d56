import {
  configFromManagementApi,
  type ConfigResource,
  type JsonValue,
  type TenantConfiguration,
} from '../../../../core/config/model'

// Small configurations for the configuration tests, built the way a pull builds them: from
// Management API shaped objects (lifetimes in hours, nested fields), so the tests exercise the
// same mapping the console uses.

/** A pulled configuration: tenant settings, clients and connections as the Management API has them. */
export function pulled(input: {
  settings?: Record<string, unknown>
  clients?: Record<string, unknown>[]
  connections?: Record<string, unknown>[]
}): TenantConfiguration {
  return configFromManagementApi(
    {
      settings: input.settings ?? {},
      clients: input.clients ?? [],
      connections: input.connections ?? [],
    },
    {
      kind: 'tenant',
      tenantId: 'acme',
      domain: 'acme.eu.auth0.com',
      pulledAt: '2026-03-01T10:00:00Z',
    },
  )
}

/** A resource with just these fields (canonical units, dotted paths). */
export function resource(
  kind: ConfigResource['kind'],
  name: string,
  fields: Record<string, JsonValue>,
  context: Record<string, string> = {},
): ConfigResource {
  return { kind, name, context, fields }
}

/** The tenant of the configuration tests: two applications and a SAML connection. */
export const ACME = pulled({
  settings: {
    friendly_name: 'Acme',
    allowed_logout_urls: ['https://acme.example.com/signed-out'],
    session_lifetime: 168,
    idle_session_lifetime: 72,
    sessions: { oidc_logout_prompt_enabled: true },
  },
  clients: [
    {
      client_id: 'cl-portal',
      name: 'Portal',
      app_type: 'regular_web',
      allowed_logout_urls: ['https://portal.example.com/bye'],
      callbacks: ['https://portal.example.com/callback'],
      oidc_logout: {
        backchannel_logout_urls: ['https://portal.example.com/backchannel-logout'],
        backchannel_logout_initiators: {
          mode: 'custom',
          selected_initiators: ['rp-logout', 'idp-logout'],
        },
      },
    },
    {
      client_id: 'cl-shop',
      name: 'Shop',
      app_type: 'spa',
      allowed_logout_urls: ['https://shop.example.com/bye'],
    },
  ],
  connections: [
    {
      id: 'con-corp',
      name: 'corp-saml',
      strategy: 'samlp',
      options: { signOutEndpoint: 'https://idp.example.com/slo', disableSignout: false },
    },
  ],
})
