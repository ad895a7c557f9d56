/**
 * Management API failures: what went wrong (classified from the SDK's, undici's and our own
 * errors) and the sentence a person reads, with its {@link AppErrorCode}. Secrets are redacted
 * from every message.
 */

import { ManagementError, ManagementTimeoutError } from 'auth0'
import type { AppErrorCode } from '../../../preload/contract'
import { AppFailure } from '../../../core/result'
import { joinWords, sentence } from '../../../core/text'
import { parseRateLimitHeaders, type RateLimitHeaders } from './rate-pacer'

/** A non-2xx answer of the token endpoint or of a request made outside the SDK. */
export class HttpStatusError extends Error {
  constructor(
    readonly endpoint: 'token' | 'api',
    readonly status: number,
    readonly body: unknown,
    readonly rateLimit?: RateLimitHeaders,
  ) {
    super(`HTTP ${status} from the ${endpoint === 'token' ? 'token endpoint' : 'Management API'}`)
    this.name = 'HttpStatusError'
  }
}

/** A 2xx answer whose body is not the JSON it should be. */
export class MalformedResponseError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status} with a body that is not valid JSON`)
    this.name = 'MalformedResponseError'
  }
}

/** What went wrong, reduced to what the message depends on. Built by {@link classifyFailure}. */
export type FailureCause =
  | {
      kind: 'http'
      endpoint: 'token' | 'api'
      status: number
      body?: unknown
      rateLimit?: RateLimitHeaders
      /** How long the caller would have had to wait (429 only). */
      retryAfterMs?: number
    }
  | { kind: 'timeout' }
  /** `code`: ENOTFOUND, ECONNREFUSED, UND_ERR_SOCKET, … or UNKNOWN. */
  | { kind: 'network'; code: string }
  | { kind: 'malformed' }
  | { kind: 'unknown'; message: string }

/** What the messages may name. `secrets` are cut out of anything Auth0 sent back. */
export interface FailureContext {
  domain: string
  clientId: string
  timeoutMs: number
  /** The request was a session or refresh-token endpoint (Enterprise plans only). */
  enterpriseOnly?: boolean
  /** Scopes of the current token, to name exactly the missing ones in a 403. */
  grantedScopes?: readonly string[]
  secrets?: readonly string[]
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA'])
const RESET_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
])
const OFFLINE_CODES = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN'])
const TLS_CODE = /^(CERT_|ERR_TLS_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_SSL_)/

/** The first `code` string along an error's `cause` / `errors` chain (undici nests them). */
const errorCode = (err: unknown, depth = 0): string | undefined => {
  if (depth > 6 || typeof err !== 'object' || err === null) return undefined
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown }
  if (typeof e.code === 'string' && e.code !== '') return e.code
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const code = errorCode(inner, depth + 1)
      if (code !== undefined) return code
    }
  }
  return errorCode(e.cause, depth + 1)
}

const errorName = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && typeof (err as { name?: unknown }).name === 'string'
    ? (err as { name: string }).name
    : undefined

/**
 * Reduces anything a call can throw — SDK errors, fetch errors, our own — to a {@link FailureCause}.
 * Pure: looks only at the error object.
 */
export const classifyFailure = (err: unknown, depth = 0): FailureCause => {
  if (err instanceof HttpStatusError) {
    return {
      kind: 'http',
      endpoint: err.endpoint,
      status: err.status,
      body: err.body,
      ...(err.rateLimit !== undefined && { rateLimit: err.rateLimit }),
    }
  }
  if (err instanceof MalformedResponseError) return { kind: 'malformed' }
  if (err instanceof ManagementTimeoutError) return { kind: 'timeout' }
  const name = errorName(err)
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout' }
  if (err instanceof ManagementError) {
    // The SDK aborts its timeout signal with the string "timeout", which fetch rethrows as is.
    if (err.cause === 'timeout') return { kind: 'timeout' }
    if (err.statusCode !== undefined && err.statusCode >= 300) {
      const rateLimit =
        err.rawResponse?.headers === undefined
          ? undefined
          : parseRateLimitHeaders(err.rawResponse.headers)
      return {
        kind: 'http',
        endpoint: 'api',
        status: err.statusCode,
        body: err.body,
        ...(rateLimit !== undefined && { rateLimit }),
      }
    }
    if (err.cause !== undefined && depth < 4) {
      const inner = classifyFailure(err.cause, depth + 1)
      if (inner.kind !== 'unknown') return inner
    }
  }
  const code = errorCode(err)
  if (code !== undefined) return { kind: 'network', code }
  if (err instanceof TypeError && /fetch failed|network/i.test(err.message)) {
    return { kind: 'network', code: 'UNKNOWN' }
  }
  return { kind: 'unknown', message: err instanceof Error ? err.message : String(err) }
}

const MAX_QUOTE = 240

/** Auth0's own words from an error body: `message` (Management API) or `error_description`. */
const bodyMessage = (body: unknown): string | undefined => {
  let text: unknown
  if (typeof body === 'string') text = body
  else if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>
    text = [b.message, b.error_description, b.error].find((v) => typeof v === 'string' && v !== '')
  }
  if (typeof text !== 'string') return undefined
  const oneLine = text.replace(/\s+/g, ' ').trim()
  if (oneLine === '' || oneLine.startsWith('<')) return undefined
  return oneLine.length > MAX_QUOTE ? `${oneLine.slice(0, MAX_QUOTE)}…` : oneLine
}

/**
 * "Insufficient scope, expected any of: a,b" / "expected all of: …" / "expected: …" → a sentence
 * naming what the client lacks; undefined when the body names no scope.
 */
const missingScopeMessage = (
  body: unknown,
  granted: readonly string[] | undefined,
): string | undefined => {
  const message = bodyMessage(body)
  if (message === undefined) return undefined
  const match = /expected(?:\s+(all|any)\s+of)?\s*:\s*([\w:.\-/, ]+)/i.exec(message)
  if (match === null) return undefined
  const expected = (match[2] ?? '')
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
  if (expected.length === 0) return undefined
  if (match[1]?.toLowerCase() === 'any' && expected.length > 1) {
    return `The client is missing the scopes for this: it needs one of ${joinWords(expected)}.`
  }
  const missing =
    granted === undefined ? expected : expected.filter((scope) => !granted.includes(scope))
  const named = missing.length > 0 ? missing : expected
  return named.length === 1
    ? `The client is missing the ${named[0] ?? ''} scope.`
    : `The client is missing the ${joinWords(named)} scopes.`
}

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`

