import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'

// The CLI as `npm run sandbox` runs it: a separate Node process loading the TypeScript via tsx.
const startCli = (args: string[]): ChildProcessWithoutNullStreams =>
  spawn(process.execPath, ['--import', 'tsx', 'main/sandbox/cli.ts', ...args], {
    cwd: process.cwd(),
    env: { ...process.env, NODE_OPTIONS: '' },
  })

const collect = (child: ChildProcessWithoutNullStreams) => {
  const out = { stdout: '', stderr: '' }
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out.stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out.stderr += chunk))
  return out
}

const firstLine = (child: ChildProcessWithoutNullStreams): Promise<string> =>
  new Promise((resolve, reject) => {
    let buffer = ''
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8')
      const newline = buffer.indexOf('\n')
      if (newline >= 0) {
        child.stdout.off('data', onData)
        resolve(buffer.slice(0, newline))
      }
    }
    child.stdout.on('data', onData)
    child.once('exit', (code) => reject(new Error(`CLI exited early with ${String(code)}`)))
  })

describe('sandbox CLI', () => {
  it('prints one JSON line, serves /oauth/token, and exits 0 on SIGTERM', async () => {
    const child = startCli(['--json', '--port', '0'])
    const out = collect(child)
    const line = await firstLine(child)
    const info = JSON.parse(line) as Record<string, unknown>
    expect(Object.keys(info).sort()).toEqual([
      'client_id',
      'client_secret',
      'domain',
      'port',
      'url',
    ])
    expect(info['url']).toBe(`http://127.0.0.1:${String(info['port'])}`)
    expect(info['domain']).toBe(`127.0.0.1:${String(info['port'])}`)

    const res = await fetch(`${String(info['url'])}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: info['client_id'],
        client_secret: info['client_secret'],
        audience: `https://${String(info['domain'])}/api/v2/`,
      }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ token_type: 'Bearer', expires_in: 86400 })

    child.kill('SIGTERM')
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(0)
    expect(out.stdout.trim().split('\n')).toHaveLength(1)
  })

  it.each([[['--seed', 'huge']], [['--rate-limit', 'fast']], [['--port', '-1']], [['--bogus']]])(
    'rejects %j with exit code 2 and a message on stderr',
    async (args) => {
      const child = startCli(args)
      const out = collect(child)
      const [code] = (await once(child, 'exit')) as [number | null]
      expect(code).toBe(2)
      expect(out.stderr).toMatch(/^sandbox: /)
      expect(out.stdout).toBe('')
    },
  )
})
