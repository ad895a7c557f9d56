import type { WindowState } from './settings-schema'

/** A rectangle on a display, in screen pixels. */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** The size a first window opens at. */
export const DEFAULT_WINDOW = { width: 1280, height: 820 } as const

/**
 * The bounds to open the window with: the saved ones if they are still visible on one of the
 * current displays (a monitor may have been unplugged), otherwise a default size, centred by the OS.
 */
export function restoreBounds(saved: WindowState | null, displays: readonly Rect[]) {
  if (!saved) return { ...DEFAULT_WINDOW }
  const { x, y, width, height } = saved
  if (x === undefined || y === undefined) return { width, height }
  const visible = displays.some(
    (d) =>
      x + 100 <= d.x + d.width && x + width - 100 >= d.x && y >= d.y && y + 40 <= d.y + d.height,
  )
  return visible ? { x, y, width, height } : { width, height }
}
