import type {
  SandboxClient,
  SandboxConnection,
  SandboxRefreshTokenPolicy,
  SandboxTenantSettings,
} from './types'

/**
 * The fixed part of both seeds: tenant settings, applications and connections.
 *
 * Only reserved names are used (example.com/.net/.org, documentation IP ranges), nothing points at
 * a real service.
 */

/** Client ids of the seeded applications, stable across runs and seeds. */
export const DEMO_CLIENT_IDS = {
  supportPortal: 'Sp7tQx2mW9cLr4Kv8NbJ3hYd6FgZa1Ue',
  dashboardSpa: 'Db5nHc8uR2kXw7Pq4MtV9sLe3JyAa6Gf',
  mobileApp: 'Mb3vKs9pT6dYh2Rx8CqN4wJe7LuZf5Ha',
  reportingService: 'Rp8xWd4kN7sCm2Yt6HvQ9bLf3JaEg5Ku',
  partnerSaml: 'Ps2hLq7vY4nWc9Kt3RbX6mJd8FuAe5Gz',
  intranetWiki: 'Iw6fDk3sP8yNq2Vh7CtM4xLb9JeRa5Ug',
} as const

/** Names of the seeded connections. */
export const DEMO_CONNECTIONS = {
  database: 'Username-Password-Authentication',
  google: 'google-oauth2',
  googleDevKeys: 'google-devkeys',
  saml: 'acme-saml',
  entra: 'contoso-entra',
} as const

/** The pretend tenant name shown in `client.tenant`. */
export const SANDBOX_TENANT_NAME = 'sandbox'

/** Audience of the pretend first-party API that seeded refresh tokens are issued for. */
export const DEMO_API_AUDIENCE = 'https://api.example.com/'

/** Tenant settings of a fresh sandbox. */
export const seedTenantSettings = (): SandboxTenantSettings => ({
  friendly_name: 'Acme (sandbox)',
  support_email: 'support@example.com',
  support_url: 'https://support.example.com',
  default_directory: DEMO_CONNECTIONS.database,
  default_audience: '',
  enabled_locales: ['en'],
  // The second entry is the kind of wildcard a console should flag (any subdomain may receive users).
  allowed_logout_urls: ['https://www.example.com/goodbye', 'https://*.example.com/logged-out'],
  session_lifetime: 168,
  idle_session_lifetime: 72,
  ephemeral_session_lifetime: 24,
  idle_ephemeral_session_lifetime: 8,
  session_cookie: { mode: 'persistent' },
  sessions: { oidc_logout_prompt_enabled: true },
  oidc_logout: { rp_logout_end_session_endpoint_discovery: true },
  include_session_metadata_in_tenant_logs: false,
  flags: { enable_client_connections: false, revoke_refresh_token_grant: false },
})

const NON_EXPIRING: SandboxRefreshTokenPolicy = {
  rotation_type: 'non-rotating',
  expiration_type: 'non-expiring',
  leeway: 0,
  token_lifetime: 31_557_600,
  infinite_token_lifetime: true,
  idle_token_lifetime: 2_592_000,
  infinite_idle_token_lifetime: true,
}

const baseClient = (
  fields: Pick<SandboxClient, 'client_id' | 'name' | 'app_type'> & Partial<SandboxClient>,
): SandboxClient => ({
  tenant: SANDBOX_TENANT_NAME,
  is_first_party: true,
  oidc_conformant: true,
  global: false,
  callbacks: [],
  allowed_origins: [],
  web_origins: [],
  allowed_logout_urls: [],
  allowed_clients: [],
  grant_types: ['authorization_code', 'implicit', 'refresh_token'],
  token_endpoint_auth_method: 'client_secret_post',
  sso_disabled: false,
  cross_origin_authentication: false,
  organization_usage: 'deny',
  jwt_configuration: { alg: 'RS256', lifetime_in_seconds: 36_000, secret_encoded: false },
  refresh_token: { ...NON_EXPIRING },
  ...fields,
})

