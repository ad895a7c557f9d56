import { randomBytes, scryptSync } from 'node:crypto'
import { z } from 'zod'
import { ApiError } from './http-io'
import type { ApiContext, ApiRoute } from './management-api'
import { bodyObject } from './route-params'
import { extrasOf } from './tenant-extras'
import type { SandboxUser } from './types'
import { payloadError } from './validation'

/**
 * `POST /users` for database connections (`strategy: auth0`).
 *
 * The password is checked against the connection's `passwordPolicy` (Auth0's levels: none, low,
 * fair, good, excellent) and only a salted scrypt hash is kept (`SandboxExtras.passwordHashes`),
 * never the password, and never in the user record. A duplicate email (case-insensitive) or
 * user_id in the same connection is Auth0's 409 "The user already exists.".
 */

const createUserSchema = z.strictObject({
  connection: z.string().min(1),
  email: z.email().max(254),
  password: z.string().min(1).max(128),
  user_id: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[^|]+$/, 'user_id must not contain |')
    .optional(),
  name: z.string().min(1).max(300).optional(),
  given_name: z.string().min(1).max(150).optional(),
  family_name: z.string().min(1).max(150).optional(),
  nickname: z.string().min(1).max(300).optional(),
  picture: z.url().optional(),
  email_verified: z.boolean().optional(),
  verify_email: z.boolean().optional(),
  blocked: z.boolean().optional(),
  user_metadata: z.record(z.string(), z.unknown()).optional(),
  app_metadata: z.record(z.string(), z.unknown()).optional(),
})

/** Auth0's password policy levels (connection `options.passwordPolicy`). */
export type PasswordPolicy = 'none' | 'low' | 'fair' | 'good' | 'excellent'

/** Whether a password satisfies one of Auth0's password policy levels. */
export const meetsPasswordPolicy = (password: string, policy: PasswordPolicy): boolean => {
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length
  switch (policy) {
    case 'none':
      return password.length >= 1
    case 'low':
      return password.length >= 6
    case 'fair':
      return (
        password.length >= 8 &&
        /[a-z]/.test(password) &&
        /[A-Z]/.test(password) &&
        /[0-9]/.test(password)
      )
    case 'good':
      return password.length >= 8 && kinds >= 3
    case 'excellent':
      return password.length >= 10 && kinds >= 3 && !/(.)\1\1/.test(password)
  }
}

/** `scrypt$<salt>$<hash>`, base64url; verify with {@link verifyPassword}. */
export const hashPassword = (password: string): string => {
  const salt = randomBytes(16)
  return `scrypt$${salt.toString('base64url')}$${scryptSync(password, salt, 32).toString('base64url')}`
}

/** Checks a password against a {@link hashPassword} value. */
export const verifyPassword = (password: string, stored: string): boolean => {
  const [kind, salt, hash] = stored.split('$')
  if (kind !== 'scrypt' || salt === undefined || hash === undefined) return false
  return scryptSync(password, Buffer.from(salt, 'base64url'), 32).toString('base64url') === hash
}

const createUser = (ctx: ApiContext) => {
  const extras = extrasOf(ctx)
  const body = bodyObject(ctx.body)
  for (const required of ['connection', 'email', 'password']) {
    if (body[required] === undefined) throw payloadError(`Missing required property: ${required}`)
  }
  const parsed = createUserSchema.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    if (issue?.code === 'unrecognized_keys') {
      throw payloadError(`Additional properties not allowed: ${issue.keys.join(',')}`)
    }
    throw payloadError(issue?.message ?? 'Invalid payload', issue?.path ?? [])
  }
  const input = parsed.data
  const connection = ctx.store.connections.find((c) => c.name === input.connection)
  if (connection === undefined) {
    throw new ApiError(400, 'The connection does not exist.', 'inexistent_connection')
  }
  if (connection.strategy !== 'auth0') {
    throw new ApiError(
      400,
      `Users can only be created in database connections; ${connection.name} is ${connection.strategy}.`,
      'operation_not_supported',
    )
  }
  const rawPolicy = connection.options['passwordPolicy']
  const policy: PasswordPolicy =
    typeof rawPolicy === 'string' &&
    ['none', 'low', 'fair', 'good', 'excellent'].includes(rawPolicy)
      ? (rawPolicy as PasswordPolicy)
      : 'good'
  if (!meetsPasswordPolicy(input.password, policy)) {
    throw new ApiError(400, 'PasswordStrengthError: Password is too weak', 'invalid_password')
  }
  const email = input.email.toLowerCase()
  const localId = input.user_id ?? randomBytes(12).toString('hex')
  const userId = `auth0|${localId}`
  const inConnection = (u: SandboxUser) =>
    u.identities.some((i) => i.connection === connection.name)
  if (
    ctx.store.getUser(userId) !== undefined ||
    ctx.store.findUsersByEmail(email).some(inConnection)
  ) {
    throw new ApiError(409, 'The user already exists.', 'auth0_idp_error')
  }
  const now = new Date(ctx.nowMs).toISOString()
  const user: SandboxUser = {
    user_id: userId,
    email,
    email_verified: input.email_verified ?? false,
    name: input.name ?? email,
    ...(input.given_name !== undefined && { given_name: input.given_name }),
    ...(input.family_name !== undefined && { family_name: input.family_name }),
    nickname: input.nickname ?? (email.split('@')[0] as string),
    ...(input.picture !== undefined && { picture: input.picture }),
    identities: [
      { connection: connection.name, provider: 'auth0', user_id: localId, isSocial: false },
    ],
    created_at: now,
    updated_at: now,
    logins_count: 0,
    ...(input.blocked !== undefined && { blocked: input.blocked }),
    ...(input.user_metadata !== undefined && { user_metadata: input.user_metadata }),
    ...(input.app_metadata !== undefined && { app_metadata: input.app_metadata }),
  }
  ctx.store.addUser(user)
  extras.passwordHashes.set(userId, hashPassword(input.password))
  return { status: 201, body: user }
}

/** Routes of this module, spread into `managementRoutes`. */
export const userRoutes: readonly ApiRoute[] = [
  { method: 'POST', pattern: /^\/users$/, scopes: ['create:users'], handle: createUser },
]
