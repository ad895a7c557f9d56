import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

/** What `npm run sandbox -- --json` prints. */
export interface SandboxLine {
  url: string
  domain: string
  port: number
  client_id: string
  client_secret: string
}

/** Run the standalone Sandbox as a user would (`npm run sandbox -- --json`) and read its line. */
export async function runSandboxCli(
  args: string[] = [],
): Promise<{ line: SandboxLine; child: ChildProcess; stop: () => Promise<number | null> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/sandbox/cli.ts', '--json', '--port', '0', ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${String(code)}`)))
  })
  const stop = () =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode)
      child.once('exit', (code) => resolve(code))
      child.kill('SIGTERM')
    })
  return { line: JSON.parse(first) as SandboxLine, child, stop }
}
