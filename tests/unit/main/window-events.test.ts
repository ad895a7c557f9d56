import { describe, expect, it } from 'vitest'
import { events, type JobView } from '../../../preload/contract'
import { createWindowEventSink, liveWindow, type EventWindow } from '../../../main/window-events'

/** A window as Electron's BrowserWindow behaves: once destroyed, every call throws. */
function fakeWindow() {
  const sent: [string, unknown][] = []
  let destroyed = false
  const guard = () => {
    if (destroyed) throw new TypeError('Object has been destroyed')
  }
  const win: EventWindow & { destroy(): void } = {
    isDestroyed: () => destroyed,
    webContents: {
      isDestroyed: () => destroyed,
      send: (channel, payload) => {
        guard()
        sent.push([channel, payload])
      },
    },
    destroy: () => {
      destroyed = true
    },
  }
  return { win, sent }
}

const job = { progress: { id: 'j1' } } as JobView

describe('events to the window', () => {
  it('reach an open window on the event channel', () => {
    const { win, sent } = fakeWindow()
    createWindowEventSink(() => win).emit('jobChanged', job)
    expect(sent).toEqual([[events.jobChanged, job]])
  })

  it('are dropped, not thrown, once the window is closed or before it exists', () => {
    const { win, sent } = fakeWindow()
    let current: EventWindow | null = null
    const sink = createWindowEventSink(() => current)
    expect(() => sink.emit('jobChanged', job)).not.toThrow()
    current = win
    win.destroy()
    expect(() => sink.emit('jobChanged', job)).not.toThrow()
    expect(sent).toEqual([])
    expect(liveWindow(win)).toBeNull()
  })
})
