import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startNodeApp } from './node-app'

// `npm run web`: the app in a browser, no Electron. Glue only: parse flags, start, print the URL.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    renderer: { type: 'string', default: 'out/renderer' },
  },
})
const rendererDir = resolve(values.renderer)
if (!existsSync(join(rendererDir, 'index.html'))) {
  console.error(`No built renderer in ${rendererDir}. Run npm run build first.`)
  process.exit(1)
}
const dataDir = resolve(
  values['data-dir'] ??
    process.env['SESSION_CONSOLE_DATA_DIR'] ??
    join(homedir(), '.config', 'session-console'),
)
const app = await startNodeApp({ dataDir, rendererDir, port: Number(values.port) })
console.log(`Session Console web host (data: ${dataDir})`)
console.log(`Open: ${app.host.openUrl}`)
const stop = () => void app.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
