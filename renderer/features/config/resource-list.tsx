import { useRef, type KeyboardEvent } from 'react'
import type { TenantConfiguration } from '../../../core/config/model'
import { sortedResourceKeys } from '../../../core/config/model'
import { configStore, useConfig } from '../../stores'
import { kindOf, nameOf } from './value-text'

interface ResourceListProps {
  config: TenantConfiguration
  /** Resource keys with changed fields. */
  changed: ReadonlySet<string>
  /** Resource keys with validation errors. */
  invalid: ReadonlySet<string>
}

const groups = [
  { kind: 'tenant', label: 'Tenant' },
  { kind: 'clients', label: 'Applications' },
  { kind: 'connections', label: 'Connections' },
] as const

/** The tenant, applications and connections; a filter box; ↑/↓/Home/End move the selection. */
export function ResourceList({ config, changed, invalid }: ResourceListProps) {
  const selected = useConfig((s) => s.selected)
  const filter = useConfig((s) => s.filter)
  const listRef = useRef<HTMLDivElement>(null)
  const store = configStore.getState()
  const needle = filter.trim().toLowerCase()
  const keys = sortedResourceKeys(config).filter(
    (k) =>
      needle === '' ||
      k === selected ||
      nameOf(k).toLowerCase().includes(needle) ||
      (k === 'tenant' && 'tenant'.includes(needle)),
  )

  const move = (e: KeyboardEvent<HTMLDivElement>) => {
    const index = keys.indexOf(selected)
    let next: number | null = null
    if (e.key === 'ArrowDown') next = Math.min(keys.length - 1, index + 1)
    else if (e.key === 'ArrowUp') next = Math.max(0, index - 1)
    else if (e.key === 'Home') next = 0
    else if (e.key === 'End') next = keys.length - 1
    if (next === null) return
    e.preventDefault()
    const key = keys[next]
    if (key === undefined) return
    store.select(key)
    listRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus()
  }

  return (
    <div className="resource-nav">
      <div className="field">
        <label htmlFor="config-filter">Search resources</label>
        <input
          id="config-filter"
          type="search"
          value={filter}
          data-native-undo
          placeholder="Name contains…"
          onChange={(e) => store.setFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault()
              const first = keys.find((k) => k !== 'tenant') ?? keys[0]
              if (first !== undefined) {
                store.select(first)
                listRef.current
                  ?.querySelector<HTMLElement>(`[data-key="${CSS.escape(first)}"]`)
                  ?.focus()
              }
            }
          }}
        />
      </div>
      <div
        ref={listRef}
        className="resource-list"
        role="listbox"
        aria-label="Resources"
        onKeyDown={move}
      >
        {groups.map((g) => {
          const inGroup = keys.filter((k) => kindOf(k) === g.kind)
          if (inGroup.length === 0) return null
          return (
            <div key={g.kind} role="group" aria-labelledby={`resource-group-${g.kind}`}>
              <div id={`resource-group-${g.kind}`} className="resource-group">
                {g.label}
              </div>
              {inGroup.map((k) => {
                const isChanged = changed.has(k)
                const isInvalid = invalid.has(k)
                const context = config.resources[k]?.context
                const detail = context?.app_type ?? context?.strategy
                return (
                  <div
                    key={k}
                    role="option"
                    data-key={k}
                    aria-selected={k === selected}
                    tabIndex={k === selected ? 0 : -1}
                    className={k === selected ? 'resource-option selected' : 'resource-option'}
                    onClick={() => store.select(k)}
                  >
                    <span className="resource-name">
                      {k === 'tenant' ? 'Tenant settings' : nameOf(k)}
                    </span>
                    {detail && <span className="resource-detail">{detail}</span>}
                    {isInvalid && (
                      <span className="problem-mark" title="Has errors">
                        !<span className="visually-hidden"> has errors</span>
                      </span>
                    )}
                    {isChanged && (
                      <span className="change-dot" title="Changed">
                        <span className="visually-hidden"> changed</span>
                      </span>
                    )}
                  </div>
                )
              })}
            </div>
          )
        })}
      </div>
      {keys.length === 0 && <p className="muted empty-hint">Nothing matches “{filter}”.</p>}
    </div>
  )
}
