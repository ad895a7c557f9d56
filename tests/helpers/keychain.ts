import keytar from 'keytar'

/**
 * Whether a Secret Service (or the OS keychain) answers here. CI runs the tests inside a private
 * D-Bus session with an unlocked gnome-keyring, where this must be true.
 */
export async function keychainAvailable(): Promise<{ ok: boolean; reason: string }> {
  try {
    await keytar.findCredentials('session-console-availability-probe')
    return { ok: true, reason: '' }
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) }
  }
}
