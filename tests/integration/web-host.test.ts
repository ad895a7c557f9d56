import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_BODY_BYTES, TOKEN_HEADER } from '../../main/web/server'
import { startTestNodeApp } from '../helpers/node-app'

// A tiny stand-in renderer folder, so this suite does not depend on a build.
const rendererDir = mkdtempSync(join(tmpdir(), 'sc-renderer-'))
mkdirSync(join(rendererDir, 'assets'))
writeFileSync(
  join(rendererDir, 'index.html'),
  '<!doctype html><html><head></head><body>ok</body></html>',
)
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
writeFileSync(join(tmpdir(), 'outside.txt'), 'outside')

let app: Awaited<ReturnType<typeof startTestNodeApp>>
beforeAll(async () => {
  app = await startTestNodeApp({ rendererDir })
})
afterAll(() => app.close())

interface Reply {
  status: number
  body: string
  headers: Record<string, string | string[] | undefined>
}

/** Raw HTTP, so Host and Origin can be set to anything. */
function send(
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: app.host.port,
        path,
        method: opts.method ?? 'GET',
        headers: { host: `127.0.0.1:${app.host.port}`, ...opts.headers },
      },
      (res) => {
        let body = ''
        res.on('data', (c: Buffer) => (body += c.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
      },
    )
    req.on('error', reject)
    if (opts.body !== undefined) req.write(opts.body)
    req.end()
  })
}

/** The Result a reply carries. */
const parse = (reply: Reply) =>
  JSON.parse(reply.body) as { ok: boolean; value?: unknown; error?: { code: string } }

const call = (method: string, input: unknown, headers: Record<string, string> = {}) =>
  send(`/api/invoke/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: app.host.token, ...headers },
    body: JSON.stringify(input === undefined ? {} : { input }),
  })

describe('web host security', () => {
  it('listens on loopback only, on a free port, and prints a URL carrying the token in its fragment', () => {
    expect(app.host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(app.host.port).toBeGreaterThan(0)
    expect(app.host.openUrl).toBe(`${app.host.url}/#token=${app.host.token}`)
    expect(app.host.token.length).toBeGreaterThanOrEqual(32)
  })

  it('answers a call with the token', async () => {
    const reply = await call('getPreferences', undefined)
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { theme: 'system' } })
  })

  it('refuses calls with no token or a wrong token (401)', async () => {
    const none = await send('/api/invoke/getPreferences', { method: 'POST', body: '{}' })
    expect(none.status).toBe(401)
    const wrong = await call('getPreferences', undefined, { [TOKEN_HEADER]: 'x'.repeat(32) })
    expect(wrong.status).toBe(401)
    const events = await send('/api/events')
    expect(events.status).toBe(401)
  })

  it('refuses a foreign Host (DNS rebinding) or Origin (403)', async () => {
    const host = await call('getPreferences', undefined, { host: 'evil.example:80' })
    expect(host.status).toBe(403)
    const origin = await call('getPreferences', undefined, { origin: 'https://evil.example' })
    expect(origin.status).toBe(403)
    const staticFromEvil = await send('/', { headers: { host: 'attacker.test' } })
    expect(staticFromEvil.status).toBe(403)
    const ok = await call('getPreferences', undefined, { origin: app.host.url })
    expect(ok.status).toBe(200)
  })

  it('refuses an oversized body (413) without reading it all', async () => {
    const reply = await call('setPreferences', { theme: 'x'.repeat(MAX_BODY_BYTES + 10) })
    expect(reply.status).toBe(413)
    expect(parse(reply).ok).toBe(false)
  })

  it('validates inputs with the same schemas as IPC', async () => {
    const reply = await call('setPreferences', { theme: 'purple', extra: true })
    expect(parse(reply).error?.code).toBe('INVALID_INPUT')
    const notJson = await send('/api/invoke/getPreferences', {
      method: 'POST',
      headers: { [TOKEN_HEADER]: app.host.token },
      body: '{not json',
    })
    expect(notJson.status).toBe(400)
    expect(parse(notJson).error?.code).toBe('INVALID_INPUT')
    const unknown = await call('dropTables', {})
    expect(parse(unknown).error?.code).toBe('INVALID_INPUT')
  })

  it('serves the renderer with the api client injected, and nothing outside its folder', async () => {
    const index = await send('/')
    expect(index.status).toBe(200)
    expect(index.body).toContain('<script src="/__session-console/api.js"></script>')
    expect(index.headers['x-frame-options']).toBe('DENY')
    const client = await send('/__session-console/api.js')
    expect(client.body).toContain('getPreferences')
    expect(client.body).not.toContain(app.host.token)
    for (const path of [
      '/../outside.txt',
      '/%2e%2e/outside.txt',
      '/assets/..%2f..%2foutside.txt',
    ]) {
      const reply = await send(path)
      expect(reply.status, path).toBe(404)
    }
    expect((await send('/', { method: 'POST' })).status).toBe(405)
  })

  it('streams events to pages that hold the token', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: app.host.port,
          path: '/api/events',
          headers: { host: `127.0.0.1:${app.host.port}`, [TOKEN_HEADER]: app.host.token },
        },
        (res) => {
          let text = ''
          res.on('data', (c: Buffer) => {
            text += c.toString()
            if (text.includes('preferencesChanged')) {
              resolve(text)
              req.destroy()
            }
          })
        },
      )
      req.on('error', reject)
      req.end()
    })
    await new Promise((r) => setTimeout(r, 100))
    await call('setPreferences', { theme: 'dark' })
    expect(await received).toContain('"theme":"dark"')
  })
})
