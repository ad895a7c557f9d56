import { describe, expect, it } from 'vitest'
import { DEFAULT_WINDOW, restoreBounds } from '../../../../../main/services/app/window-state'

const laptop = { x: 0, y: 0, width: 1920, height: 1080 }
const external = { x: 1920, y: 0, width: 2560, height: 1440 }

describe('restoreBounds', () => {
  it('opens at the default size the first time', () => {
    expect(restoreBounds(null, [laptop])).toEqual(DEFAULT_WINDOW)
  })

  it('reopens where the window was when that place is still on a display', () => {
    const saved = { x: 2000, y: 100, width: 1200, height: 800, maximized: false }
    expect(restoreBounds(saved, [laptop, external])).toEqual({
      x: 2000,
      y: 100,
      width: 1200,
      height: 800,
    })
  })

  it('keeps the size but lets the OS place it when its display is gone', () => {
    const saved = { x: 2000, y: 100, width: 1200, height: 800, maximized: false }
    expect(restoreBounds(saved, [laptop])).toEqual({ width: 1200, height: 800 })
  })
})
