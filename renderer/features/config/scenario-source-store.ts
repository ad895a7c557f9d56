import { createStore } from 'zustand/vanilla'
import { bindStore } from '../../lib/bind-store'
import { parseScenarioText, type Scenario } from '../../../core/simulation'

// Which scenario the Effect tab runs against the snapshot and the draft: the Simulator's current
// scenario or a scenario file. Kept outside the tab so it survives switching tabs.

/** Where the Effect tab's scenario comes from. */
export type ScenarioChoice = 'none' | 'simulator' | 'file'

export interface ScenarioSourceState {
  choice: ScenarioChoice
  /** The last scenario file read without a fault. */
  file: { name: string; scenario: Scenario } | null
  /** Why the last file could not be used, in one line; null after a good file. */
  error: string | null
  choose(choice: ScenarioChoice): void
  /** Parses a scenario file as the simulator does; a good file becomes the choice. */
  openText(name: string, text: string): void
}

export function createScenarioSourceStore() {
  return createStore<ScenarioSourceState>()((set) => ({
    choice: 'simulator',
    file: null,
    error: null,
    choose(choice) {
      set({ choice, error: null })
    },
    openText(name, text) {
      const parsed = parseScenarioText(text)
      if (!parsed.ok) return set({ error: `${name}: ${parsed.message}` })
      set({ choice: 'file', file: { name, scenario: parsed.scenario }, error: null })
    },
  }))
}

export const scenarioSourceStore = createScenarioSourceStore()
export const useScenarioSource = bindStore(scenarioSourceStore)
