import { createPrng, hashSeed } from './prng'
import { DEMO_CLIENT_IDS, DEMO_CONNECTIONS } from './seed-catalog'
import { DEVICES } from './seed-devices'
import {
  initialsAvatar,
  makeRefreshToken,
  type GeneratorContext,
  type UserGraph,
} from './seed-users'
import type { SandboxDevice, SandboxSession, SandboxUser } from './types'

/**
 * The well-known users, identical in every seed (indexes 0–3), for tests, docs and the UI.
 *
 * - alice@example.com (Google, own keys): 3 sessions — Chrome/macOS on Support Portal + Dashboard
 *   (bound SPA refresh token), Safari/iOS in the Mobile App (bound mobile token), Firefox/Windows on
 *   Support Portal, non-persistent and 12 minutes from its idle timeout — plus an old unbound
 *   mobile refresh token (`session_id: null`) that no session logout can reach.
 * - bob@example.com (database, MFA): 2 sessions — Edge/Windows with password + OTP on Support Portal
 *   and Intranet Wiki, Chrome/Android in the Mobile App (bound mobile token).
 * - carol@corp.example.com (SAML `acme-saml`): 1 session on Intranet Wiki + Partner Portal (SAML),
 *   2 hours from its absolute timeout.
 * - dave@contoso.example.net (Entra ID `contoso-entra`): no sessions, no refresh tokens.
 *
 * Their session and refresh-token ids are human-readable on purpose.
 */
export const DEMO_USERS = {
  alice: {
    user_id: 'google-oauth2|104729384756102938475',
    email: 'alice@example.com',
    sessionIds: ['alice-chrome-macos', 'alice-safari-ios', 'alice-firefox-windows'],
    refreshTokenIds: {
      /** Dashboard (SPA), bound to `alice-chrome-macos`. */
      dashboard: 'rt-alice-dashboard',
      /** Mobile App, bound to `alice-safari-ios`. */
      mobile: 'rt-alice-mobile',
      /** Mobile App, unbound (`session_id: null`). */
      mobileUnbound: 'rt-alice-mobile-unbound',
    },
  },
  bob: {
    user_id: 'auth0|64b7f0c2a1e3d4f5a6b7c8d9',
    email: 'bob@example.com',
    sessionIds: ['bob-edge-windows', 'bob-chrome-android'],
    refreshTokenIds: { mobile: 'rt-bob-mobile' },
  },
  carol: {
    user_id: 'samlp|acme-saml|carol@corp.example.com',
    email: 'carol@corp.example.com',
    sessionIds: ['carol-chrome-linux'],
    refreshTokenIds: {},
  },
  dave: {
    user_id: 'waad|9f3c2b1a-7d6e-4c5b-8a9f-0e1d2c3b4a59',
    email: 'dave@contoso.example.net',
    sessionIds: [],
    refreshTokenIds: {},
  },
} as const

/** Number of well-known users; generated users start at this index. */
export const WELL_KNOWN_USER_COUNT = 4

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const iso = (ms: number): string => new Date(Math.round(ms / 1000) * 1000).toISOString()

const device = (
  userAgent: string,
  ip: string,
  asn: string,
  last?: { ip: string; asn: string },
): SandboxDevice => ({
  initial_user_agent: userAgent,
  initial_ip: ip,
  initial_asn: asn,
  last_user_agent: userAgent,
  last_ip: last?.ip ?? ip,
  last_asn: last?.asn ?? asn,
})

const session = (
  ctx: GeneratorContext,
  fields: {
    id: string
    userId: string
    createdAgo: number
    lastAgo: number
    mode: 'persistent' | 'non-persistent'
    device: SandboxDevice
    clients: string[]
    methods: SandboxSession['authentication']['methods']
    idleLeft?: number
    absoluteLeft?: number
    metadata?: Record<string, string>
  },
): SandboxSession => {
  const now = ctx.nowMs
  const persistent = fields.mode === 'persistent'
  const absolute =
    (persistent ? ctx.tenant.session_lifetime : ctx.tenant.ephemeral_session_lifetime) * HOUR
  const idle =
    (persistent ? ctx.tenant.idle_session_lifetime : ctx.tenant.idle_ephemeral_session_lifetime) *
    HOUR
  const createdMs =
    fields.absoluteLeft !== undefined
      ? now - absolute + fields.absoluteLeft
      : now - fields.createdAgo
  const lastMs = fields.idleLeft !== undefined ? now - idle + fields.idleLeft : now - fields.lastAgo
  const s: SandboxSession = {
    id: fields.id,
    user_id: fields.userId,
    created_at: iso(createdMs),
    updated_at: iso(lastMs),
    authenticated_at: iso(createdMs),
    idle_expires_at: iso(Math.min(lastMs + idle, createdMs + absolute)),
    expires_at: iso(createdMs + absolute),
    last_interacted_at: iso(lastMs),
    device: fields.device,
    clients: fields.clients.map((client_id) => ({ client_id })),
    authentication: { methods: fields.methods },
    cookie: { mode: fields.mode },
  }
  if (fields.metadata !== undefined) s.session_metadata = fields.metadata
  return s
}

