import { useMemo } from 'react'
import { comparePosture } from '../../../core/config/effects'
import type { TenantConfiguration } from '../../../core/config/model'
import {
  SEVERITIES,
  type PostureFinding,
  type PostureReport,
  type Severity,
} from '../../../core/simulation/posture'
import { ScenarioEffect } from './scenario-effect'

interface EffectTabProps {
  snapshot: TenantConfiguration
  /** The draft's configuration (the snapshot itself when there is no draft). */
  config: TenantConfiguration
}

const severityLabel: Record<Severity, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
}

/** Client id → application name, from both reports. */
function namesOf(...reports: PostureReport[]): Map<string, string> {
  const names = new Map<string, string>()
  for (const report of reports) {
    for (const c of report.summary.byClient) names.set(c.clientId, c.name ?? c.clientId)
  }
  return names
}

function Delta({ before, after }: { before: number; after: number }) {
  const d = after - before
  if (d === 0) return <span className="muted">no change</span>
  return (
    <span className={d < 0 ? 'delta better' : 'delta worse'}>
      {d < 0 ? `${-d} fewer` : `${d} more`}
    </span>
  )
}

interface FindingListProps {
  id: string
  title: string
  findings: PostureFinding[]
  names: ReadonlyMap<string, string>
  empty: string
}

/** Findings, worst first: what and where in one line, why and how to fix behind a disclosure. */
function FindingList({ id, title, findings, names, empty }: FindingListProps) {
  const where = (f: PostureFinding) =>
    [f.clientId ? (names.get(f.clientId) ?? f.clientId) : 'Tenant', f.method, f.connection]
      .filter((part) => part !== undefined)
      .join(' · ')
  return (
    <section className="effect-findings" aria-labelledby={id}>
      <h3 id={id}>
        {title} <span className="muted small">({findings.length})</span>
      </h3>
      {findings.length === 0 ? (
        <p className="muted empty-hint">{empty}</p>
      ) : (
        <ul className="finding-list">
          {findings.map((f) => (
            <li key={f.id} className="finding">
              <span className={`tag sev-${f.severity}`}>{f.severity}</span>
              <div>
                <p className="finding-head">
                  <strong>{f.title}</strong> <span className="muted">{where(f)}</span>
                </p>
                <details>
                  <summary>Why, and how to fix it</summary>
                  <p>{f.detail}</p>
                  <p>
                    <strong>Fix:</strong> {f.fix}{' '}
                    <span className="muted">(reference {f.reference})</span>
                  </p>
                </details>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** The logout posture of the snapshot and of the draft side by side, and what the draft changes. */
function PostureEffect({ snapshot, config }: EffectTabProps) {
  const comparison = useMemo(() => comparePosture(snapshot, config), [snapshot, config])
  const { before, after, resolved, introduced, sentences } = comparison
  const names = useMemo(() => namesOf(before, after), [before, after])
  const b = before.summary.bySeverity
  const a = after.summary.bySeverity
  return (
    <section className="panel" aria-labelledby="config-effect-title">
      <h2 id="config-effect-title">Effect on the logout posture</h2>
      <p className="muted small">
        The posture report (every application × logout method, reference rules) run on the pulled
        snapshot and on the draft. It reads only the settings this screen edits: connection details
        it does not hold are assumed, as the report explains in each finding.
      </p>
      <ul className="effect-sentences" aria-label="What the draft changes">
        {sentences.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <table className="table effect-counts">
        <caption className="visually-hidden">Findings by severity, snapshot and draft</caption>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Snapshot</th>
            <th scope="col">Draft</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {SEVERITIES.map((s) => (
            <tr key={s}>
              <th scope="row">
                <span className={`tag sev-${s}`}>{severityLabel[s]}</span>
              </th>
              <td className="num">{b[s]}</td>
              <td className="num">{a[s]}</td>
              <td>
                <Delta before={b[s]} after={a[s]} />
              </td>
            </tr>
          ))}
          <tr className="total">
            <th scope="row">All findings</th>
            <td className="num">{b.total}</td>
            <td className="num">{a.total}</td>
            <td>
              <Delta before={b.total} after={a.total} />
            </td>
          </tr>
        </tbody>
      </table>
      <div className="effect-columns">
        <FindingList
          id="effect-resolved"
          title="Resolved by the draft"
          findings={resolved}
          names={names}
          empty="The draft resolves no finding of the snapshot."
        />
        <FindingList
          id="effect-introduced"
          title="Introduced by the draft"
          findings={introduced}
          names={names}
          empty="The draft introduces no new finding."
        />
      </div>
    </section>
  )
}

/** The draft's effect: on the posture report, then on a simulator scenario, each side by side. */
export function EffectTab({ snapshot, config }: EffectTabProps) {
  return (
    <>
      <PostureEffect snapshot={snapshot} config={config} />
      <ScenarioEffect snapshot={snapshot} config={config} />
    </>
  )
}
