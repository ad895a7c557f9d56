import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { channels, type Method } from '../../preload/contract'
import { fail } from '../../core/result'
import { isTrustedSender, type Invoker } from './handle'

/**
 * Serve every contract channel over Electron IPC. The only place that calls `ipcMain.handle`.
 *
 * Each message is answered only if it comes from our renderer (checklist #17); everything else is
 * the shared invoker's job.
 */
export function registerIpc(invoke: Invoker, trustedOrigins: readonly string[]): void {
  for (const method of Object.keys(channels) as Method[]) {
    ipcMain.handle(channels[method], (event: IpcMainInvokeEvent, raw: unknown) =>
      isTrustedSender(event.senderFrame?.url, trustedOrigins)
        ? invoke(method, raw)
        : fail('FORBIDDEN', 'This request did not come from Session Console.'),
    )
  }
}
