import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDeployDirectory, importDeployFiles } from '../../../../core/config/deploy-format'
import { crc32, zipFiles } from '../../../../core/config/zip'
import { ACME } from './builders'

// The directory export offered as one .zip download: it must open in any unzip tool and give back
// the Deploy CLI files byte for byte.

interface Entry {
  path: string
  data: Uint8Array
  crc: number
  flags: number
  method: number
}

/** Reads a stored (uncompressed) ZIP through its central directory, checking every header. */
function readZip(bytes: Uint8Array): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const end = bytes.length - 22
  expect(view.getUint32(end, true)).toBe(0x06054b50)
  const count = view.getUint16(end + 10, true)
  const size = view.getUint32(end + 12, true)
  let at = view.getUint32(end + 16, true)
  expect(at + size).toBe(end)
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const entries: Entry[] = []
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50)
    const flags = view.getUint16(at + 8, true)
    const method = view.getUint16(at + 10, true)
    const crc = view.getUint32(at + 16, true)
    const length = view.getUint32(at + 20, true)
    const nameLength = view.getUint16(at + 28, true)
    const local = view.getUint32(at + 42, true)
    const path = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength))
    // The local header repeats the same facts.
    expect(view.getUint32(local, true)).toBe(0x04034b50)
    expect(view.getUint32(local + 14, true)).toBe(crc)
    expect(view.getUint16(local + 26, true)).toBe(nameLength)
    const dataStart = local + 30 + nameLength + view.getUint16(local + 28, true)
    entries.push({ path, data: bytes.subarray(dataStart, dataStart + length), crc, flags, method })
    at += 46 + nameLength
  }
  return entries
}

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
    expect(crc32(new Uint8Array())).toBe(0)
  })
})

describe('zipFiles', () => {
  const files = exportDeployDirectory(ACME)

  it('stores every Deploy CLI file, byte for byte, with a correct CRC and UTF-8 names', () => {
    const entries = readZip(zipFiles([...files, { path: 'clients/Café ☕.json', content: '{}' }]))
    expect(entries.map((e) => e.path)).toEqual([
      ...files.map((f) => f.path),
      'clients/Café ☕.json',
    ])
    const decoder = new TextDecoder()
    entries.forEach((entry, i) => {
      expect(entry.method).toBe(0)
      expect(entry.flags & 0x0800).toBe(0x0800)
      expect(entry.crc).toBe(crc32(entry.data))
      if (i < files.length) expect(decoder.decode(entry.data)).toBe(files[i]?.content)
    })
  })

  it('unzips with the system unzip tool and imports back to the same configuration', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-zip-'))
    try {
      const archive = join(dir, 'acme.zip')
      writeFileSync(archive, zipFiles(files))
      expect(execFileSync('unzip', ['-t', archive], { encoding: 'utf8' })).toContain(
        'No errors detected',
      )
      execFileSync('unzip', ['-q', archive, '-d', join(dir, 'out')])
      const back = importDeployFiles(
        files.map((f) => ({
          path: f.path,
          content: readFileSync(join(dir, 'out', f.path), 'utf8'),
        })),
      )
      expect(back).toEqual(importDeployFiles(files))
      expect(back.ok).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('gives the same bytes for the same files (a stable download)', () => {
    expect(zipFiles(files)).toEqual(zipFiles(files))
    const later = zipFiles(files, { modified: new Date(2026, 2, 1, 10, 30, 14) })
    const view = new DataView(later.buffer)
    // DOS time and date of the first local header: 10:30:14, 2026-03-01.
    expect(view.getUint16(10, true)).toBe((10 << 11) | (30 << 5) | 7)
    expect(view.getUint16(12, true)).toBe(((2026 - 1980) << 9) | (3 << 5) | 1)
  })

  it('an empty archive is still a valid ZIP', () => {
    expect(readZip(zipFiles([]))).toEqual([])
  })

  it.each([
    '../evil.json',
    '/etc/passwd',
    'clients/../../x',
    'a\\b.json',
    'C:/x.json',
    '',
    'clients//x.json',
  ])('refuses the unsafe entry name %j', (path) => {
    expect(() => zipFiles([{ path, content: '' }])).toThrow(/^zip: unsafe entry name/)
  })

  it('refuses two entries with the same name', () => {
    expect(() =>
      zipFiles([
        { path: 'tenant.json', content: '{}' },
        { path: 'tenant.json', content: '{}' },
      ]),
    ).toThrow('zip: duplicate entry "tenant.json"')
  })
})
