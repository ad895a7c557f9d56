import { createStore } from 'zustand/vanilla'
import type { AppError, ConsoleApi } from '../../../preload/contract'
import {
  formatScenarioError,
  runScenario,
  stripJsonComments,
  type FinalState,
  type SimulationOutcome,
} from '../../../core/simulation'

/** A step as written in a scenario file (simulation-contract.md). */
export type StepDoc = { do: string } & Record<string, unknown>

/** A scenario file as JSON (input format: defaults not yet filled in). */
export interface ScenarioDoc {
  tenant?: Record<string, unknown>
  clients?: { client_id: string; name?: string }[]
  connections?: { name: string; strategy?: string }[]
  state?: Record<string, unknown>
  steps: StepDoc[]
}

/** State of the simulator: the scenario being edited and its outcome (recomputed on every edit). */
export interface SimulatorState {
  doc: ScenarioDoc | null
  source: string
  status: 'idle' | 'loading' | 'ready' | 'error'
  loadError: AppError | null
  /** The first fault of the scenario, naming its JSON path. */
  invalid: string | null
  outcome: SimulationOutcome | null
  /** The layers still alive after each step, for the step-by-step view. */
  aliveAfter: (FinalState | null)[]
  fromUser(userId: string): Promise<void>
  importText(text: string, source: string): void
  blank(): void
  addStep(step: StepDoc): void
  updateStep(index: number, step: StepDoc): void
  removeStep(index: number): void
  exportText(): string
}

/** A scenario with one application, a database connection and no session: to build up by hand. */
export const BLANK_SCENARIO: ScenarioDoc = {
  tenant: { allowed_logout_urls: ['https://app.example.com/logged-out'] },
  clients: [{ client_id: 'app', name: 'My app' }],
  connections: [{ name: 'Username-Password-Authentication', strategy: 'auth0' }],
  state: {
    now: '2026-01-01T12:00:00Z',
    sessions: [],
    browser_session: null,
    idp_sessions: [],
    app_sessions: [],
  },
  steps: [{ do: 'login', client_id: 'app', connection: 'Username-Password-Authentication' }],
}

function evaluate(doc: ScenarioDoc) {
  const run = runScenario(doc)
  if (!run.ok) return { invalid: formatScenarioError(run.error), outcome: null, aliveAfter: [] }
  // What is alive after each step: the same scenario cut after that step (the engine is pure).
  const aliveAfter = doc.steps.map((_, i) => {
    const prefix = runScenario({ ...doc, steps: doc.steps.slice(0, i + 1) })
    return prefix.ok ? prefix.outcome.final : null
  })
  return { invalid: null, outcome: run.outcome, aliveAfter }
}

/** The simulator store; the engine is pure and runs right here in the renderer. */
export function createSimulatorStore(api: Pick<ConsoleApi, 'getUserScenario'>) {
  return createStore<SimulatorState>()((set, get) => {
    const load = (doc: ScenarioDoc, source: string) =>
      set({ doc, source, status: 'ready', loadError: null, ...evaluate(doc) })
    const edit = (steps: StepDoc[]) => {
      const doc = get().doc
      if (doc) load({ ...doc, steps }, get().source)
    }
    return {
      doc: null,
      source: '',
      status: 'idle',
      loadError: null,
      invalid: null,
      outcome: null,
      aliveAfter: [],
      async fromUser(userId) {
        set({ status: 'loading', loadError: null })
        const res = await api.getUserScenario({ userId })
        if (!res.ok) return set({ status: 'error', loadError: res.error })
        get().importText(res.value.json, `user ${userId}`)
      },
      importText(text, source) {
        let value: unknown
        try {
          value = JSON.parse(stripJsonComments(text))
        } catch (error) {
          const detail = error instanceof Error ? error.message : 'unreadable'
          return set({
            status: 'error',
            loadError: { code: 'INVALID_INPUT', message: `Not a JSON file: ${detail}` },
          })
        }
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          return set({
            status: 'error',
            loadError: { code: 'INVALID_INPUT', message: 'A scenario file is a JSON object.' },
          })
        }
        const doc = value as ScenarioDoc
        load({ ...doc, steps: Array.isArray(doc.steps) ? doc.steps : [] }, source)
      },
      blank() {
        load(structuredClone(BLANK_SCENARIO), 'blank scenario')
      },
      addStep(step) {
        edit([...(get().doc?.steps ?? []), step])
      },
      updateStep(index, step) {
        edit((get().doc?.steps ?? []).map((s, i) => (i === index ? step : s)))
      },
      removeStep(index) {
        edit((get().doc?.steps ?? []).filter((_, i) => i !== index))
      },
      exportText() {
        return JSON.stringify(get().doc, null, 2)
      },
    }
  })
}
