import type { Prng } from './prng'

/** A browser or app a seeded user signs in with. */
export interface DeviceProfile {
  label: string
  platform: 'windows' | 'macos' | 'linux' | 'ios' | 'android'
  userAgent: string
  /** What the native app's HTTP stack sends when it exchanges refresh tokens (mobile only). */
  appUserAgent?: string
}

/** Real-looking user agents (browser versions of mid-2024). */
export const DEVICES = {
  chromeWindows: {
    label: 'Chrome on Windows',
    platform: 'windows',
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  },
  edgeWindows: {
    label: 'Edge on Windows',
    platform: 'windows',
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
  },
  firefoxWindows: {
    label: 'Firefox on Windows',
    platform: 'windows',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
  },
  chromeMac: {
    label: 'Chrome on macOS',
    platform: 'macos',
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  },
  safariMac: {
    label: 'Safari on macOS',
    platform: 'macos',
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  },
  firefoxMac: {
    label: 'Firefox on macOS',
    platform: 'macos',
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0',
  },
  firefoxLinux: {
    label: 'Firefox on Linux',
    platform: 'linux',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  },
  chromeLinux: {
    label: 'Chrome on Linux',
    platform: 'linux',
    userAgent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  },
  safariIos: {
    label: 'Safari on iPhone',
    platform: 'ios',
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    appUserAgent: 'AcmeMobile/4.2.1 CFNetwork/1496.0.7 Darwin/23.5.0',
  },
  chromeAndroid: {
    label: 'Chrome on Android',
    platform: 'android',
    userAgent:
      'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
    appUserAgent: 'okhttp/4.12.0',
  },
} as const satisfies Record<string, DeviceProfile>

/** Desktop browsers, weighted by repetition toward Chrome and Edge on Windows. */
export const DESKTOP_DEVICES: readonly DeviceProfile[] = [
  DEVICES.chromeWindows,
  DEVICES.chromeWindows,
  DEVICES.edgeWindows,
  DEVICES.firefoxWindows,
  DEVICES.chromeMac,
  DEVICES.safariMac,
  DEVICES.firefoxMac,
  DEVICES.firefoxLinux,
  DEVICES.chromeLinux,
]

/** Phones: the browser the app opens for login, and the app's own user agent. */
export const MOBILE_DEVICES: readonly DeviceProfile[] = [DEVICES.safariIos, DEVICES.chromeAndroid]

/** A documentation-range IPv4 address (RFC 5737: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24). */
export const documentationIp = (prng: Prng): string =>
  `${prng.pick(['192.0.2', '198.51.100', '203.0.113'])}.${prng.int(1, 254)}`

/** A documentation ASN (RFC 5398: 64496–64511), as the string Auth0 returns. */
export const documentationAsn = (prng: Prng): string => String(prng.int(64496, 64511))

/** Given names for generated users. */
export const GIVEN_NAMES = [
  'Aaliyah',
  'Adrian',
  'Aisha',
  'Amara',
  'Andrei',
  'Beatriz',
  'Camille',
  'Carlos',
  'Chen',
  'Chloe',
  'Daniel',
  'Dmitri',
  'Elena',
  'Emeka',
  'Farah',
  'Felix',
  'Grace',
  'Hana',
  'Hugo',
  'Ines',
  'Isaac',
  'Jamal',
  'Julia',
  'Kai',
  'Kenji',
  'Lars',
  'Leila',
  'Lucas',
  'Maya',
  'Mateo',
  'Nadia',
  'Noah',
  'Olga',
  'Omar',
  'Priya',
  'Quinn',
  'Rafael',
  'Rosa',
  'Sami',
  'Sofia',
  'Tariq',
  'Thea',
  'Uma',
  'Victor',
  'Wei',
  'Yara',
  'Yusuf',
  'Zoe',
] as const

/** Family names for generated users. */
export const FAMILY_NAMES = [
  'Abadi',
  'Andersen',
  'Bauer',
  'Chowdhury',
  'Costa',
  'Dubois',
  'Eriksson',
  'Fernandes',
  'Garcia',
  'Haddad',
  'Ivanova',
  'Jensen',
  'Kim',
  'Kowalski',
  'Larsen',
  'Lopez',
  'Mensah',
  'Moreau',
  'Nakamura',
  'Novak',
  'Okafor',
  'Olsen',
  'Patel',
  'Petrov',
  'Quinn',
  'Rossi',
  'Santos',
  'Schmidt',
  'Silva',
  'Tanaka',
  'Usman',
  'Varga',
  'Wagner',
  'Wong',
  'Yilmaz',
  'Zhang',
] as const
