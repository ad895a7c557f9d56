import { describe, expect, it } from 'vitest'
import { runConfigCommand, type ConfigInput } from '../../../cli/config-command'

// `config diff A B` without the file system: what a pipeline sees on stdout, stderr and the exit
// code for inputs the integration test cannot easily put on disk.

const inputs: Record<string, ConfigInput> = {
  'a.yaml': { kind: 'file', name: 'a.yaml', text: 'tenant:\n  session_lifetime: 24\n' },
  'b.yaml': {
    kind: 'file',
    name: 'b.yaml',
    text: 'tenant:\n  session_lifetime_in_minutes: 1440\n',
  },
  export: {
    kind: 'directory',
    files: [
      { path: 'tenant.json', content: '{"session_lifetime": 24}' },
      { path: 'rules/block.js', content: '' },
    ],
  },
}
const read = (path: string): ConfigInput => {
  const input = inputs[path]
  if (input === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' })
  return input
}

describe('runConfigCommand', () => {
  it('equal exports: exit 0, [] on stdout', () => {
    expect(runConfigCommand(['diff', 'a.yaml', 'b.yaml'], read)).toEqual({
      exitCode: 0,
      stdout: '[]\n',
      stderr: '',
    })
  })

  it('what an export ignores goes to stderr as a warning, without changing the exit code', () => {
    expect(runConfigCommand(['diff', 'export', 'a.yaml'], read)).toEqual({
      exitCode: 0,
      stdout: '[]\n',
      stderr: 'config: warning: export: ignored rules/\n',
    })
  })

  it('an unreadable input names the path and the reason on one line', () => {
    expect(runConfigCommand(['diff', 'a.yaml', 'missing.yaml'], read)).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'config: cannot read missing.yaml: no such file or directory\n',
    })
  })

  it('a multi-line reason is folded onto one line', () => {
    const broken = (): ConfigInput => {
      throw new Error('disk\nfull')
    }
    expect(runConfigCommand(['diff', 'x', 'y'], broken).stderr).toBe(
      'config: cannot read x: disk full\n',
    )
  })

  it.each([['--help'], ['help'], ['-h']])('%s prints the help and exits 0', (flag) => {
    const result = runConfigCommand([flag], read)
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('Exit status: 0 equal (prints []), 1 different, 2 invalid')
  })
})
