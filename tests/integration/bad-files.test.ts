import { createHash } from 'node:crypto'
import {
  appendFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { ConfigDraft, TenantConfiguration } from '../../preload/contract'
import { openNodeSettings } from '../../main/adapters/node-settings'
import { SETTINGS_FILE } from '../../main/adapters/settings-store'
import { createActivityLog, type ActivityInput } from '../../main/services/activity/activity-log'
import { createConfigStore, MAX_CONFIG_FILE_BYTES } from '../../main/services/config/config-store'
import type { JobRecord } from '../../main/services/logout/jobs/job-types'
import { createJournal } from '../../main/services/logout/jobs/journal'
import { AppFailure } from '../../core/result'
import { runSimulateCommand } from '../../cli/simulate-command'
import { tempDataDir } from '../helpers/node-app'

// Corrupt and hostile files, read by the real code from real files: settings, the activity log,
// simulator scenarios, job journals and the offline configuration. Each must end in a clear error
// or a clean load: no crash, no prototype pollution, and the original bytes kept (in place, or in
// the `.corrupt-<time>` copy). What tests/unit/main/services already covers (short garbage, torn
// lines, wrong-shape journals) is not repeated here.

/** JSON members that would pollute Object.prototype if a reader merged them naively. */
const POLLUTERS = '"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}'

const dirs: string[] = []
const dir = () => {
  const d = tempDataDir()
  dirs.push(d)
  return d
}
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
afterEach(() => {
  // No file, however hostile, reaches Object.prototype.
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  expect(Object.prototype).not.toHaveProperty('polluted')
})

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')
/** `text` with `members` added as the first members of its outermost object. */
const withMembers = (text: string, members: string) => `{${members},${text.slice(1)}`

describe('settings files', () => {
  const settingsText = (overrides: Record<string, string> = {}) => {
    const members = {
      preferences: '{"theme":"dark"}',
      windowState: 'null',
      tenants: '[]',
      activeTenantId: '"sandbox"',
      recentUsers: '{}',
      ...overrides,
    }
    return `{${Object.entries(members)
      .map(([k, v]) => `"${k}":${v}`)
      .join(',')}}`
  }

  it('with __proto__ / constructor keys: real values load, the file is untouched, saving works', () => {
    const d = dir()
    const file = join(d, SETTINGS_FILE)
    const text = withMembers(
      settingsText({
        preferences: `{${POLLUTERS},"theme":"dark"}`,
        recentUsers: `{"__proto__":[{"userId":"x","connections":[],"polluted":true}],"constructor":[]}`,
      }),
      POLLUTERS,
    )
    writeFileSync(file, text)

    const { settings, notice } = openNodeSettings(d)
    expect(notice).toBeNull()
    expect(settings.get('preferences')).toEqual({ theme: 'dark' })
    expect(Object.getPrototypeOf(settings.get('recentUsers'))).toBe(Object.prototype)
    expect(readFileSync(file, 'utf8')).toBe(text)

    settings.set('preferences', { theme: 'light' })
    const reopened = openNodeSettings(d)
    expect(reopened.notice).toBeNull()
    expect(reopened.settings.get('preferences')).toEqual({ theme: 'light' })
  })

  it('of 24 MB that is not JSON: moved aside byte for byte, defaults load, the notice says where', () => {
    const d = dir()
    const file = join(d, SETTINGS_FILE)
    writeFileSync(file, Buffer.alloc(24 * 1024 * 1024, '{"preferences": '))
    const before = sha256(file)

    const { settings, notice } = openNodeSettings(d)
    expect(settings.get('preferences')).toEqual({ theme: 'system' })
    const copy = readdirSync(d).find((f) => f.startsWith('config.corrupt-'))
    expect(copy).toBeDefined()
    expect(sha256(join(d, copy ?? ''))).toBe(before)
    expect(notice?.message).toContain('it is not valid JSON')
    expect(notice?.message).toContain(join(d, copy ?? ''))
  })

  // Reported: the recovery check only validates known keys, so the file is kept, and conf then
  // fails every later write with "Maximum call stack size exceeded" (window bounds, tenants, …).
  it('nested 100,000 levels deep under an unknown key: settings can still be saved', () => {
    const d = dir()
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    writeFileSync(join(d, SETTINGS_FILE), withMembers(settingsText(), `"junk":${deep}`))
    const { settings } = openNodeSettings(d)
    expect(() => settings.set('preferences', { theme: 'light' })).not.toThrow()
  })
})

describe('activity log lines', () => {
  const input: ActivityInput = {
    tenantId: 'tenant-1',
    tenantName: 'Acme Production',
    environment: 'production',
    action: 'End 1 session of ada@example.com',
    targets: [{ kind: 'session', id: 's-1', label: 'Chrome on Windows' }],
    outcome: { status: 'completed', ended: 1, pending: 0, failed: 0 },
  }

  it('skips and counts hostile, huge and undecodable lines; the rest reads, nothing is rewritten', async () => {
    const file = join(dir(), 'activity.jsonl')
    const log = createActivityLog({ file })
    const first = await log.append({ ...input, action: 'first' })
    const second = await log.append({ ...input, action: 'second' })
    const hostile = [
      Buffer.from(`{${POLLUTERS}}\n`),
      Buffer.from(`{"constructor":{"prototype":{"polluted":true}},"id":"x"}\n`),
      Buffer.from(`${'x'.repeat(4 * 1024 * 1024)}\n`),
      Buffer.from(`${'['.repeat(50_000)}${']'.repeat(50_000)}\n`),
      Buffer.from([0, 0, 0, 0x0a]),
      Buffer.from([0xff, 0xfe, 0x7b, 0xc3, 0x28, 0x7d, 0x0a]),
    ]
    for (const line of hostile) appendFileSync(file, line)
    const damaged = readFileSync(file)

    const page = await log.list()
    expect(page.entries).toEqual([second, first])
    expect(page.skippedLines).toBe(hostile.length)

    const third = await log.append({ ...input, action: 'third' })
    // Append-only: the damaged lines stay as they were, the new entry follows them.
    expect(readFileSync(file).subarray(0, damaged.length).equals(damaged)).toBe(true)
    expect((await log.list()).entries).toEqual([third, second, first])
  })
})

describe('simulator scenario files (the CLI: read the file, simulate, exit 0 or 2)', () => {
  const FIXTURE = 'tests/fixtures/simulation/steps/v2-logout.json'
  const fixtureText = readFileSync(FIXTURE, 'utf8')
  /** Runs the CLI's command on a file through the CLI's own reader. */
  const simulateText = (text: string | Buffer) => {
    const file = join(dir(), 'scenario.json')
    writeFileSync(file, text)
    const result = runSimulateCommand([file], (path) => readFileSync(path, 'utf8'))
    return { ...result, file }
  }
  const expectOneLineError = (result: { code: number; stdout: string; stderr: string }) => {
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/^simulate: [^\n]+\n$/)
  }

  it.each([
    ['a client id', '"A"'],
    ['a session id', '"s1"'],
    ['a refresh-token id', '"rt1"'],
  ])('%s named like an Object.prototype member simulates like any other name', (_, id) => {
    for (const name of ['__proto__', 'constructor', 'hasOwnProperty', 'toString']) {
      const plain = simulateText(fixtureText.replaceAll(id, '"plainname"'))
      const hostile = simulateText(fixtureText.replaceAll(id, `"${name}"`))
      expect(hostile.code, name).toBe(0)
      expect(hostile.stdout.replaceAll(name, 'plainname'), name).toBe(plain.stdout)
    }
  })

  it('ignores __proto__ / constructor members anywhere and leaves the file as it was', () => {
    const plain = simulateText(fixtureText)
    const text = withMembers(fixtureText, POLLUTERS)
      .replace('"tenant": {', `"tenant": {${POLLUTERS},`)
      .replace('"state": {', `"state": {${POLLUTERS},`)
      .replace('"client_id": "B",', `${POLLUTERS},"client_id": "B",`)
    const hostile = simulateText(text)
    expect(hostile.code).toBe(0)
    expect(hostile.stdout).toBe(plain.stdout)
    expect(readFileSync(hostile.file, 'utf8')).toBe(text)

    // In logout parameters they are named as ignored, like any parameter the endpoint does not read.
    const params = simulateText(fixtureText.replace('"params": {', `"params": {${POLLUTERS},`))
    const note = '/v2/logout does not read __proto__, constructor; ignored.'
    const outcome = JSON.parse(params.stdout) as { steps: { notes: string[] }[] }
    const step = outcome.steps[0] as { notes: string[] }
    expect(step.notes).toContain(note)
    step.notes = step.notes.filter((n) => n !== note)
    expect(outcome).toEqual(JSON.parse(plain.stdout))
  })

  it('runs a 20 MB scenario without trouble', () => {
    const huge = JSON.parse(fixtureText) as { clients: { name: string }[] }
    const client = huge.clients[0] as { name: string }
    client.name = 'x'.repeat(20 * 1024 * 1024)
    const result = simulateText(JSON.stringify(huge))
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(simulateText(fixtureText).stdout))
  })

  it.each([
    ['200,000 nested arrays as steps', `{"steps":${'['.repeat(2e5)}${']'.repeat(2e5)}}`, 'state'],
    ['200,000 unclosed arrays', `${'['.repeat(2e5)}x`, 'not valid JSON'],
    ['binary garbage', Buffer.from([0, 0xff, 0xfe, 0x80, 0x01]), 'not valid JSON'],
    ['an empty file', '', 'the text ends too early'],
    ['a JSON array', '[1,2,3]', 'must be a JSON object'],
  ])('refuses %s in one line on stderr, exit 2', (_, text, words) => {
    const result = simulateText(text)
    expectOneLineError(result)
    expect(result.stderr).toContain(words)
  })

  it('refuses a directory given as the scenario file', () => {
    const folder = dir()
    const result = runSimulateCommand([folder], (path) => readFileSync(path, 'utf8'))
    expectOneLineError(result)
    expect(result.stderr).toBe(`simulate: cannot read ${folder}: is a directory\n`)
  })

  // Reported: the engine adds the minutes to the clock and formats the result, and past year
  // 275760 Date throws "Invalid time value": the CLI dies with a stack trace.
  it('refuses a wait longer than dates can count in one line, exit 2 (no crash)', () => {
    const text = fixtureText.replace('"steps": [', '"steps": [{ "do": "wait", "minutes": 1e15 },')
    expectOneLineError(simulateText(text))
  })

  // Reported: federated-logout.ts looks strategies up in plain objects, so "constructor" finds
  // Object.prototype.constructor and the outcome says "function Object() { [native code] }".
  it('names a connection strategy called "constructor" as written in the outcome', () => {
    const result = simulateText(fixtureText.replaceAll('google-oauth2', 'constructor'))
    expect(result.code).toBe(0)
    expect(result.stdout).not.toContain('[native code]')
  })
})

