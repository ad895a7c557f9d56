import type { Input, Method, Output, Result } from '../../preload/contract'
import { createAppServices, type HostDeps } from '../../main/app-services'
import type { Sandbox } from '../../main/sandbox/server'
import type { SandboxLauncher } from '../../main/services/ports'
import { createInvoker } from '../../main/ipc/handle'
import { createHandlers } from '../../main/ipc/handlers'
import { createFakeApiFactory, fakeSandboxLauncher } from './fake-tenant-api'
import {
  createMemorySecretStore,
  createMemorySettings,
  createRecordingEvents,
} from './memory-adapters'

/** The real services and invoker over in-memory adapters, for unit tests of the IPC layer. */
export function createTestApp(overrides: Partial<HostDeps> = {}) {
  const opened: string[] = []
  const logged: unknown[] = []
  const deps: HostDeps = {
    host: 'web',
    version: '0.0.0-test',
    dataDir: '/tmp/session-console-test',
    settings: createMemorySettings(),
    secrets: createMemorySecretStore(),
    events: createRecordingEvents(),
    openExternal: async (url) => {
      opened.push(url)
    },
    startupNotices: [],
    createApi: createFakeApiFactory().factory,
    launchSandbox: fakeSandboxLauncher().launch,
    ...overrides,
  }
  const services = createAppServices(deps)
  const handlers = createHandlers(services)
  const invoke = createInvoker(handlers, {
    error: (message, cause) => logged.push({ message, cause }),
  })
  /** A typed call through the real invoker (schemas included). */
  const call = <M extends Method>(method: M, input: Input<M>) =>
    invoke(method, input) as Promise<Result<Output<M>>>
  return { deps, services, handlers, invoke, call, opened, logged }
}

/** The value of a Result, or a thrown error naming the failure. */
export async function must<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending
  if (!result.ok)
    throw new Error(`Expected success, got ${result.error.code}: ${result.error.message}`)
  return result.value
}

/**
 * A launcher for a Sandbox a test started itself: it outlives each set of services, so disposing
 * them (which closes what the launcher gave) must not stop it. `current` may swap the Sandbox.
 */
export const sharedSandbox =
  (current: () => Sandbox): SandboxLauncher =>
  async () => {
    const s = current()
    return {
      url: s.url,
      domain: s.domain,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
      close: async () => {},
    }
  }
