import { ManagementClient, ManagementError } from 'auth0'
import type { Sandbox } from '../../main/sandbox/server'

/**
 * A fetch for the official auth0 SDK against a Sandbox: the SDK always builds
 * `https://{domain}/…` (and uses the same fetch for /oauth/token), so the https origin is rewritten
 * to the Sandbox's plain-http URL. `wrap` sees every answer (rate-limit headers, status codes).
 */
export const sandboxFetch =
  (sandbox: Sandbox, wrap?: (response: Response) => Response): typeof fetch =>
  async (input, init) => {
    const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const url = raw.replace(`https://${sandbox.domain}`, sandbox.url)
    const response = await (input instanceof Request
      ? fetch(new Request(url, input), init)
      : fetch(url, init))
    return wrap ? wrap(response) : response
  }

/** The official SDK's Management client for a Sandbox, as one of its clients, without retries. */
export const sdkFor = (
  sandbox: Sandbox,
  credentials: { clientId: string; clientSecret: string } = sandbox,
  maxRetries = 0,
): ManagementClient =>
  new ManagementClient({
    domain: sandbox.domain,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    fetch: sandboxFetch(sandbox),
    maxRetries,
    telemetry: false,
  })

/** The ManagementError a call fails with; throws if it succeeds or fails otherwise. */
export const errorOf = async (promise: Promise<unknown>): Promise<ManagementError> => {
  try {
    await promise
  } catch (err) {
    if (err instanceof ManagementError) return err
    throw err
  }
  throw new Error('expected the call to fail')
}
