import { simulate } from '../core/simulation/engine'
import { parseScenarioText } from '../core/simulation/scenario-text'

// What `npm run simulate -- file.json` does, minus the file system and the process: arguments
// and a file reader in, exit code and output text out, so tests can call it directly.

/** Exit code, and the exact text for stdout and stderr. */
export interface CommandResult {
  code: 0 | 2
  stdout: string
  stderr: string
}

/** Reads a file as UTF-8 text; throws when it cannot. */
export type ReadText = (path: string) => string

const USAGE = 'usage: simulate <scenario.json>'

const fail = (message: string): CommandResult => ({
  code: 2,
  stdout: '',
  stderr: `simulate: ${message.replace(/\s+/g, ' ').trim()}\n`,
})

function readError(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const { code, message } = err as { code?: unknown; message?: unknown }
    if (code === 'ENOENT') return 'no such file'
    if (code === 'EISDIR') return 'is a directory'
    if (code === 'EACCES') return 'permission denied'
    if (typeof message === 'string') return message
  }
  return String(err)
}

/**
 * Runs the simulator on one scenario file.
 *
 * Exit 0 with the outcome JSON on stdout when the scenario ran (Auth0 errors inside it are part
 * of the outcome); exit 2 with one line on stderr and nothing on stdout when the arguments are
 * wrong, the file cannot be read, is not JSON, or is not a valid scenario (the line names the
 * JSON path at fault).
 */
export function runSimulateCommand(args: readonly string[], readText: ReadText): CommandResult {
  const [file, ...extra] = args
  if (file === undefined || file === '' || extra.length > 0) return fail(USAGE)
  let text: string
  try {
    text = readText(file)
  } catch (err) {
    return fail(`cannot read ${file}: ${readError(err)}`)
  }
  const parsed = parseScenarioText(text)
  if (!parsed.ok) return fail(`${file}: ${parsed.message}`)
  try {
    return {
      code: 0,
      stdout: `${JSON.stringify(simulate(parsed.scenario), null, 2)}\n`,
      stderr: '',
    }
  } catch (err) {
    // A valid scenario the engine cannot run to the end (e.g. its clock leaves the Date range).
    return fail(`${file}: the scenario cannot be simulated: ${readError(err)}`)
  }
}