const redact = (text: string, secrets: readonly string[] | undefined): string => {
  let out = text
  for (const secret of secrets ?? []) {
    if (secret.length >= 6) out = out.split(secret).join('[redacted]')
  }
  return out
}

/** What the console says when a tenant's plan does not include sessions and refresh tokens. */
export const ENTERPRISE_ONLY_MESSAGE =
  "Sessions and refresh tokens can be read only on Enterprise plans; this tenant's plan does not include them, so the console cannot list or end them here. Users, configuration, the simulator and the posture report still work."

/**
 * A 403 on a session or refresh-token endpoint that names no missing scope: the plan's refusal.
 *
 * What Auth0 answers there is not documented (reference §12); the Sandbox's reading is a 403
 * `operation_not_supported` naming the plan. We accept any 403 there that is not a scope error,
 * so a different wording on a real tenant still gets the plain explanation.
 */
const isPlanRefusal = (cause: FailureCause, ctx: FailureContext): boolean =>
  ctx.enterpriseOnly === true &&
  cause.kind === 'http' &&
  cause.endpoint === 'api' &&
  cause.status === 403 &&
  missingScopeMessage(cause.body, ctx.grantedScopes) === undefined &&
  (typeof cause.body !== 'object' ||
    cause.body === null ||
    (cause.body as { errorCode?: unknown }).errorCode !== 'insufficient_scope')

const explain = (cause: FailureCause, ctx: FailureContext): [AppErrorCode, string] => {
  const { domain } = ctx
  switch (cause.kind) {
    case 'timeout':
      return ['TIMEOUT', `Auth0 (${domain}) did not answer within ${seconds(ctx.timeoutMs)}.`]
    case 'malformed':
      return [
        'REMOTE',
        `${domain} sent an answer that is not valid JSON. Try again; if it keeps happening, check that the domain is an Auth0 tenant.`,
      ]
    case 'unknown':
      return ['INTERNAL', `Unexpected error while talking to ${domain}.`]
    case 'network': {
      const { code } = cause
      if (DNS_CODES.has(code)) {
        return [
          'NETWORK',
          `Cannot find the tenant domain ${domain}. Check the spelling and your internet connection.`,
        ]
      }
      if (code === 'ECONNREFUSED') {
        return ['NETWORK', `Cannot reach ${domain}: the connection was refused.`]
      }
      if (RESET_CODES.has(code)) {
        return ['NETWORK', `Cannot reach ${domain}: the connection was closed before it answered.`]
      }
      if (OFFLINE_CODES.has(code)) {
        return ['NETWORK', `Cannot reach ${domain}: the network is unreachable. Are you offline?`]
      }
      if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
        return ['NETWORK', `Cannot reach ${domain}: connecting timed out.`]
      }
      if (TLS_CODE.test(code)) {
        return [
          'NETWORK',
          `Cannot reach ${domain} securely: its TLS certificate was not accepted (${code}).`,
        ]
      }
      return ['NETWORK', `Cannot reach ${domain} (${code === 'UNKNOWN' ? 'network error' : code}).`]
    }
    case 'http':
      return cause.endpoint === 'token' ? describeToken(cause, ctx) : describeApi(cause, ctx)
  }
}

