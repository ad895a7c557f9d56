/// <reference types="vite/client" />
import type { ConsoleApi } from '../preload/contract'

declare global {
  interface Window {
    /** Provided by the preload bridge (Electron) or the web host's injected client. */
    readonly api: ConsoleApi
  }
}
