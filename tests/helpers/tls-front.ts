import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** An https front for a loopback http server, with a throwaway certificate. */
export interface TlsFront {
  /** `127.0.0.1:PORT`: what a tool that forces https is given as the domain. */
  domain: string
  port: number
  /** The certificate in PEM, for `NODE_EXTRA_CA_CERTS` (a file) or a client's `ca`. */
  caFile: string
  close(): Promise<void>
}

/**
 * Puts https in front of `target` (`http://127.0.0.1:PORT`), for tools that force https and take
 * no `fetch` option, such as Auth0's Deploy CLI. The certificate is made by `openssl` for
 * 127.0.0.1 and localhost, valid one day, and deleted on close. Requests and answers are piped
 * through unchanged; the Host header keeps the front's host, as a real tenant sees it.
 */
export async function startTlsFront(target: string): Promise<TlsFront> {
  const dir = mkdtempSync(join(tmpdir(), 'sc-tls-'))
  const keyFile = join(dir, 'key.pem')
  const caFile = join(dir, 'cert.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      caFile,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  )
  const base = new URL(target)
  const server: Server = createServer(
    { key: readFileSync(keyFile), cert: readFileSync(caFile) },
    (req, res) => {
      if (process.env['TLS_FRONT_LOG']) console.error(req.method, req.url)
      const upstream = httpRequest(
        {
          host: base.hostname,
          port: base.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: `${base.hostname}:${base.port}` },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        },
      )
      upstream.on('error', () => {
        res.writeHead(502)
        res.end()
      })
      req.pipe(upstream)
    },
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  writeFileSync(join(dir, 'port'), String(port))
  return {
    domain: `127.0.0.1:${port}`,
    port,
    caFile,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
