import type { ApiEvents, EventName } from '../preload/contract'
import { events } from '../preload/contract'
import type { EventSink } from './services/ports'

/** The part of a BrowserWindow that events are sent through. */
export interface EventWindow {
  isDestroyed(): boolean
  webContents: { isDestroyed(): boolean; send(channel: string, payload: unknown): void }
}

/** The window if it is still open, else null (a closed BrowserWindow throws on every call). */
export const liveWindow = <W extends EventWindow>(win: W | null): W | null =>
  win !== null && !win.isDestroyed() && !win.webContents.isDestroyed() ? win : null

/**
 * Main→renderer events to the app's window. An event raised after the window closed (a job
 * finishing while the app quits, a second window on macOS not open yet) is dropped, not thrown:
 * the state it reports is read again when a window opens.
 */
export const createWindowEventSink = (current: () => EventWindow | null): EventSink => ({
  emit<E extends EventName>(name: E, payload: ApiEvents[E]) {
    liveWindow(current())?.webContents.send(events[name], payload)
  },
})
