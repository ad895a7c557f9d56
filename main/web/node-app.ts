import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { StartupNotice } from '../../preload/contract'
import { createKeytarSecretStore } from '../adapters/keytar-secret-store'
import { openNodeSettings } from '../adapters/node-settings'
import { createAppServices, type AppServices } from '../app-services'
import { createInvoker, type ErrorLog } from '../ipc/handle'
import { createHandlers } from '../ipc/handlers'
import type { OpenExternal, SandboxLauncher, SecretStore } from '../services/ports'
import { createTenantApi, launchDemoSandbox } from '../tenant-backends'
import { startWebHost, type WebHost } from './server'

/** Options of {@link startNodeApp}. */
export interface NodeAppOptions {
  dataDir: string
  rendererDir: string
  port?: number
  token?: string
  /** Defaults to the OS keychain. */
  secrets?: SecretStore
  /** Defaults to recording nothing: a web page opens links itself. */
  openExternal?: OpenExternal
  log?: ErrorLog
  /** Defaults to the embedded demo Sandbox. */
  launchSandbox?: SandboxLauncher
}

/** The app served by the web host: the same services and handler table as the Electron app. */
export interface NodeApp {
  host: WebHost
  services: AppServices
  close(): Promise<void>
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
      version?: string
    }
    return pkg.version ?? '0.0.0'
  } catch {
    return '0.0.0'
  }
}

/** Build the services on conf + keytar and serve them with the web host. */
export async function startNodeApp(options: NodeAppOptions): Promise<NodeApp> {
  mkdirSync(options.dataDir, { recursive: true })
  const { settings, notice } = openNodeSettings(options.dataDir)
  const notices: StartupNotice[] = notice ? [notice] : []
  const host = await startWebHost({
    rendererDir: options.rendererDir,
    port: options.port,
    token: options.token,
  })
  const services = createAppServices({
    host: 'web',
    version: packageVersion(),
    dataDir: options.dataDir,
    settings,
    secrets: options.secrets ?? createKeytarSecretStore(),
    events: host.events,
    openExternal: options.openExternal ?? (async () => {}),
    startupNotices: notices,
    createApi: createTenantApi,
    launchSandbox: options.launchSandbox ?? launchDemoSandbox,
  })
  host.attach(createInvoker(createHandlers(services), options.log ?? console))
  let closing: Promise<void> | null = null
  return {
    host,
    services,
    // Idempotent: a test may quit the app mid-job and its fixture close it again.
    close() {
      closing ??= services.dispose().then(() => host.close())
      return closing
    },
  }
}
