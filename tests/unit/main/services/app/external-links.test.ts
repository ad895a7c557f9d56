import { describe, expect, it } from 'vitest'
import { isSafeExternalUrl } from '../../../../../main/services/app/external-links'
import { createTestApp } from '../../../../helpers/test-app'

const cases: [string, boolean][] = [
  ['https://auth0.com/docs/authenticate/login/logout', true],
  ['http://example.com', true],
  ['HTTPS://EXAMPLE.COM/Path', true],
  ['file:///etc/passwd', false],
  ['javascript:alert(1)', false],
  ['data:text/html,<script>alert(1)</script>', false],
  ['smb://server/share', false],
  ['ms-settings:privacy', false],
  ['vbscript:msgbox', false],
  ['https://user:pass@example.com', false],
  ['//example.com', false],
  ['example.com', false],
  ['', false],
  ['https://', false],
]

describe('external links (checklist #15)', () => {
  for (const [url, expected] of cases) {
    it(`${JSON.stringify(url)} → ${expected ? 'opens' : 'refused'}`, () => {
      expect(isSafeExternalUrl(url)).toBe(expected)
    })
  }

  it('opens a vetted link through the port and refuses the rest', async () => {
    const { invoke, opened } = createTestApp()
    expect((await invoke('openExternal', { url: 'https://auth0.com/docs' })).ok).toBe(true)
    const refused = await invoke('openExternal', { url: 'file:///etc/passwd' })
    expect(refused.ok).toBe(false)
    expect(opened).toEqual(['https://auth0.com/docs'])
  })
})
