/** The logout simulator, fed from a real user. */

/** A simulator scenario file built from a real user of the active tenant. */
export interface UserScenario {
  /** A file name to save it under, e.g. `alice-example-com.scenario.json`. */
  fileName: string
  /** The scenario as JSON text (version 1 of `../shared/reference/simulation-contract.md`). */
  json: string
}
