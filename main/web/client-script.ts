/**
 * The script the web host injects before the renderer: it defines `window.api` with the contract's
 * exact shape over HTTP, so the renderer cannot tell the web host from Electron.
 *
 * The per-run token arrives in the URL fragment (never sent to a server, never logged), is kept in
 * sessionStorage for reloads and is removed from the address bar at once.
 */
export function renderClientScript(methods: readonly string[], eventNames: readonly string[]) {
  return `(() => {
  'use strict'
  const KEY = 'session-console-token'
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash)
  if (match) {
    sessionStorage.setItem(KEY, match[1])
    history.replaceState(null, '', location.pathname + location.search)
  }
  const token = sessionStorage.getItem(KEY) || ''
  const headers = { 'content-type': 'application/json', 'x-session-console-token': token }
  const failure = (code, message) => ({ ok: false, error: { code, message } })
  async function call(method, input) {
    let response
    try {
      const body = JSON.stringify(input === undefined ? {} : { input })
      // keepalive lets a save started as the page goes away (a draft flushed on pagehide) finish;
      // browsers allow it for bodies up to 64 KB only.
      response = await fetch('/api/invoke/' + method, {
        method: 'POST', headers, body, keepalive: body.length < 60000,
      })
    } catch (e) {
      return failure('NETWORK', 'The Session Console web host is not reachable. Is npm run web still running?')
    }
    if (response.status === 401) return failure('FORBIDDEN', 'This page has no valid access token. Open the URL npm run web printed.')
    try { return await response.json() } catch (e) { return failure('INTERNAL', 'The web host sent an unreadable answer.') }
  }
  const listeners = new Map()
  let stream = null
  async function openStream() {
    try {
      const response = await fetch('/api/events', { headers })
      const reader = response.body.getReader()
      const decoder = new TextDecoder()
      let buffer = ''
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        buffer += decoder.decode(value, { stream: true })
        let end
        while ((end = buffer.indexOf('\\n\\n')) >= 0) {
          const chunk = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const data = chunk.split('\\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\\n')
          if (!data) continue
          const message = JSON.parse(data)
          for (const listener of listeners.get(message.name) || []) listener(message.payload)
        }
      }
    } catch (e) { /* the host went away; events stop */ }
    stream = null
  }
  function subscribe(name, listener) {
    if (!listeners.has(name)) listeners.set(name, new Set())
    listeners.get(name).add(listener)
    if (!stream) stream = openStream()
    return () => { listeners.get(name).delete(listener) }
  }
  const api = {}
  for (const method of ${JSON.stringify(methods)}) api[method] = (input) => call(method, input)
  for (const name of ${JSON.stringify(eventNames)}) {
    api['on' + name[0].toUpperCase() + name.slice(1)] = (listener) => subscribe(name, listener)
  }
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false })
})()
`
}
