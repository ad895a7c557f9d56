import { useShallow } from 'zustand/react/shallow'
import { appStore, useApp } from '../../stores'
import { selectNotices } from './app-store'

/** Notices raised at start-up (recovered files, unavailable keychain), each dismissible. */
export function NoticeList() {
  const notices = useApp(useShallow(selectNotices))
  if (notices.length === 0) return null
  return (
    <div className="notices">
      {notices.map((n) => (
        <div
          key={n.id}
          role={n.level === 'info' ? 'status' : 'alert'}
          className={`notice ${n.level}`}
        >
          <span>{n.message}</span>
          <button
            type="button"
            className="button small"
            onClick={() => appStore.getState().dismissNotice(n.id)}
          >
            Dismiss
          </button>
        </div>
      ))}
    </div>
  )
}
