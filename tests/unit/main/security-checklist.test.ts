import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { BrowserWindowConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { isTrustedSender } from '../../../main/ipc/handle'
import {
  createHardenedWindow,
  guardWebContents,
  lockDownSession,
  MIN_ELECTRON_MAJOR,
  openVettedExternal,
  rendererSource,
  trustedRendererOrigins,
  type GuardedContents,
  type LockableSession,
} from '../../../main/security-policy'

// Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security, 20
// items), item by item, against main/security-policy.ts — the settings and handlers that
// main/window.ts and main/index.ts wire into Electron. No Electron: the policy takes the
// BrowserWindow class, the WebContents and the Session as parameters, and these tests pass
// recorders.
//
// Not applicable, and why:
//   #11 (<webview> allowpopups) and #12's "verify webview options": no <webview> exists —
//       webviewTag is false and will-attach-webview is denied (asserted below).
//   #19 (fuses): the repo has no packager configuration; fuses are flipped when packaging, which
//       this repo does not do yet (SECURITY.md lists it).
//   #18 (custom protocol instead of file://): we load index.html from file://. Stated, not fixed:
//       navigation is denied, so no other file:// page can ever load, and IPC trusts file:// only
//       in a packaged run (asserted below).

const root = new URL('../../../', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), 'utf8')

/** A BrowserWindow stand-in that records what it was constructed with. */
function recordWindow() {
  const seen: BrowserWindowConstructorOptions[] = []
  class Recorder {
    constructor(options: BrowserWindowConstructorOptions) {
      seen.push(options)
    }
  }
  createHardenedWindow(Recorder, { bounds: { width: 1200, height: 800 }, preload: '/p.cjs' })
  return seen[0]?.webPreferences ?? {}
}

type Listener = (event: { preventDefault(): void }) => void
type OpenHandler = (details: { url: string }) => { action: string }

/** A WebContents stand-in that records the guards registered on it. */
function recordContents() {
  const listeners = new Map<string, Listener[]>()
  let openHandler: OpenHandler | undefined
  const contents = {
    on(name: string, listener: Listener) {
      listeners.set(name, [...(listeners.get(name) ?? []), listener])
      return contents
    },
    setWindowOpenHandler(handler: OpenHandler) {
      openHandler = handler
    },
  }
  const opened: string[] = []
  guardWebContents(contents as unknown as GuardedContents, async (url) => {
    opened.push(url)
  })
  /** Fire `name` and answer whether every listener prevented it. */
  const fire = (name: string) => {
    const registered = listeners.get(name) ?? []
    let prevented = 0
    for (const l of registered) l({ preventDefault: () => (prevented += 1) })
    return registered.length > 0 && prevented === registered.length
  }
  return { fire, open: (url: string) => openHandler?.({ url }), opened }
}

/** The CSP of the renderer's index.html as directive → sources. */
function rendererCsp(): Map<string, string[]> {
  const html = read('renderer/index.html')
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)
  expect(meta, 'renderer/index.html has a CSP meta tag').not.toBeNull()
  const csp = new Map<string, string[]>()
  for (const part of (meta?.[1] ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) csp.set(name.toLowerCase(), sources)
  }
  return csp
}

