import { useMemo, type ChangeEvent, type ReactNode } from 'react'
import type { TenantConfiguration } from '../../../core/config/model'
import { formatScenarioError, parseScenario } from '../../../core/simulation'
import { useSimulator } from '../../stores'
import { stepLabels } from '../simulator/step-editor'
import {
  compareScenarioOutcomes,
  type Aspect,
  type StepComparison,
  type StepSide,
} from './scenario-compare'
import {
  scenarioSourceStore,
  useScenarioSource,
  type ScenarioChoice,
} from './scenario-source-store'

interface ScenarioEffectProps {
  snapshot: TenantConfiguration
  /** The draft's configuration (the snapshot itself when there is no draft). */
  config: TenantConfiguration
}

/** The redirect verdict of one side: allowed or refused, and which list and entry decided. */
function RedirectCell({ side }: { side: StepSide }) {
  const r = side.redirect
  if (r === null) return <span className="muted">no allow-list consulted</span>
  return (
    <>
      <span className={`tag ${r.verdict === 'allowed' ? 'ok' : 'warn'}`}>{r.verdict}</span>{' '}
      {r.entry === null ? (
        r.verdict === 'refused' ? (
          <>no entry of {r.listLabel} matches</>
        ) : (
          <>by {r.listLabel} (empty: no redirect)</>
        )
      ) : (
        <>
          by {r.listLabel}, entry <code>{r.entry}</code>
        </>
      )}
      {r.to !== null && r.to !== r.entry && (
        <span className="scenario-line muted">
          to <code>{r.to}</code>
        </span>
      )}
      {r.verdict === 'refused' && side.error && (
        <span className="scenario-line muted">
          <code>{side.error.code}</code> {side.error.message}
        </span>
      )}
      {side.prompted && (
        <span className="scenario-line muted">after the “Log out?” confirmation</span>
      )}
    </>
  )
}

function ResultCell({ side }: { side: StepSide }) {
  return (
    <>
      <span className={`tag ${side.result === 'ok' ? 'ok' : 'warn'}`}>{side.result}</span>
      {side.error && (
        <span className="scenario-line">
          <code>{side.error.code}</code> {side.error.message}
        </span>
      )}
    </>
  )
}

/** Items as small chips, or a muted word when there are none. */
function Items({ items, none }: { items: readonly string[]; none: string }) {
  if (items.length === 0) return <span className="muted">{none}</span>
  return (
    <ul className="scenario-items">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  )
}

interface RowProps {
  label: string
  differs: boolean
  cell: (side: StepSide) => ReactNode
  step: StepComparison
}

function Row({ label, differs, cell, step }: RowProps) {
  return (
    <tr className={differs ? 'differs' : undefined}>
      <th scope="row">
        {label}
        {differs && <span className="visually-hidden"> (differs)</span>}
      </th>
      <td>{cell(step.snapshot)}</td>
      <td>{cell(step.draft)}</td>
    </tr>
  )
}

const COLUMNS = ['Outcome', 'Snapshot', 'Draft'] as const

/** One step against the snapshot and the draft; the rows that differ highlighted. */
function StepCompare({ step }: { step: StepComparison }) {
  const differs = (aspect: Aspect) => step.differences.includes(aspect)
  const changed = step.differences.length > 0
  const both = (pick: (side: StepSide) => unknown) =>
    pick(step.snapshot) !== null || pick(step.draft) !== null
  // A refused redirect is the error of a logout: its row says so, a Result row would repeat it.
  const showResult =
    !both((s) => s.redirect) &&
    (differs('result') || step.snapshot.result !== 'ok' || step.draft.result !== 'ok')
  const id = `scenario-step-${step.index}`
  return (
    <li className={`scenario-step${changed ? ' differs' : ''}`}>
      <section aria-labelledby={id}>
        <header>
          <h3 id={id}>
            Step {step.index + 1}: {stepLabels[step.do] ?? step.do}
          </h3>
          {step.subject && <span className="muted small scenario-subject">{step.subject}</span>}
          <span className={`tag ${changed ? 'warn' : ''}`}>
            {changed ? 'ends differently' : 'same outcome'}
          </span>
        </header>
        <table className="table scenario-sides">
          <caption className="visually-hidden">
            Step {step.index + 1} with the snapshot and with the draft
          </caption>
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {both((s) => s.redirect) && (
              <Row
                label="Redirect"
                step={step}
                differs={differs('redirect') || differs('prompt') || differs('result')}
                cell={(side) => <RedirectCell side={side} />}
              />
            )}
            {showResult && (
              <Row
                label="Result"
                step={step}
                differs={differs('result')}
                cell={(side) => <ResultCell side={side} />}
              />
            )}
            <Row
              label="Ended"
              step={step}
              differs={differs('ended')}
              cell={(side) => <Items items={side.endedLabels} none="nothing" />}
            />
            <Row
              label="Back-channel logout"
              step={step}
              differs={differs('backchannel')}
              cell={(side) => <Items items={side.backchannelLabels} none="no application told" />}
            />
            {both((s) => s.login) && (
              <Row
                label="Login"
                step={step}
                differs={differs('login')}
                cell={(side) =>
                  side.login && (
                    <span className={`tag ${side.login.verdict === 'silent' ? 'warn' : 'ok'}`}>
                      {side.login.text}
                    </span>
                  )
                }
              />
            )}
          </tbody>
        </table>
      </section>
    </li>
  )
}

