import type { ThemePreference } from '../../../preload/contract'
import { errorText } from '../../lib/error-text'
import { preferencesStore, useApp, usePreferences } from '../../stores'
import { selectInfo } from '../shell/app-store'
import { selectPreferencesError, selectTheme } from './preferences-store'

const themes: { id: ThemePreference; label: string }[] = [
  { id: 'system', label: 'Follow the OS' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
]

/** Settings: theme and where the app keeps its data. */
export function SettingsScreen() {
  const theme = usePreferences(selectTheme)
  const error = usePreferences(selectPreferencesError)
  const info = useApp(selectInfo)
  return (
    <section className="screen" aria-labelledby="settings-title">
      <header className="screen-header">
        <h1 id="settings-title">Settings</h1>
      </header>
      <div className="panel">
        <fieldset className="radio-group">
          <legend>Theme</legend>
          {themes.map((t) => (
            <label key={t.id}>
              <input
                type="radio"
                name="theme"
                value={t.id}
                checked={theme === t.id}
                onChange={() => void preferencesStore.getState().setTheme(t.id)}
              />
              {t.label}
            </label>
          ))}
        </fieldset>
        {error && (
          <p role="alert" className="field-error">
            {errorText(error)}
          </p>
        )}
      </div>
      {info && (
        <div className="panel">
          <h2>About</h2>
          <dl className="facts">
            <dt>Version</dt>
            <dd>{info.version}</dd>
            <dt>Running as</dt>
            <dd>{info.host === 'web' ? 'Web host (npm run web)' : 'Desktop app'}</dd>
            <dt>Data folder</dt>
            <dd>
              <code>{info.dataDir}</code>
            </dd>
            <dt>Secrets</dt>
            <dd>Only in the OS keychain and main-process memory; never shown here.</dd>
          </dl>
        </div>
      )}
    </section>
  )
}
