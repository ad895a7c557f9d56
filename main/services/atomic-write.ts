import { open, rename } from 'node:fs/promises'
import { dirname } from 'node:path'

/** Writes `data` to `file` so that readers and crashes see the old or the new content only. */
export type AtomicWrite = (file: string, data: string) => Promise<void>

const isCode = (err: unknown, ...codes: string[]): boolean =>
  typeof err === 'object' &&
  err !== null &&
  codes.includes(String((err as { code?: unknown }).code))

/**
 * Write to `<file>.tmp`, fsync, rename over `file`, fsync the directory.
 *
 * Directory fsync is not possible on Windows (opening a directory fails); the rename is then as
 * durable as the platform makes it.
 */
export const writeFileAtomic: AtomicWrite = async (file, data) => {
  const tmp = `${file}.tmp`
  const handle = await open(tmp, 'w')
  try {
    await handle.writeFile(data, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(tmp, file)
  let dirHandle
  try {
    dirHandle = await open(dirname(file), 'r')
    await dirHandle.sync()
  } catch (err) {
    if (!isCode(err, 'EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'ENOTSUP')) throw err
  } finally {
    await dirHandle?.close()
  }
}
