import keytar from 'keytar'
import { KeychainUnavailableError, type SecretStore } from '../services/ports'

/** The keychain service name every secret is stored under. */
export const KEYCHAIN_SERVICE = 'session-console'

function unavailable(error: unknown): KeychainUnavailableError {
  const detail = error instanceof Error ? error.message : String(error)
  const locked = /locked|collection\/login|No such interface|dismissed/i.test(detail)
  return new KeychainUnavailableError(
    locked
      ? 'The OS keychain is locked. Unlock it (log in to your desktop keyring) and try again.'
      : 'The OS keychain is not available (no Secret Service is running). Start your desktop keyring and try again.',
  )
}

/**
 * The OS keychain through keytar (libsecret on Linux, Keychain on macOS, Credential Vault on
 * Windows). Account = tenant id. Keytar failures become {@link KeychainUnavailableError}.
 */
export function createKeytarSecretStore(service = KEYCHAIN_SERVICE): SecretStore {
  return {
    async get(account) {
      try {
        return await keytar.getPassword(service, account)
      } catch (error) {
        throw unavailable(error)
      }
    },
    async set(account, secret) {
      try {
        await keytar.setPassword(service, account, secret)
      } catch (error) {
        throw unavailable(error)
      }
    },
    async delete(account) {
      try {
        return await keytar.deletePassword(service, account)
      } catch (error) {
        throw unavailable(error)
      }
    },
  }
}