/** The six seeded applications (not the console's own M2M client, added by the server). */
export const seedClients = (): SandboxClient[] => [
  baseClient({
    client_id: DEMO_CLIENT_IDS.supportPortal,
    name: 'Support Portal',
    description: 'Customer support web app (server-rendered).',
    app_type: 'regular_web',
    callbacks: ['https://support.example.com/callback'],
    allowed_logout_urls: ['https://support.example.com/logged-out'],
    initiate_login_uri: 'https://support.example.com/login',
    oidc_logout: {
      backchannel_logout_urls: ['https://support.example.com/backchannel-logout'],
      backchannel_logout_initiators: {
        mode: 'custom',
        selected_initiators: ['rp-logout', 'idp-logout', 'password-changed', 'session-revoked'],
      },
      backchannel_logout_session_metadata: { include: false },
    },
  }),
  baseClient({
    client_id: DEMO_CLIENT_IDS.dashboardSpa,
    name: 'Acme Dashboard (SPA)',
    description: 'Single-page dashboard; refresh tokens with rotation.',
    app_type: 'spa',
    token_endpoint_auth_method: 'none',
    callbacks: ['https://dashboard.example.com/callback', 'http://localhost:3000/callback'],
    // Risky on purpose: any *.example.com host may receive users after logout.
    allowed_logout_urls: ['https://dashboard.example.com', 'https://*.example.com/logout'],
    web_origins: ['https://dashboard.example.com', 'http://localhost:3000'],
    allowed_origins: ['https://dashboard.example.com'],
    refresh_token: {
      rotation_type: 'rotating',
      expiration_type: 'expiring',
      leeway: 0,
      token_lifetime: 2_592_000,
      infinite_token_lifetime: false,
      idle_token_lifetime: 1_296_000,
      infinite_idle_token_lifetime: false,
    },
  }),
  baseClient({
    client_id: DEMO_CLIENT_IDS.mobileApp,
    name: 'Mobile App',
    description: 'iOS and Android app (offline_access).',
    app_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    callbacks: [
      'com.example.mobile://auth.example.com/ios/com.example.mobile/callback',
      'com.example.mobile://auth.example.com/android/com.example.mobile/callback',
    ],
    allowed_logout_urls: [
      'com.example.mobile://auth.example.com/ios/com.example.mobile/callback',
      'com.example.mobile://auth.example.com/android/com.example.mobile/callback',
    ],
    refresh_token: {
      rotation_type: 'rotating',
      expiration_type: 'expiring',
      leeway: 30,
      token_lifetime: 31_557_600,
      infinite_token_lifetime: false,
      idle_token_lifetime: 2_592_000,
      infinite_idle_token_lifetime: false,
    },
  }),
  baseClient({
    client_id: DEMO_CLIENT_IDS.reportingService,
    name: 'Reporting Service',
    description: 'Nightly export job (machine to machine).',
    app_type: 'non_interactive',
    grant_types: ['client_credentials'],
  }),
  baseClient({
    client_id: DEMO_CLIENT_IDS.partnerSaml,
    name: 'Partner Portal (SAML)',
    description: 'Third-party SP using the SAML2 Web App addon.',
    app_type: 'regular_web',
    callbacks: ['https://partner.example.net/saml/acs'],
    addons: {
      samlp: {
        audience: 'urn:example:partner-portal',
        recipient: 'https://partner.example.net/saml/acs',
        binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
        logout: { callback: 'https://partner.example.net/saml/slo', slo_enabled: true },
      },
    },
  }),
  baseClient({
    client_id: DEMO_CLIENT_IDS.intranetWiki,
    name: 'Intranet Wiki',
    description: 'Internal wiki with back-channel logout for every initiator.',
    app_type: 'regular_web',
    callbacks: ['https://wiki.example.org/oidc/callback'],
    allowed_logout_urls: ['https://wiki.example.org/'],
    organization_usage: 'allow',
    oidc_logout: {
      backchannel_logout_urls: ['https://wiki.example.org/oidc/backchannel'],
      backchannel_logout_initiators: { mode: 'all' },
      backchannel_logout_session_metadata: { include: true },
    },
  }),
]

/** An M2M application record for a client registered with the sandbox (console or extra). */
export const m2mClientRecord = (clientId: string, name: string): SandboxClient =>
  baseClient({
    client_id: clientId,
    name,
    description: 'Machine-to-machine client authorized for the Management API.',
    app_type: 'non_interactive',
    grant_types: ['client_credentials'],
  })