type HttpCause = Extract<FailureCause, { kind: 'http' }>

const auth0Says = (body: unknown): string => {
  const said = bodyMessage(body)
  return said === undefined ? '' : ` Auth0 says: ${sentence(said)}`
}

const describeToken = (cause: HttpCause, ctx: FailureContext): [AppErrorCode, string] => {
  const { status, body } = cause
  const rejected = `Auth0 rejected the client credentials (client id ${ctx.clientId}).`
  if (status === 401) return ['UNAUTHENTICATED', `${rejected} Check the client id and secret.`]
  if (status === 403) return ['UNAUTHENTICATED', `${rejected}${auth0Says(body)}`]
  if (status === 429) {
    return ['RATE_LIMITED', `Auth0 is limiting token requests for ${ctx.domain}. Try again later.`]
  }
  if (status >= 500) {
    return [
      'REMOTE',
      `Auth0's token endpoint at ${ctx.domain} failed (HTTP ${status}). Try again in a moment.`,
    ]
  }
  return [
    'UNAUTHENTICATED',
    `Auth0 refused the token request for client id ${ctx.clientId} (HTTP ${status}).${auth0Says(body)}`,
  ]
}

const describeApi = (cause: HttpCause, ctx: FailureContext): [AppErrorCode, string] => {
  const { status, body } = cause
  const said = bodyMessage(body)
  switch (status) {
    case 400:
      return [
        'INVALID_INPUT',
        said === undefined ? 'Auth0 refused the request as invalid.' : sentence(said),
      ]
    case 401:
      return [
        'UNAUTHENTICATED',
        `Auth0 did not accept the console's access token for ${ctx.domain}. Test the connection again.`,
      ]
    case 403:
      return [
        'FORBIDDEN',
        missingScopeMessage(body, ctx.grantedScopes) ??
          `Auth0 refused the request: the client is not allowed to do this.${auth0Says(body)}`,
      ]
    case 404:
      return [
        'NOT_FOUND',
        said === undefined || said === 'Not Found'
          ? 'Auth0 has no such item; it may already have been deleted.'
          : sentence(said),
      ]
    case 409:
      return ['CONFLICT', said === undefined ? 'Auth0 reported a conflict.' : sentence(said)]
    case 429: {
      const wait =
        cause.retryAfterMs !== undefined && cause.retryAfterMs > 0
          ? ` Try again in ${Math.ceil(cause.retryAfterMs / 1000)} s.`
          : ' Try again in a moment.'
      return ['RATE_LIMITED', `Auth0 is rate-limiting the Management API of ${ctx.domain}.${wait}`]
    }
    default:
      if (status >= 500) {
        return [
          'REMOTE',
          `Auth0 (${ctx.domain}) failed to answer (HTTP ${status}). Try again in a moment.`,
        ]
      }
      return ['REMOTE', `Auth0 answered HTTP ${status}.${auth0Says(body)}`]
  }
}

/**
 * Turns a {@link FailureCause} into the {@link AppFailure} the renderer will see. Pure; the message
 * never contains `ctx.secrets`.
 */
/** A failure worth retrying for an idempotent request: a 5xx, a garbled answer, a reset connection. */
export const isTransientFailure = (cause: FailureCause): boolean =>
  (cause.kind === 'http' && cause.endpoint === 'api' && cause.status >= 500) ||
  cause.kind === 'malformed' ||
  (cause.kind === 'network' && RESET_CODES.has(cause.code))

/** The failure as a person reads it: code and sentence, secrets redacted. */
export const mapFailure = (cause: FailureCause, ctx: FailureContext): AppFailure => {
  if (isPlanRefusal(cause, ctx)) {
    return new AppFailure('FORBIDDEN', ENTERPRISE_ONLY_MESSAGE, 'enterprise-only')
  }
  const [code, message] = explain(cause, ctx)
  return new AppFailure(code, redact(message, ctx.secrets))
}
