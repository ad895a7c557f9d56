import { z } from 'zod'
import { ApiError } from './http-io'
import type {
  SandboxClient,
  SandboxConnection,
  SandboxRefreshTokenPolicy,
  SandboxTenantSettings,
} from './types'

/**
 * Why an allow-list entry (callback, logout URL, web origin) would fail Auth0's validation, or null.
 *
 * Rules from reference §2.5: every entry needs a scheme; `*` is a subdomain wildcard only — http(s)
 * scheme, left-most host label, one per URL, not next to the TLD, never in the path.
 */
export const allowListEntryProblem = (entry: string): string | null => {
  if (entry.trim() === '') return 'must not be empty'
  const wildcards = entry.split('*').length - 1
  const probe = entry.replace('*', 'wildcard-placeholder')
  let url: URL
  try {
    url = new URL(probe)
  } catch {
    return 'must be an absolute URL with a scheme'
  }
  if (wildcards === 0) return null
  if (wildcards > 1) return 'only one wildcard is allowed'
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'wildcards need the http or https scheme'
  }
  const labels = url.hostname.split('.')
  if (!(labels[0] ?? '').includes('wildcard-placeholder')) {
    return 'the wildcard must be in the left-most subdomain'
  }
  if (labels.length < 3) return 'the wildcard cannot stand for the domain name'
  return null
}

const urlList = (max: number) =>
  z
    .array(z.string())
    .max(max)
    .superRefine((list, ctx) => {
      list.forEach((entry, i) => {
        const problem = allowListEntryProblem(entry)
        if (problem !== null) {
          ctx.addIssue({ code: 'custom', path: [i], message: `${entry} is not valid: ${problem}` })
        }
      })
    })

const INITIATORS = [
  'rp-logout',
  'idp-logout',
  'password-changed',
  'session-expired',
  'session-revoked',
  'account-deleted',
  'email-identifier-changed',
  'mfa-phone-unenrolled',
  'account-deactivated',
] as const

const RESERVED_HOSTS = /(^|\.)(auth0\.com|auth0app\.com|webtask\.io|webtask\.run)$/

const backchannelUrls = z
  .array(z.string())
  .max(1)
  .superRefine((list, ctx) => {
    list.forEach((entry, i) => {
      let url: URL | null = null
      try {
        url = new URL(entry)
      } catch {
        url = null
      }
      if (url === null || url.protocol !== 'https:') {
        ctx.addIssue({ code: 'custom', path: [i], message: `${entry} must be an https URL` })
      } else if (RESERVED_HOSTS.test(url.hostname)) {
        ctx.addIssue({ code: 'custom', path: [i], message: `${entry} must not be an Auth0 domain` })
      }
    })
  })

const lifetimeSeconds = z.number().int().min(1).max(31_557_600)

/** Real Management API fields the sandbox stores as sent without modelling them. */
const CLIENT_FIELDS_NOT_MODELED = [
  'client_secret',
  'logo_uri',
  'client_aliases',
  'session_transfer',
  'encryption_key',
  'sso',
  'cross_origin_loc',
  'custom_login_page_on',
  'custom_login_page',
  'custom_login_page_preview',
  'is_token_endpoint_ip_header_trusted',
  'token_quota',
  'form_template',
  'mobile',
  'native_social_login',
  'fedcm_login',
  'default_organization',
  'organization_require_behavior',
  'organization_discovery_methods',
  'client_authentication_methods',
  'require_pushed_authorization_requests',
  'require_proof_of_possession',
  'signed_request_object',
  'compliance_level',
  'skip_non_verifiable_callback_uri_confirmation_prompt',
  'token_exchange',
  'par_request_expiry',
  'express_configuration',
] as const

const TENANT_FIELDS_NOT_MODELED = [
  'change_password',
  'device_flow',
  'guardian_mfa_page',
  'error_page',
  'default_token_quota',
  'picture_url',
  'sandbox_version',
  'legacy_sandbox_version',
  'default_redirection_uri',
  'security_headers',
  'customize_mfa_in_postlogin_action',
  'allow_organization_name_in_authentication_api',
  'acr_values_supported',
  'mtls',
  'pushed_authorization_requests_supported',
  'authorization_response_iss_parameter_supported',
  'skip_non_verifiable_callback_uri_confirmation_prompt',
  'resource_parameter_profile',
  'client_id_metadata_document_supported',
  'enable_ai_guide',
  'phone_consolidated_experience',
  'dynamic_client_registration_security_mode',
  'country_codes',
] as const

