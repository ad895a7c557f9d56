import { Management, ManagementError, ManagementTimeoutError } from 'auth0'
import { describe, expect, it } from 'vitest'
import type { AppErrorCode } from '../../../../../preload/contract'
import { createManagementApi } from '../../../../../main/services/auth0/management-api'
import {
  HttpStatusError,
  MalformedResponseError,
  classifyFailure,
  mapFailure,
  type FailureCause,
  type FailureContext,
} from '../../../../../main/services/auth0/errors'
import { parseRateLimitHeaders } from '../../../../../main/services/auth0/rate-pacer'
import { AppFailure } from '../../../../../core/result'

const SECRET = 'zV9q-client-secret-do-not-show'
const TOKEN = 'eyJhbGciOi.access-token-do-not-show.sig'

const ctx: FailureContext = {
  domain: 'acme.eu.auth0.com',
  clientId: 'm2m-client-123',
  timeoutMs: 15_000,
  grantedScopes: ['read:users', 'read:sessions', 'delete:sessions'],
  secrets: [SECRET, TOKEN],
}

const api = (status: number, body?: unknown): FailureCause => ({
  kind: 'http',
  endpoint: 'api',
  status,
  body,
})
const token = (status: number, body?: unknown): FailureCause => ({
  kind: 'http',
  endpoint: 'token',
  status,
  body,
})

