import { randomUUID } from 'node:crypto'
import type {
  ConnectionState,
  NewTenantInput,
  Result,
  TenantSnapshot,
  TenantSummary,
  TenantsOverview,
  TenantUpdateInput,
} from '../../../preload/contract'
import {
  type EventSink,
  type RunningSandbox,
  type SandboxLauncher,
  type SecretStore,
  type SettingsStore,
  type TenantApi,
  type TenantApiFactory,
  type TenantConnection,
} from '../ports'
import { AppFailure, attempt, fail, ok } from '../../../core/result'
import { appErrorOf } from '../errors'
import { featureAvailability } from './scope-features'
import { SANDBOX_TENANT_ID, type TenantProfile } from '../app/settings-schema'
import {
  isCanonicalTenantDomain,
  isLoopbackDomain,
  migrateTenantDomains,
  normalizeDomain,
} from '../../../core/auth0/domains'

/** Collaborators of the tenants service. */
export interface TenantsDeps {
  settings: SettingsStore
  secrets: SecretStore
  events: EventSink
  createApi: TenantApiFactory
  launchSandbox: SandboxLauncher
  now?: () => Date
}

const untested: ConnectionState = { state: 'untested', scopes: [], features: [] }

/** What the last keychain read of a tenant's secret said; never the secret itself. */
type CredentialStatus = Pick<TenantSummary, 'hasSecret' | 'credentials' | 'credentialsMessage'>

const secretStored: CredentialStatus = { hasSecret: true, credentials: 'ok' }
const secretMissing: CredentialStatus = {
  hasSecret: false,
  credentials: 'missing',
  credentialsMessage: 'No client secret is stored in the keychain. Edit the tenant to enter it.',
}

const domainHelp =
  'Enter the tenant’s own domain, like acme.eu.auth0.com (Auth0 Dashboard → Settings → Custom Domains shows it beside any custom one).'
const customDomainHelp = 'Enter a custom domain like login.example.com, or leave it empty.'

/**
 * Tenants: profiles in settings, client secrets in the OS keychain, Management API clients and
 * their tokens in memory only. The embedded Sandbox tenant is always listed first.
 *
 * The keychain is read when the list is built (to tell whether each secret is there) and when a
 * client is built (it needs the secret); one tenant's summary and the active tenant reuse the
 * credentials status remembered from the last read, so they cost no keychain read.
 */
