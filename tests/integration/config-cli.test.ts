import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runTsCli } from '../helpers/run-cli'

// `npm run --silent config -- diff A B` as a pipeline runs it: a separate Node process loading the
// TypeScript through tsx, reading Deploy CLI exports from disk. Exit 0 equal, 1 different, 2 on
// invalid input with one line on stderr.

const configCli = (...args: string[]) => runTsCli('cli/config.ts', args)

const fixture = (path: string) => `tests/fixtures/config/${path}`

/** One line on stderr, nothing on stdout, exit 2. */
async function expectInvalid(args: string[], line: string) {
  const result = await configCli(...args)
  expect(result).toEqual({ code: 2, stdout: '', stderr: `${line}\n` })
}

describe('config diff: equal exports', () => {
  it('exits 0 and prints [] for a tenant.yaml and the directory export of the same tenant', async () => {
    const result = await configCli('diff', fixture('tenant.yaml'), fixture('directory'))
    expect(result).toEqual({ code: 0, stdout: '[]\n', stderr: '' })
  })

  it('lifetimes in hours on one side and *_in_minutes on the other are equal', async () => {
    const result = await configCli(
      'diff',
      fixture('units/hours.yaml'),
      fixture('units/minutes.yaml'),
    )
    expect(result).toEqual({ code: 0, stdout: '[]\n', stderr: '' })
  })
})

describe('config diff: different exports', () => {
  it('exits 1 and prints the field-level differences as JSON', async () => {
    const result = await configCli('diff', fixture('directory'), fixture('tenant-changed.yaml'))
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('')
    expect(JSON.parse(result.stdout)).toEqual([
      {
        resource: 'clients/Portal',
        field: 'allowed_logout_urls',
        change: 'changed',
        before: ['https://portal.example.com/bye'],
        after: ['https://portal.example.com/bye', 'https://*.portal.example.com/bye'],
      },
    ])
  })

  it('shows a changed lifetime in minutes, whatever unit each side used', async () => {
    const result = await configCli('diff', fixture('units/hours.yaml'), fixture('tenant.yaml'))
    expect(result.code).toBe(1)
    const differences = JSON.parse(result.stdout) as {
      field: string
      before: unknown
      after: unknown
      unit?: string
    }[]
    expect(differences.find((d) => d.field === 'session_lifetime')).toEqual({
      resource: 'tenant',
      field: 'session_lifetime',
      change: 'changed',
      before: 43_200,
      after: 10_080,
      unit: 'minutes',
    })
  })
})

describe('config diff: invalid input exits 2 with one line', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'config-cli-'))
    writeFileSync(join(dir, 'broken.yaml'), 'tenant:\n  allowed_logout_urls: [\n')
    mkdirSync(join(dir, 'broken-dir/clients'), { recursive: true })
    writeFileSync(join(dir, 'broken-dir/clients/Portal.json'), '{"name": "Portal",}')
    writeFileSync(join(dir, 'bomb.yaml'), `${'['.repeat(50_000)}\n`)
    writeFileSync(join(dir, 'giant.yaml'), Buffer.alloc(20 * 1024 * 1024 + 1, 0x20))
    mkdirSync(join(dir, 'many/clients'), { recursive: true })
    for (let i = 0; i <= 5000; i++) writeFileSync(join(dir, `many/clients/c${i}.json`), '{}')
    mkdirSync(join(dir, 'looped/clients'), { recursive: true })
    writeFileSync(join(dir, 'looped/clients/A.json'), '{"name":"A"}')
    symlinkSync(join(dir, 'looped'), join(dir, 'looped/clients/loop'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('malformed YAML, with the place', async () => {
    await expectInvalid(
      ['diff', join(dir, 'broken.yaml'), fixture('tenant.yaml')],
      `config: ${join(dir, 'broken.yaml')}: invalid YAML at line 3, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    )
  })

  it('malformed JSON inside a directory export, naming the file', async () => {
    await expectInvalid(
      ['diff', fixture('tenant.yaml'), join(dir, 'broken-dir')],
      `config: ${join(dir, 'broken-dir')}: clients/Portal.json: invalid JSON at line 1, column 19`,
    )
  })

  it('a value of the wrong type', async () => {
    await expectInvalid(
      ['diff', fixture('invalid/wrong-type.yaml'), fixture('tenant.yaml')],
      'config: tests/fixtures/config/invalid/wrong-type.yaml tenant: allowed_logout_urls must be a list of strings',
    )
  })

  it('a client without a name, and two clients of one name', async () => {
    await expectInvalid(
      ['diff', fixture('tenant.yaml'), fixture('invalid/nameless')],
      'config: tests/fixtures/config/invalid/nameless: clients/unnamed.json: a client needs a "name" string',
    )
    await expectInvalid(
      ['diff', fixture('invalid/duplicate-client.yaml'), fixture('tenant.yaml')],
      'config: tests/fixtures/config/invalid/duplicate-client.yaml: duplicate client name "Portal" (duplicate-client.yaml clients[0] and duplicate-client.yaml clients[1])',
    )
  })

  it('a missing file', async () => {
    await expectInvalid(
      ['diff', fixture('tenant.yaml'), fixture('nope.yaml')],
      'config: cannot read tests/fixtures/config/nope.yaml: no such file or directory',
    )
  })

  it('hostile input: deep nesting, a giant file, too many files — refused, not crashed', async () => {
    await expectInvalid(
      ['diff', join(dir, 'bomb.yaml'), fixture('tenant.yaml')],
      `config: ${join(dir, 'bomb.yaml')}: nested more than 100 levels deep at line 1`,
    )
    await expectInvalid(
      ['diff', join(dir, 'giant.yaml'), fixture('tenant.yaml')],
      `config: cannot read ${join(dir, 'giant.yaml')}: too large (more than 20 MB)`,
    )
    await expectInvalid(
      ['diff', join(dir, 'many'), fixture('tenant.yaml')],
      `config: cannot read ${join(dir, 'many')}: too many files (more than 5000)`,
    )
  })

  it('does not follow a symbolic link to a directory (a loop)', async () => {
    const result = await configCli('diff', join(dir, 'looped'), join(dir, 'looped'))
    expect(result).toEqual({ code: 0, stdout: '[]\n', stderr: '' })
  })

  it.each([[[]], [['diff']], [['diff', 'a']], [['diff', 'a', 'b', 'c']], [['merge', 'a', 'b']]])(
    'wrong arguments %j',
    async (args) => {
      const result = await configCli(...args)
      expect(result.code).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(
        /^config: (unknown command merge; )?usage: config diff <A> <B>\n$/,
      )
    },
  )

  it('--help prints the usage and exits 0', async () => {
    const result = await configCli('--help')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^usage: config diff <A> <B>\n/)
  })
})
