import { useMemo, useState } from 'react'
import { download } from '../../lib/download'
import { parseScenario } from '../../../core/simulation'
import { buildPostureReport, SEVERITIES, type Severity } from '../../../core/simulation/posture'
import {
  postureToHtml,
  postureToJson,
  postureToMarkdown,
} from '../../../core/simulation/posture-export'
import type { ScenarioDoc } from './simulator-store'

interface PostureViewProps {
  doc: ScenarioDoc
}

const SHOWN = 100

/** The tenant's logout posture: every application × logout method, the risks, each with its rule. */
export function PostureView({ doc }: PostureViewProps) {
  const [minimum, setMinimum] = useState<Severity>('medium')
  const report = useMemo(() => {
    const parsed = parseScenario({ ...doc, steps: [] })
    return parsed.ok ? buildPostureReport(parsed.scenario) : null
  }, [doc])
  if (!report) return null
  const rank = (s: Severity) => SEVERITIES.indexOf(s)
  const findings = report.findings.filter((f) => rank(f.severity) <= rank(minimum))
  const names = new Map((doc.clients ?? []).map((c) => [c.client_id, c.name ?? c.client_id]))
  const save = (format: 'md' | 'html' | 'json') => {
    const content =
      format === 'md'
        ? postureToMarkdown(report)
        : format === 'html'
          ? postureToHtml(report)
          : postureToJson(report)
    const type =
      format === 'md' ? 'text/markdown' : format === 'html' ? 'text/html' : 'application/json'
    download(`logout-posture.${format}`, content, type)
  }
  const s = report.summary.bySeverity
  return (
    <section className="panel" aria-labelledby="posture-title">
      <header className="details-header">
        <h2 id="posture-title">Tenant logout posture</h2>
        <span className="spacer" />
        <button type="button" className="button small" onClick={() => save('md')}>
          Markdown
        </button>
        <button type="button" className="button small" onClick={() => save('html')}>
          HTML
        </button>
        <button type="button" className="button small" onClick={() => save('json')}>
          JSON
        </button>
      </header>
      <p>
        {report.summary.interactiveApplications} applications × {report.methods.length} logout
        methods: <strong>{s.high}</strong> high, <strong>{s.medium}</strong> medium, {s.low} low,{' '}
        {s.info} info.
      </p>
      <div className="field">
        <label htmlFor="posture-min">Show</label>
        <select
          id="posture-min"
          value={minimum}
          onChange={(e) => setMinimum(e.target.value as Severity)}
        >
          <option value="high">high only</option>
          <option value="medium">medium and above</option>
          <option value="low">low and above</option>
          <option value="info">everything</option>
        </select>
      </div>
      <table className="table posture">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">Application · method</th>
            <th scope="col">Risk</th>
            <th scope="col">Fix</th>
            <th scope="col">Rule</th>
          </tr>
        </thead>
        <tbody>
          {findings.slice(0, SHOWN).map((f) => (
            <tr key={f.id}>
              <td>
                <span className={`tag sev-${f.severity}`}>{f.severity}</span>
              </td>
              <td>
                {f.clientId ? (names.get(f.clientId) ?? f.clientId) : 'Tenant'}
                {f.method ? ` · ${f.method}` : ''}
              </td>
              <td>
                <strong>{f.title}</strong>
                <br />
                <span className="muted">{f.detail}</span>
              </td>
              <td>{f.fix}</td>
              <td>{f.reference}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {findings.length > SHOWN && (
        <p className="muted">{findings.length - SHOWN} more findings are in the exported report.</p>
      )}
    </section>
  )
}
