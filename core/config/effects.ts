import {
  buildPostureReport,
  SEVERITIES,
  shortList,
  type PostureClient,
  type PostureConnection,
  type PostureFinding,
  type PostureReport,
  type PostureScenario,
  type Severity,
} from '../simulation/posture'
import type {
  Scenario,
  ScenarioBackchannel,
  ScenarioClient,
  ScenarioConnection,
} from '../simulation/types'
import {
  holdsKeyword,
  type ConfigResource,
  type JsonValue,
  type TenantConfiguration,
} from './model'
import { wellFormedResources } from './validate'
import { plural } from '../text'

// What a configuration does, simulated: the posture report of a draft next to the live
// configuration's ("after this change, 2 applications no longer risk silent re-login"), and any
// simulator scenario re-run with the draft's settings. Pure: runs in the renderer and in tests.
//
// A configuration holds only the settings the console edits (reference §5), so the posture input
// built from it knows less than one built from a whole tenant: connection options other than the
// SAML sign-out settings are unknown, and the report says so in its reasons (a social connection
// is assumed to run on Auth0 developer keys, as for an unreadable connection). Values holding a
// Deploy CLI keyword are unknown until deploy time and left out.

/** The posture reports of the live configuration and of a draft, and what changed between them. */
export interface PostureComparison {
  before: PostureReport
  after: PostureReport
  /** Findings of `before` that `after` no longer has, worst first. */
  resolved: PostureFinding[]
  /** Findings of `after` that `before` did not have, worst first. */
  introduced: PostureFinding[]
  /** Plain-English summary, one sentence each; "No change to the posture report." when equal. */
  sentences: string[]
}

const strings = (value: JsonValue | undefined): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && !holdsKeyword(v))
    : []

const known = (value: JsonValue | undefined): JsonValue | undefined =>
  value === undefined || holdsKeyword(value) ? undefined : value

/**
 * The simulator's client id for an application: its `client_id` when the configuration came from
 * a tenant, else the part of its key after `clients/` (the name, unique within the configuration).
 */
const clientIdOf = (key: string, resource: ConfigResource): string =>
  resource.id ?? key.slice(key.indexOf('/') + 1)

/** The back-channel subscription of an application, or undefined when it has no URL. */
function backchannelOf(fields: Record<string, JsonValue>): ScenarioBackchannel | undefined {
  const urls = strings(fields['oidc_logout.backchannel_logout_urls'])
  if (urls.length === 0) return undefined
  const mode = fields['oidc_logout.backchannel_logout_initiators.mode']
  return {
    backchannel_logout_urls: urls,
    backchannel_logout_initiators: {
      // The Management API's default, as the scenario format fills it in.
      mode: mode === 'all' ? 'all' : 'custom',
      selected_initiators: strings(
        fields['oidc_logout.backchannel_logout_initiators.selected_initiators'],
      ),
    },
  }
}

/** The SAML sign-out options a configuration holds, or undefined when it holds none. */
function connectionOptionsOf(resource: ConfigResource): Record<string, unknown> | undefined {
  const options: Record<string, unknown> = {}
  for (const path of ['options.signOutEndpoint', 'options.disableSignout']) {
    const value = known(resource.fields[path])
    if (value !== undefined) options[path.slice('options.'.length)] = value
  }
  return Object.keys(options).length === 0 ? undefined : options
}

interface ConfigScenario {
  scenario: {
    tenant: PostureScenario['tenant']
    clients: PostureClient[]
    connections: PostureConnection[]
  }
  /** Simulator client id → resource key, to match findings across two configurations. */
  keyOf: Map<string, string>
}

function configScenario(config: TenantConfiguration): ConfigScenario {
  const { keys, resources } = wellFormedResources(config)
  const tenant = resources.tenant
  const domain =
    config.source.kind === 'tenant' ? config.source.domain : tenant?.context.friendly_name
  const clients: PostureClient[] = []
  const connections: PostureConnection[] = []
  const keyOf = new Map<string, string>()
  for (const key of keys) {
    const resource = resources[key] as ConfigResource
    if (resource.kind === 'clients') {
      const clientId = clientIdOf(key, resource)
      const oidcLogout = backchannelOf(resource.fields)
      keyOf.set(clientId, key)
      clients.push({
        client_id: clientId,
        name: resource.name,
        ...(resource.context.app_type !== undefined && { app_type: resource.context.app_type }),
        allowed_logout_urls: strings(resource.fields.allowed_logout_urls),
        ...(oidcLogout !== undefined && { oidc_logout: oidcLogout }),
      })
    } else if (resource.kind === 'connections') {
      const options = connectionOptionsOf(resource)
      connections.push({
        name: resource.name,
        strategy: resource.context.strategy ?? '',
        ...(options !== undefined && { options }),
        ...(resource.clients !== undefined && { clients: resource.clients }),
      })
    }
  }
  return {
    scenario: {
      tenant: {
        ...(domain !== undefined && { domain }),
        allowed_logout_urls: strings(tenant?.fields.allowed_logout_urls),
      },
      clients,
      connections,
    },
    keyOf,
  }
}

