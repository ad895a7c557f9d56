import { simulate } from './engine'
import { parseScenario, type ScenarioError } from './scenario-schema'
import type { SimulationOutcome } from './types'

// The logout simulator's public surface: what the renderer, the CLI and the tests import.

export * from './types'
export {
  checkEntry,
  decideLogoutRedirect,
  entryProblem,
  matchAllowList,
  validateAllowList,
  MAX_ALLOW_LIST_ENTRIES,
  type AllowListMatch,
  type AllowListProblem,
  type EntryCheck,
  type LogoutAllowLists,
  type LogoutRedirectDecision,
  type LogoutRedirectRequest,
} from './allow-list'
export { simulate } from './engine'
export {
  formatScenarioError,
  parseScenario,
  STEP_KINDS,
  type ScenarioError,
  type ScenarioParseResult,
} from './scenario-schema'
export { parseScenarioText, stripJsonComments, type ScenarioTextResult } from './scenario-text'

/** Validates a parsed scenario file and runs it: the outcome, or the first fault with its path. */
export function runScenario(
  input: unknown,
): { ok: true; outcome: SimulationOutcome } | { ok: false; error: ScenarioError } {
  const parsed = parseScenario(input)
  return parsed.ok ? { ok: true, outcome: simulate(parsed.scenario) } : parsed
}