describe('job journals', () => {
  const record: JobRecord = {
    id: 'job-1',
    tenantId: 'sandbox',
    action: 'Sign out 1 session',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    status: 'running',
    items: [
      {
        key: 'delete-session:s1',
        kind: 'delete-session',
        targetId: 's1',
        userId: 'auth0|alice',
        label: 'Chrome session of alice@example.com',
      },
    ],
    states: { 'delete-session:s1': { status: 'pending', attempts: 0 } },
  }
  const journalText = (job: JobRecord) => JSON.stringify({ format: 1, job })

  it('with __proto__ / constructor members everywhere: the job loads as written', () => {
    const d = dir()
    const text = withMembers(journalText(record), POLLUTERS)
      .replace('"job":{', `"job":{${POLLUTERS},`)
      .replace('"states":{', `"states":{"__proto__":{"status":"done","attempts":1},`)
      .replace('{"key":', `{${POLLUTERS},"key":`)
      .replace('{"status":"pending"', `{${POLLUTERS},"status":"pending"`)
    writeFileSync(join(d, 'job-job-1.json'), text)
    expect(createJournal({ dir: d }).load()).toEqual({ records: [record], problems: [] })
    expect(readFileSync(join(d, 'job-job-1.json'), 'utf8')).toBe(text)
  })

  it('of 20 MB of garbage: moved aside byte for byte, reported, the other jobs load', async () => {
    const d = dir()
    await createJournal({ dir: d }).save(record)
    const bad = join(d, 'job-job-2.json')
    writeFileSync(bad, Buffer.alloc(20 * 1024 * 1024, '{"format":1,"job":'))
    const before = sha256(bad)
    const loaded = createJournal({ dir: d }).load()
    expect(loaded.records).toEqual([record])
    expect(loaded.problems).toHaveLength(1)
    const copy = loaded.problems[0]?.copy ?? ''
    expect(sha256(copy)).toBe(before)
    expect(loaded.problems[0]?.message).toContain('it is not valid JSON')
  })

  // Reported: the check that every item has a state uses `key in states`, which is true for
  // "constructor", "toString", … through Object.prototype: the job loads, its progress counts an
  // "undefined" status, and resume completes it without ever sending that item.
  it('reports an item whose only "state" is an Object.prototype member', () => {
    const d = dir()
    const item = { ...record.items[0], key: 'constructor' } as JobRecord['items'][number]
    writeFileSync(join(d, 'job-job-1.json'), journalText({ ...record, items: [item], states: {} }))
    expect(createJournal({ dir: d }).load().problems).toHaveLength(1)
  })
})

