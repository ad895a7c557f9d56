import { describe, expect, it } from 'vitest'
import { parseUserAgent } from '../../../../core/layers/user-agent'

// [user agent, browser, os, label] — real strings as browsers and HTTP stacks send them.
const cases: [string, string, string, string][] = [
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    'Chrome',
    'Windows',
    'Chrome on Windows',
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
    'Edge',
    'Windows',
    'Edge on Windows',
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
    'Firefox',
    'Windows',
    'Firefox on Windows',
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    'Safari',
    'macOS',
    'Safari on macOS',
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    'Chrome',
    'macOS',
    'Chrome on macOS',
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0',
    'Opera',
    'macOS',
    'Opera on macOS',
  ],
  [
    'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    'Firefox',
    'Linux',
    'Firefox on Linux',
  ],
  [
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    'Chrome',
    'ChromeOS',
    'Chrome on ChromeOS',
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    'Safari',
    'iOS',
    'Safari on iPhone',
  ],
  [
    'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    'Safari',
    'iOS',
    'Safari on iPad',
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
    'Chrome',
    'iOS',
    'Chrome on iPhone',
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/127.0 Mobile/15E148 Safari/605.1.15',
    'Firefox',
    'iOS',
    'Firefox on iPhone',
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
    'In-app browser',
    'iOS',
    'In-app browser on iPhone',
  ],
  [
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
    'Chrome',
    'Android',
    'Chrome on Android',
  ],
  [
    'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
    'Samsung Internet',
    'Android',
    'Samsung Internet on Android',
  ],
  [
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36 EdgA/126.0.2592.80',
    'Edge',
    'Android',
    'Edge on Android',
  ],
  [
    'Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230901.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/126.0.6478.71 Mobile Safari/537.36',
    'In-app browser',
    'Android',
    'In-app browser on Android',
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko',
    'Internet Explorer',
    'Windows',
    'Internet Explorer on Windows',
  ],
  ['okhttp/4.12.0', 'Android app', 'Android', 'Android app'],
  [
    'Dalvik/2.1.0 (Linux; U; Android 13; Pixel 7 Build/TQ3A.230901.001)',
    'Android app',
    'Android',
    'Android app',
  ],
  ['AcmeMobile/4.2.1 CFNetwork/1496.0.7 Darwin/23.5.0', 'iOS app', 'iOS', 'AcmeMobile (iOS app)'],
  ['Acme%20Mobile/7 CFNetwork/1410.0.3 Darwin/22.6.0', 'iOS app', 'iOS', 'Acme Mobile (iOS app)'],
  ['CFNetwork/1496.0.7 Darwin/23.5.0', 'iOS app', 'iOS', 'iOS app'],
  ['Auth0.swift/2.7.2 (iOS 17.5)', 'Auth0 SDK', 'iOS', 'Auth0 SDK on iOS'],
  ['curl/8.5.0', 'curl', 'Unknown', 'curl'],
  ['PostmanRuntime/7.39.0', 'Postman', 'Unknown', 'Postman'],
  ['python-requests/2.32.3', 'Python requests', 'Unknown', 'Python requests'],
  ['Go-http-client/2.0', 'Go HTTP client', 'Unknown', 'Go HTTP client'],
  [
    'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
    'Node.js HTTP client',
    'Unknown',
    'Node.js HTTP client',
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) SomethingNew/1.0',
    'Unknown',
    'Windows',
    'Unknown browser on Windows',
  ],
  ['TotallyUnknownAgent', 'Unknown', 'Unknown', 'Unknown device'],
]

describe('parseUserAgent', () => {
  for (const [ua, browser, os, label] of cases) {
    it(`${label} ← ${ua.slice(0, 60)}`, () => {
      const device = parseUserAgent(ua)
      expect({ browser: device.browser, os: device.os, label: device.label }).toEqual({
        browser,
        os,
        label,
      })
      expect(device.userAgent).toBe(ua)
    })
  }

  it.each([undefined, '', '   '])('says "Unknown device" when the user agent is %j', (ua) => {
    expect(parseUserAgent(ua)).toEqual({
      browser: 'Unknown',
      os: 'Unknown',
      label: 'Unknown device',
    })
  })

  it('keeps the IP and ASN, and leaves out null or empty ones', () => {
    expect(parseUserAgent('curl/8.5.0', '203.0.113.7', '64500')).toMatchObject({
      ip: '203.0.113.7',
      asn: '64500',
    })
    const bare = parseUserAgent('curl/8.5.0', null, '')
    expect('ip' in bare).toBe(false)
    expect('asn' in bare).toBe(false)
  })
})
