import { z } from 'zod'
import type { Input, Method } from '../../preload/contract'
import { configDraftSchema, tenantIdSchema } from '../services/config/config-schema'

const noInput = z.undefined()

/** A URL-ish string: bounded so a huge string is refused before anything parses it. */
const urlString = z.string().min(1).max(2048)

const id = z.string().min(1).max(128)
const environment = z.enum(['production', 'staging', 'development'])
const plan = z.enum(['free', 'essentials', 'enterprise-production', 'enterprise-non-production'])
const tenantFields = {
  name: z.string().trim().min(1, 'Enter a display name.').max(80),
  domain: z.string().trim().min(1, 'Enter the tenant domain.').max(260),
  /** Empty: none (on update: remove it). */
  customDomain: z.string().trim().max(260).optional(),
  clientId: z
    .string()
    .trim()
    .min(1, 'Enter the client id.')
    .max(128)
    .regex(
      /^[A-Za-z0-9._-]+$/,
      'A client id has only letters, digits, dots, dashes and underscores.',
    ),
  clientSecret: z.string().min(1, 'Enter the client secret.').max(512),
  environment,
  plan,
}

/**
 * The zod schema of every method's input.
 *
 * `satisfies` ties it to the contract: a method without a schema, or a schema that does not match
 * the declared input, fails to compile.
 */
export const inputSchemas = {
  getAppInfo: noInput,
  getPreferences: noInput,
  setPreferences: z.strictObject({ theme: z.enum(['system', 'light', 'dark']).optional() }),
  listStartupNotices: noInput,
  openExternal: z.strictObject({ url: urlString }),
  listTenants: noInput,
  addTenant: z.strictObject(tenantFields),
  updateTenant: z.strictObject({
    id,
    ...z.object(tenantFields).partial().shape,
    clientSecret: z.string().max(512).optional(),
  }),
  removeTenant: z.strictObject({ id }),
  switchTenant: z.strictObject({ id }),
  testConnection: z.strictObject({ id }),
  getTenantSnapshot: z.strictObject({ id }),
  searchUsers: z.strictObject({ query: z.string().max(1000) }),
  getUserLayers: z.strictObject({ userId: z.string().min(1).max(512) }),
  listRecentUsers: noInput,
  previewLogout: z.strictObject({
    userId: z.string().min(1).max(512),
    action: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('delete-session'), sessionId: id }),
      z.strictObject({ kind: z.literal('revoke-session'), sessionId: id }),
      z.strictObject({ kind: z.literal('revoke-refresh-token'), tokenId: id }),
      z.strictObject({ kind: z.literal('revoke-app-tokens'), clientId: id }),
      z.strictObject({ kind: z.literal('delete-all-sessions') }),
      z.strictObject({ kind: z.literal('revoke-all-refresh-tokens') }),
      z.strictObject({ kind: z.literal('sign-out-everywhere') }),
    ]),
  }),
  startLogout: z.strictObject({
    previewId: id,
    confirmation: z.string().max(512).optional(),
    reason: z.string().max(500).optional(),
  }),
  planBulkLogout: z.strictObject({
    source: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('list'), text: z.string().min(1).max(1_000_000) }),
      z.strictObject({ kind: z.literal('connection'), connection: z.string().min(1).max(128) }),
    ]),
    mode: z.enum(['matching-sessions', 'all-sessions', 'all-sessions-and-tokens']),
    filter: z
      .strictObject({
        ip: z.string().max(64).optional(),
        asn: z.string().max(32).optional(),
        userAgent: z.string().max(256).optional(),
        createdBefore: z.string().max(40).optional(),
        createdAfter: z.string().max(40).optional(),
        connection: z.string().max(128).optional(),
        clientId: z.string().max(128).optional(),
      })
      .optional(),
  }),
  getUserScenario: z.strictObject({ userId: z.string().min(1).max(512) }),
  listJobs: noInput,
  controlJob: z.strictObject({
    id,
    command: z.enum(['pause', 'resume', 'cancel', 'retry-failed', 'discard']),
  }),
  retryJobItem: z.strictObject({ id, key: z.string().min(1).max(1100) }),
  getConfigWorkspace: z.strictObject({ tenantId: tenantIdSchema }),
  pullConfig: z.strictObject({ tenantId: tenantIdSchema, discardDraft: z.boolean().optional() }),
  saveConfigDraft: z.strictObject({ tenantId: tenantIdSchema, draft: configDraftSchema }),
  discardConfigDraft: z.strictObject({ tenantId: tenantIdSchema }),
  previewConfigPush: z.strictObject({ tenantId: tenantIdSchema }),
  pushConfig: z.strictObject({
    previewId: id,
    resolutions: z
      .array(
        z.strictObject({
          resource: z.string().min(1).max(300),
          field: z.string().min(1).max(200),
          take: z.enum(['mine', 'theirs']),
        }),
      )
      .max(5000),
    confirmation: z.string().max(32),
  }),
  listActivity: noInput,
  exportActivity: z.strictObject({ format: z.enum(['json', 'markdown']) }),
} satisfies { [M in Method]: z.ZodType<Input<M>> }
