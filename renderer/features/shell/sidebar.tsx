import { appStore, useApp } from '../../stores'
import { screens, selectScreen } from './app-store'

/** The main navigation: one entry per built screen, Alt+number shortcuts. */
export function Sidebar() {
  const current = useApp(selectScreen)
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark">◧</span> Session Console
      </div>
      <ul>
        {screens.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className={s.id === current ? 'nav-item active' : 'nav-item'}
              aria-current={s.id === current ? 'page' : undefined}
              aria-keyshortcuts={`Alt+${s.key}`}
              onClick={() => appStore.getState().navigate(s.id)}
            >
              {s.label}
              <kbd>Alt+{s.key}</kbd>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
