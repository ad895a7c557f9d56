interface ImportMessagesProps {
  warnings: readonly string[]
}

/** What an import ignored or converted, one line each. */
export function ImportMessages({ warnings }: ImportMessagesProps) {
  if (warnings.length === 0) return null
  return (
    <details className="import-warnings">
      <summary>
        {warnings.length} note{warnings.length === 1 ? '' : 's'} from reading the files
      </summary>
      <ul>
        {warnings.map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ul>
    </details>
  )
}