/** [case, cause, expected code, text the message must contain] */
const table: [string, FailureCause, AppErrorCode, string][] = [
  [
    'token 401',
    token(401, { error: 'access_denied', error_description: 'Unauthorized' }),
    'UNAUTHENTICATED',
    'Auth0 rejected the client credentials (client id m2m-client-123). Check the client id and secret.',
  ],
  [
    'token 403 quotes Auth0',
    token(403, {
      error: 'access_denied',
      error_description: 'Service not enabled within domain: https://acme.eu.auth0.com/api/v2/',
    }),
    'UNAUTHENTICATED',
    'Auth0 rejected the client credentials (client id m2m-client-123). Auth0 says: Service not enabled within domain: https://acme.eu.auth0.com/api/v2/.',
  ],
  ['token 429', token(429), 'RATE_LIMITED', 'limiting token requests for acme.eu.auth0.com'],
  [
    'token 503',
    token(503),
    'REMOTE',
    "Auth0's token endpoint at acme.eu.auth0.com failed (HTTP 503)",
  ],
  [
    'token 400',
    token(400, { error: 'invalid_request', error_description: 'Missing required parameter' }),
    'UNAUTHENTICATED',
    'Auth0 refused the token request for client id m2m-client-123 (HTTP 400). Auth0 says: Missing required parameter.',
  ],
  [
    'api 400 quotes the validation message',
    api(400, { statusCode: 400, message: 'Payload validation failed: bad url', errorCode: 'x' }),
    'INVALID_INPUT',
    'Payload validation failed: bad url.',
  ],
  ['api 400 without a body', api(400), 'INVALID_INPUT', 'Auth0 refused the request as invalid.'],
  [
    'api 401',
    api(401, { message: 'Invalid token' }),
    'UNAUTHENTICATED',
    "Auth0 did not accept the console's access token for acme.eu.auth0.com",
  ],
  [
    'api 403, one scope expected',
    api(403, { message: 'Insufficient scope, expected any of: delete:sessions' }),
    'FORBIDDEN',
    'The client is missing the delete:sessions scope.',
  ],
  [
    'api 403, Auth0 doc wording',
    api(403, { message: 'Insufficient scope, expected: read:clients' }),
    'FORBIDDEN',
    'The client is missing the read:clients scope.',
  ],
  [
    'api 403, all of two, one already granted',
    api(403, {
      message: 'Insufficient scope, expected all of: delete:sessions,delete:refresh_tokens',
    }),
    'FORBIDDEN',
    'The client is missing the delete:refresh_tokens scope.',
  ],
  [
    'api 403, any of several',
    api(403, { message: 'Insufficient scope, expected any of: read:users,read:user_idp_tokens' }),
    'FORBIDDEN',
    'it needs one of read:users and read:user_idp_tokens.',
  ],
  [
    'api 403 without scope words',
    api(403, { message: 'Operation not allowed on this plan' }),
    'FORBIDDEN',
    'Auth0 refused the request: the client is not allowed to do this. Auth0 says: Operation not allowed on this plan.',
  ],
  [
    'api 404 quotes Auth0',
    api(404, { message: 'The user does not exist.', errorCode: 'inexistent_user' }),
    'NOT_FOUND',
    'The user does not exist.',
  ],
  [
    'api 404 bare',
    api(404, { message: 'Not Found' }),
    'NOT_FOUND',
    'Auth0 has no such item; it may already have been deleted.',
  ],
  ['api 409', api(409, { message: 'The user already exists.' }), 'CONFLICT', 'already exists'],
  [
    'api 429 with a known wait',
    { ...api(429), retryAfterMs: 2_100 } as FailureCause,
    'RATE_LIMITED',
    'Auth0 is rate-limiting the Management API of acme.eu.auth0.com. Try again in 3 s.',
  ],
  ['api 429', api(429), 'RATE_LIMITED', 'Try again in a moment.'],
  [
    'api 500',
    api(500, { message: 'Internal error' }),
    'REMOTE',
    'Auth0 (acme.eu.auth0.com) failed to answer (HTTP 500).',
  ],
  ['api 503 with an HTML page', api(503, '<html>down</html>'), 'REMOTE', '(HTTP 503)'],
  ['api 418', api(418, 'teapot'), 'REMOTE', 'Auth0 answered HTTP 418. Auth0 says: teapot.'],
  [
    'timeout',
    { kind: 'timeout' },
    'TIMEOUT',
    'Auth0 (acme.eu.auth0.com) did not answer within 15 s.',
  ],
  ['malformed JSON', { kind: 'malformed' }, 'REMOTE', 'not valid JSON'],
  [
    'DNS: no such host',
    { kind: 'network', code: 'ENOTFOUND' },
    'NETWORK',
    'Cannot find the tenant domain acme.eu.auth0.com.',
  ],
  [
    'DNS: temporary failure',
    { kind: 'network', code: 'EAI_AGAIN' },
    'NETWORK',
    'Cannot find the tenant domain',
  ],
  [
    'refused',
    { kind: 'network', code: 'ECONNREFUSED' },
    'NETWORK',
    'Cannot reach acme.eu.auth0.com: the connection was refused.',
  ],
  [
    'reset',
    { kind: 'network', code: 'ECONNRESET' },
    'NETWORK',
    'Cannot reach acme.eu.auth0.com: the connection was closed',
  ],
  [
    'undici socket closed',
    { kind: 'network', code: 'UND_ERR_SOCKET' },
    'NETWORK',
    'the connection was closed',
  ],
  ['offline', { kind: 'network', code: 'ENETUNREACH' }, 'NETWORK', 'Are you offline?'],
  ['connect timeout', { kind: 'network', code: 'UND_ERR_CONNECT_TIMEOUT' }, 'NETWORK', 'timed out'],
  [
    'TLS',
    { kind: 'network', code: 'CERT_HAS_EXPIRED' },
    'NETWORK',
    'TLS certificate was not accepted (CERT_HAS_EXPIRED)',
  ],
  [
    'other network code',
    { kind: 'network', code: 'EPROTO' },
    'NETWORK',
    'Cannot reach acme.eu.auth0.com (EPROTO).',
  ],
  ['network, no code', { kind: 'network', code: 'UNKNOWN' }, 'NETWORK', '(network error)'],
  ['unknown', { kind: 'unknown', message: 'boom' }, 'INTERNAL', 'Unexpected error'],
]

