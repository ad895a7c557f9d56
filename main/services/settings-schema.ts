import { z } from 'zod'

/** Remembered window bounds. */
export const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(10000),
  height: z.number().int().min(300).max(10000),
  maximized: z.boolean(),
})

/** The whole settings document as it is stored on disk. Secrets never appear here. */
export const settingsSchema = z.object({
  preferences: z.object({ theme: z.enum(['system', 'light', 'dark']) }),
  windowState: windowStateSchema.nullable(),
})

/** The settings document. */
export type SettingsData = z.infer<typeof settingsSchema>
/** Remembered window bounds. */
export type WindowState = z.infer<typeof windowStateSchema>

/** What a first run starts from. */
export const defaultSettings: SettingsData = {
  preferences: { theme: 'system' },
  windowState: null,
}
