import { describe, expect, it } from 'vitest'
import { createSandboxStore } from '../../../../main/sandbox/store'
import {
  SEEDED_HISTORY_DAYS,
  createTenantLogRecorder,
  seedTenantLogs,
  type TenantLogRecorder,
} from '../../../../main/sandbox/tenant-logs'

const NOW = Date.UTC(2026, 2, 10, 12, 0, 0)

const seeded = (): TenantLogRecorder => {
  const store = createSandboxStore({ seed: 'demo', nowMs: NOW })
  const recorder = createTenantLogRecorder({ now: () => NOW, seed: 'demo' })
  seedTenantLogs(recorder, store)
  return recorder
}

describe('tenant log recorder', () => {
  it('records Auth0 fields, resolves client_name, and log_ids sort in event order', () => {
    let now = NOW
    const recorder = createTenantLogRecorder({
      now: () => now,
      seed: 't',
      clientName: (id) => (id === 'c1' ? 'Support Portal' : undefined),
    })
    const a = recorder.login(true, { user_id: 'u1', client_id: 'c1', ip: '203.0.113.9' })
    now += 5
    const b = recorder.silentAuth(false, { user_id: 'u1' })
    const c = recorder.record('slo', { date: NOW - 1000 })
    expect(a).toMatchObject({
      type: 's',
      description: 'Success Login',
      client_name: 'Support Portal',
    })
    expect(b).toMatchObject({ type: 'fsa', description: 'Login required' })
    expect(a.log_id).toMatch(/^900\d{47}$/)
    expect(a.date).toBe(new Date(NOW).toISOString())
    // An event dated in the past is placed by its log_id, before the others.
    expect(recorder.all().map((l) => l.log_id)).toEqual([c.log_id, a.log_id, b.log_id])
    expect([...recorder.all().map((l) => l.log_id)].sort()).toEqual(
      recorder.all().map((l) => l.log_id),
    )
    expect(recorder.get(b.log_id)).toBe(b)
  })

  it('helpers map to the event codes', () => {
    const r = createTenantLogRecorder({ now: () => NOW, seed: 't' })
    const types = [
      r.login(false, {}),
      r.logout(true, {}),
      r.logout(false, {}),
      r.silentAuth(true, {}),
      r.refreshTokensRevoked({}),
      r.backchannelLogout(true, {}),
      r.backchannelLogout(false, { description: 'timeout' }),
    ].map((l) => [l.type, l.description])
    expect(types).toEqual([
      ['f', 'Failed Login'],
      ['slo', 'Success Logout'],
      ['flo', 'Failed Logout'],
      ['ssa', 'Success Silent Auth'],
      ['srrt', 'Successfully revoked a Refresh Token'],
      ['oidc_backchannel_logout_succeeded', 'Successful OIDC Back-Channel Logout'],
      ['oidc_backchannel_logout_failed', 'timeout'],
    ])
  })

  it('keeps only the newest events past the retention cap', () => {
    let now = NOW
    const r = createTenantLogRecorder({ now: () => now++, seed: 't', retention: 3 })
    const ids = Array.from({ length: 5 }, () => r.record('sapi').log_id)
    expect(r.all().map((l) => l.log_id)).toEqual(ids.slice(2))
    expect(r.get(ids[0] as string)).toBeUndefined()
    expect(r.retention).toBe(3)
  })

  it('seeds a deterministic history of the last 30 days from the users’ sessions', () => {
    const first = seeded().all()
    const second = seeded().all()
    expect(second).toEqual(first)
    expect(first.length).toBeGreaterThan(50)
    const since = NOW - SEEDED_HISTORY_DAYS * 24 * 3_600_000
    expect(first.every((l) => Date.parse(l.date) >= since && Date.parse(l.date) <= NOW)).toBe(true)
    const store = createSandboxStore({ seed: 'demo', nowMs: NOW })
    const logins = first.filter((l) => l.type === 's')
    expect(new Set(logins.map((l) => l.user_id)).size).toBeGreaterThan(20)
    // Every login carries a session's IP and user agent.
    const devices = new Set(
      store.users.flatMap((u) =>
        store
          .listSessions(u.user_id)
          .map((s) => `${s.device.initial_ip} ${s.device.initial_user_agent}`),
      ),
    )
    expect(logins.every((l) => devices.has(`${l.ip} ${l.user_agent}`))).toBe(true)
    expect(new Set(first.map((l) => l.type))).toEqual(new Set(['s', 'f', 'ssa', 'slo']))
  })
})
