// Run in a child process (with whatever D-Bus environment the test gives it): try the real
// keychain adapter once and print what happened as one JSON line.
import { createKeytarSecretStore } from '../../main/adapters/keytar-secret-store'

const store = createKeytarSecretStore('session-console-probe')
try {
  const value = await store.get('probe')
  console.log(JSON.stringify({ ok: true, value }))
} catch (error) {
  console.log(
    JSON.stringify({
      ok: false,
      name: error instanceof Error ? error.name : 'unknown',
      message: error instanceof Error ? error.message : String(error),
    }),
  )
}
