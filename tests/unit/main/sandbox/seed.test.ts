import { describe, expect, it } from 'vitest'
import {
  DEMO_CLIENT_IDS,
  seedClients,
  seedConnections,
  seedTenantSettings,
} from '../../../../main/sandbox/seed-catalog'
import { generateUser, generateUserGraph, ownerIndexOf } from '../../../../main/sandbox/seed-users'
import { DEMO_USERS } from '../../../../main/sandbox/seed-well-known'
import { SEED_SIZES, createSandboxStore, spreadSessions } from '../../../../main/sandbox/store'

const NOW = Date.parse('2030-03-15T12:00:00Z')
const DOC_IP = /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$/

const snapshot = (store: ReturnType<typeof createSandboxStore>) =>
  JSON.stringify({
    users: store.users,
    sessions: store.users.map((u) => store.listSessions(u.user_id)),
    tokens: store.users.map((u) => store.listRefreshTokens(u.user_id)),
    clients: store.clients,
    connections: store.connections,
    tenant: store.tenant,
  })

describe('demo seed', () => {
  const store = createSandboxStore({ seed: 'demo', nowMs: NOW })
  const sessions = store.users.flatMap((u) => store.listSessions(u.user_id))
  const tokens = store.users.flatMap((u) => store.listRefreshTokens(u.user_id))

  it('is deterministic: same seed and reference time, same data', () => {
    expect(snapshot(createSandboxStore({ seed: 'demo', nowMs: NOW }))).toBe(snapshot(store))
    expect(snapshot(createSandboxStore({ seed: 'demo', nowMs: NOW + 1000 }))).not.toBe(
      snapshot(store),
    )
  })

  it('has 50 users with unique ids and emails across the five connections', () => {
    expect(store.users).toHaveLength(SEED_SIZES.demo.users)
    expect(new Set(store.users.map((u) => u.user_id)).size).toBe(50)
    expect(new Set(store.users.map((u) => u.email)).size).toBe(50)
    const connections = new Set(store.users.map((u) => u.identities[0]?.connection))
    expect(connections).toEqual(new Set(seedConnections().map((c) => c.name)))
    for (const u of store.users) {
      const [identity] = u.identities
      expect(u.user_id.startsWith(`${identity?.provider ?? ''}|`)).toBe(true)
      expect(u.picture ?? 'data:').toMatch(/^data:image\/svg\+xml;base64,/)
    }
  })

  it('seeds the well-known users exactly as documented', () => {
    const { alice, bob, carol, dave } = DEMO_USERS
    expect(store.getUser(alice.user_id)?.email).toBe(alice.email)
    expect(store.listSessions(alice.user_id).map((s) => s.id)).toEqual(alice.sessionIds)
    const aliceTokens = store.listRefreshTokens(alice.user_id)
    expect(aliceTokens.map((t) => [t.id, t.session_id])).toEqual([
      [alice.refreshTokenIds.dashboard, alice.sessionIds[0]],
      [alice.refreshTokenIds.mobile, alice.sessionIds[1]],
      [alice.refreshTokenIds.mobileUnbound, null],
    ])
    const soon = store.getSession(alice.sessionIds[2])
    const idleLeft = Date.parse(soon?.idle_expires_at ?? '') - NOW
    expect(idleLeft).toBe(12 * 60_000)
    expect(soon?.cookie.mode).toBe('non-persistent')
    expect(store.listSessions(bob.user_id)).toHaveLength(2)
    expect(store.getSession(bob.sessionIds[0])?.authentication.methods.map((m) => m.name)).toEqual([
      'pwd',
      'mfa',
    ])
    expect(Date.parse(store.getSession(carol.sessionIds[0])?.expires_at ?? '') - NOW).toBe(
      2 * 3600_000,
    )
    expect(store.listSessions(dave.user_id)).toEqual([])
    expect(store.listRefreshTokens(dave.user_id)).toEqual([])
  })

  it('gives users 0–8 sessions that respect the tenant lifetimes', () => {
    const counts = store.users.map((u) => store.listSessions(u.user_id).length)
    expect(Math.min(...counts)).toBe(0)
    expect(Math.max(...counts)).toBeLessThanOrEqual(8)
    expect(new Set(sessions.map((s) => s.id)).size).toBe(sessions.length)
    for (const s of sessions) {
      const created = Date.parse(s.created_at)
      const last = Date.parse(s.last_interacted_at ?? '')
      const idle = Date.parse(s.idle_expires_at)
      const absolute = Date.parse(s.expires_at)
      expect(created).toBeLessThanOrEqual(last)
      expect(last).toBeLessThanOrEqual(NOW)
      expect(idle).toBeGreaterThan(NOW)
      expect(idle).toBeLessThanOrEqual(absolute)
      const hours =
        s.cookie.mode === 'persistent'
          ? store.tenant.session_lifetime
          : store.tenant.ephemeral_session_lifetime
      expect(absolute - created).toBe(hours * 3600_000)
      expect(s.device.initial_ip).toMatch(DOC_IP)
      expect(s.device.last_ip).toMatch(DOC_IP)
      expect(s.clients.length).toBeGreaterThan(0)
      expect(
        s.clients.every((c) => store.getClient(c.client_id)?.app_type !== 'non_interactive'),
      ).toBe(true)
    }
    // Some sessions are about to expire, so the console has something to warn about.
    expect(sessions.some((s) => Date.parse(s.idle_expires_at) - NOW < 2 * 3600_000)).toBe(true)
  })

  it('binds refresh tokens to live sessions of the same user, or to none', () => {
    expect(tokens.some((t) => t.session_id === null)).toBe(true)
    expect(tokens.some((t) => t.session_id !== null)).toBe(true)
    for (const t of tokens) {
      if (t.session_id !== null) expect(store.getSession(t.session_id)?.user_id).toBe(t.user_id)
      expect(t.rotating).toBe(
        store.getClient(t.client_id)?.refresh_token.rotation_type === 'rotating',
      )
    }
  })

  it('revokes bound refresh tokens with their session, but deleting a session keeps them', () => {
    const local = createSandboxStore({ seed: 'demo', nowMs: NOW })
    const { alice } = DEMO_USERS
    expect(local.deleteSession(alice.sessionIds[0])).toBe(true)
    expect(local.getRefreshToken(alice.refreshTokenIds.dashboard)).toBeDefined()
    expect(local.revokeSession(alice.sessionIds[1])).toEqual({ refreshTokensDeleted: 1 })
    expect(local.getRefreshToken(alice.refreshTokenIds.mobile)).toBeUndefined()
    expect(local.getRefreshToken(alice.refreshTokenIds.mobileUnbound)).toBeDefined()
    expect(local.revokeSession('nope')).toBeNull()
    expect(local.deleteUserSessions(alice.user_id)).toBe(1)
    expect(local.listRefreshTokens(alice.user_id)).toHaveLength(2)
  })

  it('seeds six applications of every type, with risky wildcards and back-channel logout', () => {
    const clients = seedClients()
    expect(clients).toHaveLength(6)
    expect(new Set(clients.map((c) => c.app_type))).toEqual(
      new Set(['regular_web', 'spa', 'native', 'non_interactive']),
    )
    expect(clients.flatMap((c) => c.allowed_logout_urls).some((u) => u.includes('*'))).toBe(true)
    const modes = clients.map((c) => c.oidc_logout?.backchannel_logout_initiators?.mode)
    expect(modes).toContain('custom')
    expect(modes).toContain('all')
    expect(clients.find((c) => c.client_id === DEMO_CLIENT_IDS.partnerSaml)?.addons).toHaveProperty(
      'samlp',
    )
    const google = seedConnections().filter((c) => c.strategy === 'google-oauth2')
    expect(google.map((c) => 'client_id' in c.options)).toEqual([true, false])
  })
})

