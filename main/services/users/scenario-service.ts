import type { Result } from '../../../preload/contract'
import { buildUserLayers } from '../../../core/layers/layer-model'
import type { TenantApi } from '../ports'
import { readConnectionClients } from '../auth0/connection-clients'
import { AppFailure, ok } from '../../../core/result'

/** Connection options the simulator needs to judge federated logout; nothing else is copied. */
const FEDERATED_OPTION_KEYS = [
  'client_id',
  'signInEndpoint',
  'signOutEndpoint',
  'disableSignout',
  'issuer',
  'discovery_url',
] as const

/** Collaborators of the scenario service. */
export interface ScenarioDeps {
  activeTenant(): Promise<{ id: string; api: TenantApi }>
  /** The tenant's canonical and custom domains: the `iss` values its ID tokens may carry. */
  domainsOf(tenantId: string): Promise<{ domain: string; customDomain?: string }>
  now?: () => Date
}

/**
 * A list the tenant's plan does not include (sessions and refresh tokens are Enterprise-only) is
 * empty in a scenario: the simulator still runs on the tenant's settings, applications and
 * connections.
 */
const withoutPlanRefusal = async <T>(list: Promise<T[]>): Promise<T[]> => {
  try {
    return await list
  } catch (error) {
    if (error instanceof AppFailure && error.reason === 'enterprise-only') return []
    throw error
  }
}

/**
 * Turns a real user of the active tenant into a simulator scenario (simulation-contract.md, v1):
 * tenant settings, applications, connections, the user's sessions and refresh tokens, and the
 * browser carrying the most recent session. No secret is copied: connection options are reduced
 * to the fields federated logout depends on.
 */
