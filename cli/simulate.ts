// `npm run simulate -- scenario.json` (node --import tsx cli/simulate.ts). Glue only:
// the one simulator file that touches Node (the file system and the process).
import { readFileSync } from 'node:fs'
import { runSimulateCommand } from './simulate-command'

const result = runSimulateCommand(process.argv.slice(2), (path) => readFileSync(path, 'utf8'))
process.stdout.write(result.stdout)
process.stderr.write(result.stderr)
process.exitCode = result.code
