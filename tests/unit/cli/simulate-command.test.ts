import { describe, expect, it } from 'vitest'
import { runSimulateCommand, type ReadText } from '../../../cli/simulate-command'
import { jsonErrorOffset } from '../../../core/simulation/scenario-text'

const files: Record<string, string> = {
  'ok.json': JSON.stringify({
    state: { now: '2026-03-01T10:00:00Z', app_sessions: ['A'] },
    steps: [{ do: 'local_logout', client_id: 'A' }],
  }),
  'bad.json': JSON.stringify({ state: { now: '2026-03-01T10:00:00Z' }, steps: [{ do: 'wait' }] }),
  'broken.json': '{\n  "steps": [\n    1,\n  ]\n}',
}

const readText: ReadText = (path) => {
  const text = files[path]
  if (text === undefined)
    throw Object.assign(new Error(`ENOENT: open '${path}'`), { code: 'ENOENT' })
  return text
}

const oneLine = (text: string) => {
  expect(text.endsWith('\n')).toBe(true)
  expect(text.trimEnd().split('\n')).toHaveLength(1)
}

describe('runSimulateCommand', () => {
  it('prints the outcome JSON and exits 0', () => {
    const result = runSimulateCommand(['ok.json'], readText)
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    expect(JSON.parse(result.stdout)).toMatchObject({
      steps: [{ do: 'local_logout', result: 'ok', ended: ['app:A'] }],
      final: { app_sessions: [], sessions: [], idp_sessions: [], refresh_tokens: [] },
    })
  })

  // [case, arguments, words of the one stderr line]
  const failures: [string, string[], string][] = [
    [
      'an invalid scenario names the JSON path',
      ['bad.json'],
      'simulate: bad.json: invalid scenario at steps[0].minutes: is required',
    ],
    [
      'text that is not JSON gives line and column',
      ['broken.json'],
      "simulate: broken.json: not valid JSON: Unexpected token ']' at line 4, column 3",
    ],
    ['a missing file', ['missing.json'], 'simulate: cannot read missing.json: no such file'],
    ['no argument', [], 'simulate: usage: simulate <scenario.json>'],
    ['two arguments', ['ok.json', 'bad.json'], 'usage'],
  ]

  it.each(failures)('%s: exit 2, one stderr line, nothing on stdout', (_name, args, words) => {
    const result = runSimulateCommand(args, readText)
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    oneLine(result.stderr)
    expect(result.stderr).toContain(words)
  })

  it('keeps a multi-line read error on one line', () => {
    const result = runSimulateCommand(['x.json'], () => {
      throw new Error('first\nsecond')
    })
    expect(result.stderr).toBe('simulate: cannot read x.json: first second\n')
  })
})

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a": 1}', -1],
    ['[1, 2.5e3, "x\\u00e9", true, false, null, {}]', -1],
    ['{"a":}', 5],
    ['[1,]', 3],
    ['{"a": 1} x', 9],
    ['{"a" 1}', 5],
    ["{'a': 1}", 1],
    ['01', 1],
    ['', 0],
  ])('%j → %i', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset)
  })
})
