import { z } from 'zod'
import type { Input, Method } from '../../preload/contract'

const noInput = z.undefined()

/** A URL-ish string: bounded so a huge string is refused before anything parses it. */
const urlString = z.string().min(1).max(2048)

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
} satisfies { [M in Method]: z.ZodType<Input<M>> }
