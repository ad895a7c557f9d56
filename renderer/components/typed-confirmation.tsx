import type { ReactNode } from 'react'

interface TypedConfirmationProps {
  id: string
  /** What the user must type, shown in the label. */
  expected: ReactNode
  /** Words after it: "(the number of users)". */
  what?: string
  value: string
  onChange: (value: string) => void
  numeric?: boolean
  /** Why typing is not possible yet (the input is disabled and this is shown under it). */
  blockedBecause?: string | null
  className?: string
}

/** The typed confirmation of a destructive action: "Type 42 (the number of users) to confirm". */
export function TypedConfirmation({
  id,
  expected,
  what,
  value,
  onChange,
  numeric = false,
  blockedBecause = null,
  className = '',
}: TypedConfirmationProps) {
  const hintId = `${id}-why`
  return (
    <div className={`field ${className}`.trim()}>
      <label htmlFor={id}>
        Type {expected}
        {what ? ` ${what}` : ''} to confirm
      </label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        {...(numeric && { inputMode: 'numeric' as const })}
        disabled={blockedBecause !== null}
        aria-describedby={blockedBecause !== null ? hintId : undefined}
      />
      {blockedBecause !== null && (
        <p id={hintId} className="hint">
          {blockedBecause}
        </p>
      )}
    </div>
  )
}
