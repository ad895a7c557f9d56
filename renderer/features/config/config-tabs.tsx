import { useRef, type KeyboardEvent } from 'react'
import { configStore, useConfig } from '../../stores'
import type { ConfigTab } from './config-store'

const TABS: { id: ConfigTab; label: string }[] = [
  { id: 'edit', label: 'Edit' },
  { id: 'changes', label: 'Changes' },
  { id: 'compare', label: 'Compare' },
  { id: 'effect', label: 'Effect' },
]

interface ConfigTabsProps {
  changeCount: number
}

/** Edit · Changes · Compare · Effect, as an ARIA tab list (←/→/Home/End move between tabs). */
export function ConfigTabs({ changeCount }: ConfigTabsProps) {
  const tab = useConfig((s) => s.tab)
  const ref = useRef<HTMLDivElement>(null)
  const go = (id: ConfigTab) => {
    configStore.getState().setTab(id)
    ref.current?.querySelector<HTMLElement>(`#config-tab-${id}`)?.focus()
  }
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.findIndex((t) => t.id === tab)
    const last = TABS.length - 1
    const next =
      e.key === 'ArrowRight'
        ? (index + 1) % TABS.length
        : e.key === 'ArrowLeft'
          ? (index + last) % TABS.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null
    const target = next === null ? undefined : TABS[next]
    if (target === undefined) return
    e.preventDefault()
    go(target.id)
  }
  return (
    <div ref={ref} className="config-tabs" role="tablist" aria-label="Views" onKeyDown={onKey}>
      {TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`config-tab-${t.id}`}
          aria-selected={t.id === tab}
          aria-controls={t.id === tab ? `config-panel-${t.id}` : undefined}
          tabIndex={t.id === tab ? 0 : -1}
          className={t.id === tab ? 'config-tab selected' : 'config-tab'}
          onClick={() => go(t.id)}
        >
          {t.label}
          {t.id === 'changes' && changeCount > 0 && (
            <span className="count-badge">
              {changeCount}
              <span className="visually-hidden"> changed fields</span>
            </span>
          )}
        </button>
      ))}
    </div>
  )
}
