import { createAppServices, type HostDeps } from '../../main/app-services'
import { createInvoker } from '../../main/ipc/handle'
import { createHandlers } from '../../main/ipc/handlers'
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
    ...overrides,
  }
  const services = createAppServices(deps)
  const handlers = createHandlers(services)
  const invoke = createInvoker(handlers, {
    error: (message, cause) => logged.push({ message, cause }),
  })
  return { deps, services, handlers, invoke, opened, logged }
}
