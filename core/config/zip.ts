// A tiny ZIP writer, store only (no compression), so the renderer can offer a Deploy CLI directory
// export as one download. Pure: no Node APIs. Follows PKWARE APPNOTE.TXT: a local file header and
// the bytes of each file, then the central directory and its end record. File names are UTF-8
// (general purpose flag bit 11). No ZIP64: at most 65,535 files of under 4 GiB each.

/** One file to put in the archive: a relative '/'-separated path and its text (stored as UTF-8). */
export interface ZipEntry {
  path: string
  content: string | Uint8Array
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n += 1) {
    let c = n
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32 (IEEE 802.3, as ZIP uses it) of some bytes. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

const UTF8_NAMES = 0x0800
const VERSION = 20 // 2.0: what a stored entry with a UTF-8 name needs
const MADE_BY_UNIX = (3 << 8) | VERSION
const FILE_MODE = 0o100644 // a regular file, rw-r--r--, in the high half of the external attributes
const MAX_ENTRIES = 0xffff
const MAX_SIZE = 0xffffffff

/** DOS date and time fields of a local date (ZIP has no time zone; seconds in steps of two). */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107)
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  }
}

function checkPath(path: string): void {
  const segments = path.split('/')
  if (
    path === '' ||
    path.includes('\\') ||
    path.includes('\0') ||
    path.startsWith('/') ||
    /^[A-Za-z]:/.test(path) ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  ) {
    throw new Error(`zip: unsafe entry name ${JSON.stringify(path)}`)
  }
}

/**
 * A ZIP archive of the files, stored without compression, in the order given.
 * `modified` is the time written for every entry (default 1980-01-01 00:00, so the same files
 * always give the same bytes). Throws on an unsafe or duplicate path or when ZIP64 would be needed.
 */
export function zipFiles(
  files: readonly ZipEntry[],
  options: { modified?: Date } = {},
): Uint8Array {
  if (files.length > MAX_ENTRIES) throw new Error(`zip: more than ${MAX_ENTRIES} files`)
  const encoder = new TextEncoder()
  const stamp = dosDateTime(options.modified ?? new Date(1980, 0, 1))
  const seen = new Set<string>()
  const entries = files.map((file) => {
    checkPath(file.path)
    if (seen.has(file.path)) throw new Error(`zip: duplicate entry ${JSON.stringify(file.path)}`)
    seen.add(file.path)
    const name = encoder.encode(file.path)
    const data = typeof file.content === 'string' ? encoder.encode(file.content) : file.content
    if (data.length > MAX_SIZE || name.length > 0xffff) {
      throw new Error(`zip: ${file.path} is too large`)
    }
    return { name, data, crc: crc32(data), offset: 0 }
  })

  const localSize = entries.reduce((n, e) => n + 30 + e.name.length + e.data.length, 0)
  const centralSize = entries.reduce((n, e) => n + 46 + e.name.length, 0)
  if (localSize + centralSize > MAX_SIZE) throw new Error('zip: the archive would exceed 4 GiB')
  const out = new Uint8Array(localSize + centralSize + 22)
  const view = new DataView(out.buffer)
  let at = 0
  const u16 = (value: number) => {
    view.setUint16(at, value, true)
    at += 2
  }
  const u32 = (value: number) => {
    view.setUint32(at, value >>> 0, true)
    at += 4
  }
  const bytes = (value: Uint8Array) => {
    out.set(value, at)
    at += value.length
  }

  for (const entry of entries) {
    entry.offset = at
    u32(0x04034b50) // local file header signature
    u16(VERSION) // version needed to extract
    u16(UTF8_NAMES) // general purpose flags
    u16(0) // method: stored
    u16(stamp.time)
    u16(stamp.date)
    u32(entry.crc)
    u32(entry.data.length) // compressed size
    u32(entry.data.length) // uncompressed size
    u16(entry.name.length)
    u16(0) // extra field length
    bytes(entry.name)
    bytes(entry.data)
  }
  const centralStart = at
  for (const entry of entries) {
    u32(0x02014b50) // central directory header signature
    u16(MADE_BY_UNIX)
    u16(VERSION)
    u16(UTF8_NAMES)
    u16(0)
    u16(stamp.time)
    u16(stamp.date)
    u32(entry.crc)
    u32(entry.data.length)
    u32(entry.data.length)
    u16(entry.name.length)
    u16(0) // extra field length
    u16(0) // comment length
    u16(0) // disk number start
    u16(0) // internal attributes
    u32(FILE_MODE * 0x10000) // external attributes: Unix mode in the high 16 bits
    u32(entry.offset)
    bytes(entry.name)
  }
  const centralLength = at - centralStart
  u32(0x06054b50) // end of central directory signature
  u16(0) // this disk
  u16(0) // disk with the central directory
  u16(entries.length)
  u16(entries.length)
  u32(centralLength)
  u32(centralStart)
  u16(0) // comment length
  return out
}
