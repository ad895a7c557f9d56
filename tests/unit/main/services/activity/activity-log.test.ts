import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  MARKDOWN_TARGET_LIMIT,
  createActivityLog,
  findSecret,
  type ActivityEntry,
  type ActivityInput,
} from '../../../../../main/services/activity/activity-log'
import { AppFailure } from '../../../../../core/result'

// A syntactically real JWT (header {"alg":"HS256","typ":"JWT"}), never a live credential.
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhdXRoMHxhZGEiLCJpYXQiOjE3MDAwMDAwMDB9.c2lnbmF0dXJlLXBsYWNlaG9sZGVy'

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'activity-log-'))
  file = join(dir, 'data', 'activity.jsonl')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A clock that advances one minute per call. */
function clock(start = '2026-11-25T12:00:00.000Z') {
  let t = Date.parse(start)
  return () => {
    const d = new Date(t)
    t += 60_000
    return d
  }
}

function input(fields: Partial<ActivityInput> = {}): ActivityInput {
  return {
    tenantId: 'tenant-1',
    tenantName: 'Acme Production',
    environment: 'production',
    operatorReason: 'INC-4711 stolen laptop',
    action: 'End 1 session of ada@example.com',
    targets: [{ kind: 'session', id: 's-laptop', label: 'Chrome on Windows' }],
    outcome: { status: 'completed', ended: 1, pending: 0, failed: 0 },
    jobId: 'job-1',
    ...fields,
  }
}

async function refusal(promise: Promise<unknown>): Promise<AppFailure> {
  try {
    await promise
  } catch (err) {
    if (err instanceof AppFailure) return err
    throw err
  }
  throw new Error('expected an AppFailure')
}

/** A value with fields its type does not declare, as untyped data from outside may carry. */
const withExtra = <T extends object>(value: T, extra: Record<string, unknown>): T =>
  Object.assign({}, value, extra)

const lines = async () => (await readFile(file, 'utf8')).split('\n')

describe('createActivityLog: append and list', () => {
  it('appends one JSON line per entry and lists newest first', async () => {
    const log = createActivityLog({ file, now: clock() })
    const first = await log.append(input({ action: 'first' }))
    const second = await log.append(input({ action: 'second', operatorReason: undefined }))
    expect(first).toMatchObject({ time: '2026-11-25T12:00:00.000Z', action: 'first' })
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(second.id).not.toBe(first.id)
    expect(second).not.toHaveProperty('operatorReason')

    expect(await lines()).toEqual([JSON.stringify(first), JSON.stringify(second), ''])
    const page = await log.list()
    expect(page).toEqual({ entries: [second, first], skippedLines: 0, hasMore: false })
  })

  it('accepts the embedded Sandbox tenant as an environment', async () => {
    const log = createActivityLog({ file })
    const entry = await log.append(input({ environment: 'sandbox', tenantName: 'Sandbox' }))
    expect((await log.list()).entries).toEqual([entry])
  })

  it('reads an absent file as an empty log', async () => {
    const log = createActivityLog({ file })
    expect(await log.list()).toEqual({ entries: [], skippedLines: 0, hasMore: false })
  })

  it('pages with limit and before', async () => {
    const log = createActivityLog({ file, now: clock() })
    const made: ActivityEntry[] = []
    for (let i = 0; i < 5; i++) made.push(await log.append(input({ action: `a${i}` })))
    const one = await log.list({ limit: 2 })
    expect(one.entries.map((e) => e.action)).toEqual(['a4', 'a3'])
    expect(one.hasMore).toBe(true)
    const two = await log.list({ limit: 2, before: one.entries.at(-1)?.id })
    expect(two.entries.map((e) => e.action)).toEqual(['a2', 'a1'])
    const three = await log.list({ limit: 2, before: two.entries.at(-1)?.id })
    expect(three).toMatchObject({ hasMore: false })
    expect(three.entries.map((e) => e.action)).toEqual(['a0'])
    expect((await refusal(log.list({ before: 'nope' }))).code).toBe('NOT_FOUND')
    expect((await refusal(log.list({ limit: 0 }))).code).toBe('INVALID_INPUT')
  })

  it('keeps every line whole when appends run concurrently', async () => {
    const log = createActivityLog({ file })
    await Promise.all(Array.from({ length: 25 }, (_, i) => log.append(input({ action: `p${i}` }))))
    const page = await log.list()
    expect(page.entries).toHaveLength(25)
    expect(page.skippedLines).toBe(0)
    expect(new Set(page.entries.map((e) => e.action)).size).toBe(25)
  })
})

