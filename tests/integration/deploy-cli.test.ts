import { execFile } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MANAGEMENT_SCOPES } from '../../main/sandbox/management-api'
import { startSandbox, type Sandbox } from '../../main/sandbox/server'
import { createTenantApi } from '../../main/tenant-backends'
import {
  exportDeployDirectory,
  exportDeployYaml,
  importDeployFiles,
  type DeployFile,
} from '../../core/config/deploy-format'
import { diffConfigs } from '../../core/config/diff'
import type { TenantConfiguration } from '../../core/config/model'
import { createMemorySecretStore, createMemorySettings } from '../helpers/memory-adapters'
import { createTestApp, must, sharedSandbox } from '../helpers/test-app'
import { startTlsFront, type TlsFront } from '../helpers/tls-front'

// Auth0's own Deploy CLI (auth0-deploy-cli 8.44, a devDependency used only here) against the
// Sandbox, through an https front with a throwaway certificate (the Deploy CLI forces https).
// Only the resources the console models are included: tenant, clients, connections, databases.

const require = createRequire(import.meta.url)
const A0DEPLOY = require.resolve('auth0-deploy-cli/lib/index.js')
const INCLUDED = JSON.stringify(['tenant', 'clients', 'connections', 'databases'])

let sandbox: Sandbox
let front: TlsFront
const dirs: string[] = []
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(dir)
  return dir
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo', scopes: [...MANAGEMENT_SCOPES, 'read:actions'] })
  front = await startTlsFront(sandbox.url)
  sandbox.addCanonicalDomain(front.domain)
})
afterAll(async () => {
  await front.close()
  await sandbox.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** Runs `a0deploy` with the Sandbox's credentials; its exit code and output. */
function a0deploy(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [A0DEPLOY, ...args],
      {
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          NODE_EXTRA_CA_CERTS: front.caFile,
          AUTH0_DOMAIN: front.domain,
          AUTH0_CLIENT_ID: sandbox.clientId,
          AUTH0_CLIENT_SECRET: sandbox.clientSecret,
          AUTH0_INCLUDED_ONLY: INCLUDED,
          AUTH0_ALLOW_DELETE: 'false',
        },
        timeout: 120_000,
        encoding: 'utf8',
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    )
  })
}

function filesUnder(root: string): DeployFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = join(dir, name)
      return statSync(full).isDirectory() ? walk(full) : [full]
    })
  return walk(root).map((file) => ({
    path: relative(root, file).split('\\').join('/'),
    content: readFileSync(file, 'utf8'),
  }))
}

async function pulled(): Promise<TenantConfiguration> {
  const app = createTestApp({
    settings: createMemorySettings(),
    secrets: createMemorySecretStore(),
    createApi: createTenantApi,
    launchSandbox: sharedSandbox(() => sandbox),
    dataDir: temp('sc-deploy-app-'),
  })
  const ws = await must(app.call('pullConfig', { tenantId: 'sandbox', discardDraft: true }))
  await app.services.dispose()
  if (!ws.snapshot) throw new Error('no snapshot')
  return ws.snapshot
}

const read = (files: DeployFile[]): TenantConfiguration => {
  const result = importDeployFiles(files)
  if (!result.ok) throw new Error(result.error)
  return result.config
}

describe("Auth0's Deploy CLI against the Sandbox", () => {
  it.each(['yaml', 'directory'])(
    'a0deploy export (%s) reads back equal to what the console pulls',
    async (format) => {
      const out = temp(`sc-a0-${format}-`)
      const run = await a0deploy(['export', '--format', format, '--output_folder', out])
      expect(run.code, run.output).toBe(0)
      const exported = read(filesUnder(out))
      expect(diffConfigs(await pulled(), exported)).toEqual([])
    },
    120_000,
  )

  it.each(['yaml', 'directory'])(
    'our %s export deployed with a0deploy import leaves every connection as it was',
    async (format) => {
      const before = structuredClone(sandbox.store.connections)
      const snapshot = await pulled()
      const dir = temp(`sc-ours-${format}-`)
      let input: string
      if (format === 'yaml') {
        input = join(dir, 'tenant.yaml')
        writeFileSync(input, exportDeployYaml(snapshot))
      } else {
        for (const file of exportDeployDirectory(snapshot)) {
          const path = join(dir, file.path)
          mkdirSync(join(path, '..'), { recursive: true })
          writeFileSync(path, file.content)
        }
        input = dir
      }
      const run = await a0deploy(['import', '--input_file', input])
      expect(run.code, run.output).toBe(0)
      const after = sandbox.store.connections
      const changed = before
        .filter((c) => !isDeepStrictEqual(after.find((a) => a.id === c.id)?.options, c.options))
        .map((c) => c.name)
      expect(changed).toEqual([])
    },
    120_000,
  )
})