const ALL_INTERACTIVE_CLIENTS = [
  DEMO_CLIENT_IDS.supportPortal,
  DEMO_CLIENT_IDS.dashboardSpa,
  DEMO_CLIENT_IDS.mobileApp,
  DEMO_CLIENT_IDS.partnerSaml,
  DEMO_CLIENT_IDS.intranetWiki,
]

/** The five seeded connections. */
export const seedConnections = (): SandboxConnection[] => [
  {
    id: 'con_Db4sVq8KxT2mLw6N',
    name: DEMO_CONNECTIONS.database,
    strategy: 'auth0',
    options: {
      mfa: { active: true, return_enroll_settings: true },
      passwordPolicy: 'good',
      brute_force_protection: true,
      // A database connection option with its default, as a tenant created in 2026 reads it (the
      // Deploy CLI also writes it, with this default, into every database it deploys).
      disable_self_service_change_password: false,
      strategy_version: 2,
    },
    realms: [DEMO_CONNECTIONS.database],
    is_domain_connection: false,
  },
  {
    id: 'con_Go7hRt3YpW9cKe2B',
    name: DEMO_CONNECTIONS.google,
    display_name: 'Google',
    strategy: 'google-oauth2',
    // Own Google keys: federated logout can reach Google.
    options: {
      client_id: '123456789012-sandboxexampleclientid.apps.googleusercontent.com',
      email: true,
      profile: true,
      scope: ['email', 'profile'],
    },
    realms: [DEMO_CONNECTIONS.google],
    is_domain_connection: false,
  },
  {
    id: 'con_Gd2kWm6QsX8vNf4J',
    name: DEMO_CONNECTIONS.googleDevKeys,
    display_name: 'Google (Auth0 dev keys)',
    strategy: 'google-oauth2',
    // No client_id: Auth0 developer keys, so `federated` logout never reaches Google.
    options: { email: true, profile: true, scope: ['email', 'profile'] },
    realms: [DEMO_CONNECTIONS.googleDevKeys],
    is_domain_connection: false,
  },
  {
    id: 'con_Sa9pLc5TxR3wHy7M',
    name: DEMO_CONNECTIONS.saml,
    display_name: 'Acme Corp SSO',
    strategy: 'samlp',
    options: {
      signInEndpoint: 'https://idp.acme.example.com/saml/sso',
      signOutEndpoint: 'https://idp.acme.example.com/saml/slo',
      disableSignout: false,
      protocolBinding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
      signatureAlgorithm: 'rsa-sha256',
      digestAlgorithm: 'sha256',
      domain_aliases: ['corp.example.com'],
    },
    realms: [DEMO_CONNECTIONS.saml],
    is_domain_connection: false,
    show_as_button: true,
  },
  {
    id: 'con_Ww3nEd8HzK5qPb2T',
    name: DEMO_CONNECTIONS.entra,
    display_name: 'Contoso (Entra ID)',
    strategy: 'waad',
    options: {
      domain: 'contoso.example.net',
      tenant_domain: 'contoso.example.net',
      client_id: '00000000-0000-4000-8000-00000000c0de',
      waad_protocol: 'openid-connect',
      use_wsfed: false,
      domain_aliases: ['contoso.example.net'],
    },
    realms: [DEMO_CONNECTIONS.entra],
    is_domain_connection: false,
    show_as_button: true,
  },
]

/**
 * Which applications may use each seeded connection (connection id → client ids), as
 * `GET /connections/{id}/clients` answers it. Kept beside the connections rather than in them:
 * Auth0 no longer returns `enabled_clients` on connections.
 */
export const seedConnectionClients = (): Record<string, string[]> => ({
  con_Db4sVq8KxT2mLw6N: [...ALL_INTERACTIVE_CLIENTS],
  con_Go7hRt3YpW9cKe2B: [...ALL_INTERACTIVE_CLIENTS],
  con_Gd2kWm6QsX8vNf4J: [DEMO_CLIENT_IDS.dashboardSpa, DEMO_CLIENT_IDS.mobileApp],
  con_Sa9pLc5TxR3wHy7M: [
    DEMO_CLIENT_IDS.supportPortal,
    DEMO_CLIENT_IDS.intranetWiki,
    DEMO_CLIENT_IDS.partnerSaml,
  ],
  con_Ww3nEd8HzK5qPb2T: [DEMO_CLIENT_IDS.supportPortal, DEMO_CLIENT_IDS.intranetWiki],
})
