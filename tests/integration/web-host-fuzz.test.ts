import { mkdtempSync, writeFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channels, type Method } from '../../preload/contract'
import { inputSchemas } from '../../main/ipc/schemas'
import { MAX_BODY_BYTES, MAX_LARGE_BODY_BYTES, TOKEN_HEADER } from '../../main/web/server'
import { baseSeed, fuzzInputs, methodSeed, preview, resultProblems } from '../helpers/fuzz-inputs'
import { startTestNodeApp } from '../helpers/node-app'

// The IPC fuzzers' idea over real HTTP: every reply to /api/invoke/* is a JSON Result with status
// 200, 400 or 413 and no stack trace, and the server keeps answering. Replay with FUZZ_SEED=<seed>.
const PER_METHOD = 100
const SEED = baseSeed()
const ALLOWED_STATUS = new Set([200, 400, 413])

const rendererDir = mkdtempSync(join(tmpdir(), 'sc-fuzz-renderer-'))
writeFileSync(
  join(rendererDir, 'index.html'),
  '<!doctype html><html><head></head><body></body></html>',
)

const agent = new Agent({ keepAlive: true, maxSockets: 4 })
let app: Awaited<ReturnType<typeof startTestNodeApp>>
const cleanProto = Object.getOwnPropertyNames(Object.prototype).sort().join(',')

beforeAll(async () => {
  app = await startTestNodeApp({ rendererDir })
})
afterAll(async () => {
  agent.destroy()
  await app.close()
})

interface Reply {
  status: number
  body: string
  type: string | undefined
}

/**
 * POST one body. `fresh` uses its own connection: a body the server refused half-read (413, a
 * lying content-length) leaves a keep-alive socket out of step for the next request.
 */
function post(
  method: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
  fresh = false,
) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      {
        agent: fresh ? false : agent,
        host: '127.0.0.1',
        port: app.host.port,
        path: `/api/invoke/${method}`,
        method: 'POST',
        headers: {
          host: `127.0.0.1:${app.host.port}`,
          'content-type': 'application/json',
          [TOKEN_HEADER]: app.host.token,
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            type: res.headers['content-type'],
          }),
        )
      },
    )
    // The server may answer 413 and stop reading: a reset while writing is not a failure, but a
    // connection that closes with no reply at all is reported as status 0.
    let replied = false
    req.on('response', () => (replied = true))
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    )
    req.on('close', () => {
      if (!replied) resolve({ status: 0, body: '', type: undefined })
    })
    req.end(body)
  })
}

/** Problems with one HTTP reply: status, content type, JSON Result shape, leaks. */
function replyProblems(reply: Reply, input: unknown): string[] {
  const problems: string[] = []
  if (!ALLOWED_STATUS.has(reply.status)) problems.push(`status ${reply.status}`)
  if (reply.type !== 'application/json') problems.push(`content-type ${reply.type}`)
  let parsed: unknown
  try {
    parsed = JSON.parse(reply.body)
  } catch {
    return [...problems, `body is not JSON: ${reply.body.slice(0, 120)}`]
  }
  problems.push(...resultProblems(parsed, { json: true, input }))
  if (reply.status !== 200 && (parsed as { ok?: unknown }).ok !== false) {
    problems.push(`status ${reply.status} with ok !== false`)
  }
  return problems
}

