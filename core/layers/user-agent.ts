import type { DeviceInfo } from './types'

/**
 * A small, dependency-free user-agent reader: enough to tell a support person "Chrome on Windows"
 * or "AcmeMobile (iOS app)", not a full UA database. Rules are tried in order; the first match wins,
 * so more specific products (Edge, Opera, Samsung Internet all claim "Chrome") come first.
 */

interface BrowserRule {
  name: string
  test: RegExp
  /** Native apps and tools: the OS is implied or irrelevant, so the label is built differently. */
  kind?: 'app' | 'tool'
}

interface OsRule {
  name: string
  test: RegExp
  /** What the label says after "on": the device form where people know it better (iPhone, iPad). */
  platform?: string
}

const browserRules: readonly BrowserRule[] = [
  // Native apps and Auth0 SDKs: a refresh-token exchange comes from the app's HTTP stack.
  { name: 'Auth0 SDK', test: /^Auth0[\w.-]*\//i, kind: 'app' },
  { name: 'iOS app', test: /\bCFNetwork\/|\bDarwin\//, kind: 'app' },
  { name: 'Android app', test: /^okhttp\/|\bDalvik\//i, kind: 'app' },
  // Command-line and library HTTP clients.
  { name: 'curl', test: /^curl\//i, kind: 'tool' },
  { name: 'Wget', test: /^Wget\//i, kind: 'tool' },
  { name: 'Postman', test: /\bPostmanRuntime\//, kind: 'tool' },
  { name: 'Python requests', test: /\bpython-requests\//i, kind: 'tool' },
  { name: 'Go HTTP client', test: /^Go-http-client\//, kind: 'tool' },
  { name: 'Node.js HTTP client', test: /^(?:node-fetch|undici|axios|node)\b/i, kind: 'tool' },
  // Browsers; the Chromium family first because all of them also send "Chrome/" and "Safari/".
  { name: 'Edge', test: /\bEdg(?:e|A|iOS)?\/\d/ },
  { name: 'Opera', test: /\bOPR\/|\bOPiOS\/|\bOpera\b/ },
  { name: 'Samsung Internet', test: /\bSamsungBrowser\// },
  { name: 'Vivaldi', test: /\bVivaldi\// },
  { name: 'In-app browser', test: /; wv\)/ },
  { name: 'Firefox', test: /\b(?:Firefox|FxiOS)\/\d/ },
  { name: 'Chrome', test: /\b(?:Chrome|CriOS|Chromium)\/\d/ },
  { name: 'Internet Explorer', test: /\bMSIE \d|\bTrident\// },
  { name: 'Safari', test: /\bSafari\/\d/ },
  { name: 'In-app browser', test: /\b(?:iPhone|iPad)\b.*\bAppleWebKit\// },
]

const osRules: readonly OsRule[] = [
  // iPhone/iPad UAs say "like Mac OS X", so they must come before macOS.
  { name: 'iOS', platform: 'iPhone', test: /\biPhone\b/ },
  { name: 'iOS', platform: 'iPad', test: /\biPad\b/ },
  { name: 'iOS', platform: 'iPod', test: /\biPod\b/ },
  // Android UAs say "Linux"; okhttp and Dalvik are Android's HTTP stacks.
  { name: 'Android', test: /\bAndroid\b|^okhttp\/|\bDalvik\//i },
  { name: 'ChromeOS', test: /\bCrOS\b/ },
  { name: 'Windows', test: /\bWindows\b|\bWin64\b|\bWinNT\b/ },
  { name: 'macOS', test: /\bMacintosh\b|\bMac OS X\b|\bmacOS\b/ },
  // CFNetwork/Darwin without a device name: an app on iOS (the common case for Auth0 native apps).
  { name: 'iOS', test: /\bCFNetwork\/|\bDarwin\/|\biOS\b/ },
  { name: 'Linux', test: /\bLinux\b|\bX11\b|\bUbuntu\b|\bFedora\b/ },
]

/** Generic product tokens that are never an app's own name. */
const genericProducts = new Set(['mozilla', 'cfnetwork', 'darwin', 'okhttp', 'dalvik'])

/** The leading product token of a native app's UA ("AcmeMobile/4.2.1 CFNetwork/…" → AcmeMobile). */
function appName(ua: string): string | undefined {
  const match = /^([^/\s]+)\//.exec(ua)
  const raw = match?.[1]
  if (raw === undefined || genericProducts.has(raw.toLowerCase())) return undefined
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

function labelOf(browser: BrowserRule | undefined, os: OsRule | undefined, ua: string): string {
  const platform = os?.platform ?? os?.name
  if (browser?.kind === 'app') {
    const name = appName(ua)
    if (browser.name === 'Auth0 SDK') return platform ? `Auth0 SDK on ${platform}` : 'Auth0 SDK'
    return name === undefined ? browser.name : `${name} (${browser.name})`
  }
  if (browser?.kind === 'tool') return browser.name
  if (browser && platform) return `${browser.name} on ${platform}`
  if (browser) return browser.name
  if (platform) return `Unknown browser on ${platform}`
  return 'Unknown device'
}

/**
 * Read a user agent (plus the IP and ASN Auth0 stored with it) into browser, OS and a short label.
 *
 * Labels: "Chrome on Windows", "Safari on iPhone", "AcmeMobile (iOS app)", "curl", and "Unknown
 * device" when the user agent is absent or unrecognised. A null or empty IP/ASN is left out.
 */
export function parseUserAgent(ua?: string, ip?: string | null, asn?: string): DeviceInfo {
  const text = ua?.trim() ?? ''
  const browser = text === '' ? undefined : browserRules.find((r) => r.test.test(text))
  const os = text === '' ? undefined : osRules.find((r) => r.test.test(text))
  return {
    browser: browser?.name ?? 'Unknown',
    os: os?.name ?? 'Unknown',
    label: labelOf(browser, os, text),
    ...(text !== '' && { userAgent: text }),
    ...(ip != null && ip !== '' && { ip }),
    ...(asn !== undefined && asn !== '' && { asn }),
  }
}
