import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runTsCli } from '../helpers/run-cli'

// The simulator CLI as `npm run simulate` runs it: a separate Node process loading the TypeScript
// through tsx, reading a scenario file.
const simulateCli = (file: string) => runTsCli('cli/simulate.ts', [file])

const fixture = (path: string) => `tests/fixtures/simulation/${path}`

describe('simulate CLI', () => {
  it('prints the outcome JSON for a scenario and exits 0', async () => {
    const result = await simulateCli(fixture('steps/v2-logout.json'))
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual(
      JSON.parse(readFileSync(fixture('steps/v2-logout.outcome.json'), 'utf8')),
    )
  })

  it('runs the contract example as written (JSON with comments)', async () => {
    const result = await simulateCli(fixture('contract-scenario.json'))
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({
      steps: [],
      final: {
        app_sessions: ['A', 'B'],
        sessions: ['s1'],
        idp_sessions: ['google-oauth2'],
        refresh_tokens: ['rt1'],
      },
    })
  })

  it('exits 2 on an invalid scenario: one stderr line naming the path, nothing on stdout', async () => {
    const result = await simulateCli(fixture('invalid/bad-endpoint.json'))
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(
      'simulate: tests/fixtures/simulation/invalid/bad-endpoint.json: invalid scenario at steps[1].endpoint: must be one of "/v2/logout", "/oidc/logout", got "/logout"\n',
    )
  })

  // A .txt file, so that `npm run format` cannot "repair" the trailing comma it is about.
  it('exits 2 on a file that is not JSON, with the line and column', async () => {
    const result = await simulateCli(fixture('invalid/not-json.txt'))
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(
      "simulate: tests/fixtures/simulation/invalid/not-json.txt: not valid JSON: Unexpected token ']' at line 5, column 3\n",
    )
  })

  it('exits 2 on a file it cannot read', async () => {
    const result = await simulateCli(fixture('invalid/does-not-exist.json'))
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(
      'simulate: cannot read tests/fixtures/simulation/invalid/does-not-exist.json: no such file\n',
    )
  })
})
