import type { ConfigDraft } from '../../preload/contract'
import { createConfigStore } from '../../main/services/config/config-store'
import { applyEdits, newDraft } from '../../core/config/draft'
import { configFromManagementApi } from '../../core/config/model'

// Child process of tests/integration/config-crash.test.ts: saves a tenant's draft as fast as the
// app would while someone types, through the real config store, until the test kills it with
// SIGKILL. Each save sets the tenant's first logout URL to `https://e.example.com/<n>`.
//
// Input (env): CRASH_CONFIG_DIR, CRASH_APPS (applications in the configuration, for file size).
// Output (stdout): `saved <n>` once save n is on disk.

const dir = process.env['CRASH_CONFIG_DIR']
if (!dir) throw new Error('CRASH_CONFIG_DIR is not set')
const apps = Number(process.env['CRASH_APPS'] ?? '200')

const snapshot = configFromManagementApi(
  {
    settings: { allowed_logout_urls: ['https://e.example.com/0'], session_lifetime: 72 },
    clients: Array.from({ length: apps }, (_, i) => clientInput(i)),
    connections: [],
  },
  {
    kind: 'tenant',
    tenantId: 'crash',
    domain: 'crash.example.com',
    pulledAt: '2026-01-01T00:00:00.000Z',
  },
)

function clientInput(i: number): Record<string, unknown> {
  return {
    client_id: `client-${i}`,
    name: `App ${i}`,
    app_type: 'regular_web',
    allowed_logout_urls: [`https://app${i}.example.com/bye`],
    callbacks: [`https://app${i}.example.com/callback`],
  }
}

const store = createConfigStore({ dir })
let draft: ConfigDraft = newDraft(snapshot)

for (let n = 1; ; n++) {
  draft = applyEdits(draft, [
    { resource: 'tenant', field: 'allowed_logout_urls', after: [`https://e.example.com/${n}`] },
  ])
  await store.saveDraft('crash', draft)
  process.stdout.write(`saved ${n}\n`)
}
