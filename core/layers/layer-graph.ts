import type { LayerLink, UserLayers } from './types'

/**
 * What ends, or is cut off, when one node of the layer map ends; the node itself is not included.
 *
 * Follows links downstream (linear in the number of links):
 * - `idp-session`: a session ends when every IdP it was authenticated through ends.
 * - `session-token`: a bound refresh token ends with its session (revocation, reference §4).
 * - `app-token`: a token ends when its application is the node that ends.
 * - Applications never end because of a session or token; an application is *cut off* when all of
 *   its sessions and all of its refresh tokens have ended, i.e. it was used only through them. A
 *   cut-off application's unbound tokens are not affected, so it stays alive while they do.
 *
 * Imports only types from the contract and uses no Node API, so the renderer can share it.
 */
export function dependentsOf(layers: Pick<UserLayers, 'links'>, nodeId: string): Set<string> {
  const incoming = new Map<string, LayerLink[]>()
  const outgoing = new Map<string, LayerLink[]>()
  for (const link of layers.links) {
    push(incoming, link.to, link)
    push(outgoing, link.from, link)
  }

  const ended = new Set([nodeId])
  const queue = [nodeId]
  const touchedApps = new Set<string>()
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const link of outgoing.get(id) ?? []) {
      if (link.kind === 'session-app') touchedApps.add(link.to)
      if (ended.has(link.to)) continue
      const ends =
        link.kind === 'idp-session'
          ? (incoming.get(link.to) ?? []).every(
              (l) => l.kind !== 'idp-session' || ended.has(l.from),
            )
          : link.kind === 'session-token' || link.kind === 'app-token'
      if (!ends) continue
      ended.add(link.to)
      queue.push(link.to)
    }
    for (const link of incoming.get(id) ?? []) {
      if (link.kind === 'app-token') touchedApps.add(link.from)
    }
  }

  const result = new Set(ended)
  for (const app of touchedApps) {
    if (ended.has(app)) continue
    const sessionsEnded = (incoming.get(app) ?? []).every((l) => ended.has(l.from))
    const tokensEnded = (outgoing.get(app) ?? []).every((l) => ended.has(l.to))
    if (sessionsEnded && tokensEnded) result.add(app)
  }
  result.delete(nodeId)
  return result
}

function push(map: Map<string, LayerLink[]>, key: string, link: LayerLink): void {
  const list = map.get(key)
  if (list) list.push(link)
  else map.set(key, [link])
}
