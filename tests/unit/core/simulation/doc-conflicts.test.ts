import { describe, expect, it } from 'vitest'
import { baseClients, baseState, expectNote, last, runSteps } from './builders'

// Where Auth0's docs disagree (reference "doc conflict") or are silent ("unconfirmed"), the
// simulator picks one reading and says so in `notes`. Each choice: the behaviour, and the note.

type Json = Record<string, unknown>

describe('doc conflicts', () => {
  it('/v2/logout returnTo without client_id is checked against the tenant list (guide pages, not the API reference)', () => {
    const step = last(
      runSteps([
        {
          do: 'logout',
          endpoint: '/v2/logout',
          params: { returnTo: 'https://portal.example.com/bye' },
        },
      ]),
    )
    expect(step).toMatchObject({
      result: 'ok',
      allow_list: 'tenant',
      matched_entry: 'https://portal.example.com/bye',
    })
    expectNote(step, 'Doc conflict', 'client_id as required', 'tenant list')
  })

  it('/oidc/logout id_token_hint without client_id uses the application list of aud (guide, not the API reference)', () => {
    const step = last(
      runSteps([
        {
          do: 'logout',
          endpoint: '/oidc/logout',
          params: {
            id_token_hint: { aud: 'A', sid: 's1' },
            post_logout_redirect_uri: 'https://a.example.com/bye',
          },
        },
      ]),
    )
    expect(step).toMatchObject({ result: 'ok', allow_list: 'client:A' })
    expectNote(step, 'Doc conflict', 'tenant list is used when only id_token_hint is sent')
  })

  it('Management API deletes send the "session-revoked" initiator, not "session-deleted"', () => {
    const step = last(runSteps([{ do: 'delete_session', session_id: 's1' }]))
    expectNote(step, 'Doc conflict', '"session-deleted"', '"session-revoked"')
    for (const kind of [
      { do: 'revoke_session', session_id: 's1' },
      { do: 'delete_user_sessions' },
    ]) {
      expectNote(last(runSteps([kind])), 'Doc conflict', 'session-revoked')
    }
  })

  it('a client selecting "session-deleted" gets the session-revoked token, with a note', () => {
    const clients = baseClients()
    clients[0] = {
      ...clients[0],
      oidc_logout: {
        backchannel_logout_urls: ['https://a.example.com/bc'],
        backchannel_logout_initiators: { mode: 'custom', selected_initiators: ['session-deleted'] },
      },
    }
    const step = last(runSteps([{ do: 'delete_session', session_id: 's1' }], { clients }))
    expect(step.backchannel).toEqual([{ client_id: 'A', initiator: 'session-revoked' }])
    expectNote(step, 'Doc conflict', 'A selects "session-deleted"')
  })

  it('SAML disableSignout: true means no SAML logout request (SDK/OAS reading)', () => {
    const state = baseState() as { sessions: Json[]; idp_sessions: string[] }
    state.sessions[0]!['connection'] = 'saml-no-signout'
    state.idp_sessions = ['saml-no-signout']
    const step = last(
      runSteps([{ do: 'logout', endpoint: '/v2/logout', params: { federated: true } }], { state }),
    )
    expect(step.idp_logout).toBeNull()
    expect(step.ended).not.toContain('idp:saml-no-signout')
    expectNote(step, 'Doc conflict', 'disableSignout', 'SDK/OAS meaning')
  })

  it('session_lifetime defaults to the 168 h of the tenant-settings page (no longer a conflict)', () => {
    // The contract now says 168 h too; until issue 14 the simulator defaulted to 72 h.
    const out = runSteps([{ do: 'wait', minutes: 70 * 60 }], {
      tenant: { idle_session_lifetime: 100 },
    })
    expect(last(out).ended).toEqual([])
    expectNote(last(out), "Auth0's default of 168 h")
    expect(last(out).notes.some((note) => note.includes('Doc conflict'))).toBe(false)
  })

  it('/oidc/logout query strings follow the February 2026 exact-match rule, not the older name-only one', () => {
    const clients = baseClients()
    clients[0] = { ...clients[0], allowed_logout_urls: ['https://a.example.com/bye?myParam'] }
    const step = last(
      runSteps(
        [
          {
            do: 'logout',
            endpoint: '/oidc/logout',
            params: {
              client_id: 'A',
              logout_hint: 's1',
              post_logout_redirect_uri: 'https://a.example.com/bye?myParam=1',
            },
          },
        ],
        { clients },
      ),
    )
    expect(step.result).toBe('error')
    expectNote(step, 'Until January 2026', 'February 2026')
  })
})

describe('unconfirmed behaviour, and the reading the simulator takes', () => {
  it('a refused return URL ends nothing (worst case for a review)', () => {
    const out = runSteps([
      { do: 'logout', endpoint: '/v2/logout', params: { returnTo: 'https://evil.example.com/' } },
    ])
    expect(last(out)).toMatchObject({ result: 'error', ended: [] })
    expect(out.final.sessions).toEqual(['s1'])
    expectNote(last(out), 'Unconfirmed', 'whether Auth0 clears the session')
  })

  it('a denied confirmation leaves the session alive', () => {
    const step = last(runSteps([{ do: 'logout', endpoint: '/oidc/logout', confirm: 'deny' }]))
    expect(step).toMatchObject({ result: 'aborted', ended: [] })
    expectNote(step, 'Unconfirmed', 'survives a deny')
  })

  it('/v2/logout with neither client_id nor returnTo: no redirect', () => {
    const step = last(runSteps([{ do: 'logout', endpoint: '/v2/logout' }]))
    expect(step).toMatchObject({ result: 'ok', redirect_to: null, allow_list: null })
    expectNote(step, 'Unconfirmed', 'logged-out page')
  })

  it('/oidc/logout with a hint but no URI and no client_id: no redirect', () => {
    const step = last(
      runSteps([
        {
          do: 'logout',
          endpoint: '/oidc/logout',
          params: { id_token_hint: { aud: 'A', sid: 's1' } },
        },
      ]),
    )
    expect(step).toMatchObject({ result: 'ok', redirect_to: null, allow_list: null })
    expectNote(step, 'Unconfirmed', 'logout-complete')
  })

  it('client_id with an empty list and no return URL: logout, no redirect', () => {
    const step = last(
      runSteps([{ do: 'logout', endpoint: '/v2/logout', params: { client_id: 'C' } }]),
    )
    expect(step).toMatchObject({ result: 'ok', redirect_to: null, allow_list: 'client:C' })
    expectNote(step, 'Unconfirmed', 'list is empty')
  })

  it('idle_session_lifetime defaults to 72 h', () => {
    const out = runSteps([{ do: 'wait', minutes: 1 }], { tenant: { session_lifetime: 1000 } })
    expectNote(last(out), 'Unconfirmed', 'idle_session_lifetime', '72 h')
  })

  it('federated with a provider Auth0 does not list ends only the Auth0 session', () => {
    const state = baseState() as { sessions: Json[]; idp_sessions: string[] }
    state.sessions[0]!['connection'] = 'linkedin'
    state.idp_sessions = ['linkedin']
    const step = last(
      runSteps([{ do: 'logout', endpoint: '/v2/logout', params: { federated: true } }], { state }),
    )
    expect(step.ended).toEqual(['session:s1', 'app:A'])
    expectNote(step, 'unconfirmed', 'LinkedIn')
  })
})