/**
 * The posture report's input for a configuration: the tenant's Allowed Logout URLs, every
 * application (logout URLs, type, back-channel logout) and every connection (strategy, SAML
 * sign-out settings). No state: the report is static. Applications are identified by `client_id`
 * when the configuration came from a tenant, by name for a file import.
 */
export function postureScenarioOf(config: TenantConfiguration): PostureScenario {
  return configScenario(config).scenario
}

/**
 * A finding's identity across two reports: rule, the application's resource key, method,
 * connection, list and entry. Report ids hold list positions, which move when an entry is added
 * or removed, so they are not used.
 */
function identityOf(finding: PostureFinding, keyOf: ReadonlyMap<string, string>): string {
  const client =
    finding.clientId === undefined ? '' : (keyOf.get(finding.clientId) ?? finding.clientId)
  const list =
    finding.list === undefined
      ? ''
      : finding.list.startsWith('client:')
        ? `client:${keyOf.get(finding.list.slice('client:'.length)) ?? finding.list}`
        : finding.list
  return JSON.stringify([
    finding.rule,
    client,
    finding.method ?? '',
    finding.connection ?? '',
    list,
    finding.entry ?? '',
  ])
}

/**
 * Resource keys of the applications that risk silent re-login whatever logout they use: every
 * method that ends the Auth0 session (even with federated) leaves an identity-provider session
 * that signs the user back in without credentials.
 */
function appsAtRisk(report: PostureReport, keyOf: ReadonlyMap<string, string>): Set<string> {
  const safe = new Set<string>()
  const all = new Set<string>()
  for (const row of report.matrix) {
    if (!row.endsAuth0Session) continue
    all.add(row.clientId)
    if (!row.silentRelogin) safe.add(row.clientId)
  }
  return new Set([...all].filter((id) => !safe.has(id)).map((id) => keyOf.get(id) ?? id))
}

const nameOfKey = (key: string) => key.slice(key.indexOf('/') + 1)

function findingLabel(finding: PostureFinding, keyOf: ReadonlyMap<string, string>): string {
  if (finding.clientId === undefined) return finding.title
  return `${nameOfKey(keyOf.get(finding.clientId) ?? finding.clientId)}: ${finding.title}`
}

function severitySentences(
  findings: readonly PostureFinding[],
  keyOf: ReadonlyMap<string, string>,
  word: 'new' | 'resolved',
): string[] {
  const sentences: string[] = []
  for (const severity of SEVERITIES) {
    const of = findings.filter((f) => f.severity === severity)
    if (of.length === 0) continue
    const counts = new Map<string, number>()
    for (const f of of) {
      const label = findingLabel(f, keyOf)
      counts.set(label, (counts.get(label) ?? 0) + 1)
    }
    // One finding per logout method is common: "Admin: Silent re-login through corp (2 methods)".
    const labels = [...counts].map(([label, n]) => (n === 1 ? label : `${label} (${n} methods)`))
    const n = of.length
    const noun = n === 1 ? 'finding' : 'findings'
    const head =
      word === 'new' ? `${n} new ${severity} ${noun}` : `${n} ${severity} ${noun} resolved`
    sentences.push(`${head}: ${shortList(labels, 3)}.`)
  }
  return sentences
}

const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2, info: 3 }

/**
 * The posture report of the live configuration and of a draft, side by side, with the findings
 * the draft resolves and introduces (matched by rule, application, method, connection and list
 * entry, so a finding that only moved in its list is neither) and a summary in sentences:
 * applications that no longer (or newly) risk silent re-login whatever logout they use, then new
 * and resolved findings per severity, worst first.
 */