describe('large seed', () => {
  it('spreads exactly the requested sessions, at most 8 per user, deterministically', () => {
    const a = spreadSessions('large', 100_000, 4, 249_994)
    const b = spreadSessions('large', 100_000, 4, 249_994)
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
    expect(a.reduce((n, c) => n + c, 0)).toBe(249_994)
    expect(a.reduce((m, c) => Math.max(m, c), 0)).toBeLessThanOrEqual(8)
    expect([...a.slice(0, 4)]).toEqual([0, 0, 0, 0])
  })

  it('generates the same user and sessions for the same index, whatever the visiting order', () => {
    const ctx = { seed: 'large', nowMs: NOW, tenant: seedTenantSettings(), withPictures: false }
    const user = generateUser(ctx, 99_999, 3)
    expect(generateUser(ctx, 99_999, 3)).toEqual(user)
    generateUser(ctx, 12, 1)
    expect(generateUserGraph(ctx, 99_999, user, 3)).toEqual(generateUserGraph(ctx, 99_999, user, 3))
    expect(user.email).toMatch(/\.99999@/)
  })

  it('encodes the owner index in generated ids', () => {
    expect(ownerIndexOf('ABCDEFGHIJKLMNOPQRSTUVWXYZ1zzz01')).toBe(parseInt('1zzz', 36))
    expect(ownerIndexOf('alice-chrome-macos')).toBeNull()
    expect(ownerIndexOf('ABCDEFGHIJKLMNOPQRSTUVWXYZ1ZZZ01')).toBeNull()
  })
})
