import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import { gunzipSync, createGunzip } from 'node:zlib'
import { type ManagementClient, type Management } from 'auth0'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  DEMO_CONNECTIONS,
  DEMO_USERS,
  PROVISIONING_SCOPES,
  startSandbox,
  type Sandbox,
  type SandboxLog,
} from '../../main/sandbox/server'
import { errorOf, sdkFor } from '../helpers/sdk'

// The Sandbox's write endpoints, driven by the official auth0 SDK 7.1 (see sandbox-sdk.test.ts for
// the fetch rewrite: the SDK always builds https://{domain}/…).

const tokenFor = async (sandbox: Sandbox, clientId: string, clientSecret: string) => {
  const res = await fetch(`${sandbox.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      audience: `https://${sandbox.domain}/api/v2/`,
    }),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

/** The SDK types `date` as string | object; the Sandbox sends ISO strings. */
const dateOf = (date: Management.LogDate | undefined): string =>
  typeof date === 'string' ? date : ''

const PROVISIONER = { clientId: 'provisioner-m2m', clientSecret: 'provisioner-secret' }
const STRONG = 'Correct-Horse-9-Battery'
const { alice, bob } = DEMO_USERS

const pollToCompletion = async (client: ManagementClient, id: string) => {
  const seen: Management.GetJobResponseContent[] = []
  for (let i = 0; i < 10; i++) {
    const job = await client.jobs.get(id)
    seen.push(job)
    if (job.status === 'completed') return seen
  }
  throw new Error(`job ${id} never completed`)
}