describe('mapFailure', () => {
  it.each(table)('%s', (_name, cause, code, text) => {
    const failure = mapFailure(cause, ctx)
    expect(failure).toBeInstanceOf(AppFailure)
    expect(failure.code).toBe(code)
    expect(failure.message).toContain(text)
  })

  it('formats short timeouts in tenths of a second', () => {
    expect(mapFailure({ kind: 'timeout' }, { ...ctx, timeoutMs: 300 }).message).toContain(
      'within 0.3 s',
    )
  })

  it('names every expected scope when the granted ones are unknown', () => {
    const { grantedScopes: _unknown, ...noScopes } = ctx
    const failure = mapFailure(
      api(403, {
        message: 'Insufficient scope, expected all of: delete:sessions,delete:refresh_tokens',
      }),
      noScopes,
    )
    expect(failure.message).toBe(
      'The client is missing the delete:sessions and delete:refresh_tokens scopes.',
    )
  })

  it('cuts long Auth0 messages', () => {
    const failure = mapFailure(api(400, { message: 'x'.repeat(1000) }), ctx)
    expect(failure.message.length).toBeLessThan(300)
  })

  const echoes: [string, FailureCause][] = [
    [
      'token endpoint echoing the secret',
      token(403, { error_description: `bad secret ${SECRET}` }),
    ],
    ['API echoing the token', api(400, { message: `token ${TOKEN} is malformed` })],
    ['403 echoing both', api(403, { message: `denied for ${SECRET} / ${TOKEN}` })],
    ['404 echoing the secret', api(404, { message: `no ${SECRET}` })],
    ['plain-text 418', api(418, `${TOKEN}`)],
  ]
  it.each(echoes)('never repeats a secret: %s', (_name, cause) => {
    const { message } = mapFailure(cause, ctx)
    expect(message).not.toContain(SECRET)
    expect(message).not.toContain(TOKEN)
    expect(message).toContain('[redacted]')
  })

  it('never puts the secret in any message of the table', () => {
    for (const [, cause] of table) {
      const { message } = mapFailure(cause, ctx)
      expect(message).not.toContain(SECRET)
      expect(message).not.toContain(TOKEN)
    }
  })
})

const headers = (init: Record<string, string>) => new Headers(init)
const raw = (status: number, init: Record<string, string> = {}) => ({
  headers: headers(init),
  redirected: false,
  status,
  statusText: '',
  type: 'basic' as const,
  url: 'https://acme.eu.auth0.com/api/v2/x',
})
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code })
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause })
/** How the SDK wraps a fetch that threw (reason "unknown"). */
const sdkWrapped = (cause: unknown) =>
  new ManagementError({ message: (cause as Error).message, cause })

const classification: [string, unknown, FailureCause][] = [
  [
    'our token-endpoint error',
    new HttpStatusError('token', 401, { error: 'access_denied' }),
    { kind: 'http', endpoint: 'token', status: 401, body: { error: 'access_denied' } },
  ],
  ['our malformed-body error', new MalformedResponseError(200), { kind: 'malformed' }],
  [
    'malformed body thrown inside the SDK fetch',
    sdkWrapped(new MalformedResponseError(200)),
    { kind: 'malformed' },
  ],
  [
    'SDK NotFoundError',
    new Management.NotFoundError({ message: 'The user does not exist.' }, raw(404)),
    {
      kind: 'http',
      endpoint: 'api',
      status: 404,
      body: { message: 'The user does not exist.' },
    },
  ],
  [
    'SDK TooManyRequestsError with rate-limit headers',
    new Management.TooManyRequestsError(
      { message: 'Too many requests' },
      raw(429, {
        'x-ratelimit-limit': '50',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '1700000001',
      }),
    ),
    {
      kind: 'http',
      endpoint: 'api',
      status: 429,
      body: { message: 'Too many requests' },
      rateLimit: { limit: 50, remaining: 0, reset: 1_700_000_001 },
    },
  ],
  [
    'SDK generic status error (503)',
    new ManagementError({ statusCode: 503, body: 'unavailable', rawResponse: raw(503) }),
    { kind: 'http', endpoint: 'api', status: 503, body: 'unavailable' },
  ],
  ['SDK timeout', new ManagementTimeoutError('Timeout exceeded'), { kind: 'timeout' }],
  [
    'AbortSignal.timeout on our token request',
    new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
    { kind: 'timeout' },
  ],
  ['AbortError', new DOMException('aborted', 'AbortError'), { kind: 'timeout' }],
  [
    'DNS failure through the SDK',
    sdkWrapped(fetchFailed(withCode('getaddrinfo ENOTFOUND tenant.invalid', 'ENOTFOUND'))),
    { kind: 'network', code: 'ENOTFOUND' },
  ],
  [
    'DNS failure on our token request',
    fetchFailed(withCode('getaddrinfo EAI_AGAIN x', 'EAI_AGAIN')),
    { kind: 'network', code: 'EAI_AGAIN' },
  ],
  [
    'refused, inside an AggregateError (happy eyeballs)',
    fetchFailed(
      new AggregateError([withCode('connect ECONNREFUSED ::1:1', 'ECONNREFUSED')], 'connect'),
    ),
    { kind: 'network', code: 'ECONNREFUSED' },
  ],
  [
    'undici socket closed',
    sdkWrapped(fetchFailed(withCode('other side closed', 'UND_ERR_SOCKET'))),
    { kind: 'network', code: 'UND_ERR_SOCKET' },
  ],
  [
    'fetch failed without a code',
    fetchFailed(new Error('?')),
    { kind: 'network', code: 'UNKNOWN' },
  ],
  [
    'a bug',
    new RangeError('index out of range'),
    { kind: 'unknown', message: 'index out of range' },
  ],
  ['a thrown string', 'weird', { kind: 'unknown', message: 'weird' }],
]

