import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { JobRecord } from '../../../../../../main/services/logout/jobs/job-types'
import { createJournal } from '../../../../../../main/services/logout/jobs/journal'
import { writeFileAtomic, type AtomicWrite } from '../../../../../../main/services/atomic-write'

const dirs: string[] = []
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'sc-journal-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const record = (id: string, count = 3): JobRecord => {
  const items = Array.from({ length: count }, (_, i) => ({
    key: `delete-session:s${i}`,
    kind: 'delete-session' as const,
    targetId: `s${i}`,
    userId: 'auth0|alice',
    label: `Chrome on macOS session ${i} of alice@example.com`,
  }))
  return {
    id,
    tenantId: 'sandbox',
    action: 'Sign out sessions',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    status: 'running',
    items,
    states: Object.fromEntries(items.map((i) => [i.key, { status: 'pending', attempts: 0 }])),
  }
}

const readJob = (file: string): JobRecord =>
  (JSON.parse(readFileSync(file, 'utf8')) as { job: JobRecord }).job

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('journal writes', () => {
  it('writes a job to job-<id>.json and loads it back unchanged', async () => {
    const dir = tempDir()
    const journal = createJournal({ dir })
    const job = record('a')
    job.reason = 'Laptop stolen'
    await journal.save(job)
    expect(readdirSync(dir)).toEqual(['job-a.json'])
    expect(readJob(journal.fileOf('a'))).toEqual(job)
    const loaded = createJournal({ dir }).load()
    expect(loaded.problems).toEqual([])
    expect(loaded.records).toEqual([job])
  })

  it('resolves a save only once a write made after it is on disk', async () => {
    const dir = tempDir()
    const seen: string[] = []
    const slow: AtomicWrite = async (file, data) => {
      await delay(20)
      await writeFileAtomic(file, data)
      seen.push(data)
    }
    const journal = createJournal({ dir, writeAtomic: slow })
    const job = record('a')
    const first = journal.save(job)
    // A transition while the first write is in flight must wait for the next one.
    ;(job.states['delete-session:s1'] as { status: string }).status = 'running'
    const second = journal.save(job)
    await first
    await second
    expect(readJob(journal.fileOf('a')).states['delete-session:s1']?.status).toBe('running')
    expect(seen.length).toBe(2)
  })

  it('coalesces a burst of saves into at most two writes, the latest state winning', async () => {
    const dir = tempDir()
    let writes = 0
    let inFlight = 0
    let maxInFlight = 0
    const counting: AtomicWrite = async (file, data) => {
      writes += 1
      inFlight += 1
      maxInFlight = Math.max(maxInFlight, inFlight)
      await delay(10)
      await writeFileAtomic(file, data)
      inFlight -= 1
    }
    const journal = createJournal({ dir, writeAtomic: counting })
    const job = record('a', 50)
    const saves: Promise<void>[] = []
    for (const item of job.items) {
      ;(job.states[item.key] as { status: string }).status = 'done'
      saves.push(journal.save(job))
    }
    await Promise.all(saves)
    expect(writes).toBeLessThanOrEqual(2)
    expect(maxInFlight).toBe(1)
    const onDisk = readJob(journal.fileOf('a'))
    expect(Object.values(onDisk.states).every((s) => s.status === 'done')).toBe(true)
  })

  it('never lets a reader see a partly written file', async () => {
    const dir = tempDir()
    const journal = createJournal({ dir })
    const job = record('big', 4000)
    await journal.save(job)
    const file = journal.fileOf('big')
    let reads = 0
    let bad = 0
    let writing = true
    const reader = (async () => {
      while (writing) {
        try {
          JSON.parse(readFileSync(file, 'utf8'))
        } catch {
          bad += 1
        }
        reads += 1
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    for (let round = 0; round < 30; round++) {
      for (const item of job.items.slice(round * 100, round * 100 + 100)) {
        ;(job.states[item.key] as { attempts: number }).attempts = round + 1
      }
      await journal.save(job)
    }
    writing = false
    await reader
    expect(reads).toBeGreaterThan(10)
    expect(bad).toBe(0)
    expect(readJob(file).states['delete-session:s2999']?.attempts).toBe(30)
  })

  it('rejects the saves of a failed write and succeeds with the next one', async () => {
    const dir = tempDir()
    let fail = true
    const flaky: AtomicWrite = async (file, data) => {
      if (fail)
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
      await writeFileAtomic(file, data)
    }
    const journal = createJournal({ dir, writeAtomic: flaky })
    const job = record('a')
    await expect(journal.save(job)).rejects.toThrow(/ENOSPC/)
    expect(existsSync(journal.fileOf('a'))).toBe(false)
    fail = false
    await journal.save(job)
    expect(readJob(journal.fileOf('a')).id).toBe('a')
  })

  it('removes a job file, waiting for its write in flight, and ignores later saves', async () => {
    const dir = tempDir()
    const slow: AtomicWrite = async (file, data) => {
      await delay(20)
      await writeFileAtomic(file, data)
    }
    const journal = createJournal({ dir, writeAtomic: slow })
    const job = record('a')
    const saving = journal.save(job)
    await journal.remove('a')
    await saving
    await journal.save(job)
    await journal.flush()
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('journal recovery', () => {
  const corrupt: [string, string][] = [
    [
      'a half-written file',
      `{"format":1,"job":{"id":"b","tenantId":"sandbox","items":[{"key":"del`,
    ],
    ['an empty file', ''],
    ['binary garbage', '\u0000\u0001\u0002\u00ff'],
    ['JSON of another shape', '{"format":1,"job":{"id":"b"}}'],
    ['an unknown format', JSON.stringify({ format: 99, job: record('b') })],
    ['the record of another job', JSON.stringify({ format: 1, job: record('zzz') })],
    [
      'states that do not match the items',
      JSON.stringify({ format: 1, job: { ...record('b'), states: {} } }),
    ],
  ]
  for (const [label, content] of corrupt) {
    it(`keeps ${label} as .corrupt-<time>, reports it and loads the other jobs`, async () => {
      const dir = tempDir()
      const good = record('a')
      await createJournal({ dir }).save(good)
      writeFileSync(join(dir, 'job-b.json'), content)
      const journal = createJournal({ dir, now: () => Date.parse('2025-03-04T05:06:07.089Z') })
      const loaded = journal.load()
      expect(loaded.records).toEqual([good])
      expect(loaded.problems).toHaveLength(1)
      const copy = join(dir, 'job-b.json.corrupt-2025-03-04T05-06-07-089Z')
      expect(loaded.problems[0]).toMatchObject({ file: join(dir, 'job-b.json'), copy })
      expect(loaded.problems[0]?.message).toContain(copy)
      expect(readFileSync(copy, 'utf8')).toBe(content)
      expect(existsSync(join(dir, 'job-b.json'))).toBe(false)
      // Reported once: the next start finds nothing wrong.
      expect(createJournal({ dir }).load().problems).toEqual([])
    })
  }

  it('drops a leftover .tmp of a write cut short and keeps the last complete state', async () => {
    const dir = tempDir()
    const job = record('a')
    await createJournal({ dir }).save(job)
    writeFileSync(join(dir, 'job-a.json.tmp'), '{"format":1,"job":{"id":"a","sta')
    const loaded = createJournal({ dir }).load()
    expect(loaded.records).toEqual([job])
    expect(loaded.problems).toEqual([])
    expect(readdirSync(dir)).toEqual(['job-a.json'])
  })

  it('creates a missing directory and ignores files that are not journals', () => {
    const dir = join(tempDir(), 'nested', 'jobs')
    expect(createJournal({ dir }).load()).toEqual({ records: [], problems: [] })
    writeFileSync(join(dir, 'notes.txt'), 'hello')
    expect(createJournal({ dir }).load()).toEqual({ records: [], problems: [] })
  })
})
