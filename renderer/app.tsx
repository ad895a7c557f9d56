import { useEffect, type ReactNode } from 'react'
import { ErrorBoundary } from './components/error-boundary'
import { SettingsScreen } from './features/preferences/settings-screen'
import { useThemeAttribute } from './features/preferences/use-theme'
import { screens, selectScreen, type ScreenId } from './features/shell/app-store'
import { LoadError } from './features/shell/load-error'
import { NoticeList } from './features/shell/notice-list'
import { Sidebar } from './features/shell/sidebar'
import { StatusBar } from './features/shell/status-bar'
import { TenantsScreen } from './features/tenants/tenants-screen'
import { UsersScreen } from './features/users/users-screen'
import { InterruptedJobs } from './features/logout/interrupted-jobs'
import { LogoutDialog } from './features/logout/logout-dialog'
import { ActivityScreen } from './features/activity/activity-screen'
import { BulkScreen } from './features/bulk/bulk-screen'
import { SimulatorScreen } from './features/simulator/simulator-screen'
import { ConfigScreen } from './features/config/config-screen'
import { appStore, startStores, useApp } from './stores'

const views: Record<ScreenId, { area: string; render: () => ReactNode }> = {
  users: { area: 'Users', render: () => <UsersScreen /> },
  bulk: { area: 'Bulk logout', render: () => <BulkScreen /> },
  activity: { area: 'Activity', render: () => <ActivityScreen /> },
  simulator: { area: 'Simulator', render: () => <SimulatorScreen /> },
  tenants: { area: 'Tenants', render: () => <TenantsScreen /> },
  config: { area: 'Configuration', render: () => <ConfigScreen /> },
  settings: { area: 'Settings', render: () => <SettingsScreen /> },
}

/** The app frame: sidebar, the current screen, the status bar. */
export function App() {
  const screen = useApp(selectScreen)
  useThemeAttribute()
  useEffect(() => {
    const stopStores = startStores()
    const onKey = (e: KeyboardEvent) => {
      const target = e.altKey ? screens.find((s) => s.key === e.key) : undefined
      if (target) {
        e.preventDefault()
        appStore.getState().navigate(target.id)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => {
      stopStores()
      window.removeEventListener('keydown', onKey)
    }
  }, [])
  const view = views[screen]
  return (
    <div className="app">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <Sidebar />
      <main id="content" className="content" tabIndex={-1}>
        <LoadError />
        <NoticeList />
        <InterruptedJobs />
        <ErrorBoundary key={screen} area={view.area}>
          {view.render()}
        </ErrorBoundary>
      </main>
      <StatusBar />
      <LogoutDialog />
    </div>
  )
}
