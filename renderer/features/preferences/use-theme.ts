import { useEffect, useState } from 'react'
import { usePreferences } from '../../stores'
import { resolveTheme, selectTheme } from './preferences-store'

const query = '(prefers-color-scheme: dark)'

/** Keep `<html data-theme>` in step with the chosen theme and, for `system`, with the OS. */
export function useThemeAttribute(): void {
  const choice = usePreferences(selectTheme)
  const [osDark, setOsDark] = useState(() => window.matchMedia(query).matches)
  useEffect(() => {
    const media = window.matchMedia(query)
    const onChange = () => setOsDark(media.matches)
    media.addEventListener('change', onChange)
    return () => media.removeEventListener('change', onChange)
  }, [])
  useEffect(() => {
    document.documentElement.dataset['theme'] = resolveTheme(choice, osDark)
  }, [choice, osDark])
}
