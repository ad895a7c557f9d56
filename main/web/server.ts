import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { channels, events, type ApiEvents, type EventName } from '../../preload/contract'
import { LARGE_INPUT_CHARS, type Invoker } from '../ipc/handle'
import type { EventSink } from '../services/ports'
import { renderClientScript } from './client-script'

/** Largest request body the web host reads, in bytes. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024
/** Largest body of the methods the invoker allows a larger input (a big tenant's draft). */
export const MAX_LARGE_BODY_BYTES = 17 * 1024 * 1024
const bodyLimit = (method: string): number =>
  Object.hasOwn(LARGE_INPUT_CHARS, method) ? MAX_LARGE_BODY_BYTES : MAX_BODY_BYTES
/** The header every API call carries the per-run token in. */
export const TOKEN_HEADER = 'x-session-console-token'
const CLIENT_PATH = '/__session-console/api.js'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
}

/** Options of {@link startWebHost}. */
export interface WebHostOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** Port on 127.0.0.1; 0 picks a free one. */
  port?: number
  /** Fixed token (tests); a random one per run otherwise. */
  token?: string
}

/** A running web host. */
export interface WebHost {
  url: string
  /** The URL to open: carries the token in its fragment. */
  openUrl: string
  port: number
  token: string
  /** Broadcasts main→renderer events to every connected page. */
  events: EventSink
  /** Attach the invoker once services are built (they need `events`). */
  attach(invoke: Invoker): void
  close(): Promise<void>
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit) throw new HttpError(413, 'Request body too large.')
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new HttpError(413, 'Request body too large.')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { ...securityHeaders, 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

/**
 * Serve the built renderer and the handler table over HTTP on 127.0.0.1 only.
 *
 * Every API call needs the per-run token header; Host must be our loopback address and Origin, when
 * sent, our own origin (DNS-rebinding and cross-site defence); bodies over 1 MB are refused; inputs
 * go through the same invoker (and zod schemas) as Electron IPC.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const streams = new Set<ServerResponse>()
  let invoke: Invoker | null = null
  let allowedHosts: string[] = []
  const clientScript = renderClientScript(Object.keys(channels), Object.keys(events))

  const serveStatic = async (pathname: string, res: ServerResponse) => {
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).slice(1)
    const file = normalize(join(options.rendererDir, relative))
    if (!file.startsWith(normalize(options.rendererDir) + sep))
      throw new HttpError(404, 'Not found.')
    let body: Buffer
    try {
      body = await readFile(file)
    } catch {
      throw new HttpError(404, 'Not found.')
    }
    const type = contentTypes[extname(file)] ?? 'application/octet-stream'
    if (relative === 'index.html') {
      const html = body
        .toString('utf8')
        .replace('<head>', `<head>\n    <script src="${CLIENT_PATH}"></script>`)
      body = Buffer.from(html)
    }
    res.writeHead(200, { ...securityHeaders, 'content-type': type })
    res.end(body)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!allowedHosts.includes(req.headers.host ?? ''))
      throw new HttpError(403, 'Host not allowed.')
    const origin = req.headers.origin
    if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
      throw new HttpError(403, 'Origin not allowed.')
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        throw new HttpError(405, 'Method not allowed.')
      if (url.pathname === CLIENT_PATH) {
        res.writeHead(200, { ...securityHeaders, 'content-type': contentTypes['.js'] })
        res.end(clientScript)
        return
      }
      await serveStatic(url.pathname, res)
      return
    }
    const given = req.headers[TOKEN_HEADER]
    if (!sameToken(typeof given === 'string' ? given : undefined, token)) {
      throw new HttpError(401, 'Missing or wrong token.')
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, { ...securityHeaders, 'content-type': 'text/event-stream' })
      res.write(': connected\n\n')
      streams.add(res)
      req.on('close', () => streams.delete(res))
      return
    }
    const match = /^\/api\/invoke\/([A-Za-z]{1,64})$/.exec(url.pathname)
    if (!match || req.method !== 'POST') throw new HttpError(404, 'Not found.')
    const raw = await readBody(req, bodyLimit(match[1] ?? ''))
    let envelope: unknown
    try {
      envelope = raw === '' ? {} : JSON.parse(raw)
    } catch {
      sendJson(res, 400, {
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'The request body is not JSON.' },
      })
      return
    }
    if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
      sendJson(res, 400, {
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'The request body must be an object.' },
      })
      return
    }
    if (!invoke) throw new HttpError(503, 'Starting up.')
    const input = (envelope as { input?: unknown }).input
    sendJson(res, 200, await invoke(match[1] ?? '', input))
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500
      const message = error instanceof HttpError ? error.message : 'Internal error.'
      if (!res.headersSent)
        sendJson(res, status, {
          ok: false,
          error: {
            code:
              status === 401
                ? 'UNAUTHENTICATED'
                : status === 413 || status === 400
                  ? 'INVALID_INPUT'
                  : status === 403
                    ? 'FORBIDDEN'
                    : 'INTERNAL',
            message,
          },
        })
      else res.end()
      if (status === 413) req.resume()
    })
  })
  server.requestTimeout = 60_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`]
  const base = `http://127.0.0.1:${port}`
  return {
    url: base,
    openUrl: `${base}/#token=${token}`,
    port,
    token,
    events: {
      emit<E extends EventName>(name: E, payload: ApiEvents[E]) {
        const frame = `data: ${JSON.stringify({ name, payload })}\n\n`
        for (const stream of streams) stream.write(frame)
      },
    },
    attach(next) {
      invoke = next
    },
    async close() {
      for (const stream of streams) stream.end()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
    },
  }
}
