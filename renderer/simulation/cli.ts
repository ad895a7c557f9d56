// `npm run simulate -- scenario.json` (node --import tsx renderer/simulation/cli.ts). Glue only:
// the one simulator file that touches Node (the file system and the process).
// eslint-disable-next-line no-restricted-imports -- the CLI is the simulator's Node entry point
import { readFileSync } from 'node:fs'
import { runSimulateCommand } from './command'

const result = runSimulateCommand(process.argv.slice(2), (path) => readFileSync(path, 'utf8'))
process.stdout.write(result.stdout)
process.stderr.write(result.stderr)
process.exitCode = result.code
