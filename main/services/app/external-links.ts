import type { Result } from '../../../preload/contract'
import type { OpenExternal } from '../ports'
import { fail, ok } from '../../../core/result'

/**
 * Whether a URL may be handed to the OS browser (Electron security checklist #15).
 *
 * Only absolute http(s) URLs with a host and without embedded credentials pass.
 */
export function isSafeExternalUrl(value: string): boolean {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false
  if (url.hostname === '') return false
  if (url.username !== '' || url.password !== '') return false
  return true
}

/** Opens vetted links in the user's browser. */
export function createExternalLinksService(deps: { open: OpenExternal }) {
  return {
    /** Open `url` if it passes {@link isSafeExternalUrl}; refuse it otherwise. */
    async open(url: string): Promise<Result<void>> {
      if (!isSafeExternalUrl(url)) {
        return fail('INVALID_INPUT', 'Only web links (http or https) can be opened.')
      }
      await deps.open(new URL(url).toString())
      return ok(undefined)
    },
  }
}