/** Bodies that are not a well-formed `{ input }` envelope. */
const deepArrays = '['.repeat(400_000) + ']'.repeat(400_000)
const rawBodies: { label: string; body: string | Buffer; headers?: Record<string, string> }[] = [
  { label: 'empty body', body: '' },
  { label: 'invalid JSON', body: '{not json' },
  { label: 'truncated JSON', body: '{"input":' },
  { label: 'JSON with BOM', body: '\ufeff{}' },
  { label: 'trailing garbage', body: '{}{}' },
  { label: 'array', body: '[]' },
  { label: 'array of envelopes', body: '[{"input":{}}]' },
  { label: 'null', body: 'null' },
  { label: 'string', body: '"input"' },
  { label: 'number', body: '1e999' },
  { label: 'true', body: 'true' },
  { label: 'invalid UTF-8', body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) },
  { label: 'NUL bytes', body: Buffer.from([0x7b, 0x00, 0x7d]) },
  { label: 'huge nested arrays (800 KB)', body: deepArrays },
  { label: 'huge nested input', body: `{"input":${deepArrays}}` },
  { label: 'deep objects', body: '{"input":'.repeat(20_000) + '1' + '}'.repeat(20_000) },
  { label: '__proto__ envelope', body: '{"__proto__":{"polluted":"yes"},"input":{}}' },
  { label: '__proto__ input', body: '{"input":{"__proto__":{"polluted":"yes"}}}' },
  {
    label: 'constructor.prototype input',
    body: '{"input":{"constructor":{"prototype":{"polluted":"yes"}}}}',
  },
  { label: 'duplicate keys', body: '{"input":1,"input":{"id":"sandbox"}}' },
  { label: 'input null', body: '{"input":null}' },
  { label: 'over the body limit', body: `{"input":"${'x'.repeat(MAX_BODY_BYTES)}"}` },
  { label: 'text/plain', body: '{}', headers: { 'content-type': 'text/plain' } },
  {
    label: 'form content-type',
    body: 'input=1',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  },
  { label: 'no content-type', body: '{}', headers: { 'content-type': '' } },
  {
    label: 'lying content-length',
    body: '{}',
    headers: { 'content-length': String(MAX_LARGE_BODY_BYTES + 1) },
  },
]

describe(`web host fuzzing (base seed ${SEED})`, () => {
  for (const method of Object.keys(channels) as Method[]) {
    const seed = methodSeed(SEED, method)
    it(`${method}: ${PER_METHOD} inputs over HTTP answer a JSON Result (seed ${seed})`, async () => {
      const failures: string[] = []
      const cases = fuzzInputs(method, PER_METHOD, seed, { jsonOnly: true, hugeRate: 0.01 })
      for (const [index, fuzz] of cases.entries()) {
        // A valid bulk plan reads a whole cohort from the Sandbox: long network work, not fuzzing.
        if (method === 'planBulkLogout' && inputSchemas[method].safeParse(fuzz.value).success) {
          continue
        }
        const body = fuzz.value === undefined ? '{}' : JSON.stringify({ input: fuzz.value })
        const reply = await post(method, body, {}, body.length > 500_000)
        for (const problem of replyProblems(reply, fuzz.value)) {
          failures.push(`#${index} ${fuzz.label} ${preview(fuzz.value)}: ${problem}`)
        }
        if (failures.length >= 20) break
      }
      expect(failures).toEqual([])
    })
  }

  it('answers malformed bodies on every method with a JSON Result', async () => {
    const failures: string[] = []
    for (const method of Object.keys(channels)) {
      for (const raw of rawBodies) {
        const reply = await post(method, raw.body, raw.headers, true)
        for (const problem of replyProblems(reply, undefined)) {
          failures.push(`${method} ${raw.label}: ${problem}`)
        }
      }
    }
    expect(failures).toEqual([])
    // Two-megabyte bodies on every method: slow on a loaded two-core machine, not a hang.
  }, 180_000)

  it('answers unknown method names with INVALID_INPUT', async () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'dropTables']) {
      const reply = await post(name, '{"input":{}}')
      expect(reply.status).toBe(200)
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
  })

  it('keeps answering a valid call, with Object.prototype untouched', async () => {
    const reply = await post('getPreferences', '{}')
    expect(reply.status).toBe(200)
    const prefs = JSON.parse(reply.body) as { ok: boolean; value?: { theme?: unknown } }
    expect(prefs.ok).toBe(true)
    expect(typeof prefs.value?.theme).toBe('string')
    const tenants = await post('listTenants', '{}')
    expect(JSON.parse(tenants.body)).toMatchObject({ ok: true })
    expect(Object.getOwnPropertyNames(Object.prototype).sort().join(',')).toBe(cleanProto)
    expect('polluted' in {}).toBe(false)
  })
})
