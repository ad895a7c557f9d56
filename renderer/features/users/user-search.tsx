import { useEffect, useId, useRef, type KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { errorText } from '../../lib/error-text'
import { useUsers, usersStore } from '../../stores'
import { selectVisibleUsers } from './users-store'

/** Search box with results as you type; ↑/↓ move, Enter opens; recent users when empty. */
export function UserSearch() {
  const query = useUsers((s) => s.query)
  const status = useUsers((s) => s.searchStatus)
  const error = useUsers((s) => s.searchError)
  const total = useUsers((s) => s.total)
  const highlighted = useUsers((s) => s.highlighted)
  const openUserId = useUsers((s) => s.openUserId)
  const users = useUsers(useShallow(selectVisibleUsers))
  const listId = useId()
  const input = useRef<HTMLInputElement>(null)
  const store = usersStore.getState()
  const showingRecent = query.trim() === ''

  useEffect(() => {
    input.current?.focus()
  }, [])

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      store.move(e.key === 'ArrowDown' ? 1 : -1)
    } else if (e.key === 'Enter') {
      const hit = users[highlighted]
      if (hit) void store.open(hit.userId)
    } else if (e.key === 'Escape') {
      store.setQuery('')
    }
  }

  const optionId = (i: number) => `${listId}-${i}`
  return (
    <div className="user-search">
      <label htmlFor={`${listId}-input`} className="visually-hidden">
        Find a user
      </label>
      <input
        ref={input}
        id={`${listId}-input`}
        className="search-input"
        type="search"
        role="combobox"
        aria-expanded={users.length > 0}
        aria-controls={listId}
        aria-activedescendant={users.length > 0 ? optionId(highlighted) : undefined}
        aria-autocomplete="list"
        placeholder='Email, name, user id, or an Auth0 query like identities.connection:"google-oauth2"'
        value={query}
        onChange={(e) => store.setQuery(e.target.value)}
        onKeyDown={onKey}
        autoComplete="off"
        spellCheck={false}
      />
      <p className="search-status muted" role="status" aria-live="polite">
        {showingRecent
          ? users.length > 0
            ? 'Recent users'
            : 'Type to search this tenant’s users.'
          : status === 'loading'
            ? 'Searching…'
            : status === 'ready'
              ? total === 0
                ? `No users match “${query.trim()}”.`
                : `${total} user${total === 1 ? '' : 's'}${total > users.length ? `, first ${users.length} shown` : ''}`
              : ''}
      </p>
      {status === 'error' && error && !showingRecent && (
        <p role="alert" className="form-error">
          {errorText(error)}
        </p>
      )}
      <ul
        id={listId}
        role="listbox"
        aria-label={showingRecent ? 'Recent users' : 'Search results'}
        className="user-results"
      >
        {users.map((u, i) => (
          <li
            key={u.userId}
            id={optionId(i)}
            role="option"
            aria-selected={i === highlighted}
            className={[
              'user-hit',
              i === highlighted ? 'highlighted' : '',
              u.userId === openUserId ? 'open' : '',
            ].join(' ')}
            onClick={() => void store.open(u.userId)}
          >
            <strong>{u.name ?? u.email ?? u.userId}</strong>
            {u.email && u.email !== u.name && <span className="muted">{u.email}</span>}
            <span className="muted small">{u.connections.join(', ') || u.userId}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}
