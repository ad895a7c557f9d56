import type { UserLayers } from '../../../preload/contract'
import { VirtualList } from '../../components/virtual-list'
import { relativeTime } from '../../lib/time-text'
import { usersStore } from '../../stores'

interface FullListsProps {
  layers: UserLayers
  now: number
}

const ROW = 30

/** Every session and refresh token in scrolling tables (virtualised: thousands stay smooth). */
export function FullLists({ layers, now }: FullListsProps) {
  const select = (id: string) => usersStore.getState().selectNode(id)
  return (
    <div className="two-col full-lists">
      <div>
        <h3>All sessions ({layers.sessions.length.toLocaleString()})</h3>
        <VirtualList
          label="All sessions"
          items={layers.sessions}
          rowHeight={ROW}
          height={Math.min(320, Math.max(ROW, layers.sessions.length * ROW))}
          header={
            <div className="virtual-header" role="row">
              <span role="columnheader">Device</span>
              <span role="columnheader">IP</span>
              <span role="columnheader">Ends</span>
            </div>
          }
          renderRow={(s) => (
            <>
              <span role="cell">
                <button type="button" className="row-button" onClick={() => select(s.id)}>
                  {s.lastDevice.label}
                </button>
              </span>
              <span role="cell">{s.lastDevice.ip ?? '—'}</span>
              <span role="cell">
                {s.status === 'expired' ? 'expired' : relativeTime(s.endsAt, now)}
              </span>
            </>
          )}
        />
      </div>
      <div>
        <h3>All refresh tokens ({layers.refreshTokens.length.toLocaleString()})</h3>
        <VirtualList
          label="All refresh tokens"
          items={layers.refreshTokens}
          rowHeight={ROW}
          height={Math.min(320, Math.max(ROW, layers.refreshTokens.length * ROW))}
          header={
            <div className="virtual-header" role="row">
              <span role="columnheader">Application</span>
              <span role="columnheader">Bound</span>
              <span role="columnheader">Ends</span>
            </div>
          }
          renderRow={(t) => (
            <>
              <span role="cell">
                <button type="button" className="row-button" onClick={() => select(t.id)}>
                  {t.appName}
                </button>
              </span>
              <span role="cell">{t.sessionNodeId ? 'to a session' : 'no — survives logout'}</span>
              <span role="cell">{t.endsAt ? relativeTime(t.endsAt, now) : 'no expiry'}</span>
            </>
          )}
        />
      </div>
    </div>
  )
}