describe('classifyFailure', () => {
  it.each(classification)('%s', (_name, err, expected) => {
    expect(classifyFailure(err)).toEqual(expected)
  })
})

describe('parseRateLimitHeaders', () => {
  it.each([
    [
      {
        'x-ratelimit-limit': '10',
        'x-ratelimit-remaining': '3',
        'x-ratelimit-reset': '1700000000',
      },
      { limit: 10, remaining: 3, reset: 1_700_000_000 },
    ],
    [{ 'X-RateLimit-Remaining': '0' }, { remaining: 0 }],
    [{ 'x-ratelimit-limit': 'lots' }, undefined],
    [{}, undefined],
  ])('%j', (init, expected) => {
    expect(parseRateLimitHeaders(new Headers(init))).toEqual(expected)
  })
})

describe('createManagementApi', () => {
  const base = {
    domain: 'acme.eu.auth0.com',
    clientId: 'c',
    clientSecret: SECRET,
    plan: 'free' as const,
  }

  it.each(['http://example.com', 'https://127.0.0.1:8443', 'http://10.0.0.5:3000', 'not a url'])(
    'refuses plain http to anything but this computer: %s',
    (insecureBaseUrl) => {
      expect(() => createManagementApi({ ...base, insecureBaseUrl })).toThrow(AppFailure)
      try {
        createManagementApi({ ...base, insecureBaseUrl })
      } catch (err) {
        expect((err as AppFailure).code).toBe('INVALID_INPUT')
        expect((err as AppFailure).message).not.toContain(SECRET)
      }
    },
  )

  it.each(['http://127.0.0.1:51234', 'http://localhost:8080/'])('accepts %s', (insecureBaseUrl) => {
    expect(() => createManagementApi({ ...base, insecureBaseUrl })).not.toThrow()
  })

  it('starts every tenant at the slowest plan, lower where the chosen plan is slower', () => {
    expect(createManagementApi(base).rateLimit()).toMatchObject({ burst: 2, perSecond: 2 })
    const enterprise = createManagementApi({ ...base, plan: 'enterprise-production' })
    expect(enterprise.rateLimit()).toMatchObject({ burst: 2, perSecond: 2 })
    expect(enterprise.rateLimit('read-users')).toMatchObject({ burst: 2, perSecond: 2 })
    const essentials = createManagementApi({ ...base, plan: 'essentials' })
    expect(essentials.rateLimit('read-connections')).toMatchObject({ burst: 2, perSecond: 50 / 60 })
    expect(essentials.rateLimit('read-clients')).toMatchObject({ burst: 2, perSecond: 100 / 60 })
  })
})
