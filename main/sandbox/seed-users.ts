import { createPrng, hashSeed, type Prng } from './prng'
import {
  DEMO_API_AUDIENCE,
  DEMO_CLIENT_IDS,
  DEMO_CONNECTIONS,
  seedClients,
  seedConnectionClients,
  seedConnections,
} from './seed-catalog'
import {
  DESKTOP_DEVICES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  MOBILE_DEVICES,
  documentationAsn,
  documentationIp,
  type DeviceProfile,
} from './seed-devices'
import type {
  SandboxAuthMethod,
  SandboxClient,
  SandboxDevice,
  SandboxRefreshToken,
  SandboxSession,
  SandboxTenantSettings,
  SandboxUser,
} from './types'

/** Generated data of one user besides the profile. */
export interface UserGraph {
  sessions: SandboxSession[]
  refreshTokens: SandboxRefreshToken[]
}

/** What the generators need to know about the tenant being seeded. */
export interface GeneratorContext {
  /** Seed name, mixed into every per-user generator. */
  seed: string
  /** Reference time: every date is relative to it. */
  nowMs: number
  tenant: SandboxTenantSettings
  /** Small data-URL avatars cost memory; the large seed leaves them out. */
  withPictures: boolean
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const HEX = '0123456789abcdef'
const DIGITS = '0123456789'

const iso = (ms: number): string => new Date(Math.round(ms / 1000) * 1000).toISOString()

const CLIENTS: ReadonlyMap<string, SandboxClient> = new Map(
  seedClients().map((c) => [c.client_id, c]),
)
const INTERACTIVE_BY_CONNECTION: ReadonlyMap<string, readonly string[]> = new Map(
  seedConnections().map((c) => [
    c.name,
    (seedConnectionClients()[c.id] ?? []).filter(
      (id) => CLIENTS.get(id)?.app_type !== 'non_interactive',
    ),
  ]),
)

/**
 * Ids of generated sessions and refresh tokens end with the owner's index (4 base-36 characters)
 * and a per-user counter (2), after 26 random base-62 characters: 32 characters in all. That lets
 * the large seed find the owner of an id it has not generated yet.
 */
export const generatedId = (prng: Prng, ownerIndex: number, counter: number): string =>
  `${prng.chars(26)}${ownerIndex.toString(36).padStart(4, '0')}${counter.toString(36).padStart(2, '0')}`

/** The owner index encoded in a generated id, or null for any other id. */
export const ownerIndexOf = (id: string): number | null => {
  if (id.length !== 32 || !/^[0-9a-z]{6}$/.test(id.slice(26))) return null
  return parseInt(id.slice(26, 30), 36)
}

const pickWeighted = <T>(prng: Prng, table: ReadonlyArray<readonly [T, number]>): T => {
  let r = prng.next() * table.reduce((sum, [, w]) => sum + w, 0)
  for (const [value, weight] of table) {
    r -= weight
    if (r < 0) return value
  }
  return (table[table.length - 1] as readonly [T, number])[0]
}

const CONNECTION_MIX = [
  [DEMO_CONNECTIONS.database, 40],
  [DEMO_CONNECTIONS.google, 25],
  [DEMO_CONNECTIONS.googleDevKeys, 10],
  [DEMO_CONNECTIONS.saml, 15],
  [DEMO_CONNECTIONS.entra, 10],
] as const

/** Session counts of demo users: 0–8, mostly 1–3. */
const DEMO_SESSION_COUNTS = [
  [0, 10],
  [1, 25],
  [2, 20],
  [3, 15],
  [4, 10],
  [5, 8],
  [6, 6],
  [7, 3],
  [8, 3],
] as const

/** How many sessions a generated demo user has (deterministic per seed and index). */
export const demoSessionCount = (seed: string, index: number): number =>
  pickWeighted(createPrng(hashSeed(seed, 'count', index)), DEMO_SESSION_COUNTS)

/** A tiny initials avatar as an SVG data URL (no remote URLs in the sandbox). */
export const initialsAvatar = (name: string, hue: number): string => {
  const initials = name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase()
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="hsl(${hue},55%,45%)"/><text x="32" y="41" font-family="sans-serif" font-size="26" fill="#fff" text-anchor="middle">${initials}</text></svg>`
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
}

const NAME_PAIRS = GIVEN_NAMES.length * FAMILY_NAMES.length

/**
 * Generates the profile of user `index`.
 *
 * `sessionCount` keeps `last_login` consistent with the sessions generated later: a user with
 * sessions logged in recently, one without logged in before the absolute session lifetime.
 */
export const generateUser = (
  ctx: GeneratorContext,
  index: number,
  sessionCount: number,
): SandboxUser => {
  const prng = createPrng(hashSeed(ctx.seed, 'user', index))
  const connection = pickWeighted(prng, CONNECTION_MIX)
  // A bijection from index to (given, family) for the first 1,728 users keeps emails unique.
  const g = (index * 31) % GIVEN_NAMES.length
  const f = (Math.floor(index / GIVEN_NAMES.length) + 7 * g) % FAMILY_NAMES.length
  const given = GIVEN_NAMES[g] as string
  const family = FAMILY_NAMES[f] as string
  const local = `${given}.${family}`.toLowerCase() + (index >= NAME_PAIRS ? `.${index}` : '')
  const domain =
    connection === DEMO_CONNECTIONS.saml
      ? 'corp.example.com'
      : connection === DEMO_CONNECTIONS.entra
        ? 'contoso.example.net'
        : prng.pick(['example.com', 'example.org', 'example.net', 'mail.example.com'])
  const email = `${local}@${domain}`
  const createdMs = ctx.nowMs - prng.int(30, 900) * DAY - prng.int(0, DAY)
  const absoluteMs = ctx.tenant.session_lifetime * HOUR
  const lastLoginMs =
    sessionCount > 0
      ? ctx.nowMs - prng.int(5 * MINUTE, Math.min(6 * DAY, absoluteMs * 0.8))
      : Math.max(createdMs, ctx.nowMs - absoluteMs - prng.int(HOUR, 120 * DAY))

  let provider: string
  let identityId: string
  let userId: string
  switch (connection) {
    case DEMO_CONNECTIONS.database: {
      const objectId = `${Math.floor(createdMs / 1000)
        .toString(16)
        .padStart(8, '0')}${prng.chars(10, HEX)}${index.toString(16).padStart(6, '0')}`
      provider = 'auth0'
      identityId = objectId
      userId = `auth0|${objectId}`
      break
    }
    case DEMO_CONNECTIONS.google:
    case DEMO_CONNECTIONS.googleDevKeys: {
      const googleId = `1${prng.chars(13, DIGITS)}${String(index).padStart(7, '0')}`
      provider = 'google-oauth2'
      identityId = googleId
      userId = `google-oauth2|${googleId}`
      break
    }
    case DEMO_CONNECTIONS.saml:
      provider = 'samlp'
      identityId = `${connection}|${email}`
      userId = `samlp|${identityId}`
      break
    default: {
      const oid = `${prng.chars(8, HEX)}-${prng.chars(4, HEX)}-4${prng.chars(3, HEX)}-a${prng.chars(3, HEX)}-${prng.chars(6, HEX)}${index.toString(16).padStart(6, '0')}`
      provider = 'waad'
      identityId = oid
      userId = `waad|${oid}`
    }
  }
  const isDatabase = provider === 'auth0'
  const name = `${given} ${family}`
  const user: SandboxUser = {
    user_id: userId,
    email,
    email_verified: isDatabase ? prng.chance(0.9) : true,
    name,
    given_name: given,
    family_name: family,
    nickname: local.split('@')[0] ?? local,
    identities: [
      { connection, provider, user_id: identityId, isSocial: provider === 'google-oauth2' },
    ],
    created_at: iso(createdMs),
    updated_at: iso(lastLoginMs),
    last_login: iso(lastLoginMs),
    last_ip: documentationIp(prng),
    logins_count: sessionCount + prng.int(1, 240),
  }
  if (isDatabase && prng.chance(0.3)) user.multifactor = ['guardian']
  if (ctx.withPictures) user.picture = initialsAvatar(name, prng.int(0, 359))
  return user
}

const lifetimes = (tenant: SandboxTenantSettings, mode: 'persistent' | 'non-persistent') =>
  mode === 'persistent'
    ? { absolute: tenant.session_lifetime * HOUR, idle: tenant.idle_session_lifetime * HOUR }
    : {
        absolute: tenant.ephemeral_session_lifetime * HOUR,
        idle: tenant.idle_ephemeral_session_lifetime * HOUR,
      }

const makeDevice = (prng: Prng, profile: DeviceProfile): SandboxDevice => {
  const ip = documentationIp(prng)
  const asn = documentationAsn(prng)
  const moved = prng.chance(0.3)
  return {
    initial_user_agent: profile.userAgent,
    initial_ip: ip,
    initial_asn: asn,
    last_user_agent: profile.userAgent,
    last_ip: moved ? documentationIp(prng) : ip,
    last_asn: moved ? documentationAsn(prng) : asn,
  }
}

const MFA_TYPES = ['otp', 'webauthn-roaming', 'push-notification', 'sms'] as const

const authMethods = (
  prng: Prng,
  user: SandboxUser,
  authenticatedMs: number,
): SandboxAuthMethod[] => {
  const provider = user.identities[0]?.provider
  if (provider !== 'auth0') return [{ name: 'federated', timestamp: iso(authenticatedMs) }]
  if (user.multifactor !== undefined) {
    return [
      { name: 'pwd', timestamp: iso(authenticatedMs) },
      { name: 'mfa', timestamp: iso(authenticatedMs + 20_000), type: prng.pick(MFA_TYPES) },
    ]
  }
  return [{ name: prng.chance(0.1) ? 'passkey' : 'pwd', timestamp: iso(authenticatedMs) }]
}

/** Builds a refresh token that follows the client's policy (used by the well-known users too). */
export const makeRefreshToken = (
  prng: Prng,
  fields: {
    id: string
    userId: string
    clientId: string
    sessionId: string | null
    createdMs: number
    lastExchangedMs: number
    device: SandboxDevice
    appUserAgent?: string
    scopes?: string
  },
): SandboxRefreshToken => {
  const policy = CLIENTS.get(fields.clientId)?.refresh_token
  const token: SandboxRefreshToken = {
    id: fields.id,
    user_id: fields.userId,
    created_at: iso(fields.createdMs),
    last_exchanged_at: iso(fields.lastExchangedMs),
    device: {
      ...fields.device,
      last_user_agent: fields.appUserAgent ?? fields.device.last_user_agent,
      last_ip: prng.chance(0.4) ? documentationIp(prng) : fields.device.last_ip,
    },
    client_id: fields.clientId,
    session_id: fields.sessionId,
    rotating: policy?.rotation_type === 'rotating',
    resource_servers: [
      {
        audience: DEMO_API_AUDIENCE,
        scopes: fields.scopes ?? 'openid profile email offline_access read:orders',
      },
    ],
  }
  if (policy !== undefined && !policy.infinite_idle_token_lifetime) {
    token.idle_expires_at = iso(fields.lastExchangedMs + policy.idle_token_lifetime * 1000)
  }
  if (policy !== undefined && !policy.infinite_token_lifetime) {
    token.expires_at = iso(fields.createdMs + policy.token_lifetime * 1000)
  }
  return token
}

/**
 * Generates the sessions and refresh tokens of user `index`.
 *
 * Sessions respect the tenant lifetimes: created within the absolute lifetime, last interaction
 * within the idle lifetime. About one in twelve is a few minutes from its idle timeout and one in
 * twenty a few hours from its absolute timeout. Refresh tokens are bound to the session they were
 * issued in (mobile app always, SPA often, support portal sometimes); one user in four also holds
 * an older unbound mobile token (`session_id: null`).
 */
export const generateUserGraph = (
  ctx: GeneratorContext,
  index: number,
  user: SandboxUser,
  sessionCount: number,
): UserGraph => {
  const prng = createPrng(hashSeed(ctx.seed, 'graph', index))
  const connection = user.identities[0]?.connection ?? DEMO_CONNECTIONS.database
  const candidates = INTERACTIVE_BY_CONNECTION.get(connection) ?? [DEMO_CLIENT_IDS.supportPortal]
  const lastLoginMs = Date.parse(user.last_login ?? user.created_at)
  const now = ctx.nowMs
  const sessions: SandboxSession[] = []
  const refreshTokens: SandboxRefreshToken[] = []
  let tokenCounter = 0

  for (let k = 0; k < sessionCount; k++) {
    let mode: 'persistent' | 'non-persistent' = prng.chance(0.15) ? 'non-persistent' : 'persistent'
    if (
      mode === 'non-persistent' &&
      now - lastLoginMs > lifetimes(ctx.tenant, mode).absolute * 0.8
    ) {
      mode = 'persistent'
    }
    const { absolute, idle } = lifetimes(ctx.tenant, mode)
    const flavor =
      k === 0
        ? 'normal'
        : pickWeighted(prng, [
            ['idle-soon', 8],
            ['absolute-soon', 5],
            ['normal', 87],
          ] as const)
    let createdMs =
      k === 0
        ? lastLoginMs
        : Math.min(lastLoginMs - k * MINUTE, now - prng.int(0.05 * absolute, 0.9 * absolute))
    let lastMs: number
    if (flavor === 'idle-soon') {
      lastMs = now - idle + prng.int(5 * MINUTE, 90 * MINUTE)
      createdMs = Math.min(createdMs, lastMs - prng.int(0, HOUR))
    } else if (flavor === 'absolute-soon') {
      createdMs = now - absolute + prng.int(10 * MINUTE, 6 * HOUR)
      lastMs = now - prng.int(0, Math.min(idle * 0.9, now - createdMs))
    } else {
      lastMs = now - prng.int(0, Math.min(idle * 0.9, now - createdMs))
    }
    const authenticatedMs = prng.chance(0.2) ? prng.int(createdMs, lastMs) : createdMs
    const clients = [prng.pick(candidates)]
    if (candidates.length > 1 && prng.chance(0.35)) {
      const second = prng.pick(candidates)
      if (second !== clients[0]) clients.push(second)
    }
    const onPhone = clients.includes(DEMO_CLIENT_IDS.mobileApp) || prng.chance(0.15)
    const profile = prng.pick(onPhone ? MOBILE_DEVICES : DESKTOP_DEVICES)
    const device = makeDevice(prng, profile)
    const session: SandboxSession = {
      id: generatedId(prng, index, k),
      user_id: user.user_id,
      created_at: iso(createdMs),
      updated_at: iso(lastMs),
      authenticated_at: iso(authenticatedMs),
      idle_expires_at: iso(Math.min(lastMs + idle, createdMs + absolute)),
      expires_at: iso(createdMs + absolute),
      last_interacted_at: iso(lastMs),
      device,
      clients: clients.map((client_id) => ({ client_id })),
      authentication: { methods: authMethods(prng, user, authenticatedMs) },
      cookie: { mode },
    }
    if (prng.chance(0.1)) session.session_metadata = { device_name: profile.label }
    sessions.push(session)

    for (const clientId of clients) {
      const issue =
        clientId === DEMO_CLIENT_IDS.mobileApp ||
        (clientId === DEMO_CLIENT_IDS.dashboardSpa && prng.chance(0.6)) ||
        (clientId === DEMO_CLIENT_IDS.supportPortal && prng.chance(0.15))
      if (!issue) continue
      refreshTokens.push(
        makeRefreshToken(prng, {
          id: generatedId(prng, index, tokenCounter++),
          userId: user.user_id,
          clientId,
          sessionId: session.id,
          createdMs: authenticatedMs,
          lastExchangedMs: prng.int(authenticatedMs, lastMs),
          device,
          ...(profile.appUserAgent !== undefined && clientId === DEMO_CLIENT_IDS.mobileApp
            ? { appUserAgent: profile.appUserAgent }
            : {}),
        }),
      )
    }
  }

  if (prng.chance(0.25)) {
    const profile = prng.pick(MOBILE_DEVICES)
    refreshTokens.push(
      makeRefreshToken(prng, {
        id: generatedId(prng, index, tokenCounter++),
        userId: user.user_id,
        clientId: DEMO_CLIENT_IDS.mobileApp,
        sessionId: null,
        createdMs: now - prng.int(30, 300) * DAY,
        lastExchangedMs: now - prng.int(HOUR, 25 * DAY),
        device: makeDevice(prng, profile),
        ...(profile.appUserAgent !== undefined ? { appUserAgent: profile.appUserAgent } : {}),
      }),
    )
  }
  return { sessions, refreshTokens }
}