describe('offline configuration files (config-store)', () => {
  const at = new Date('2026-01-02T03:04:05.678Z')
  const STAMP = '2026-01-02T03-04-05-678Z'
  const config: TenantConfiguration = {
    version: 1,
    source: {
      kind: 'tenant',
      tenantId: 't1',
      domain: 'acme.eu.auth0.com',
      pulledAt: '2026-01-01T00:00:00Z',
    },
    resources: {
      tenant: { kind: 'tenant', name: 'tenant', context: {}, fields: { session_lifetime: 4320 } },
    },
  }
  const draft: ConfigDraft = { config, basePulledAt: '2026-01-01T00:00:00Z', undo: [], redo: [] }
  /** A tenant with a good snapshot and draft on disk. */
  const saved = async () => {
    const store = createConfigStore({ dir: join(dir(), 'config'), now: () => at })
    await store.saveSnapshot('t1', config)
    await store.saveDraft('t1', draft)
    return { store, folder: store.folderOf('t1') }
  }

  const contents: [string, (good: string) => string][] = [
    ['text that is not JSON', (good) => good.slice(0, good.length / 2)],
    ['an empty file', () => ''],
    ['binary garbage', () => '\u0000\u00ff\u0001'],
    ['wrong types', () => '{"format":1,"savedAt":42,"snapshot":[],"draft":"x"}'],
    ['an unknown format', (good) => good.replace('"format":1', '"format":99')],
    ['__proto__ / constructor members', (good) => withMembers(good, POLLUTERS)],
    ['a constructor field', (good) => good.replace('"fields":{', '"fields":{"constructor":1,')],
  ]

  for (const name of ['snapshot.json', 'draft.json'] as const) {
    const other = name === 'snapshot.json' ? 'draft' : 'snapshot'
    it.each(contents)(
      `${name} holding %s: moved aside as is, noticed; the ${other} loads`,
      async (_, make) => {
        const { store, folder } = await saved()
        const file = join(folder, name)
        const content = make(readFileSync(file, 'utf8'))
        writeFileSync(file, content)

        const loaded = await store.load('t1')
        const copy = `${file}.corrupt-${STAMP}`
        expect(loaded.notices).toHaveLength(1)
        expect(loaded.notices[0]).toContain(copy)
        expect(readFileSync(copy, 'utf8')).toBe(content)
        if (name === 'snapshot.json') expect([loaded.snapshot, loaded.draft]).toEqual([null, draft])
        else expect([loaded.snapshot, loaded.draft]).toEqual([config, null])

        // Reported once; the next save and load work as on a clean disk.
        await store.saveDraft('t1', draft)
        await store.saveSnapshot('t1', config)
        expect(await store.load('t1')).toMatchObject({ snapshot: config, draft, notices: [] })
      },
    )
  }

  it('refuses a snapshot larger than the limit without reading it, and keeps it', async () => {
    const { store, folder } = await saved()
    const file = join(folder, 'snapshot.json')
    truncateSync(file, MAX_CONFIG_FILE_BYTES + 1)
    const loaded = await store.load('t1')
    expect(loaded.snapshot).toBeNull()
    expect(loaded.draft).toEqual(draft)
    expect(loaded.notices[0]).toContain('the file is too large')
    expect(readFileSync(`${file}.corrupt-${STAMP}`).length).toBe(MAX_CONFIG_FILE_BYTES + 1)
  })

  it('refuses tenant ids that could leave the config folder, for every operation', async () => {
    const root = dir()
    const store = createConfigStore({ dir: join(root, 'config') })
    const ids = [
      '../x',
      '..',
      '.',
      '../../etc',
      'a/../../b',
      '/etc',
      'C:\\x',
      'a\\b',
      '',
      'x\u0000',
    ]
    for (const id of ids) {
      for (const op of [
        () => store.load(id),
        () => store.saveSnapshot(id, config),
        () => store.saveDraft(id, draft),
        () => store.deleteDraft(id),
      ]) {
        const error = await op().then(
          () => null,
          (e: unknown) => e,
        )
        expect(error, JSON.stringify(id)).toBeInstanceOf(AppFailure)
        expect((error as AppFailure).code).toBe('INVALID_INPUT')
      }
    }
    // Nothing was written: not the config folder, not a sibling a `..` would reach.
    expect(readdirSync(root)).toEqual([])
  })

  it('reads a tenant folder made by hand without crashing when a file is a directory', async () => {
    const { store, folder } = await saved()
    rmSync(join(folder, 'draft.json'))
    mkdirSync(join(folder, 'draft.json'))
    const loaded = await store.load('t1')
    expect(loaded.snapshot).toEqual(config)
    expect(loaded.draft).toBeNull()
    expect(loaded.notices).toHaveLength(1)
    expect(readdirSync(folder)).toContain('draft.json')
  })
})