/**
 * A simulator scenario run against the snapshot and against the draft, step by step, side by
 * side: the Simulator's current scenario or a scenario file.
 */
export function ScenarioEffect({ snapshot, config }: ScenarioEffectProps) {
  const doc = useSimulator((s) => s.doc)
  const docSource = useSimulator((s) => s.source)
  const choice = useScenarioSource((s) => s.choice)
  const file = useScenarioSource((s) => s.file)
  const error = useScenarioSource((s) => s.error)
  const fromSimulator = useMemo(() => (doc === null ? null : parseScenario(doc)), [doc])
  const effective: ScenarioChoice =
    (choice === 'simulator' && doc === null) || (choice === 'file' && file === null)
      ? 'none'
      : choice
  const scenario =
    effective === 'file'
      ? (file?.scenario ?? null)
      : effective === 'simulator' && fromSimulator?.ok
        ? fromSimulator.scenario
        : null
  const comparison = useMemo(
    () => (scenario === null ? null : compareScenarioOutcomes(scenario, snapshot, config)),
    [scenario, snapshot, config],
  )

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target
    const picked = input.files?.[0]
    // Cleared, so that picking the same file again (after editing it) reads it again.
    input.value = ''
    if (picked) scenarioSourceStore.getState().openText(picked.name, await picked.text())
  }

  return (
    <section className="panel effect-scenario" aria-labelledby="effect-scenario-title">
      <h2 id="effect-scenario-title">Scenario</h2>
      <p className="muted small">
        A simulator scenario run with the snapshot’s settings and with the draft’s, step by step:
        the same user state and steps, only the tenant’s, applications’ and connections’ settings
        differ.
      </p>
      <div className="scenario-source">
        <div className="field">
          <label htmlFor="effect-scenario-source">Scenario to run</label>
          <select
            id="effect-scenario-source"
            value={effective}
            onChange={(e) =>
              scenarioSourceStore.getState().choose(e.target.value as ScenarioChoice)
            }
          >
            <option value="none">None</option>
            {doc !== null && (
              <option value="simulator">The Simulator’s scenario ({docSource})</option>
            )}
            {file !== null && <option value="file">File {file.name}</option>}
          </select>
        </div>
        <label className="button file-button">
          Open scenario file…
          <input type="file" accept=".json,application/json" onChange={(e) => void onFile(e)} />
        </label>
      </div>
      {error !== null && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {effective === 'simulator' && fromSimulator !== null && !fromSimulator.ok && (
        <p role="alert" className="form-error">
          The Simulator’s scenario is not valid: {formatScenarioError(fromSimulator.error)}
        </p>
      )}
      {effective === 'none' && (
        <p className="muted empty-hint">
          No scenario chosen. Open a scenario file, or build one on the Simulator screen (Alt+4) and
          come back: its steps run here against the snapshot and the draft.
        </p>
      )}
      {comparison !== null && (
        <>
          <p
            role="status"
            className={`scenario-summary${comparison.differing.length > 0 ? ' differs' : ''}`}
          >
            {comparison.summary}
          </p>
          {comparison.steps.length === 0 ? (
            <p className="muted empty-hint">The scenario has no steps.</p>
          ) : (
            <ol className="scenario-steps" aria-label="Steps with the snapshot and the draft">
              {comparison.steps.map((step) => (
                <StepCompare key={step.index} step={step} />
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  )
}
