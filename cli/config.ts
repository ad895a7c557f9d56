// `npm run --silent config -- diff A B` (node --import tsx cli/config.ts). Glue only: the
// one configuration file that touches Node (the file system and the process). A and B are Auth0
// Deploy CLI exports: a tenant.yaml (or .yml, or a lone tenant.json) file, or a directory export,
// read whole (every file, relative paths with '/'). Sizes are checked before anything is read.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { runConfigCommand, type ConfigInput } from './config-command'
import { MAX_IMPORT_BYTES, MAX_IMPORT_FILES, type DeployFile } from '../core/config/deploy-format'

const tooLarge = () => new Error(`too large (more than ${MAX_IMPORT_BYTES / 2 ** 20} MB)`)

/**
 * Every file under `root`, paths relative to it. Symbolic links to files are read; symbolic links
 * to directories are not followed (a loop, or a way out of the export).
 */
function readDirectory(root: string): DeployFile[] {
  const files: DeployFile[] = []
  let total = 0
  const walk = (dir: string, prefix: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )
    for (const entry of entries) {
      const full = join(dir, entry.name)
      const relative = `${prefix}${entry.name}`
      const stats = statSync(full)
      if (stats.isDirectory()) {
        if (!entry.isSymbolicLink()) walk(full, `${relative}/`)
        continue
      }
      if (!stats.isFile()) continue
      if (files.length >= MAX_IMPORT_FILES) {
        throw new Error(`too many files (more than ${MAX_IMPORT_FILES})`)
      }
      total += stats.size
      if (total > MAX_IMPORT_BYTES) throw tooLarge()
      files.push({ path: relative, content: readFileSync(full, 'utf8') })
    }
  }
  walk(root, '')
  return files
}

function readInput(path: string): ConfigInput {
  const stats = statSync(path)
  if (stats.isDirectory()) return { kind: 'directory', files: readDirectory(path) }
  if (stats.size > MAX_IMPORT_BYTES) throw tooLarge()
  return { kind: 'file', name: basename(path), text: readFileSync(path, 'utf8') }
}

const result = runConfigCommand(process.argv.slice(2), readInput)
process.stdout.write(result.stdout)
process.stderr.write(result.stderr)
process.exitCode = result.exitCode
