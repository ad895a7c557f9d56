import { spawn } from 'node:child_process'

/** How a child process ended. */
export interface ChildEnd {
  code: number | null
  signal: NodeJS.Signals | null
}

/**
 * Start `node --import tsx <script>` (a TypeScript file run the way the app's Node hosts run) for a
 * crash test: its stdout is collected line by line, and it can be killed with SIGKILL at any point.
 */
export function spawnTsChild(script: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '', ...env },
  })
  const lines: string[] = []
  let partial = ''
  let stderr = ''
  const watchers = new Set<() => void>()
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n')
    partial = parts.pop() ?? ''
    lines.push(...parts)
    for (const watch of watchers) watch()
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  // 'close', not 'exit': every line the child wrote before it died has been read by then.
  const closed = new Promise<ChildEnd>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  )

  return {
    /** Complete stdout lines so far. */
    lines,
    stderr: () => stderr,
    /** Resolves once a line matches; rejects if the child ends first or after `timeoutMs`. */
    waitForLine(match: (line: string) => boolean, timeoutMs = 20_000): Promise<string> {
      return new Promise((resolve, reject) => {
        const done = (settle: () => void) => {
          watchers.delete(check)
          clearTimeout(timer)
          settle()
        }
        const check = () => {
          const line = lines.find(match)
          if (line !== undefined) done(() => resolve(line))
        }
        const timer = setTimeout(
          () => done(() => reject(new Error(`no matching line in ${timeoutMs} ms: ${stderr}`))),
          timeoutMs,
        )
        watchers.add(check)
        void closed.then(() =>
          done(() => reject(new Error(`the child ended before the line: ${stderr}`))),
        )
        check()
      })
    },
    /** kill -9, then wait until its output is drained. */
    async killHard(): Promise<ChildEnd> {
      child.kill('SIGKILL')
      return closed
    },
  }
}