describe('Electron security checklist', () => {
  const prefs = recordWindow()

  it('#1 only loads secure content: the packaged file, or a loopback dev server when unpackaged', () => {
    expect(rendererSource(undefined, false)).toEqual({ kind: 'file' })
    expect(rendererSource('http://localhost:5173', true)).toEqual({ kind: 'file' })
    expect(rendererSource('http://localhost:5173/', false)).toEqual({
      kind: 'url',
      url: 'http://localhost:5173/',
    })
    expect(rendererSource('http://127.0.0.1:5173', false).kind).toBe('url')
    for (const remote of [
      'https://evil.example',
      'http://evil.example:5173',
      'http://localhost.evil.example',
      'http://user:pw@localhost:5173',
      'file:///etc/passwd',
      'ftp://127.0.0.1/index.html',
      'ws://localhost:5173',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(rendererSource(remote, false), remote).toEqual({ kind: 'file' })
    }
  })

  it('#2 Node.js integration is off in the window, its workers and its subframes', () => {
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
  })

  it('#3 context isolation is on', () => {
    expect(prefs.contextIsolation).toBe(true)
  })

  it('#4 the renderer is sandboxed (and index.ts enables the sandbox app-wide)', () => {
    expect(prefs.sandbox).toBe(true)
    expect(read('main/index.ts')).toMatch(/^app\.enableSandbox\(\)$/m)
  })

  it('#5 every permission request, check and device request is denied', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {}
    const session = {
      setPermissionRequestHandler: (h: (...args: never[]) => unknown) => (handlers.request = h),
      setPermissionCheckHandler: (h: (...args: never[]) => unknown) => (handlers.check = h),
      setDevicePermissionHandler: (h: (...args: never[]) => unknown) => (handlers.device = h),
    }
    lockDownSession(session as unknown as LockableSession)
    const answers: boolean[] = []
    const request = handlers.request as (wc: unknown, p: string, cb: (ok: boolean) => void) => void
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      request({}, permission, (granted) => answers.push(granted))
    }
    expect(answers).toEqual([false, false, false, false, false])
    expect((handlers.check as (...a: unknown[]) => boolean)({}, 'media', 'file://', {})).toBe(false)
    expect((handlers.device as (...a: unknown[]) => boolean)({ deviceType: 'usb' })).toBe(false)
  })

  it('#6 webSecurity stays on', () => {
    expect(prefs.webSecurity).toBe(true)
  })

  it("#7 the CSP is strict: script-src 'self' only, no eval, no inline script, no remote source", () => {
    const csp = rendererCsp()
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('frame-src')).toEqual(["'none'"])
    for (const [directive, sources] of csp) {
      for (const source of sources) {
        expect(source, `${directive} ${source}`).not.toMatch(
          /unsafe-eval|wasm-unsafe-eval|unsafe-hashes|^\*$|^https?:|^wss?:|^\S+\.\S+$/,
        )
      }
    }
    expect(csp.get('script-src')?.join(' ')).not.toContain('unsafe-inline')
  })

  it('#8 insecure content is not allowed to run', () => {
    expect(prefs.allowRunningInsecureContent).toBe(false)
  })

  it('#9 experimental features are off', () => {
    expect(prefs.experimentalFeatures).toBe(false)
  })

  it('#10 no Blink features are enabled; auxclick is disabled', () => {
    expect(prefs.enableBlinkFeatures).toBeUndefined()
    expect(prefs.disableBlinkFeatures).toContain('Auxclick')
  })

  it('#11/#12 no <webview>: the tag is disabled and attaching one is denied', () => {
    expect(prefs.webviewTag).toBe(false)
    expect(recordContents().fire('will-attach-webview')).toBe(true)
  })

  it('#13 navigation and redirects are denied', () => {
    const contents = recordContents()
    expect(contents.fire('will-navigate')).toBe(true)
    expect(contents.fire('will-redirect')).toBe(true)
    expect(prefs.navigateOnDragDrop).toBe(false)
  })

  it('#14 new windows are denied; a vetted link goes to the browser instead', () => {
    const contents = recordContents()
    expect(contents.open('https://auth0.com/docs')).toEqual({ action: 'deny' })
    expect(contents.open('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(contents.open('javascript:alert(1)')).toEqual({ action: 'deny' })
    expect(contents.opened).toEqual(['https://auth0.com/docs'])
  })

  it('#15 shell.openExternal gets only vetted http(s) URLs', () => {
    const opened: string[] = []
    const open = async (url: string) => {
      opened.push(url)
    }
    const refused = [
      'file:///etc/passwd',
      'smb://host/share',
      'ms-settings:privacy',
      'javascript:alert(1)',
      'data:text/html,x',
      'https://user:pw@example.com',
      '//example.com',
      'vscode://file/etc/passwd',
    ]
    for (const url of refused) expect(openVettedExternal(url, open), url).toBe(false)
    expect(openVettedExternal('https://example.com/a b', open)).toBe(true)
    expect(opened).toEqual(['https://example.com/a%20b'])
    // index.ts has one shell.openExternal, handed to the guards and the links service.
    const index = read('main/index.ts')
    expect(index.match(/shell\.openExternal\(/g)).toHaveLength(1)
    expect(read('main/window.ts')).not.toMatch(/shell\.openExternal\(/)
    // Of the services, only the links service (which vets every URL) gets the opener.
    expect(read('main/app-services.ts').match(/deps\.openExternal/g)).toEqual(['deps.openExternal'])
    expect(read('main/app-services.ts')).toMatch(
      /createExternalLinksService\(\{ open: deps\.openExternal \}\)/,
    )
  })

  it('#16 Electron is current: the installed version is pinned and not below the supported floor', () => {
    const require = createRequire(import.meta.url)
    const installed = (require('electron/package.json') as { version: string }).version
    expect(Number(installed.split('.')[0])).toBeGreaterThanOrEqual(MIN_ELECTRON_MAJOR)
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { version?: string }>
    }
    expect(lock.packages['node_modules/electron']?.version).toBe(installed)
  })

  it('#17 IPC answers only our renderer: the dev server origin or file:// when packaged', () => {
    const packaged = trustedRendererOrigins(rendererSource(undefined, true))
    expect(packaged).toEqual(['file://'])
    expect(
      isTrustedSender('file:///opt/app/resources/app.asar/out/renderer/index.html', packaged),
    ).toBe(true)
    expect(isTrustedSender('https://evil.example/', packaged)).toBe(false)
    expect(isTrustedSender('http://localhost:5173/', packaged)).toBe(false)
    expect(isTrustedSender(undefined, packaged)).toBe(false)
    expect(isTrustedSender('about:blank', packaged)).toBe(false)

    const dev = trustedRendererOrigins(rendererSource('http://localhost:5173', false))
    expect(dev).toEqual(['http://localhost:5173'])
    expect(isTrustedSender('http://localhost:5173/index.html', dev)).toBe(true)
    expect(isTrustedSender('http://localhost:5174/', dev)).toBe(false)
    expect(isTrustedSender('file:///etc/passwd', dev)).toBe(false)
    expect(isTrustedSender('http://localhost.evil.example:5173/', dev)).toBe(false)
    // Every channel goes through the check (register.ts is the only ipcMain.handle).
    expect(read('main/ipc/register.ts')).toMatch(/isTrustedSender\(event\.senderFrame\?\.url/)
  })

  it('#18 the renderer loads from file:// with navigation denied (no custom protocol yet)', () => {
    expect(rendererSource(undefined, true)).toEqual({ kind: 'file' })
    expect(read('main/window.ts')).toMatch(/loadFile\(/)
  })

  it('#20 the preload exposes named contract functions, never ipcRenderer or its event', () => {
    const preload = read('preload/index.ts')
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1)
    expect(preload).toMatch(/exposeInMainWorld\('api', api\)/)
    expect(preload).not.toMatch(/:\s*ipcRenderer\s*[,}]|ipcRenderer\.(on|send|invoke)\s*[,})]/)
    expect(preload).not.toMatch(/ipcRenderer\.sendSync|ipcRenderer\.send\(/)
    // Listeners get the payload only (the wrapper drops the IpcRendererEvent).
    expect(preload).toMatch(/\(_event: IpcRendererEvent, payload[^)]*\) => listener\(payload\)/)
  })
})
