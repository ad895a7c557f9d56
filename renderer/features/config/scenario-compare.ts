import { scenarioWithConfig } from '../../../core/config/effects'
import type { TenantConfiguration } from '../../../core/config/model'
import {
  simulate,
  type BackchannelToken,
  type Scenario,
  type Step,
  type StepOutcome,
} from '../../../core/simulation'

// A simulator scenario run against the pulled snapshot and against the draft, step by step, side
// by side: what each step decides (the logout redirect, the layers it ends, the applications told
// over the back channel, the login's verdict) and which steps end differently with the draft.
// Pure: the Effect tab renders it, the unit tests check it.

/** What a step's outcome is compared on, in the order the summary names a difference. */
export const ASPECTS = ['redirect', 'login', 'result', 'ended', 'backchannel', 'prompt'] as const
export type Aspect = (typeof ASPECTS)[number]

/** The logout redirect: was the return URL allowed, by which list and entry. */
export interface RedirectVerdict {
  verdict: 'allowed' | 'refused'
  /** `tenant` or `client:<id>`, as the simulator names it. */
  list: string
  /** The list in words: "the tenant’s list", "Support Portal’s list". */
  listLabel: string
  /** The entry that matched, or null (refused; or allowed with no return URL and an empty list). */
  entry: string | null
  /** Where the browser goes, or null. */
  to: string | null
}

/** The login verdict of a `login` step. */
export interface LoginVerdict {
  verdict: 'silent' | 'interactive' | 'error'
  via: StepOutcome['via']
  error: StepOutcome['login_error']
  /** In words: "silent (Auth0 session)", "asks for credentials", "fails: login_required". */
  text: string
}

/** One step's outcome against one configuration, reduced to what the comparison shows. */
export interface StepSide {
  result: StepOutcome['result']
  /** Null when no allow-list was consulted (not a logout, or no return URL and no client). */
  redirect: RedirectVerdict | null
  /** `/oidc/logout`: the "Log out?" confirmation was shown. */
  prompted: boolean
  /** Layers ended, as the simulator names them (`app:<id>`, `session:<id>`, …). */
  ended: string[]
  /** The same layers in words, applications by name. */
  endedLabels: string[]
  /** Logout tokens sent. */
  backchannel: BackchannelToken[]
  /** The applications told, by name, with the initiator. */
  backchannelLabels: string[]
  /** Null for steps other than `login`. */
  login: LoginVerdict | null
  error: StepOutcome['error']
  outcome: StepOutcome
}

/** One step of the scenario, run against the snapshot and against the draft. */
export interface StepComparison {
  /** 0-based position in the scenario. */
  index: number
  do: Step['do']
  /** What the step asks, in a few words ("returnTo https://…", "Support Portal"), or ''. */
  subject: string
  snapshot: StepSide
  draft: StepSide
  /** What differs, in ASPECTS order; empty when the draft changes nothing in this step. */
  differences: Aspect[]
  /** The main difference in words ("the return URL is refused (the snapshot allowed it)"), or ''. */
  change: string
}

/** A scenario run against the snapshot and the draft. */
export interface ScenarioComparison {
  steps: StepComparison[]
  /** Indexes of the steps that end differently with the draft. */
  differing: number[]
  /** "2 of 5 steps end differently with the draft: step 3 …" or "The draft changes no step's outcome." */
  summary: string
}

type Names = ReadonlyMap<string, string>

const nameIn = (names: Names, clientId: string) => names.get(clientId) ?? clientId

function listLabel(list: string, names: Names): string {
  if (list === 'tenant') return 'the tenant’s list'
  if (list.startsWith('client:')) return `${nameIn(names, list.slice('client:'.length))}’s list`
  return list
}

function redirectOf(o: StepOutcome, names: Names): RedirectVerdict | null {
  if (o.do !== 'logout' || o.allow_list === null) return null
  // A logout that consulted a list ends in an error only when the list refused the return URL.
  const refused = o.result === 'error' && o.matched_entry === null
  return {
    verdict: refused ? 'refused' : 'allowed',
    list: o.allow_list,
    listLabel: listLabel(o.allow_list, names),
    entry: o.matched_entry,
    to: o.redirect_to,
  }
}

function loginOf(o: StepOutcome): LoginVerdict | null {
  if (o.login === null) return null
  const text =
    o.login === 'silent'
      ? `silent (${o.via === 'idp_session' ? 'identity-provider session' : 'Auth0 session'})`
      : o.login === 'interactive'
        ? 'asks for credentials'
        : `fails: ${o.login_error ?? o.error?.code ?? 'error'}`
  return { verdict: o.login, via: o.via, error: o.login_error, text }
}

/** A login verdict as the end of a sentence: "is silent through the Auth0 session". */
function loginPredicate(login: LoginVerdict | null): string {
  if (login === null) return 'does not run'
  if (login.verdict === 'silent') {
    return `is silent through the ${login.via === 'idp_session' ? 'identity-provider' : 'Auth0'} session`
  }
  return login.verdict === 'interactive'
    ? 'asks for credentials'
    : `fails (${login.error ?? 'error'})`
}

const LAYER_WORDS: Record<string, string> = {
  app: 'app session',
  session: 'Auth0 session',
  idp: 'identity-provider session',
  refresh_token: 'refresh token',
}

/** `app:<id>` → "app session of Support Portal"; other layers keep their id. */
function layerLabel(layer: string, names: Names): string {
  const colon = layer.indexOf(':')
  const kind = layer.slice(0, colon)
  const id = layer.slice(colon + 1)
  const words = LAYER_WORDS[kind]
  if (colon < 0 || words === undefined) return layer
  return kind === 'app' ? `${words} of ${nameIn(names, id)}` : `${words} ${id}`
}

