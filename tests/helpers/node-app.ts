import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startNodeApp, type NodeAppOptions } from '../../main/web/node-app'
import { createMemorySecretStore } from './memory-adapters'

/** Where `electron-vite build` puts the renderer. */
export const RENDERER_DIR = resolve(import.meta.dirname, '../../out/renderer')

/** A fresh, empty data folder. */
export const tempDataDir = () => mkdtempSync(join(tmpdir(), 'session-console-'))

/**
 * Start the app as `npm run web` does, in a temp data folder.
 *
 * Secrets go to an in-memory store unless `secrets` is given (the keychain tests pass the real one).
 */
export async function startTestNodeApp(options: Partial<NodeAppOptions> = {}) {
  const opened: string[] = []
  const app = await startNodeApp({
    dataDir: options.dataDir ?? tempDataDir(),
    rendererDir: options.rendererDir ?? RENDERER_DIR,
    secrets: options.secrets ?? createMemorySecretStore(),
    openExternal: async (url) => {
      opened.push(url)
    },
    log: { error: () => {} },
    ...options,
  })
  return Object.assign(app, { opened })
}