/** Profiles and graphs of the well-known users, dated relative to `ctx.nowMs`. */
export const wellKnownUsers = (
  ctx: GeneratorContext,
): { user: SandboxUser; graph: UserGraph }[] => {
  const now = ctx.nowMs
  const prng = createPrng(hashSeed('well-known'))
  const { alice, bob, carol, dave } = DEMO_USERS
  const withPicture = (user: SandboxUser, hue: number): SandboxUser =>
    ctx.withPictures ? { ...user, picture: initialsAvatar(user.name, hue) } : user

  const aliceMac = device(DEVICES.chromeMac.userAgent, '203.0.113.24', '64500')
  const aliceIos = device(DEVICES.safariIos.userAgent, '198.51.100.77', '64502', {
    ip: '198.51.100.140',
    asn: '64502',
  })
  const aliceSessions = [
    session(ctx, {
      id: alice.sessionIds[0],
      userId: alice.user_id,
      createdAgo: 2 * DAY + 3 * HOUR,
      lastAgo: 25 * MINUTE,
      mode: 'persistent',
      device: aliceMac,
      clients: [DEMO_CLIENT_IDS.supportPortal, DEMO_CLIENT_IDS.dashboardSpa],
      methods: [{ name: 'federated', timestamp: iso(now - 2 * DAY - 3 * HOUR) }],
      metadata: { device_name: "Alice's MacBook" },
    }),
    session(ctx, {
      id: alice.sessionIds[1],
      userId: alice.user_id,
      createdAgo: 5 * DAY,
      lastAgo: 3 * HOUR,
      mode: 'persistent',
      device: aliceIos,
      clients: [DEMO_CLIENT_IDS.mobileApp],
      methods: [{ name: 'federated', timestamp: iso(now - 5 * DAY) }],
    }),
    session(ctx, {
      id: alice.sessionIds[2],
      userId: alice.user_id,
      createdAgo: 9 * HOUR,
      lastAgo: 0,
      idleLeft: 12 * MINUTE,
      mode: 'non-persistent',
      device: device(DEVICES.firefoxWindows.userAgent, '192.0.2.61', '64497'),
      clients: [DEMO_CLIENT_IDS.supportPortal],
      methods: [{ name: 'federated', timestamp: iso(now - 9 * HOUR) }],
    }),
  ]
  const aliceTokens = [
    makeRefreshToken(prng, {
      id: alice.refreshTokenIds.dashboard,
      userId: alice.user_id,
      clientId: DEMO_CLIENT_IDS.dashboardSpa,
      sessionId: alice.sessionIds[0],
      createdMs: now - 2 * DAY - 3 * HOUR,
      lastExchangedMs: now - 25 * MINUTE,
      device: aliceMac,
    }),
    makeRefreshToken(prng, {
      id: alice.refreshTokenIds.mobile,
      userId: alice.user_id,
      clientId: DEMO_CLIENT_IDS.mobileApp,
      sessionId: alice.sessionIds[1],
      createdMs: now - 5 * DAY,
      lastExchangedMs: now - 3 * HOUR,
      device: aliceIos,
      appUserAgent: DEVICES.safariIos.appUserAgent,
    }),
    makeRefreshToken(prng, {
      id: alice.refreshTokenIds.mobileUnbound,
      userId: alice.user_id,
      clientId: DEMO_CLIENT_IDS.mobileApp,
      sessionId: null,
      createdMs: now - 140 * DAY,
      lastExchangedMs: now - 6 * DAY,
      device: device(DEVICES.chromeAndroid.userAgent, '203.0.113.201', '64509'),
      appUserAgent: DEVICES.chromeAndroid.appUserAgent,
    }),
  ]

  const bobPhone = device(DEVICES.chromeAndroid.userAgent, '198.51.100.18', '64505')
  const bobSessions = [
    session(ctx, {
      id: bob.sessionIds[0],
      userId: bob.user_id,
      createdAgo: 26 * HOUR,
      lastAgo: 40 * MINUTE,
      mode: 'persistent',
      device: device(DEVICES.edgeWindows.userAgent, '192.0.2.15', '64496', {
        ip: '192.0.2.99',
        asn: '64496',
      }),
      clients: [DEMO_CLIENT_IDS.supportPortal, DEMO_CLIENT_IDS.intranetWiki],
      methods: [
        { name: 'pwd', timestamp: iso(now - 26 * HOUR) },
        { name: 'mfa', timestamp: iso(now - 26 * HOUR + 20_000), type: 'otp' },
      ],
    }),
    session(ctx, {
      id: bob.sessionIds[1],
      userId: bob.user_id,
      createdAgo: 3 * DAY,
      lastAgo: 7 * HOUR,
      mode: 'persistent',
      device: bobPhone,
      clients: [DEMO_CLIENT_IDS.mobileApp],
      methods: [{ name: 'pwd', timestamp: iso(now - 3 * DAY) }],
    }),
  ]
  const bobTokens = [
    makeRefreshToken(prng, {
      id: bob.refreshTokenIds.mobile,
      userId: bob.user_id,
      clientId: DEMO_CLIENT_IDS.mobileApp,
      sessionId: bob.sessionIds[1],
      createdMs: now - 3 * DAY,
      lastExchangedMs: now - 7 * HOUR,
      device: bobPhone,
      appUserAgent: DEVICES.chromeAndroid.appUserAgent,
    }),
  ]

  const carolSessions = [
    session(ctx, {
      id: carol.sessionIds[0],
      userId: carol.user_id,
      createdAgo: 0,
      absoluteLeft: 2 * HOUR,
      lastAgo: 50 * MINUTE,
      mode: 'persistent',
      device: device(DEVICES.chromeLinux.userAgent, '203.0.113.7', '64510'),
      clients: [DEMO_CLIENT_IDS.intranetWiki, DEMO_CLIENT_IDS.partnerSaml],
      methods: [{ name: 'federated', timestamp: iso(now - 166 * HOUR) }],
    }),
  ]

  const profile = (
    fields: Pick<SandboxUser, 'user_id' | 'email' | 'name' | 'nickname' | 'identities'> &
      Partial<SandboxUser>,
    createdDaysAgo: number,
    lastLoginAgo: number,
    logins: number,
  ): SandboxUser => ({
    email_verified: true,
    created_at: iso(now - createdDaysAgo * DAY),
    updated_at: iso(now - lastLoginAgo),
    last_login: iso(now - lastLoginAgo),
    last_ip: '203.0.113.24',
    logins_count: logins,
    ...fields,
  })

  return [
    {
      user: withPicture(
        profile(
          {
            user_id: alice.user_id,
            email: alice.email,
            name: 'Alice Nakamura',
            given_name: 'Alice',
            family_name: 'Nakamura',
            nickname: 'alice',
            identities: [
              {
                connection: DEMO_CONNECTIONS.google,
                provider: 'google-oauth2',
                user_id: '104729384756102938475',
                isSocial: true,
              },
            ],
          },
          400,
          9 * HOUR,
          87,
        ),
        210,
      ),
      graph: { sessions: aliceSessions, refreshTokens: aliceTokens },
    },
    {
      user: withPicture(
        profile(
          {
            user_id: bob.user_id,
            email: bob.email,
            name: 'Bob Okafor',
            given_name: 'Bob',
            family_name: 'Okafor',
            nickname: 'bob',
            multifactor: ['guardian'],
            identities: [
              {
                connection: DEMO_CONNECTIONS.database,
                provider: 'auth0',
                user_id: '64b7f0c2a1e3d4f5a6b7c8d9',
                isSocial: false,
              },
            ],
          },
          700,
          26 * HOUR,
          312,
        ),
        30,
      ),
      graph: { sessions: bobSessions, refreshTokens: bobTokens },
    },
    {
      user: withPicture(
        profile(
          {
            user_id: carol.user_id,
            email: carol.email,
            name: 'Carol Dubois',
            nickname: 'carol',
            identities: [
              {
                connection: DEMO_CONNECTIONS.saml,
                provider: 'samlp',
                user_id: 'acme-saml|carol@corp.example.com',
                isSocial: false,
              },
            ],
          },
          200,
          166 * HOUR,
          41,
        ),
        130,
      ),
      graph: { sessions: carolSessions, refreshTokens: [] },
    },
    {
      user: withPicture(
        profile(
          {
            user_id: dave.user_id,
            email: dave.email,
            name: 'Dave Jensen',
            nickname: 'dave',
            identities: [
              {
                connection: DEMO_CONNECTIONS.entra,
                provider: 'waad',
                user_id: '9f3c2b1a-7d6e-4c5b-8a9f-0e1d2c3b4a59',
                isSocial: false,
              },
            ],
          },
          90,
          30 * DAY,
          3,
        ),
        300,
      ),
      graph: { sessions: [], refreshTokens: [] },
    },
  ]
}
