import { describe, expect, it } from 'vitest'
import type { LayerLink } from '../../../../preload/contract'
import { dependentsOf } from '../../../../core/layers/layer-graph'
import { buildUserLayers } from '../../../../core/layers/layer-model'

/*
 * idp:google ─▶ session:a ─▶ app:portal
 *                         ├─▶ app:mobile ─▶ rt:bound-a (bound to session:a)
 *                         └─▶ rt:bound-a
 * idp:db ─────▶ session:b ─▶ app:portal
 * idp:google ─▶ session:c ◀─ idp:github   (federated: either identity)
 *                         └─▶ app:wiki
 * app:mobile ─▶ rt:unbound (no session)
 * app:cli ────▶ rt:only (no session)
 */
const link = (from: string, to: string, kind: LayerLink['kind']): LayerLink => ({ from, to, kind })
const links: LayerLink[] = [
  link('idp:google', 'session:a', 'idp-session'),
  link('idp:db', 'session:b', 'idp-session'),
  link('idp:google', 'session:c', 'idp-session'),
  link('idp:github', 'session:c', 'idp-session'),
  link('session:a', 'app:portal', 'session-app'),
  link('session:a', 'app:mobile', 'session-app'),
  link('session:b', 'app:portal', 'session-app'),
  link('session:c', 'app:wiki', 'session-app'),
  link('session:a', 'rt:bound-a', 'session-token'),
  link('app:mobile', 'rt:bound-a', 'app-token'),
  link('app:mobile', 'rt:unbound', 'app-token'),
  link('app:cli', 'rt:only', 'app-token'),
]
const layers = { links }
const sorted = (set: Set<string>) => [...set].sort()

describe('dependentsOf', () => {
  it('a session takes its bound tokens and no app that lives on elsewhere', () => {
    // portal still has session:b; mobile still has rt:unbound.
    expect(sorted(dependentsOf(layers, 'session:a'))).toEqual(['rt:bound-a'])
  })

  it('a session cuts off the apps used only through it', () => {
    expect(sorted(dependentsOf(layers, 'session:c'))).toEqual(['app:wiki'])
  })

  it('an IdP ends the sessions authenticated only through it, and what hangs off them', () => {
    // session:c could also have come through GitHub, so it survives.
    expect(sorted(dependentsOf(layers, 'idp:google'))).toEqual(['rt:bound-a', 'session:a'])
    expect(sorted(dependentsOf(layers, 'idp:db'))).toEqual(['session:b'])
  })

  it('cuts an app off once its sessions and tokens have all ended', () => {
    const withoutUnbound = { links: links.filter((l) => l.to !== 'rt:unbound') }
    expect(sorted(dependentsOf(withoutUnbound, 'session:a'))).toEqual(['app:mobile', 'rt:bound-a'])
  })

  it('keeps a session that another IdP still backs', () => {
    const twoWays = { links: [...links, link('idp:db', 'session:a', 'idp-session')] }
    expect(sorted(dependentsOf(twoWays, 'idp:google'))).toEqual([])
  })

  it('an app ends its refresh tokens', () => {
    expect(sorted(dependentsOf(layers, 'app:mobile'))).toEqual(['rt:bound-a', 'rt:unbound'])
  })

  it('the last refresh token of an app cuts the app off', () => {
    expect(sorted(dependentsOf(layers, 'rt:only'))).toEqual(['app:cli'])
    expect(sorted(dependentsOf(layers, 'rt:unbound'))).toEqual([])
  })

  it('unknown nodes have no dependents', () => {
    expect(dependentsOf(layers, 'session:nope').size).toBe(0)
    expect(dependentsOf({ links: [] }, 'idp:google').size).toBe(0)
  })

  it('works on a built layer map', () => {
    const built = buildUserLayers(
      {
        tenantId: 't',
        user: { user_id: 'u', identities: [{ connection: 'google', provider: 'google-oauth2' }] },
        sessions: [{ id: 's1', clients: [{ client_id: 'web' }] }],
        refreshTokens: [
          { id: 'r1', client_id: 'app', session_id: 's1' },
          { id: 'r2', client_id: 'web', session_id: null },
        ],
        clients: [],
        connections: [],
      },
      new Date('2026-11-25T00:00:00Z'),
    )
    // web lives on through r2; app was used only through r1.
    expect(sorted(dependentsOf(built, 'idp:google'))).toEqual(['app:app', 'rt:r1', 'session:s1'])
  })
})
