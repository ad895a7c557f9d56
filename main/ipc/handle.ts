import type { z } from 'zod'
import type { Input, Method, Output, Result } from '../../preload/contract'
import { fail, toAppError } from '../../core/result'
import { inputSchemas } from './schemas'

/** One function per contract method: validated input in, Result out. */
export type HandlerTable = { [M in Method]: (input: Input<M>) => Promise<Result<Output<M>>> }

/** Where main writes what it must not send to the renderer (stack traces, internal causes). */
export interface ErrorLog {
  error(message: string, cause?: unknown): void
}

/** The largest input accepted on any channel, in characters of JSON. */
export const MAX_INPUT_CHARS = 1_100_000

/**
 * Methods allowed a larger input: a configuration draft of a big tenant (thousands of
 * applications, with its undo history) is several megabytes; its schema bounds every part.
 */
export const LARGE_INPUT_CHARS: Partial<Record<Method, number>> = { saveConfigDraft: 16_000_000 }

/**
 * Turn a zod failure into one readable line that names the field, never echoing the value.
 */
export function describeInvalidInput(error: z.ZodError): string {
  const first = error.issues[0]
  if (!first) return 'The request was not valid.'
  const where = first.path.length > 0 ? first.path.join('.') : 'input'
  // zod's own message for unknown keys quotes them: caller-chosen text of any length.
  const message =
    first.code === 'unrecognized_keys'
      ? `${first.keys.length === 1 ? 'an unexpected key' : `${first.keys.length} unexpected keys`}.`
      : first.message
  const line = `Invalid request: ${where}: ${message}`
  return line.length > 300 ? `${line.slice(0, 297)}...` : line
}

function inputSize(raw: unknown): number {
  if (raw === undefined) return 0
  try {
    return JSON.stringify(raw)?.length ?? 0
  } catch {
    return Number.POSITIVE_INFINITY
  }
}

/**
 * Whether a parsed input holds a lone UTF-16 surrogate: such text cannot be URL-encoded
 * (`encodeURIComponent` throws) or written as UTF-8, so it is refused before any handler sees it.
 */
function hasMalformedText(value: unknown): boolean {
  if (typeof value === 'string') return /\p{Cs}/u.test(value)
  if (value === null || typeof value !== 'object') return false
  return Object.values(value).some(hasMalformedText)
}

/**
 * Whether a raw input holds an own `__proto__` key anywhere (JSON.parse makes one). zod drops such
 * keys from records silently, which would turn a hostile input into a different, valid one; it is
 * refused instead, so invalid input never changes state.
 */
function hasProtoKey(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object' || depth > 64) return false
  if (Object.hasOwn(value, '__proto__')) return true
  return Object.values(value).some((v) => hasProtoKey(v, depth + 1))
}

/**
 * Build the one entry point both hosts call: method name + raw, untrusted input → Result.
 *
 * It validates the input with the method's zod schema, calls the handler, and converts anything
 * thrown into a Result: an {@link AppFailure} keeps its code and message; any other error is logged
 * in main and answered with a generic INTERNAL error, so no stack, URL or secret crosses.
 */
export function createInvoker(handlers: HandlerTable, log: ErrorLog) {
  return async function invoke(method: string, raw: unknown): Promise<Result<unknown>> {
    if (!Object.hasOwn(inputSchemas, method)) {
      return fail('INVALID_INPUT', 'Unknown request.')
    }
    const name = method as Method
    if (inputSize(raw) > (LARGE_INPUT_CHARS[name] ?? MAX_INPUT_CHARS)) {
      return fail('INVALID_INPUT', 'The request is too large.')
    }
    if (hasProtoKey(raw)) return fail('INVALID_INPUT', 'Invalid request: a key is not allowed.')
    const parsed = inputSchemas[name].safeParse(raw)
    if (!parsed.success) return fail('INVALID_INPUT', describeInvalidInput(parsed.error))
    if (hasMalformedText(parsed.data)) {
      return fail('INVALID_INPUT', 'Invalid request: the text is not valid Unicode.')
    }
    try {
      const handler = handlers[name] as (input: unknown) => Promise<Result<unknown>>
      return await handler(parsed.data)
    } catch (error) {
      return {
        ok: false,
        error: toAppError(error, (bug) => log.error(`Handler ${name} failed`, bug)),
      }
    }
  }
}

/** The invoker's type, shared by the Electron and web hosts. */
export type Invoker = ReturnType<typeof createInvoker>

/**
 * Whether an IPC message comes from our own renderer (Electron security checklist #17).
 *
 * `frameUrl` is the sending frame's URL; `trustedOrigins` are the origins our renderer is served from
 * (the dev server in development, `file://` for the packaged app).
 */
export function isTrustedSender(frameUrl: string | undefined, trustedOrigins: readonly string[]) {
  if (!frameUrl) return false
  let url: URL
  try {
    url = new URL(frameUrl)
  } catch {
    return false
  }
  if (url.protocol === 'file:') return trustedOrigins.includes('file://')
  return trustedOrigins.includes(url.origin)
}
