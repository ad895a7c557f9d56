import { randomBytes, timingSafeEqual } from 'node:crypto'
import { ApiError } from './http-io'

/** An M2M application allowed to call the sandbox's Management API. */
export interface SandboxClientCredentials {
  clientId: string
  clientSecret: string
  /** Management API scopes granted to the client (its "client grant"). */
  scopes: string[]
  /** Display name in `GET /clients`. */
  name?: string
}

/** What an access token stands for. */
export interface TokenGrant {
  clientId: string
  scopes: ReadonlySet<string>
  /** Epoch ms. */
  expiresAt: number
}

/** An Authentication API answer: success body or `{error, error_description}`. */
export interface TokenResponse {
  status: number
  body: Record<string, unknown>
}

/** Management API access tokens last 24 hours by default (reference §6). */
export const TOKEN_LIFETIME_SECONDS = 86_400

/** Issues and checks the sandbox's opaque access tokens. */
export interface TokenService {
  addClient(client: SandboxClientCredentials): void
  /** Accept one more audience, e.g. the tenant reached through an https front on another port. */
  addAudience(audience: string): void
  hasClient(clientId: string): boolean
  /**
   * Replaces a client's Management API grant: its scopes, or `null` for no grant at all (its token
   * requests are then refused, as Auth0 refuses a client without a client grant). Tokens already
   * issued keep their scopes, as Auth0's JWTs do.
   */
  setGrant(clientId: string, scopes: readonly string[] | null): void
  /** Forgets a client (its secret no longer gets tokens). */
  removeClient(clientId: string): void
  /** `POST /oauth/token` with a parsed JSON or form body and the Authorization header. */
  issue(params: Record<string, unknown>, authorization: string | undefined): TokenResponse
  /** Resolves a `Authorization: Bearer …` header. @throws ApiError 401 `invalid_token` */
  verify(authorization: string | undefined): TokenGrant
  /** Every access token issued so far (test harness: scans for leaked tokens). */
  issued(): string[]
}

const safeEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

const denied = (status: number, description: string, error = 'access_denied'): TokenResponse => ({
  status,
  body: { error, error_description: description },
})

/**
 * Creates the token service.
 *
 * `audiences` are the accepted values of `audience` (compared without a trailing slash).
 * Tokens are random strings kept in memory with their client, scopes and expiry.
 */
export const createTokenService = (options: {
  audiences: readonly string[]
  now: () => number
}): TokenService => {
  const clients = new Map<string, SandboxClientCredentials>()
  const tokens = new Map<string, TokenGrant>()
  const ungranted = new Set<string>()
  const strip = (s: string): string => s.replace(/\/+$/, '')
  const audiences = new Set(options.audiences.map(strip))

  return {
    issued: () => [...tokens.keys()],
    addClient(client) {
      clients.set(client.clientId, { ...client, scopes: [...client.scopes] })
      ungranted.delete(client.clientId)
    },
    setGrant(clientId, scopes) {
      const client = clients.get(clientId)
      if (client === undefined) return
      if (scopes === null) ungranted.add(clientId)
      else {
        ungranted.delete(clientId)
        clients.set(clientId, { ...client, scopes: [...scopes] })
      }
    },
    removeClient(clientId) {
      clients.delete(clientId)
      ungranted.delete(clientId)
    },
    addAudience(audience) {
      audiences.add(strip(audience))
    },
    hasClient: (clientId) => clients.has(clientId),
    issue(params, authorization) {
      const text = (key: string): string | undefined =>
        typeof params[key] === 'string' ? params[key] : undefined
      let clientId = text('client_id')
      let clientSecret = text('client_secret')
      if (authorization?.startsWith('Basic ') === true) {
        const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8')
        const colon = decoded.indexOf(':')
        if (colon > 0) {
          clientId = decodeURIComponent(decoded.slice(0, colon))
          clientSecret = decodeURIComponent(decoded.slice(colon + 1))
        }
      }
      const grantType = text('grant_type')
      if (grantType === undefined) {
        return denied(400, 'Missing required parameter: grant_type', 'invalid_request')
      }
      const client = clientId === undefined ? undefined : clients.get(clientId)
      if (
        client === undefined ||
        clientSecret === undefined ||
        !safeEqual(client.clientSecret, clientSecret)
      ) {
        return denied(401, 'Unauthorized')
      }
      if (grantType !== 'client_credentials') {
        return denied(
          403,
          `Grant type '${grantType}' not allowed for the client.`,
          'unauthorized_client',
        )
      }
      const audience = text('audience')
      if (audience === undefined || audience === '') {
        return denied(
          403,
          'No audience parameter was provided, and no default audience has been configured',
        )
      }
      if (!audiences.has(strip(audience))) {
        return denied(403, `Service not enabled within domain: ${audience}`)
      }
      if (ungranted.has(client.clientId)) {
        return denied(
          403,
          `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API.`,
        )
      }
      const requested = text('scope')
        ?.split(/\s+/)
        .filter((s) => s !== '')
      const missing = requested?.filter((s) => !client.scopes.includes(s)) ?? []
      if (missing.length > 0) {
        return denied(403, `Client has not been granted scopes: ${missing.join(', ')}`)
      }
      const scopes = requested !== undefined && requested.length > 0 ? requested : client.scopes
      const accessToken = randomBytes(32).toString('base64url')
      tokens.set(accessToken, {
        clientId: client.clientId,
        scopes: new Set(scopes),
        expiresAt: options.now() + TOKEN_LIFETIME_SECONDS * 1000,
      })
      return {
        status: 200,
        body: {
          access_token: accessToken,
          scope: scopes.join(' '),
          expires_in: TOKEN_LIFETIME_SECONDS,
          token_type: 'Bearer',
        },
      }
    },
    verify(authorization) {
      if (authorization === undefined || authorization.trim() === '') {
        throw new ApiError(401, 'Missing authentication', 'invalid_token')
      }
      const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim())
      if (match === null)
        throw new ApiError(401, 'Bad HTTP authentication header format', 'invalid_token')
      const grant = tokens.get(match[1] as string)
      if (grant === undefined) throw new ApiError(401, 'Invalid token', 'invalid_token')
      if (grant.expiresAt <= options.now()) {
        throw new ApiError(
          401,
          'Expired token received for JSON Web Token validation',
          'invalid_token',
        )
      }
      return grant
    },
  }
}
