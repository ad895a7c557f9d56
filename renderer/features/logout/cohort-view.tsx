import type { CohortSummary } from '../../../preload/contract'

interface CohortViewProps {
  cohort: CohortSummary
}

/** Who is in a bulk cohort, and who was left out and why. */
export function CohortView({ cohort }: CohortViewProps) {
  return (
    <section className="cohort" aria-label="Cohort">
      <p>
        <strong>{cohort.users}</strong> user{cohort.users === 1 ? '' : 's'} ·{' '}
        <strong>{cohort.sessions}</strong> listed session{cohort.sessions === 1 ? '' : 's'}
      </p>
      {(cohort.skipped.length > 0 || cohort.listErrors.length > 0) && (
        <details>
          <summary>
            Left out: {cohort.skipped.length} user{cohort.skipped.length === 1 ? '' : 's'},{' '}
            {cohort.listErrors.length} list line{cohort.listErrors.length === 1 ? '' : 's'}
          </summary>
          <ul className="item-list">
            {cohort.listErrors.slice(0, 100).map((e) => (
              <li key={`l${e.line}`}>
                Line {e.line} “{e.text}”: {e.reason}
              </li>
            ))}
            {cohort.skipped.slice(0, 100).map((s) => (
              <li key={s.userId}>
                {s.userId}: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  )
}
