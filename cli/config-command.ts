import { importDeployFiles, type DeployFile } from '../core/config/deploy-format'
import { diffConfigs } from '../core/config/diff'
import type { TenantConfiguration } from '../core/config/model'

// What `npm run --silent config -- diff A B` does, minus the file system and the process:
// arguments and an input reader in, exit code and output text out, so tests can call it directly.
// A and B are Auth0 Deploy CLI exports: a `tenant.yaml` file or a directory export.

/** Exit code, and the exact text for stdout and stderr. */
export interface ConfigCommandResult {
  exitCode: 0 | 1 | 2
  stdout: string
  stderr: string
}

/** One input as the CLI read it: a single file, or every file of a directory (relative paths). */
export type ConfigInput =
  { kind: 'file'; name: string; text: string } | { kind: 'directory'; files: DeployFile[] }

/** Reads a path given on the command line; throws when it cannot. */
export type ReadInput = (path: string) => ConfigInput

export const CONFIG_USAGE = 'usage: config diff <A> <B>'

const HELP = `${CONFIG_USAGE}

Compares two Auth0 Deploy CLI exports field by field: the tenant's logout URLs and session
lifetimes, each application's logout, callback, origin, back-channel logout and refresh-token
settings, and the SAML sign-out settings of each connection.

  A, B   a tenant.yaml file, or a directory export (tenant.json, clients/, connections/)

Prints the differences as a JSON array of {resource, field, change, before, after, unit?};
lifetimes are compared in minutes, so hours on one side and *_in_minutes on the other are equal.
Keyword markers (##KEY##, @@KEY@@) are compared as written, never replaced.

Exit status: 0 equal (prints []), 1 different, 2 invalid arguments or input (one line on stderr).
`

const oneLine = (message: string) => message.replace(/\s+/g, ' ').trim()

const fail = (message: string): ConfigCommandResult => ({
  exitCode: 2,
  stdout: '',
  stderr: `config: ${oneLine(message)}\n`,
})

function readError(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const { code, message } = err as { code?: unknown; message?: unknown }
    if (code === 'ENOENT') return 'no such file or directory'
    if (code === 'EACCES') return 'permission denied'
    if (typeof message === 'string') return message
  }
  return String(err)
}

const baseName = (path: string) => path.split(/[/\\]/).filter(Boolean).pop() ?? path

function load(
  path: string,
  readInput: ReadInput,
): { config: TenantConfiguration; warnings: string[] } | { error: string } {
  let input: ConfigInput
  try {
    input = readInput(path)
  } catch (err) {
    return { error: `cannot read ${path}: ${readError(err)}` }
  }
  if (input.kind === 'file') {
    // A single file is named by its base name inside the import, by the argument outside it.
    const name = baseName(input.name)
    const result = importDeployFiles([{ path: name, content: input.text }], { name: path })
    if (!result.ok) {
      // `tenant.yaml: …` and `tenant.yaml clients[0]: …` name the file as given on the command line.
      const named = result.error.startsWith(`${name}: `) || result.error.startsWith(`${name} `)
      return {
        error: named ? `${path}${result.error.slice(name.length)}` : `${path}: ${result.error}`,
      }
    }
    return result
  }
  const result = importDeployFiles(input.files, { name: path })
  return result.ok ? result : { error: `${path}: ${result.error}` }
}

/**
 * Runs `config <command> …`. Only `diff A B` (and `--help`) exist: exit 0 with `[]` when A and B
 * hold the same configuration, 1 with the field-level differences as JSON when they differ, 2 with
 * one line on stderr and nothing on stdout on wrong arguments or an unreadable or invalid export.
 * Warnings (parts of an export that are ignored) go to stderr, one line each, prefixed `warning:`.
 */
export function runConfigCommand(
  args: readonly string[],
  readInput: ReadInput,
): ConfigCommandResult {
  const [command, ...rest] = args
  if (command === '--help' || command === '-h' || command === 'help') {
    return { exitCode: 0, stdout: HELP, stderr: '' }
  }
  if (command !== 'diff') {
    return fail(
      command === undefined ? CONFIG_USAGE : `unknown command ${command}; ${CONFIG_USAGE}`,
    )
  }
  if (rest.includes('--help') || rest.includes('-h'))
    return { exitCode: 0, stdout: HELP, stderr: '' }
  const [a, b, ...extra] = rest
  if (a === undefined || b === undefined || a === '' || b === '' || extra.length > 0) {
    return fail(CONFIG_USAGE)
  }
  const before = load(a, readInput)
  if ('error' in before) return fail(before.error)
  const after = load(b, readInput)
  if ('error' in after) return fail(after.error)
  const warnings = [
    ...before.warnings.map((w) => `${a}: ${w}`),
    ...after.warnings.map((w) => `${b}: ${w}`),
  ]
  const differences = diffConfigs(before.config, after.config)
  return {
    exitCode: differences.length === 0 ? 0 : 1,
    stdout: `${JSON.stringify(differences, null, 2)}\n`,
    stderr: warnings.map((w) => `config: warning: ${oneLine(w)}\n`).join(''),
  }
}