function sideOf(o: StepOutcome, names: Names): StepSide {
  return {
    result: o.result,
    redirect: redirectOf(o, names),
    prompted: o.prompted,
    ended: o.ended,
    endedLabels: o.ended.map((layer) => layerLabel(layer, names)),
    backchannel: o.backchannel,
    backchannelLabels: o.backchannel.map((b) => `${nameIn(names, b.client_id)} (${b.initiator})`),
    login: loginOf(o),
    error: o.error,
    outcome: o,
  }
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n')

const same: Record<Aspect, (a: StepSide, b: StepSide) => boolean> = {
  redirect: (a, b) => JSON.stringify(a.redirect) === JSON.stringify(b.redirect),
  login: (a, b) => JSON.stringify(a.login) === JSON.stringify(b.login),
  result: (a, b) => a.result === b.result,
  ended: (a, b) => sameSet(a.ended, b.ended),
  backchannel: (a, b) => sameSet(a.backchannelLabels, b.backchannelLabels),
  prompt: (a, b) => a.prompted === b.prompted,
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

const listed = (items: readonly string[]) => (items.length === 0 ? 'none' : items.join(', '))

/** The main difference of a step in words, from the draft's point of view. */
function changeText(aspect: Aspect, before: StepSide, after: StepSide): string {
  switch (aspect) {
    case 'redirect': {
      const a = before.redirect
      const b = after.redirect
      if (b === null) return 'no allow-list is consulted (the snapshot consulted one)'
      if (a === null) return `the return URL is ${b.verdict} (the snapshot consulted no list)`
      if (a.verdict !== b.verdict) {
        return `the return URL is ${b.verdict} (the snapshot ${a.verdict === 'allowed' ? 'allowed' : 'refused'} it)`
      }
      return `the return URL is ${b.verdict} by ${b.listLabel}${b.entry ? ` entry ${b.entry}` : ''} (the snapshot: ${a.listLabel}${a.entry ? ` entry ${a.entry}` : ''})`
    }
    case 'login':
      return `the login ${loginPredicate(after.login)} (with the snapshot it ${loginPredicate(before.login)})`
    case 'result':
      return `the step ends ${after.result} (the snapshot: ${before.result})`
    case 'ended':
      return `it ends ${count(after.ended.length, 'layer')} (the snapshot: ${count(before.ended.length, 'layer')})`
    case 'backchannel':
      return `back-channel logout reaches ${listed(after.backchannelLabels)} (the snapshot: ${listed(before.backchannelLabels)})`
    case 'prompt':
      return after.prompted
        ? 'the “Log out?” confirmation is shown (not with the snapshot)'
        : 'the “Log out?” confirmation is no longer shown'
  }
}

/** What a step asks, in a few words, for its heading. */
function subjectOf(step: Step | undefined, names: Names): string {
  if (step === undefined) return ''
  switch (step.do) {
    case 'logout': {
      const { params } = step
      const url =
        step.endpoint === '/oidc/logout' ? params.post_logout_redirect_uri : params.returnTo
      const client = params.client_id ?? params.id_token_hint?.aud
      return [
        step.endpoint,
        client === undefined ? undefined : nameIn(names, client),
        url === undefined ? undefined : `return to ${url}`,
        params.federated ? 'federated' : undefined,
      ]
        .filter((part) => part !== undefined)
        .join(' · ')
    }
    case 'login':
      return [
        nameIn(names, step.client_id),
        step.prompt && `prompt=${step.prompt}`,
        step.connection,
      ]
        .filter(Boolean)
        .join(' · ')
    case 'local_logout':
    case 'refresh':
      return nameIn(names, step.client_id)
    case 'delete_session':
    case 'revoke_session':
      return step.session_id
    case 'wait':
      return `${step.minutes} minutes${step.active ? ', active' : ''}`
    default:
      return ''
  }
}

function summaryOf(steps: readonly StepComparison[]): string {
  const differing = steps.filter((s) => s.differences.length > 0)
  if (differing.length === 0) return 'The draft changes no step’s outcome.'
  const shown = differing.slice(0, 3).map((s) => `step ${s.index + 1}: ${s.change}`)
  const more = differing.length - shown.length
  const verb = differing.length === 1 ? 'ends' : 'end'
  return `${differing.length} of ${count(steps.length, 'step')} ${verb} differently with the draft: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`
}

/**
 * Runs `scenario` with the settings of `snapshot` and of `draft` (scenarioWithConfig: the state and
 * the steps stay the same) and compares the outcomes step by step: the redirect verdict, the login
 * verdict, the result, the layers ended, the back-channel recipients and the logout prompt.
 */
export function compareScenarioOutcomes(
  scenario: Scenario,
  snapshot: TenantConfiguration,
  draft: TenantConfiguration,
): ScenarioComparison {
  const before = simulate(scenarioWithConfig(scenario, snapshot)).steps
  const after = simulate(scenarioWithConfig(scenario, draft)).steps
  const names: Names = new Map(scenario.clients.map((c) => [c.client_id, c.name ?? c.client_id]))
  const steps = before.map((outcome, index): StepComparison => {
    const a = sideOf(outcome, names)
    const b = sideOf(after[index] ?? outcome, names)
    const differences = ASPECTS.filter((aspect) => !same[aspect](a, b))
    const first = differences[0]
    return {
      index,
      do: outcome.do,
      subject: subjectOf(scenario.steps[index], names),
      snapshot: a,
      draft: b,
      differences,
      change: first === undefined ? '' : changeText(first, a, b),
    }
  })
  return {
    steps,
    differing: steps.filter((s) => s.differences.length > 0).map((s) => s.index),
    summary: summaryOf(steps),
  }
}