describe('createActivityLog: damaged files', () => {
  it('skips and counts a torn last line, and the next append starts a fresh line', async () => {
    const log = createActivityLog({ file, now: clock() })
    const kept = await log.append(input({ action: 'kept' }))
    const torn = JSON.stringify({ ...kept, id: 'torn', action: 'torn' }).slice(0, 40)
    await appendFile(file, torn)

    expect(await log.list()).toEqual({ entries: [kept], skippedLines: 1, hasMore: false })

    const after = await log.append(input({ action: 'after' }))
    expect(await lines()).toEqual([JSON.stringify(kept), torn, JSON.stringify(after), ''])
    const page = await log.list()
    expect(page.entries.map((e) => e.action)).toEqual(['after', 'kept'])
    expect(page.skippedLines).toBe(1)
  })

  it('skips lines that are not JSON or not entries, never failing', async () => {
    const log = createActivityLog({ file, now: clock() })
    const good = await log.append(input())
    await appendFile(
      file,
      [
        'garbage',
        '42',
        'null',
        '[]',
        '{"id":"x"}',
        JSON.stringify({ ...good, outcome: null }),
        '',
      ].join('\n'),
    )
    const page = await log.list()
    expect(page.entries).toEqual([good])
    expect(page.skippedLines).toBe(6)
  })

  it('reads a file written with CRLF line ends', async () => {
    const log = createActivityLog({ file, now: clock() })
    const entry = await log.append(input())
    await writeFile(file, `${JSON.stringify(entry)}\r\n\r\n`)
    expect((await log.list()).entries).toEqual([entry])
  })
})

describe('createActivityLog: refuses secrets', () => {
  const cases: [string, Partial<ActivityInput> | Record<string, unknown>][] = [
    [
      'a JWT in the details',
      { outcome: { status: 'failed', ended: 0, pending: 0, failed: 1, details: `401 for ${JWT}` } },
    ],
    ['a JWT in a target label', { targets: [{ kind: 'session', id: 's-1', label: JWT }] }],
    ['a JWT in the reason', { operatorReason: `see ${JWT}` }],
    [
      'a Bearer header in the details',
      {
        outcome: {
          status: 'failed',
          ended: 0,
          pending: 0,
          failed: 1,
          details: 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345',
        },
      },
    ],
    [
      'a client_secret parameter in the details',
      {
        outcome: {
          status: 'failed',
          ended: 0,
          pending: 0,
          failed: 1,
          details: 'body client_secret=s3cr3t&grant_type=client_credentials',
        },
      },
    ],
    [
      'a token-named key in a target',
      { targets: [{ kind: 'refresh-token', id: 'rt-1', label: 'x', refreshToken: 'v1.MRrk…' }] },
    ],
    [
      'a secret-named key in the outcome',
      { outcome: { status: 'completed', ended: 1, pending: 0, failed: 0, clientSecret: 'x' } },
    ],
    [
      'a password-named key',
      { targets: [{ kind: 'user', id: 'auth0|1', label: 'x', password: 'hunter2' }] },
    ],
    [
      'an authorization-named key',
      {
        outcome: {
          status: 'completed',
          ended: 1,
          pending: 0,
          failed: 0,
          Authorization: 'Basic abc',
        },
      },
    ],
    ['a secret in a field the entry does not keep', { access_token: 'opaque' }],
  ]
  it.each(cases)('refuses %s and writes nothing', async (_name, fields) => {
    const log = createActivityLog({ file })
    const err = await refusal(log.append(input(fields)))
    expect(err.code).toBe('INVALID_INPUT')
    expect(err.message).toMatch(/looks like a secret or token/)
    expect(err.message).not.toContain('hunter2')
    expect(err.message).not.toContain(JWT)
    expect(await log.list()).toEqual({ entries: [], skippedLines: 0, hasMore: false })
  })

  it('accepts ids, kinds and prose that only mention tokens', async () => {
    const log = createActivityLog({ file })
    const entry = await log.append(
      input({
        action: 'Revoke 3 refresh tokens of Mobile App',
        // An extra id-named key, as a caller might add: an identifier, not a credential.
        targets: [
          { kind: 'refresh-token', id: 'rt-1', label: 'Refresh token of Mobile App' },
          withExtra({ kind: 'app', id: 'mobile', label: 'Mobile App' }, { tokenId: 'rt-1' }),
        ],
        outcome: {
          status: 'partial',
          ended: 2,
          pending: 0,
          failed: 1,
          details: 'token rt-3: 404, already revoked; access tokens stay valid until they expire',
        },
      }),
    )
    expect((await log.list()).entries).toEqual([entry])
  })

  it('findSecret names where it found one, and survives cycles', () => {
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = cyclic
    expect(findSecret(cyclic)).toBeNull()
    expect(findSecret({ a: [{ b: JWT }] })).toBe('a[0].b')
    expect(findSecret({ token: '' })).toBeNull()
    expect(findSecret({ token_id: 'rt-1', refreshTokenIds: 'a,b' })).toBeNull()
    expect(findSecret({ id_token: 'x' })).toBe('id_token')
  })

  it('refuses malformed entries', async () => {
    const log = createActivityLog({ file })
    const bad: Partial<ActivityInput>[] = [
      { tenantId: '' },
      { action: ' ' },
      { environment: 'prod' as ActivityInput['environment'] },
      { outcome: { status: 'done' as 'completed', ended: 1, pending: 0, failed: 0 } },
      { outcome: { status: 'completed', ended: -1, pending: 0, failed: 0 } },
      { targets: [{ kind: 'session', id: 's' }] as ActivityInput['targets'] },
    ]
    for (const fields of bad) {
      expect((await refusal(log.append(input(fields)))).code).toBe('INVALID_INPUT')
    }
    expect((await log.list()).entries).toEqual([])
  })
})

