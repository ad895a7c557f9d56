import { useApp } from '../../stores'
import { selectInfo } from './app-store'

/** The bottom bar: host, version; later the active tenant and its connection state. */
export function StatusBar() {
  const info = useApp(selectInfo)
  return (
    <footer className="status-bar" aria-label="Status">
      <span>{info ? `${info.name} ${info.version}` : 'Starting…'}</span>
      <span className="spacer" />
      {info && (
        <span>
          {info.host === 'web' ? 'Web host' : 'Desktop'} · {info.platform}
        </span>
      )}
    </footer>
  )
}