describe('sandbox write endpoints driven by the auth0 SDK', () => {
  let sandbox: Sandbox
  let api: ManagementClient
  let admin: ManagementClient

  beforeAll(async () => {
    sandbox = await startSandbox({
      rateLimit: { burst: 1000, perSecond: 1000 },
      extraClients: [
        {
          ...PROVISIONER,
          scopes: [...PROVISIONING_SCOPES, 'read:users', 'read:logs', 'read:clients'],
        },
      ],
    })
    api = sdkFor(sandbox, sandbox)
    admin = sdkFor(sandbox, PROVISIONER)
  })
  afterAll(() => sandbox.close())
  beforeEach(() => sandbox.reset())

  describe('clients and client grants', () => {
    it('a created client gets tokens only with a grant, and exactly the grant scopes', async () => {
      const created = await admin.clients.create({
        name: 'Nightly job',
        app_type: 'non_interactive',
      })
      expect(created.client_id).toMatch(/^[A-Za-z0-9]{32}$/)
      expect(created.client_secret?.length).toBeGreaterThan(40)
      expect(created).toMatchObject({ name: 'Nightly job', app_type: 'non_interactive' })
      expect(created.grant_types).toEqual(['client_credentials'])
      const id = created.client_id as string
      const secret = created.client_secret as string
      // The secret is answered once: the client record never shows it.
      const read = await api.clients.get(id)
      expect(read.client_secret).toBeUndefined()

      const before = await tokenFor(sandbox, id, secret)
      expect(before.status).toBe(403)
      expect(before.body).toMatchObject({ error: 'access_denied' })
      expect(before.body['error_description']).toContain('client-grant')

      const grant = await admin.clientGrants.create({
        client_id: id,
        audience: `https://${sandbox.domain}/api/v2/`,
        scope: ['read:users'],
      })
      expect(grant.id).toMatch(/^cgr_/)
      const after = await tokenFor(sandbox, id, secret)
      expect(after.status).toBe(200)
      expect(after.body['scope']).toBe('read:users')

      const narrow = sdkFor(sandbox, { clientId: id, clientSecret: secret })
      const users = await narrow.users.list({ per_page: 5 })
      expect(users.data).toHaveLength(5)
      for (const call of [
        narrow.logs.list(),
        narrow.sessions.get('anything'),
        narrow.users.create({
          connection: DEMO_CONNECTIONS.database,
          email: 'x@example.com',
          password: STRONG,
        }),
      ]) {
        const err = await errorOf(call)
        expect(err.statusCode).toBe(403)
        expect((err.body as { errorCode?: string }).errorCode).toBe('insufficient_scope')
      }
    })

    it('lists grants by client_id and audience, refuses a duplicate with 409, PATCH changes new tokens', async () => {
      const created = await admin.clients.create({ name: 'Reporter', app_type: 'non_interactive' })
      const id = created.client_id as string
      const audience = `https://${sandbox.domain}/api/v2/`
      const grant = await admin.clientGrants.create({
        client_id: id,
        audience,
        scope: ['read:users'],
      })
      const dup = await errorOf(admin.clientGrants.create({ client_id: id, audience, scope: [] }))
      expect(dup.statusCode).toBe(409)

      const mine = await admin.clientGrants.list({ client_id: id })
      expect(mine.data.map((g) => g.id)).toEqual([grant.id])
      const all = await admin.clientGrants.list({ audience })
      expect(all.data.map((g) => g.client_id)).toEqual(
        expect.arrayContaining([sandbox.clientId, PROVISIONER.clientId, id]),
      )
      const other = await admin.clientGrants.list({ audience: 'https://api.example.com/' })
      expect(other.data).toEqual([])

      const updated = await admin.clientGrants.update(grant.id as string, {
        scope: ['read:users', 'read:logs'],
      })
      expect(updated.scope).toEqual(['read:users', 'read:logs'])
      const token = await tokenFor(sandbox, id, created.client_secret as string)
      expect(String(token.body['scope']).split(' ').sort()).toEqual(['read:logs', 'read:users'])
    })

    it('the console client cannot create clients or grants (403 insufficient_scope)', async () => {
      const err = await errorOf(api.clients.create({ name: 'nope' }))
      expect(err.statusCode).toBe(403)
      const err2 = await errorOf(api.clientGrants.list())
      expect(err2.statusCode).toBe(403)
    })
  })

  describe('users', () => {
    it('creates a database user (hash only), finds it, refuses a duplicate email with 409', async () => {
      const user = await admin.users.create({
        connection: DEMO_CONNECTIONS.database,
        email: 'New.Person@example.com',
        password: STRONG,
        name: 'New Person',
      })
      expect(user.user_id).toMatch(/^auth0\|[0-9a-f]{24}$/)
      expect(user).toMatchObject({ email: 'new.person@example.com', name: 'New Person' })
      expect(JSON.stringify(user)).not.toContain(STRONG)
      expect(JSON.stringify(sandbox.store.getUser(user.user_id as string))).not.toContain(STRONG)

      const found = await api.users.list({ q: 'email:"new.person@example.com"' })
      expect(found.data.map((u) => u.user_id)).toEqual([user.user_id])
      const byId = await api.users.get(user.user_id as string)
      expect(byId.identities?.[0]).toMatchObject({
        connection: DEMO_CONNECTIONS.database,
        provider: 'auth0',
      })

      const dup = await errorOf(
        admin.users.create({
          connection: DEMO_CONNECTIONS.database,
          email: 'new.person@EXAMPLE.com',
          password: STRONG,
        }),
      )
      expect(dup.statusCode).toBe(409)
      expect(dup.message).toContain('The user already exists.')
    })

    it('refuses a weak or missing password, an unknown or non-database connection (400)', async () => {
      const cases: Management.CreateUserRequestContent[] = [
        { connection: DEMO_CONNECTIONS.database, email: 'weak@example.com', password: 'password' },
        { connection: DEMO_CONNECTIONS.database, email: 'none@example.com' },
        { connection: 'no-such-connection', email: 'x@example.com', password: STRONG },
        { connection: DEMO_CONNECTIONS.google, email: 'g@example.com', password: STRONG },
      ]
      const codes = []
      for (const body of cases) {
        const err = await errorOf(admin.users.create(body))
        expect(err.statusCode).toBe(400)
        codes.push((err.body as { errorCode?: string }).errorCode)
      }
      expect(codes).toEqual([
        'invalid_password',
        'invalid_body',
        'inexistent_connection',
        'operation_not_supported',
      ])
    })
  })

  describe('bulk refresh-token revocation', () => {
    it('revokes by ids; more than 100 ids is a 400', async () => {
      const tokens = sandbox.store.listRefreshTokens(alice.user_id)
      expect(tokens.length).toBeGreaterThan(1)
      const [first, ...rest] = tokens
      await api.refreshTokens.revoke({ ids: [first?.id as string, 'unknown-id'] })
      expect(sandbox.store.getRefreshToken(first?.id as string)).toBeUndefined()
      expect(sandbox.store.listRefreshTokens(alice.user_id).map((t) => t.id)).toEqual(
        rest.map((t) => t.id),
      )

      const tooMany = Array.from({ length: 101 }, (_, i) => `id-${i}`)
      const err = await errorOf(api.refreshTokens.revoke({ ids: tooMany }))
      expect(err.statusCode).toBe(400)
      await api.refreshTokens.revoke({ ids: tooMany.slice(0, 100) })
    })

    it('revokes by user_id, by user_id + client_id, and by user_id + client_id + audience', async () => {
      const user = sandbox.store.users.find(
        (u) =>
          new Set(sandbox.store.listRefreshTokens(u.user_id).map((t) => t.client_id)).size >= 2,
      )
      if (user === undefined) throw new Error('seed has no user with tokens of two clients')
      const tokens = sandbox.store.listRefreshTokens(user.user_id)
      const clientId = tokens[0]?.client_id as string
      const audience = tokens[0]?.resource_servers[0]?.audience as string

      await api.refreshTokens.revoke({
        user_id: user.user_id,
        client_id: clientId,
        audience: 'https://other.example.com/',
      })
      expect(sandbox.store.listRefreshTokens(user.user_id)).toHaveLength(tokens.length)

      await api.refreshTokens.revoke({ user_id: user.user_id, client_id: clientId, audience })
      await api.refreshTokens.revoke({ user_id: user.user_id, client_id: clientId })
      const left = sandbox.store.listRefreshTokens(user.user_id)
      expect(left.length).toBeGreaterThan(0)
      expect(left.every((t) => t.client_id !== clientId)).toBe(true)

      await api.refreshTokens.revoke({ user_id: user.user_id })
      expect(sandbox.store.listRefreshTokens(user.user_id)).toEqual([])

      const err = await errorOf(api.refreshTokens.revoke({ client_id: clientId }))
      expect(err.statusCode).toBe(400)
      const srrt = await api.logs.list({ search: `type:srrt AND user_id:"${user.user_id}"` })
      expect(srrt.data.length).toBeGreaterThanOrEqual(2)
    })

    it('respects the eventual-consistency delay, as the single-token delete does', async () => {
      sandbox.setFaults({ consistencyDelayMs: 60_000 })
      const token = sandbox.store.listRefreshTokens(bob.user_id)[0]
      if (token === undefined) throw new Error('bob has no refresh token')
      await api.refreshTokens.revoke({ user_id: bob.user_id })
      expect(sandbox.store.getRefreshToken(token.id)).toBeUndefined()
      const stillSeen = await api.refreshTokens.get(token.id)
      expect(stillSeen.id).toBe(token.id)
    })
  })

  describe('users export jobs', () => {
    it('json: polled through processing to completed, then the gzip holds one user per line', async () => {
      const job = await api.jobs.usersExports.create({
        format: 'json',
        fields: [
          { name: 'user_id' },
          { name: 'email', export_as: 'mail' },
          { name: 'identities[0].connection', export_as: 'connection' },
        ],
      })
      expect(job).toMatchObject({ type: 'users_export', status: 'pending', format: 'json' })
      expect(job.id).toMatch(/^job_/)
      const polls = await pollToCompletion(api, job.id)
      expect(polls.map((p) => p.status)).toEqual(['processing', 'processing', 'completed'])
      expect(polls.map((p) => p.percentage_done)).toEqual([33, 67, 100])
      expect(polls[0]?.time_left_seconds).toBeGreaterThan(0)
      const location = polls[2]?.location as string
      expect(location.startsWith(`${sandbox.url}/__sandbox/exports/`)).toBe(true)

      const res = await fetch(location)
      expect(res.status).toBe(200)
      const lines = gunzipSync(Buffer.from(await res.arrayBuffer()))
        .toString('utf8')
        .trim()
        .split('\n')
      expect(lines).toHaveLength(50)
      const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>)
      expect(rows.find((r) => r['user_id'] === alice.user_id)).toEqual({
        user_id: alice.user_id,
        mail: alice.email,
        connection: sandbox.store.getUser(alice.user_id)?.identities[0]?.connection,
      })
      // Without its secret the location is a 404.
      expect((await fetch(location.replace(/exports\/[^/]+\//, 'exports/guess/'))).status).toBe(404)
    })

    it('csv of one connection with a header row, limited; a job not yet completed has no file', async () => {
      const connection = sandbox.store.connections.find((c) => c.name === DEMO_CONNECTIONS.database)
      const members = sandbox.store.users.filter((u) =>
        u.identities.some((i) => i.connection === connection?.name),
      )
      const job = await api.jobs.usersExports.create({
        connection_id: connection?.id as string,
        format: 'csv',
        fields: [{ name: 'email' }, { name: 'name', export_as: 'Full name' }],
      })
      const limited = await api.jobs.usersExports.create({ format: 'csv', limit: 3 })
      const polls = await pollToCompletion(api, job.id)
      const text = gunzipSync(
        Buffer.from(await (await fetch(polls.at(-1)?.location as string)).arrayBuffer()),
      ).toString('utf8')
      const lines = text.trim().split('\n')
      expect(lines[0]).toBe('email,Full name')
      expect(lines.slice(1).sort()).toEqual(
        members.map((u) => `${u.email},${u.name.includes(',') ? `"${u.name}"` : u.name}`).sort(),
      )

      const early = await api.jobs.get(limited.id)
      expect(early.location).toBeUndefined()
      const done = await pollToCompletion(api, limited.id)
      const limitedText = gunzipSync(
        Buffer.from(await (await fetch(done.at(-1)?.location as string)).arrayBuffer()),
      ).toString('utf8')
      expect(limitedText.trim().split('\n')).toHaveLength(4)
      expect(limitedText.split('\n')[0]).toBe(
        'user_id,email,email_verified,name,nickname,created_at,updated_at,last_login,logins_count',
      )
    })
  })

  describe('tenant logs', () => {
    it('seeded history: s events from the demo users, found by type, by ip and by date range', async () => {
      const logins = await api.logs.list({ search: 'type:s', per_page: 100 })
      expect(logins.data.length).toBeGreaterThan(20)
      expect(logins.data.every((l) => l.type === 's')).toBe(true)
      const sample = logins.data.find((l) => l.user_id === alice.user_id) ?? logins.data[0]
      const ip = sample?.ip as string
      expect(sample?.description).toBe('Success Login')
      expect(typeof sample?.user_name).toBe('string')
      expect(typeof sample?.user_agent).toBe('string')

      const fromIp = await api.logs.list({ search: `ip:"${ip}"` })
      expect(fromIp.data.length).toBeGreaterThan(0)
      expect(fromIp.data.every((l) => l.ip === ip)).toBe(true)
      const range = ip.split('.').slice(0, 3).join('.')
      const fromRange = await api.logs.list({
        search: `type:(s OR ssa) AND ip:${range}.*`,
        per_page: 100,
      })
      expect(fromRange.data.some((l) => l.log_id === sample?.log_id)).toBe(true)
      expect(fromRange.data.every((l) => String(l.ip).startsWith(`${range}.`))).toBe(true)

      const date = Date.parse(dateOf(sample?.date))
      const window = `date:[${new Date(date - 1000).toISOString()} TO ${new Date(date + 1000).toISOString()}]`
      const inWindow = await api.logs.list({ search: `${window} AND ip:"${ip}"` })
      expect(inWindow.data.map((l) => l.log_id)).toContain(sample?.log_id)
      expect(inWindow.data.every((l) => Math.abs(Date.parse(dateOf(l.date)) - date) <= 1000)).toBe(
        true,
      )

      const one = await api.logs.get(sample?.log_id as string)
      expect(one.log_id).toBe(sample?.log_id)
      const missing = await errorOf(api.logs.get('900nope'))
      expect(missing.statusCode).toBe(404)
      const bad = await errorOf(api.logs.list({ search: 'type:s OR type:f' }))
      expect(bad.statusCode).toBe(400)
    })

    it('newest first by default, date:1 oldest first; per_page above 100 is a 400', async () => {
      const newest = await api.logs.list({ per_page: 10 })
      const dates = newest.data.map((l) => Date.parse(dateOf(l.date)))
      expect(dates).toEqual([...dates].sort((a, b) => b - a))
      const oldest = await api.logs.list({ per_page: 10, sort: 'date:1' })
      expect(Date.parse(dateOf(oldest.data[0]?.date))).toBeLessThanOrEqual(dates.at(-1) as number)
      expect(newest.response.total).toBe(sandbox.logs.all().length)
      expect((await errorOf(api.logs.list({ per_page: 101 }))).statusCode).toBe(400)
    })

    it('checkpoint paging with from/take walks every event once, in log_id order', async () => {
      const checkpoint = async (from: string | undefined) =>
        (
          await api.logs.list(
            {},
            { queryParams: { take: '100', ...(from !== undefined && { from }) } },
          )
        ).response as unknown as SandboxLog[]
      const seen: string[] = []
      let from: string | undefined
      for (let i = 0; i < 100; i++) {
        const page = await checkpoint(from)
        if (page.length === 0) break
        expect(page.length).toBeLessThanOrEqual(100)
        seen.push(...page.map((l) => l.log_id))
        from = page.at(-1)?.log_id
      }
      expect(seen).toEqual(sandbox.logs.all().map((l) => l.log_id))
      expect(seen).toEqual([...seen].sort())
      const recorded = sandbox.logs.logout(true, {
        user_id: alice.user_id,
        client_id: sandbox.clientId,
      })
      expect((await checkpoint(from)).map((l) => l.log_id)).toEqual([recorded.log_id])
      expect((await checkpoint(from))[0]).toMatchObject({
        type: 'slo',
        client_name: 'Session Console (sandbox)',
      })
    })

    it('records sapi for successful Management API writes only', async () => {
      const before = sandbox.logs.all().filter((l) => l.type === 'sapi').length
      await api.users.list({ per_page: 1 })
      await api.sessions.delete('no-such-session') // a 204: counts
      expect((await errorOf(api.refreshTokens.revoke({}))).statusCode).toBe(400) // does not
      const created = await admin.users.create({
        connection: DEMO_CONNECTIONS.database,
        email: 'logged@example.com',
        password: STRONG,
      })
      const sapi = await api.logs.list({ search: 'type:sapi' })
      expect(sapi.data).toHaveLength(before + 2)
      expect(sapi.data[0]).toMatchObject({
        client_id: PROVISIONER.clientId,
        details: {
          request: { method: 'POST', path: '/api/v2/users' },
          response: { statusCode: 201 },
        },
      })
      expect(created.user_id).toBeDefined()
    })
  })
})

describe('users export of the large seed', () => {
  let sandbox: Sandbox

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'large', rateLimit: { burst: 1000, perSecond: 1000 } })
  })
  afterAll(() => sandbox.close())

  it('streams 100,000 users; the test counts lines without holding the file', async () => {
    const client = sdkFor(sandbox, sandbox)
    const job = await client.jobs.usersExports.create({
      format: 'json',
      fields: [{ name: 'user_id' }],
    })
    const polls = await pollToCompletion(client, job.id)
    const res = await fetch(polls.at(-1)?.location as string)
    expect(res.headers.get('content-type')).toBe('application/gzip')
    const lines = createInterface({
      input: Readable.fromWeb(res.body as WebReadableStream<Uint8Array>).pipe(createGunzip()),
      crlfDelay: Infinity,
    })
    let count = 0
    let last = ''
    for await (const line of lines) {
      count++
      last = line
    }
    expect(count).toBe(100_000)
    expect(JSON.parse(last)).toEqual({ user_id: sandbox.store.users[99_999]?.user_id })
  })
})
