import type { ApiEvents, EventName, PlanTier } from '../../preload/contract'
import type {
  Auth0Client,
  Auth0ClientUpdate,
  Auth0Connection,
  Auth0ConnectionUpdate,
  Auth0TenantSettings,
  Auth0TenantSettingsUpdate,
} from '../../core/auth0/types'
import type { Auth0RefreshToken, Auth0Session, Auth0User } from '../../core/auth0/types'
import { AppFailure } from '../../core/result'
import type { SettingsData } from './app/settings-schema'

/**
 * Where client secrets live: the OS keychain in the app, a map in unit tests.
 *
 * Implementations reject with {@link KeychainUnavailableError} when the keychain cannot be reached
 * or is locked, so callers can tell "no secret stored" (null) from "cannot ask" (error).
 */
export interface SecretStore {
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  delete(account: string): Promise<boolean>
}

/**
 * Thrown by a {@link SecretStore} whose backend is unavailable or locked: an expected failure
 * (code KEYCHAIN), so the one error rule (`core/result.ts`) passes its message on as it is.
 */
export class KeychainUnavailableError extends AppFailure {
  constructor(message: string) {
    super('KEYCHAIN', message)
    this.name = 'KeychainUnavailableError'
  }
}

/**
 * Typed key/value settings on disk (no secrets): electron-store in Electron, conf in Node hosts.
 */
export interface SettingsStore {
  get<K extends keyof SettingsData>(key: K): SettingsData[K]
  set<K extends keyof SettingsData>(key: K, value: SettingsData[K]): void
  /** The file the settings live in, shown to the user in messages. */
  readonly path: string
}

/** Sends main→renderer events to every connected renderer. */
export interface EventSink {
  emit<E extends EventName>(name: E, payload: ApiEvents[E]): void
}

/** Opens a vetted URL in the user's browser (Electron `shell.openExternal`, or a no-op recorder). */
export type OpenExternal = (url: string) => Promise<void>

/**
 * How main reaches one tenant's Management API (see management-api.ts). It holds the client
 * secret, so it stays in main memory.
 */
export interface TenantConnection {
  /** `acme.eu.auth0.com`, a custom domain, or `127.0.0.1:PORT` for the Sandbox. */
  domain: string
  clientId: string
  clientSecret: string
  plan: PlanTier
  /** http base for loopback tenants such as the Sandbox, e.g. http://127.0.0.1:51234 */
  insecureBaseUrl?: string
}

/** The part of the Management API client the tenants service needs. */
export interface TenantApi {
  connect(): Promise<{ scopes: string[]; expiresAt: number }>
  dropToken(): void
  searchUsers(query: {
    q: string
    page: number
    perPage: number
  }): Promise<{ users: Auth0User[]; total: number }>
  getUser(id: string): Promise<Auth0User>
  getUsersByEmail(email: string): Promise<Auth0User[]>
  listUserSessions(userId: string): Promise<Auth0Session[]>
  listUserRefreshTokens(userId: string): Promise<Auth0RefreshToken[]>
  getSession(id: string): Promise<Auth0Session>
  getRefreshToken(id: string): Promise<Auth0RefreshToken>
  deleteSession(id: string): Promise<void>
  revokeSession(id: string): Promise<void>
  deleteRefreshToken(id: string): Promise<void>
  deleteUserSessions(userId: string): Promise<void>
  deleteUserRefreshTokens(userId: string): Promise<void>
  listClients(): Promise<Auth0Client[]>
  listConnections(): Promise<Auth0Connection[]>
  getTenantSettings(): Promise<Auth0TenantSettings>
  /** PATCH /tenants/settings; an hour field and its `_in_minutes` twin are never sent together. */
  updateTenantSettings(patch: Auth0TenantSettingsUpdate): Promise<Auth0TenantSettings>
  getClient(id: string): Promise<Auth0Client>
  updateClient(id: string, patch: Auth0ClientUpdate): Promise<Auth0Client>
  getConnection(id: string): Promise<Auth0Connection>
  /** Client ids of the applications enabled for a connection (`GET /connections/{id}/clients`). */
  listConnectionClients(id: string): Promise<string[]>
  /** PATCH /connections/{id}; a sent `options` object replaces the whole options object. */
  updateConnection(id: string, patch: Auth0ConnectionUpdate): Promise<Auth0Connection>
}

/** Builds a Management API client for one tenant. */
export type TenantApiFactory = (connection: TenantConnection) => TenantApi

/** A running embedded Sandbox tenant. */
export interface RunningSandbox {
  url: string
  domain: string
  clientId: string
  clientSecret: string
  close(): Promise<void>
}

/** Starts the embedded Sandbox tenant (in-process, on 127.0.0.1). */
export type SandboxLauncher = () => Promise<RunningSandbox>
