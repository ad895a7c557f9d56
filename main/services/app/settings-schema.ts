import { z } from 'zod'

/** Remembered window bounds. */
export const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(10000),
  height: z.number().int().min(300).max(10000),
  maximized: z.boolean(),
})

/** A tenant profile as saved: everything but the secret, which lives in the OS keychain. */
export const tenantProfileSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** The canonical domain (`acme.eu.auth0.com`); empty for a profile saved with only a custom one. */
  domain: z.string(),
  /** The tenant's custom domain (`login.example.com`), if it has one. */
  customDomain: z.string().min(1).optional(),
  clientId: z.string().min(1),
  environment: z.enum(['production', 'staging', 'development']),
  plan: z.enum(['free', 'essentials', 'enterprise-production', 'enterprise-non-production']),
  createdAt: z.string(),
})

/** The whole settings document as it is stored on disk. Secrets never appear here. */
export const settingsSchema = z.object({
  preferences: z.object({ theme: z.enum(['system', 'light', 'dark']) }),
  windowState: windowStateSchema.nullable(),
  tenants: z.array(tenantProfileSchema),
  activeTenantId: z.string().min(1),
  /** Recently opened users per tenant id, newest first (ids and names only, never tokens). */
  recentUsers: z.record(
    z.string(),
    z.array(
      z.object({
        userId: z.string(),
        email: z.string().optional(),
        name: z.string().optional(),
        connections: z.array(z.string()),
        lastLogin: z.string().optional(),
        loginsCount: z.number().optional(),
      }),
    ),
  ),
})

/** The settings document. */
export type SettingsData = z.infer<typeof settingsSchema>
/** Remembered window bounds. */
export type WindowState = z.infer<typeof windowStateSchema>
/** A saved tenant profile. */
export type TenantProfile = z.infer<typeof tenantProfileSchema>

/** The id of the embedded Sandbox tenant. */
export const SANDBOX_TENANT_ID = 'sandbox'

/** What a first run starts from. */
export const defaultSettings: SettingsData = {
  preferences: { theme: 'system' },
  windowState: null,
  tenants: [],
  activeTenantId: 'sandbox',
  recentUsers: {},
}