export function comparePosture(
  live: TenantConfiguration,
  draft: TenantConfiguration,
): PostureComparison {
  const a = configScenario(live)
  const b = configScenario(draft)
  const before = buildPostureReport(a.scenario)
  const after = buildPostureReport(b.scenario)
  const beforeIds = new Set(before.findings.map((f) => identityOf(f, a.keyOf)))
  const afterIds = new Set(after.findings.map((f) => identityOf(f, b.keyOf)))
  const resolved = before.findings.filter((f) => !afterIds.has(identityOf(f, a.keyOf)))
  const introduced = after.findings.filter((f) => !beforeIds.has(identityOf(f, b.keyOf)))

  const sentences: string[] = []
  const riskBefore = appsAtRisk(before, a.keyOf)
  const riskAfter = appsAtRisk(after, b.keyOf)
  const stillThere = new Set(b.keyOf.values())
  const noLonger = [...riskBefore].filter((k) => stillThere.has(k) && !riskAfter.has(k))
  const newly = [...riskAfter].filter((k) => !riskBefore.has(k))
  const apps = (keys: string[]) => shortList(keys.map(nameOfKey).sort(), 3)
  if (noLonger.length > 0) {
    sentences.push(
      `After this change, ${plural(noLonger.length, 'application')} no longer ${noLonger.length === 1 ? 'risks' : 'risk'} silent re-login: ${apps(noLonger)}.`,
    )
  }
  if (newly.length > 0) {
    sentences.push(
      `After this change, ${plural(newly.length, 'application')} ${newly.length === 1 ? 'risks' : 'risk'} silent re-login whatever logout ${newly.length === 1 ? 'it uses' : 'they use'}: ${apps(newly)}.`,
    )
  }
  sentences.push(...severitySentences(introduced, b.keyOf, 'new'))
  sentences.push(...severitySentences(resolved, a.keyOf, 'resolved'))
  if (sentences.length === 0) sentences.push('No change to the posture report.')
  const worstFirst = (x: PostureFinding, y: PostureFinding) =>
    SEVERITY_RANK[x.severity] - SEVERITY_RANK[y.severity]
  return {
    before,
    after,
    resolved: resolved.sort(worstFirst),
    introduced: introduced.sort(worstFirst),
    sentences,
  }
}

/**
 * A simulator scenario run against a configuration: the tenant's Allowed Logout URLs, persistent
 * session lifetimes (in minutes, which win over hours) and OIDC logout prompt, each application's
 * Allowed Logout URLs and back-channel logout, and each SAML connection's sign-out settings, taken
 * from the configuration wherever it sets them. Applications are matched by `client_id`, then by
 * name; connections by name. The state and the steps are kept, so the same steps can be run against
 * the live configuration and the draft side by side.
 */
export function scenarioWithConfig(scenario: Scenario, config: TenantConfiguration): Scenario {
  const { resources } = wellFormedResources(config)
  const list = Object.values(resources)
  const tenant = list.find((r) => r.kind === 'tenant')?.fields ?? {}
  const next: Scenario = structuredClone(scenario)
  const logoutUrls = known(tenant.allowed_logout_urls)
  if (logoutUrls !== undefined) next.tenant.allowed_logout_urls = strings(logoutUrls)
  for (const name of ['session_lifetime', 'idle_session_lifetime'] as const) {
    const minutes = known(tenant[name])
    if (typeof minutes === 'number') {
      next.tenant[`${name}_in_minutes`] = minutes
      delete next.tenant[name]
    }
  }
  const prompt = known(tenant['sessions.oidc_logout_prompt_enabled'])
  if (typeof prompt === 'boolean') next.tenant.sessions = { oidc_logout_prompt_enabled: prompt }

  const clients = list.filter((r) => r.kind === 'clients')
  next.clients = next.clients.map((client: ScenarioClient) => {
    const resource =
      clients.find((r) => r.id !== undefined && r.id === client.client_id) ??
      clients.find((r) => r.name === (client.name ?? client.client_id))
    if (resource === undefined) return client
    const urls = known(resource.fields.allowed_logout_urls)
    const updated: ScenarioClient = {
      ...client,
      ...(urls !== undefined && { allowed_logout_urls: strings(urls) }),
    }
    if (known(resource.fields['oidc_logout.backchannel_logout_urls']) !== undefined) {
      const backchannel = backchannelOf(resource.fields)
      if (backchannel === undefined) delete updated.oidc_logout
      else updated.oidc_logout = backchannel
    }
    return updated
  })

  const connections = list.filter((r) => r.kind === 'connections')
  next.connections = next.connections.map((connection: ScenarioConnection) => {
    const resource = connections.find((r) => r.name === connection.name)
    const options = resource === undefined ? undefined : connectionOptionsOf(resource)
    return options === undefined
      ? connection
      : { ...connection, options: { ...(connection.options ?? {}), ...options } }
  })
  return next
}