const passThrough = <K extends string>(keys: readonly K[]): Record<K, z.ZodUnknown> =>
  Object.fromEntries(keys.map((k) => [k, z.unknown()])) as Record<K, z.ZodUnknown>

const clientPatchSchema = z
  .strictObject({
    name: z.string().min(1).max(100),
    description: z.string().max(140),
    app_type: z.enum(['regular_web', 'spa', 'native', 'non_interactive']),
    callbacks: urlList(100),
    allowed_origins: urlList(100),
    web_origins: urlList(100),
    allowed_logout_urls: urlList(100),
    allowed_clients: z.array(z.string()),
    grant_types: z.array(z.string()),
    initiate_login_uri: z.string(),
    is_first_party: z.boolean(),
    oidc_conformant: z.boolean(),
    sso_disabled: z.boolean(),
    cross_origin_authentication: z.boolean(),
    organization_usage: z.enum(['deny', 'allow', 'require']),
    token_endpoint_auth_method: z.enum(['none', 'client_secret_post', 'client_secret_basic']),
    jwt_configuration: z
      .strictObject({
        alg: z.enum(['HS256', 'RS256', 'PS256']),
        lifetime_in_seconds: z.number().int().min(1),
        secret_encoded: z.boolean(),
      })
      .partial(),
    // The SDK's ClientRefreshTokenConfiguration makes these two required; the rest is merged.
    refresh_token: z
      .strictObject({
        rotation_type: z.enum(['rotating', 'non-rotating']),
        expiration_type: z.enum(['expiring', 'non-expiring']),
        leeway: z.number().int().min(0).optional(),
        token_lifetime: lifetimeSeconds.optional(),
        infinite_token_lifetime: z.boolean().optional(),
        idle_token_lifetime: lifetimeSeconds.optional(),
        infinite_idle_token_lifetime: z.boolean().optional(),
        policies: z.array(z.unknown()).nullable().optional(),
      })
      .nullable(),
    oidc_logout: z
      .strictObject({
        backchannel_logout_urls: backchannelUrls,
        // In custom mode Auth0 requires selected_initiators, holding rp-logout and idp-logout
        // (reference §12, back-channel initiators).
        backchannel_logout_initiators: z
          .strictObject({
            mode: z.enum(['custom', 'all']),
            selected_initiators: z.array(z.enum(INITIATORS)).optional(),
          })
          .refine(
            (v) =>
              v.mode !== 'custom' ||
              (v.selected_initiators?.includes('rp-logout') === true &&
                v.selected_initiators.includes('idp-logout')),
            {
              message:
                'selected_initiators is required in custom mode and must include rp-logout and idp-logout',
              path: ['selected_initiators'],
            },
          ),
        backchannel_logout_session_metadata: z.strictObject({ include: z.boolean() }).nullable(),
      })
      .partial()
      .nullable(),
    addons: z.record(z.string(), z.unknown()),
    client_metadata: z.record(z.string(), z.string().max(255)),
    ...passThrough(CLIENT_FIELDS_NOT_MODELED),
  })
  .partial()

/** The fields `PATCH /clients/{id}` accepts. */
export type ClientPatch = z.infer<typeof clientPatchSchema>

const hours = (max: number) => z.number().positive().max(max)
const minutes = (max: number) => z.number().int().min(1).max(max)

const tenantPatchSchema = z
  .strictObject({
    friendly_name: z.string().min(1).max(255),
    support_email: z.string(),
    support_url: z.string(),
    default_directory: z.string(),
    default_audience: z.string(),
    enabled_locales: z.array(z.string()),
    allowed_logout_urls: urlList(100),
    // Enterprise maximums (reference §5.1): absolute 8,760 h, idle 2,400 h.
    session_lifetime: hours(8760),
    idle_session_lifetime: hours(2400),
    ephemeral_session_lifetime: hours(8760),
    idle_ephemeral_session_lifetime: hours(2400),
    session_lifetime_in_minutes: minutes(525_600),
    idle_session_lifetime_in_minutes: minutes(144_000),
    ephemeral_session_lifetime_in_minutes: minutes(525_600),
    idle_ephemeral_session_lifetime_in_minutes: minutes(144_000),
    session_cookie: z.strictObject({ mode: z.enum(['persistent', 'non-persistent']) }).nullable(),
    sessions: z.strictObject({ oidc_logout_prompt_enabled: z.boolean() }).partial().nullable(),
    oidc_logout: z
      .strictObject({ rp_logout_end_session_endpoint_discovery: z.boolean() })
      .partial(),
    include_session_metadata_in_tenant_logs: z.boolean(),
    flags: z.record(z.string(), z.boolean()),
    ...passThrough(TENANT_FIELDS_NOT_MODELED),
  })
  .partial()

