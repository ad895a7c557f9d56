import { spawn } from 'node:child_process'
import { once } from 'node:events'

/** What a CLI run printed and how it exited. */
export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs one of our TypeScript CLIs as `npm run --silent <name>` does: a separate Node process
 * loading it through tsx, from the repository root.
 */
export async function runTsCli(entry: string, args: readonly string[]): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: process.cwd(),
    env: { ...process.env, NODE_OPTIONS: '' },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const [code] = (await once(child, 'close')) as [number | null]
  return { code, stdout, stderr }
}