export function createScenarioService(deps: ScenarioDeps) {
  const now = deps.now ?? (() => new Date())
  return {
    /** The scenario file for one user, as JSON text, with two example steps to start from. */
    async forUser(userId: string): Promise<Result<{ fileName: string; json: string }>> {
      const { id, api } = await deps.activeTenant()
      const [domains, user, settings, clients, connections, sessions, tokens] = await Promise.all([
        deps.domainsOf(id),
        api.getUser(userId),
        api.getTenantSettings(),
        api.listClients(),
        api.listConnections(),
        withoutPlanRefusal(api.listUserSessions(userId)),
        withoutPlanRefusal(api.listUserRefreshTokens(userId)),
      ])
      // Which applications use each connection scopes the posture report of this scenario.
      const connectionClients = await readConnectionClients(api, connections)
      const at = now()
      const layers = buildUserLayers(
        { tenantId: id, user, sessions, refreshTokens: tokens, clients, connections },
        at,
      )
      const live = layers.sessions.filter((s) => s.status === 'active')
      const browser = live[0]
      const connectionOf = (sessionNodeId: string) =>
        layers.sessions.find((s) => s.id === sessionNodeId)?.idpIds[0]?.replace(/^idp:/, '') ?? null
      const strategyOf = new Map(connections.map((c) => [c.name ?? '', c.strategy ?? '']))
      const browserConnection = browser ? connectionOf(browser.id) : null
      const firstApp = browser?.appIds[0]?.replace(/^app:/, '') ?? clients[0]?.client_id ?? ''
      const scenario = {
        tenant: {
          domain: domains.domain === '' ? id : domains.domain,
          ...(domains.customDomain !== undefined && { custom_domains: [domains.customDomain] }),
          allowed_logout_urls: settings.allowed_logout_urls ?? [],
          ...(settings.session_lifetime !== undefined && {
            session_lifetime: settings.session_lifetime,
          }),
          ...(settings.idle_session_lifetime !== undefined && {
            idle_session_lifetime: settings.idle_session_lifetime,
          }),
          ...(settings.ephemeral_session_lifetime !== undefined && {
            ephemeral_session_lifetime: settings.ephemeral_session_lifetime,
          }),
          ...(settings.idle_ephemeral_session_lifetime !== undefined && {
            idle_ephemeral_session_lifetime: settings.idle_ephemeral_session_lifetime,
          }),
          ...(settings.session_cookie?.mode !== undefined && {
            session_cookie: { mode: settings.session_cookie.mode },
          }),
          sessions: { oidc_logout_prompt_enabled: readPromptSetting(settings) },
        },
        clients: clients.map((c) => ({
          client_id: c.client_id ?? '',
          name: c.name ?? c.client_id ?? '',
          app_type: c.app_type ?? 'regular_web',
          allowed_logout_urls: (c as { allowed_logout_urls?: string[] }).allowed_logout_urls ?? [],
          ...(hasBackchannel(c.oidc_logout) && { oidc_logout: c.oidc_logout }),
        })),
        connections: connections.map((c) => {
          const options = pickOptions(c.options)
          // No `options` when Auth0 left them out (no read:connections_options): unknown, which
          // the simulator must not read as "no keys of its own" (an empty options object).
          const enabled = c.id === undefined ? undefined : connectionClients.get(c.id)
          return {
            name: c.name ?? '',
            strategy: c.strategy ?? '',
            ...(options !== undefined && { options }),
            ...(enabled !== undefined && { clients: enabled }),
          }
        }),
        state: {
          now: at.toISOString(),
          user_id: user.user_id,
          sessions: live.map((s) => ({
            id: s.sessionId,
            connection: connectionOf(s.id),
            ...(s.createdAt && { created_at: s.createdAt }),
            ...(s.authenticatedAt && { authenticated_at: s.authenticatedAt }),
            ...(s.lastInteractedAt && { last_interacted_at: s.lastInteractedAt }),
            // The session's own deadlines and cookie, as Auth0 reports them (an Action may have
            // changed them): the simulator reads these before the tenant's lifetimes.
            ...(s.expiresAt && { expires_at: s.expiresAt }),
            ...(s.idleExpiresAt && { idle_expires_at: s.idleExpiresAt }),
            ...(s.cookieMode && { cookie: { mode: s.cookieMode } }),
            clients: s.appIds.map((a) => ({ client_id: a.replace(/^app:/, '') })),
          })),
          browser_session: browser?.sessionId ?? null,
          idp_sessions:
            browserConnection && strategyOf.get(browserConnection) !== 'auth0'
              ? [browserConnection]
              : [],
          app_sessions: browser?.appIds.map((a) => a.replace(/^app:/, '')) ?? [],
          refresh_tokens: layers.refreshTokens.map((t) => ({
            id: t.tokenId,
            client_id: t.clientId,
            session_id: t.sessionNodeId?.replace(/^session:/, '') ?? null,
          })),
        },
        steps: [
          { do: 'logout', endpoint: '/v2/logout', params: { client_id: firstApp } },
          {
            do: 'login',
            client_id: firstApp,
            ...(browserConnection && { connection: browserConnection }),
          },
        ],
      }
      const safeName = (user.email ?? user.user_id).replace(/[^A-Za-z0-9@._-]/g, '_')
      return ok({ fileName: `scenario-${safeName}.json`, json: JSON.stringify(scenario, null, 2) })
    },
  }
}

function readPromptSetting(settings: object): boolean {
  const sessions = (settings as { sessions?: { oidc_logout_prompt_enabled?: unknown } }).sessions
  return sessions?.oidc_logout_prompt_enabled !== false
}

function hasBackchannel(oidcLogout: unknown): boolean {
  const urls = (oidcLogout as { backchannel_logout_urls?: unknown } | undefined)
    ?.backchannel_logout_urls
  return Array.isArray(urls) && urls.length > 0
}

function pickOptions(
  options: Record<string, unknown> | null | undefined,
): Record<string, unknown> | undefined {
  if (options === undefined || options === null) return undefined
  const picked: Record<string, unknown> = {}
  for (const key of FEDERATED_OPTION_KEYS) {
    if (options[key] !== undefined) picked[key] = options[key]
  }
  return picked
}

/** The scenario service. */
export type ScenarioService = ReturnType<typeof createScenarioService>
