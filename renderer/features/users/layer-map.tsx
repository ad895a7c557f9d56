import { useEffect, useMemo, useRef } from 'react'
import type { UserLayers } from '../../../preload/contract'
import { dependentsOf } from '../../../core/layers/layer-graph'
import { relativeTime } from '../../lib/time-text'
import { useUsers, usersStore } from '../../stores'
import { LinkOverlay } from './link-overlay'
import { NodeCard, type NodeCardProps } from './node-card'

/** Beyond this many sessions or tokens the map shows the most recent ones and groups the rest. */
export const MAP_NODE_LIMIT = 40

interface LayerMapProps {
  layers: UserLayers
  now: number
}

/** Identity providers → Auth0 sessions → refresh tokens ← applications, with links between them. */
export function LayerMap({ layers, now }: LayerMapProps) {
  const selected = useUsers((s) => s.selectedNode)
  const container = useRef<HTMLDivElement>(null)
  /** The tenant's plan has no session endpoints: empty columns are unknown, not empty. */
  const planRefused = layers.unavailable.some((u) => u.error.reason === 'enterprise-only')
  const highlighted = useMemo(
    () => (selected ? new Set([selected, ...dependentsOf(layers, selected)]) : null),
    [layers, selected],
  )
  const emphasis = (id: string): NodeCardProps['emphasis'] =>
    !highlighted
      ? 'none'
      : id === selected
        ? 'selected'
        : highlighted.has(id)
          ? 'dependent'
          : 'dimmed'
  const select = (id: string) => usersStore.getState().selectNode(id)
  /** The props every card of the map shares: its id, selection and emphasis. */
  const card = (id: string) => ({
    nodeId: id,
    selected: selected === id,
    emphasis: emphasis(id),
    onSelect: select,
  })
  useEffect(() => {
    performance.mark('session-console:map-rendered')
  }, [layers])
  const appName = new Map(layers.apps.map((a) => [a.id, a.name]))

  const sessions = layers.sessions.slice(0, MAP_NODE_LIMIT)
  const hiddenSessions = layers.sessions.length - sessions.length
  const hiddenByDevice = countBy(layers.sessions.slice(MAP_NODE_LIMIT), (s) => s.lastDevice.label)
  const bound = layers.refreshTokens.filter((t) => t.sessionNodeId !== null)
  const unbound = layers.refreshTokens.filter((t) => t.sessionNodeId === null)
  const shownBound = bound.slice(0, MAP_NODE_LIMIT)
  const shownUnbound = unbound.slice(0, MAP_NODE_LIMIT)
  const hiddenTokens = bound.length - shownBound.length + unbound.length - shownUnbound.length
  const hiddenByApp = countBy(
    [...bound.slice(MAP_NODE_LIMIT), ...unbound.slice(MAP_NODE_LIMIT)],
    (t) => `${t.appName}${t.sessionNodeId ? '' : ' (unbound)'}`,
  )

  return (
    <div className="layer-map" ref={container}>
      <LinkOverlay
        container={container}
        links={layers.links}
        highlighted={highlighted}
        layoutKey={`${layers.fetchedAt}|${selected ?? ''}`}
      />
      <div className="map-column">
        <h3>Identity providers</h3>
        {layers.idps.length === 0 && <p className="muted">None known.</p>}
        {layers.idps.map((idp) => (
          <NodeCard key={idp.id} {...card(idp.id)} title={idp.connection}>
            <span className="node-meta">
              {idp.kind} · {idp.strategy}
            </span>
            {idp.federatedLogout.optionsUnread === true ? (
              <span
                className="tag warn"
                title="The connection's options were not readable (read:connections_options)."
              >
                Federated logout: unknown (options not readable)
              </span>
            ) : (
              <span className={idp.federatedLogout.supported ? 'tag ok' : 'tag warn'}>
                {idp.federatedLogout.supported ? 'Federated logout: yes' : 'Federated logout: no'}
              </span>
            )}
          </NodeCard>
        ))}
      </div>

      <div className="map-column">
        <h3>Auth0 sessions{planRefused ? '' : ` (${layers.sessions.length})`}</h3>
        {layers.sessions.length === 0 && (
          <p className="muted">
            {planRefused ? 'Not available on this plan.' : 'No Auth0 session.'}
          </p>
        )}
        {sessions.map((s) => (
          <NodeCard
            key={s.id}
            {...card(s.id)}
            title={s.lastDevice.label}
            tone={s.status === 'expired' ? 'muted' : undefined}
          >
            <span className="node-meta">
              {s.lastDevice.ip ?? 'no IP'}
              {s.lastDevice.asn ? ` · AS${s.lastDevice.asn.replace(/^AS/i, '')}` : ''}
            </span>
            <span className="node-meta">
              {s.status === 'expired'
                ? 'Expired, still listed'
                : `Ends ${relativeTime(s.endsAt, now)} (${s.endsBy === 'idle' ? 'idle' : 'absolute'})`}
            </span>
            <span className="chips">
              {s.appIds.map((a) => (
                <span key={a} className="chip app-chip">
                  {appName.get(a) ?? a}
                </span>
              ))}
            </span>
          </NodeCard>
        ))}
        {hiddenSessions > 0 && (
          <GroupCard
            text={`+ ${hiddenSessions.toLocaleString()} older sessions, by device (all listed below):`}
            groups={hiddenByDevice}
          />
        )}
      </div>

      <div className="map-column">
        <h3>Refresh tokens{planRefused ? '' : ` (${layers.refreshTokens.length})`}</h3>
        {layers.refreshTokens.length === 0 && (
          <p className="muted">
            {planRefused ? 'Not available on this plan.' : 'No refresh tokens.'}
          </p>
        )}
        {shownBound.map((t) => (
          <NodeCard key={t.id} {...card(t.id)} title={t.appName}>
            <span className="node-meta">
              Bound to a session · {t.endsAt ? `ends ${relativeTime(t.endsAt, now)}` : 'no expiry'}
            </span>
          </NodeCard>
        ))}
        {unbound.length > 0 && (
          <div className="unbound-group" aria-label="Refresh tokens not bound to a session">
            <p className="unbound-title">Not bound to a session — survive every logout</p>
            {shownUnbound.map((t) => (
              <NodeCard key={t.id} {...card(t.id)} title={t.appName} tone="warning">
                <span className="node-meta">
                  {t.orphaned ? 'Its session is gone · ' : ''}
                  {t.endsAt ? `ends ${relativeTime(t.endsAt, now)}` : 'no expiry'}
                </span>
              </NodeCard>
            ))}
          </div>
        )}
        {hiddenTokens > 0 && (
          <GroupCard
            text={`+ ${hiddenTokens.toLocaleString()} more tokens, by application (all listed below):`}
            groups={hiddenByApp}
          />
        )}
      </div>

      <div className="map-column">
        <h3>Applications{planRefused ? '' : ` (${layers.apps.length})`}</h3>
        {layers.apps.length === 0 && (
          <p className="muted">
            {planRefused
              ? 'Known from sessions, which this plan does not show.'
              : 'No application used.'}
          </p>
        )}
        {layers.apps.map((a) => (
          <NodeCard key={a.id} {...card(a.id)} title={a.name} tone={a.known ? undefined : 'muted'}>
            <span className="node-meta">{a.appType}</span>
            <span className={a.backchannel.subscribed ? 'tag ok' : 'tag'}>
              {a.backchannel.subscribed
                ? `Back-channel logout: ${a.backchannel.initiators.join(', ')}`
                : 'No back-channel logout'}
            </span>
          </NodeCard>
        ))}
      </div>
    </div>
  )
}

/** Count items per key, largest group first. */
function countBy<T>(items: readonly T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1])
}

/** The rest of a long column, counted per group instead of drawn one card each. */
function GroupCard({ text, groups }: { text: string; groups: [string, number][] }) {
  return (
    <div className="group-card">
      <p>{text}</p>
      <ul>
        {groups.map(([label, n]) => (
          <li key={label}>
            {label} × {n.toLocaleString()}
          </li>
        ))}
      </ul>
    </div>
  )
}