describe('createActivityLog: exports', () => {
  it('exports JSON that reads back to the same entries', async () => {
    const log = createActivityLog({ file, now: clock() })
    await log.append(input())
    await log.append(input({ action: 'second' }))
    const { entries } = await log.list()
    const json = log.exportJson(entries)
    expect(JSON.parse(json)).toEqual(entries)
    expect(json.endsWith('\n')).toBe(true)
  })

  it('exports Markdown: a heading and a table per entry, text escaped', async () => {
    const log = createActivityLog({ file, now: clock() })
    const entry = await log.append(
      input({
        operatorReason: 'INC-1 | pipes\nand lines <script>',
        targets: [
          { kind: 'user', id: 'auth0|ada', label: 'ada@example.com' },
          { kind: 'session', id: 's-1', label: 's-1' },
        ],
        outcome: { status: 'partial', ended: 3, pending: 1, failed: 2, details: '2 × 429' },
      }),
    )
    const md = log.exportMarkdown([entry])
    const expected = [
      '# Activity log',
      '',
      '## 2026-11-25 12:00:00 UTC · End 1 session of ada@example.com',
      '',
      '| Field | Value |',
      '| --- | --- |',
      '| Time | 2026-11-25T12:00:00.000Z |',
      '| Tenant | Acme Production (production, tenant-1) |',
      '| Reason / ticket | INC-1 \\| pipes<br>and lines \\<script\\> |',
      '| Action | End 1 session of ada@example.com |',
      '| Targets | user auth0\\|ada: ada@example.com<br>session s-1 |',
      '| Outcome | Partly completed: 3 ended, 1 pending, 2 failed |',
      '| Details | 2 × 429 |',
      '| Job | job-1 |',
      `| Entry | ${entry.id} |`,
      '',
    ]
    expect(md).toBe(expected.join('\n'))
  })

  it('lists at most the target limit in Markdown, and says so', async () => {
    const log = createActivityLog({ file })
    const targets = Array.from({ length: MARKDOWN_TARGET_LIMIT + 7 }, (_, i) => ({
      kind: 'user',
      id: `auth0|${i}`,
      label: `u${i}@example.com`,
    }))
    const entry = await log.append(input({ targets, operatorReason: undefined, jobId: undefined }))
    const md = log.exportMarkdown([entry])
    expect(md).toContain('… and 7 more (see the JSON export)')
    expect(md).toContain('| Reason / ticket | — |')
    expect(md).not.toContain('| Job |')
    expect(log.exportMarkdown([])).toBe('# Activity log\n\nNo entries.\n')
  })
})