/** The fields `PATCH /tenants/settings` accepts. */
export type TenantPatch = z.infer<typeof tenantPatchSchema>

const typeName = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value

const valueAt = (root: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (node, key) =>
      node !== null && typeof node === 'object'
        ? (node as Record<PropertyKey, unknown>)[key]
        : undefined,
    root,
  )

const formatPath = (path: readonly PropertyKey[]): string =>
  path
    .map((key, i) =>
      typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`,
    )
    .join('')

/** Auth0's 400 for a body that fails validation. */
export const payloadError = (detail: string, path: readonly PropertyKey[] = []): ApiError =>
  new ApiError(
    400,
    path.length === 0
      ? `Payload validation error: '${detail}'.`
      : `Payload validation error: '${detail}' on property ${formatPath(path)}.`,
    'invalid_body',
  )

const parseOrThrow = <T>(schema: z.ZodType<T>, body: unknown): T => {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw payloadError(`Expected type object but found type ${typeName(body)}`)
  }
  const result = schema.safeParse(body)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  if (issue === undefined) throw payloadError('Invalid payload')
  switch (issue.code) {
    case 'unrecognized_keys':
      throw payloadError(`Additional properties not allowed: ${issue.keys.join(',')}`, issue.path)
    case 'invalid_type':
      throw payloadError(
        `Expected type ${issue.expected} but found type ${typeName(valueAt(body, issue.path))}`,
        issue.path,
      )
    default:
      throw payloadError(issue.message, issue.path)
  }
}

/** What a client gets when `refresh_token: null` is sent (Auth0's non-rotating defaults). */
const DEFAULT_REFRESH_TOKEN_POLICY: SandboxRefreshTokenPolicy = {
  rotation_type: 'non-rotating',
  expiration_type: 'non-expiring',
  leeway: 0,
  token_lifetime: 2_592_000,
  infinite_token_lifetime: true,
  idle_token_lifetime: 1_296_000,
  infinite_idle_token_lifetime: true,
}

const mergeObject = <T extends object>(current: T | undefined, patch: Partial<T>): T =>
  ({ ...(current ?? {}), ...patch }) as T

/**
 * Validates a `PATCH /clients/{id}` body and returns the updated client.
 *
 * Top-level fields and arrays are replaced; `refresh_token`, `oidc_logout` and
 * `jwt_configuration` are merged one level deep (`oidc_logout: null` removes it) — the
 * documented examples send partial objects, the exact Auth0 merge rule is not documented.
 *
 * @throws ApiError 400 `invalid_body`
 */
export const applyClientPatch = (client: SandboxClient, body: unknown): SandboxClient => {
  const patch = parseOrThrow(clientPatchSchema, body)
  // A client secret is never returned by the sandbox, so a new one is simply not stored.
  const { refresh_token, oidc_logout, jwt_configuration, client_secret: _secret, ...flat } = patch
  const next: SandboxClient = { ...client, ...flat }
  if (refresh_token === null) {
    next.refresh_token = { ...DEFAULT_REFRESH_TOKEN_POLICY }
  } else if (refresh_token !== undefined) {
    const { policies: _policies, ...policy } = refresh_token
    next.refresh_token = mergeObject(client.refresh_token, policy)
    const rt = next.refresh_token
    if (
      !rt.infinite_token_lifetime &&
      !rt.infinite_idle_token_lifetime &&
      rt.idle_token_lifetime > rt.token_lifetime
    ) {
      throw payloadError('idle_token_lifetime must not exceed token_lifetime', ['refresh_token'])
    }
  }
  if (jwt_configuration !== undefined) {
    next.jwt_configuration = mergeObject(client.jwt_configuration, jwt_configuration)
  }
  if (oidc_logout === null) {
    delete next.oidc_logout
  } else if (oidc_logout !== undefined) {
    next.oidc_logout = mergeObject(
      client.oidc_logout ?? { backchannel_logout_urls: [] },
      oidc_logout,
    )
  }
  return next
}

/** Longest session lifetimes on self-service plans, in hours: absolute and idle. */
export const SELF_SERVICE_ABSOLUTE_HOURS = 720
export const SELF_SERVICE_IDLE_HOURS = 72

const LIFETIME_PAIRS = [
  ['session_lifetime', 'session_lifetime_in_minutes'],
  ['idle_session_lifetime', 'idle_session_lifetime_in_minutes'],
  ['ephemeral_session_lifetime', 'ephemeral_session_lifetime_in_minutes'],
  ['idle_ephemeral_session_lifetime', 'idle_ephemeral_session_lifetime_in_minutes'],
] as const

/**
 * Validates a `PATCH /tenants/settings` body and returns the updated settings.
 *
 * A lifetime may be sent in hours or in minutes, never both. Minutes are stored as given and the
 * hour field is kept in step (`minutes / 60`); sending hours drops a stale minute field. Nested
 * objects are merged.
 *
 * @throws ApiError 400 `invalid_body`
 */
export const applyTenantPatch = (
  tenant: SandboxTenantSettings,
  body: unknown,
  selfService = false,
): SandboxTenantSettings => {
  const patch = parseOrThrow(tenantPatchSchema, body)
  for (const [h, m] of LIFETIME_PAIRS) {
    if (patch[h] !== undefined && patch[m] !== undefined) {
      throw payloadError(`Only one of ${h} and ${m} may be sent`)
    }
    // Self-service plans (Free, Essentials, Professional) cap lifetimes at 720 h absolute and
    // 72 h idle (reference §12); Enterprise allows up to the schema's limits.
    const hours = patch[m] !== undefined ? (patch[m] ?? 0) / 60 : patch[h]
    const cap = h.startsWith('idle_') ? SELF_SERVICE_IDLE_HOURS : SELF_SERVICE_ABSOLUTE_HOURS
    if (selfService && hours !== undefined && hours > cap) {
      throw payloadError(
        `${patch[m] !== undefined ? m : h} exceeds the maximum for this plan (${cap} hours)`,
      )
    }
  }
  const { session_cookie, sessions, oidc_logout, flags, ...flat } = patch
  const next: SandboxTenantSettings = { ...tenant, ...flat }
  for (const [h, m] of LIFETIME_PAIRS) {
    const inMinutes = patch[m]
    if (inMinutes !== undefined) next[h] = inMinutes / 60
    else if (patch[h] !== undefined) delete next[m]
  }
  if (session_cookie !== undefined) next.session_cookie = session_cookie ?? { mode: 'persistent' }
  if (sessions !== undefined) {
    next.sessions = mergeObject(tenant.sessions, sessions ?? { oidc_logout_prompt_enabled: true })
  }
  if (oidc_logout !== undefined) next.oidc_logout = mergeObject(tenant.oidc_logout, oidc_logout)
  if (flags !== undefined) next.flags = { ...tenant.flags, ...flags }
  return next
}

/**
 * `options` of `PATCH /connections/{id}`: any object (options differ per strategy), with the keys
 * the console and the layer model read typed. Other keys are stored as sent.
 */
const connectionOptionsSchema = z.looseObject({
  // samlp (reference §3.2)
  signInEndpoint: z.string().optional(),
  signOutEndpoint: z.string().optional(),
  disableSignout: z.boolean().optional(),
  protocolBinding: z.string().optional(),
  signatureAlgorithm: z.string().optional(),
  digestAlgorithm: z.string().optional(),
  // shared by enterprise and social strategies
  domain_aliases: z.array(z.string()).optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  scope: z.union([z.array(z.string()), z.string()]).optional(),
})

const connectionPatchSchema = z
  .strictObject({
    display_name: z.string().max(128),
    options: connectionOptionsSchema,
    is_domain_connection: z.boolean(),
    show_as_button: z.boolean(),
    realms: z.array(z.string()),
    metadata: z.record(z.string(), z.string().max(255)),
  })
  .partial()

/** The fields `PATCH /connections/{id}` accepts. */
export type ConnectionPatch = z.infer<typeof connectionPatchSchema>

/**
 * Validates a `PATCH /connections/{id}` body and returns the updated connection.
 *
 * Auth0 semantics: a given `options` object REPLACES the whole options object (it is not merged;
 * keys left out are removed), so callers that change one option must send every other option as
 * read. Other top-level fields are replaced as sent; unknown top-level fields are 400.
 *
 * @throws ApiError 400 `invalid_body`
 */
export const applyConnectionPatch = (
  connection: SandboxConnection,
  body: unknown,
): SandboxConnection => {
  const patch = parseOrThrow(connectionPatchSchema, body)
  const { options, ...flat } = patch
  const next: SandboxConnection = { ...connection, ...flat }
  if (options !== undefined) next.options = { ...options }
  return next
}