export function createTenantsService(deps: TenantsDeps) {
  const now = deps.now ?? (() => new Date())
  const connections = new Map<string, ConnectionState>()
  const apis = new Map<string, TenantApi>()
  const credentials = new Map<string, CredentialStatus>()
  /** Bumped when a tenant's client is dropped, so a read begun before is not kept. */
  const versions = new Map<string, number>()
  const version = (id: string) => versions.get(id) ?? 0
  let sandbox: Promise<RunningSandbox> | null = null

  /** The saved profiles; one saved with its custom domain as its domain is migrated, once. */
  const profiles = () => {
    const saved = deps.settings.get('tenants')
    const migrated = saved.map(migrateTenantDomains)
    if (migrated.some((p, i) => p !== saved[i])) deps.settings.set('tenants', migrated)
    return migrated
  }
  const profile = (id: string) => profiles().find((t) => t.id === id)

  function sandboxProfile(running: RunningSandbox | null): TenantProfile {
    return {
      id: SANDBOX_TENANT_ID,
      name: 'Sandbox',
      domain: running?.domain ?? 'sandbox (local)',
      clientId: running?.clientId ?? 'sandbox-console-m2m',
      environment: 'development',
      plan: 'enterprise-production',
      createdAt: '1970-01-01T00:00:00.000Z',
    }
  }

  async function runningSandbox(): Promise<RunningSandbox> {
    sandbox ??= deps.launchSandbox().catch((error: unknown) => {
      sandbox = null
      throw error
    })
    return sandbox
  }

  /**
   * Read a tenant's secret from the keychain and remember what the read said (stored, missing or
   * unavailable). Callers that only need the status drop the secret at once.
   */
  async function readSecret(id: string): Promise<string | null> {
    const begun = version(id)
    const remember = (status: CredentialStatus) => {
      if (version(id) === begun) credentials.set(id, status)
    }
    try {
      const secret = await deps.secrets.get(id)
      remember(secret === null ? secretMissing : secretStored)
      return secret
    } catch (error) {
      const message = appErrorOf(error, 'A tenant operation').message
      remember({ hasSecret: false, credentials: 'unavailable', credentialsMessage: message })
      throw new AppFailure('KEYCHAIN', message)
    }
  }

  /** The credentials status of a saved tenant: the remembered one, or read once if none is. */
  async function credentialStatus(id: string, fresh: boolean): Promise<CredentialStatus> {
    const known = credentials.get(id)
    if (known && !fresh) return known
    await readSecret(id).catch(() => null)
    return credentials.get(id) ?? secretMissing
  }

  async function summarize(p: TenantProfile, fresh = false): Promise<TenantSummary> {
    const connection = connections.get(p.id) ?? untested
    const base = {
      id: p.id,
      name: p.name,
      domain: p.domain,
      ...(p.customDomain !== undefined && { customDomain: p.customDomain }),
      clientId: p.clientId,
      environment: p.environment,
      plan: p.plan,
      scopes: connection.scopes,
      connection,
    }
    if (p.id === SANDBOX_TENANT_ID) {
      return { ...base, kind: 'sandbox', hasSecret: true, credentials: 'ok' }
    }
    return { ...base, kind: 'auth0', ...(await credentialStatus(p.id, fresh)) }
  }

  async function currentSandboxProfile(): Promise<TenantProfile> {
    const running = sandbox ? await sandbox.catch(() => null) : null
    return sandboxProfile(running)
  }

  /** The active tenant's id: the saved one if it still exists, else the Sandbox. */
  function activeId(): string {
    const id = deps.settings.get('activeTenantId')
    return id === SANDBOX_TENANT_ID || profile(id) ? id : SANDBOX_TENANT_ID
  }

  /**
   * Every tenant summarised. `fresh` re-reads every keychain entry (the list the user asked
   * for); otherwise remembered statuses are reused (events after a change).
   */
  async function overview(fresh: boolean): Promise<TenantsOverview> {
    const all = [await currentSandboxProfile(), ...profiles()]
    return {
      tenants: await Promise.all(all.map((p) => summarize(p, fresh))),
      activeTenantId: activeId(),
    }
  }

  async function announce(): Promise<TenantsOverview> {
    const next = await overview(false)
    deps.events.emit('tenantsChanged', next)
    return next
  }

  /** Drop a tenant's client and token, e.g. when its secret or domain changed. */
  function forget(id: string) {
    versions.set(id, version(id) + 1)
    apis.get(id)?.dropToken()
    apis.delete(id)
    connections.delete(id)
  }

  async function connectionInfo(id: string): Promise<TenantConnection> {
    if (id === SANDBOX_TENANT_ID) {
      const s = await runningSandbox()
      return {
        domain: s.domain,
        clientId: s.clientId,
        clientSecret: s.clientSecret,
        plan: 'enterprise-production',
        insecureBaseUrl: s.url,
      }
    }
    const p = profile(id)
    if (!p) throw new AppFailure('NOT_FOUND', 'That tenant no longer exists.')
    if (p.domain === '') {
      throw new AppFailure(
        'INVALID_INPUT',
        `${p.name} was saved with its custom domain ${p.customDomain ?? ''} only. Edit the tenant and enter its own domain (like acme.eu.auth0.com): Auth0 issues Management API tokens only for that domain.`,
      )
    }
    const secret = await readSecret(id)
    if (secret === null) {
      throw new AppFailure(
        'UNAUTHENTICATED',
        `No client secret is stored for ${p.name}. Edit the tenant to enter it.`,
      )
    }
    return {
      domain: p.domain,
      clientId: p.clientId,
      clientSecret: secret,
      plan: p.plan,
      ...(isLoopbackDomain(p.domain) && { insecureBaseUrl: `http://${p.domain}` }),
    }
  }

  /** The Management API client of a tenant, built once and kept in memory. */
  async function api(id: string): Promise<TenantApi> {
    const cached = apis.get(id)
    if (cached) return cached
    const begun = version(id)
    const conn = await connectionInfo(id)
    // The secret or profile changed, or the tenant was removed, while reading: start over.
    if (version(id) !== begun) return api(id)
    const created = deps.createApi(conn)
    apis.set(id, created)
    return created
  }

  function checkDomain(value: string): string {
    const domain = normalizeDomain(value)
    if (!domain) throw new AppFailure('INVALID_INPUT', domainHelp)
    if (!isCanonicalTenantDomain(domain)) {
      throw new AppFailure(
        'INVALID_INPUT',
        `${domain} looks like a custom domain: Auth0 refuses a Management API token for it. Put it under Custom domain and enter the tenant’s own domain here, like acme.eu.auth0.com.`,
      )
    }
    return domain
  }

  /** A custom domain as typed; undefined when empty. */
  function checkCustomDomain(value: string | undefined): string | undefined {
    if (value === undefined || value.trim() === '') return undefined
    const domain = normalizeDomain(value)
    if (!domain || isLoopbackDomain(domain)) throw new AppFailure('INVALID_INPUT', customDomainHelp)
    if (isCanonicalTenantDomain(domain)) {
      throw new AppFailure(
        'INVALID_INPUT',
        `${domain} is an Auth0 domain, not a custom one: enter it as the tenant domain.`,
      )
    }
    return domain
  }

  function checkDuplicate(domain: string, clientId: string, exceptId?: string) {
    const twin = profiles().find(
      (t) => t.id !== exceptId && t.domain === domain && t.clientId === clientId,
    )
    if (twin) {
      throw new AppFailure('CONFLICT', `“${twin.name}” already uses this domain and client id.`)
    }
  }

  /** One tenant, looked up directly; its keychain entry is read only if nothing is remembered. */
  async function summary(id: string): Promise<TenantSummary> {
    if (id === SANDBOX_TENANT_ID) return summarize(await currentSandboxProfile())
    const found = profile(id)
    if (!found) throw new AppFailure('NOT_FOUND', 'That tenant no longer exists.')
    return summarize(found)
  }

  return {
    /** Every tenant, the Sandbox first, and the active one. */
    async list(): Promise<Result<TenantsOverview>> {
      return ok(await overview(true))
    },

    /** Add a tenant: the secret goes to the keychain first; if that fails nothing is saved. */
    async add(input: NewTenantInput): Promise<Result<TenantSummary>> {
      return attempt(async () => {
        const domain = checkDomain(input.domain)
        const customDomain = checkCustomDomain(input.customDomain)
        checkDuplicate(domain, input.clientId)
        const id = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`
        try {
          await deps.secrets.set(id, input.clientSecret)
        } catch (error) {
          return fail(
            'KEYCHAIN',
            `The tenant was not added. ${appErrorOf(error, 'A tenant operation').message}`,
          )
        }
        const created: TenantProfile = {
          id,
          name: input.name.trim(),
          domain,
          ...(customDomain !== undefined && { customDomain }),
          clientId: input.clientId.trim(),
          environment: input.environment,
          plan: input.plan,
          createdAt: now().toISOString(),
        }
        try {
          deps.settings.set('tenants', [...profiles(), created])
          credentials.set(id, secretStored)
        } catch {
          await deps.secrets.delete(id).catch(() => false)
          return fail(
            'STORAGE',
            `The tenant was not added: the settings file ${deps.settings.path} could not be written.`,
          )
        }
        await announce()
        return ok(await summary(id))
      })
    },

    /** Edit a tenant; a new secret, domain or client id drops the cached client and token. */
    async update(input: TenantUpdateInput): Promise<Result<TenantSummary>> {
      return attempt(async () => {
        if (input.id === SANDBOX_TENANT_ID) {
          return fail('INVALID_INPUT', 'The Sandbox tenant is built in and cannot be edited.')
        }
        const current = profile(input.id)
        if (!current) return fail('NOT_FOUND', 'That tenant no longer exists.')
        const domain = input.domain === undefined ? current.domain : checkDomain(input.domain)
        const customDomain =
          input.customDomain === undefined
            ? current.customDomain
            : checkCustomDomain(input.customDomain)
        const clientId = input.clientId?.trim() ?? current.clientId
        checkDuplicate(domain, clientId, current.id)
        if (input.clientSecret) {
          try {
            await deps.secrets.set(current.id, input.clientSecret)
          } catch (error) {
            return fail(
              'KEYCHAIN',
              `Nothing was changed. ${appErrorOf(error, 'A tenant operation').message}`,
            )
          }
          credentials.set(current.id, secretStored)
        }
        const { customDomain: _previous, ...rest } = current
        const next: TenantProfile = {
          ...rest,
          ...(customDomain !== undefined && { customDomain }),
          name: input.name?.trim() ?? current.name,
          domain,
          clientId,
          environment: input.environment ?? current.environment,
          plan: input.plan ?? current.plan,
        }
        deps.settings.set(
          'tenants',
          profiles().map((t) => (t.id === current.id ? next : t)),
        )
        const reconnect =
          Boolean(input.clientSecret) ||
          next.domain !== current.domain ||
          next.clientId !== current.clientId ||
          next.plan !== current.plan
        if (reconnect) forget(current.id)
        await announce()
        return ok(await summary(current.id))
      })
    },

    /** Remove a tenant and its keychain entry; refuses while the keychain cannot be reached. */
    async remove(id: string): Promise<Result<TenantsOverview>> {
      if (id === SANDBOX_TENANT_ID) {
        return fail('INVALID_INPUT', 'The Sandbox tenant is built in and cannot be removed.')
      }
      if (!profile(id)) return fail('NOT_FOUND', 'That tenant no longer exists.')
      try {
        await deps.secrets.delete(id)
      } catch (error) {
        return fail(
          'KEYCHAIN',
          `The tenant was not removed, so its secret is not left behind in the keychain. ${appErrorOf(error, 'A tenant operation').message}`,
        )
      }
      forget(id)
      credentials.delete(id)
      deps.settings.set(
        'tenants',
        profiles().filter((t) => t.id !== id),
      )
      if (deps.settings.get('activeTenantId') === id) {
        deps.settings.set('activeTenantId', SANDBOX_TENANT_ID)
      }
      return ok(await announce())
    },

    /** Make a tenant the active one. */
    async switchTo(id: string): Promise<Result<TenantsOverview>> {
      if (id !== SANDBOX_TENANT_ID && !profile(id))
        return fail('NOT_FOUND', 'That tenant no longer exists.')
      deps.settings.set('activeTenantId', id)
      return ok(await announce())
    },

    /** Get a token, read the granted scopes, and report what each missing scope disables. */
    async test(id: string): Promise<Result<TenantSummary>> {
      if (id !== SANDBOX_TENANT_ID && !profile(id))
        return fail('NOT_FOUND', 'That tenant no longer exists.')
      connections.set(id, { ...(connections.get(id) ?? untested), state: 'testing' })
      await announce()
      try {
        const client = await api(id)
        client.dropToken()
        const { scopes } = await client.connect()
        connections.set(id, {
          state: 'connected',
          testedAt: now().toISOString(),
          scopes,
          features: featureAvailability(scopes),
        })
      } catch (error) {
        connections.set(id, {
          state: 'failed',
          testedAt: now().toISOString(),
          scopes: [],
          features: [],
          error: appErrorOf(error, 'A tenant operation'),
        })
      }
      await announce()
      return ok(await summary(id))
    },

    /** What the tenant holds; parts that cannot be read are listed with the reason. */
    async snapshot(id: string): Promise<Result<TenantSnapshot>> {
      const client = await api(id)
      await client.connect()
      const unavailable: TenantSnapshot['unavailable'] = []
      const attempt = async <T>(part: string, read: () => Promise<T>): Promise<T | null> => {
        try {
          return await read()
        } catch (error) {
          unavailable.push({ part, error: appErrorOf(error, 'A tenant operation') })
          return null
        }
      }
      const [settings, clients, conns, users] = await Promise.all([
        attempt('Tenant settings', () => client.getTenantSettings()),
        attempt('Applications', () => client.listClients()),
        attempt('Connections', () => client.listConnections()),
        attempt('Users', () => client.searchUsers({ q: '', page: 0, perPage: 1 })),
      ])
      return ok({
        tenantId: id,
        fetchedAt: now().toISOString(),
        ...(settings?.friendly_name !== undefined && { friendlyName: settings.friendly_name }),
        usersTotal: users?.total ?? null,
        applications: (clients ?? []).map((c) => ({
          id: c.client_id ?? '',
          name: c.name ?? c.client_id ?? 'Unnamed application',
          type: c.app_type ?? 'unknown',
          backchannelLogout: hasBackchannel(c.oidc_logout),
        })),
        connections: (conns ?? []).map((c) => ({
          id: c.id ?? '',
          name: c.name ?? '',
          strategy: c.strategy ?? 'unknown',
        })),
        ...(settings?.session_lifetime !== undefined && {
          sessionLifetimeHours: settings.session_lifetime,
        }),
        ...(settings?.idle_session_lifetime !== undefined && {
          idleSessionLifetimeHours: settings.idle_session_lifetime,
        }),
        allowedLogoutUrls: settings?.allowed_logout_urls ?? [],
        unavailable,
      })
    },

    /** The Management API client of a tenant, for the features built on it. */
    api,

    /** One tenant as the renderer sees it. */
    summary,

    /** The active tenant's id and Management API client. */
    async active(): Promise<{ id: string; api: TenantApi }> {
      const id = activeId()
      return { id, api: await api(id) }
    },

    /** Stop the Sandbox and drop every token. */
    async dispose(): Promise<void> {
      for (const id of [...apis.keys()]) forget(id)
      const running = sandbox ? await sandbox.catch(() => null) : null
      sandbox = null
      await running?.close()
    },
  }
}

function hasBackchannel(oidcLogout: unknown): boolean {
  if (typeof oidcLogout !== 'object' || oidcLogout === null) return false
  const urls = (oidcLogout as { backchannel_logout_urls?: unknown }).backchannel_logout_urls
  return Array.isArray(urls) && urls.length > 0
}

/** The tenants service. */
export type TenantsService = ReturnType<typeof createTenantsService>
