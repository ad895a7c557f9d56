/**
 * The session-layer model of one user, as main computes it and the renderer draws it.
 *
 * Plain JSON (it crosses IPC); the contract re-exports these types (`preload/contract/users.ts`).
 */

import type { AppError } from '../result'

/** A user found by search. */
export interface UserHit {
  userId: string
  email?: string
  name?: string
  /** Connections the user signs in through (from identities). */
  connections: string[]
  lastLogin?: string
  loginsCount?: number
}

/** Kinds of upstream identity provider, as the layer map groups them. */
export type IdpKind =
  'database' | 'social' | 'saml' | 'entra' | 'oidc' | 'enterprise' | 'passwordless' | 'unknown'

/** Browser, OS and network of a session or token, parsed from its user agent. */
export interface DeviceInfo {
  browser: string
  os: string
  /** "Chrome on Windows", "Safari on iPhone", "Unknown device". */
  label: string
  userAgent?: string
  ip?: string
  asn?: string
}

/** Identity-provider layer: one upstream connection the user signs in through. */
export interface IdpNode {
  /** `idp:<connection name>` */
  id: string
  connection: string
  strategy: string
  kind: IdpKind
  /**
   * Whether `federated` logout can end the IdP session, and why (reference §3.1). With
   * `optionsUnread` it is unknown: the connection's options were not readable (no
   * `read:connections_options`), and `supported` is only the simulator's assumption.
   */
  federatedLogout: { supported: boolean; reason: string; optionsUnread?: true }
  sessionIds: string[]
}

/** Auth0 session layer: one session (one browser/device). */
export interface SessionNode {
  /** `session:<sid>` */
  id: string
  sessionId: string
  createdAt?: string
  updatedAt?: string
  authenticatedAt?: string
  lastInteractedAt?: string
  idleExpiresAt?: string
  expiresAt?: string
  cookieMode?: 'persistent' | 'non-persistent'
  firstDevice: DeviceInfo
  lastDevice: DeviceInfo
  /** Authentication methods in words: "Password", "Federated (google-oauth2)", "MFA (otp)". */
  methods: { name: string; label: string; timestamp?: string }[]
  idpIds: string[]
  appIds: string[]
  refreshTokenIds: string[]
  /** `active`, or already past its idle or absolute deadline but still listed. */
  status: 'active' | 'expired'
  /** The earlier of the idle and absolute deadlines, and which one it is. */
  endsAt?: string
  endsBy?: 'idle' | 'absolute'
}

/** Application layer: one application the user used. */
export interface AppNode {
  /** `app:<client_id>` */
  id: string
  clientId: string
  name: string
  appType: string
  /** False when the client id is not among the tenant's applications (deleted app). */
  known: boolean
  backchannel: { subscribed: boolean; url?: string; mode?: 'custom' | 'all'; initiators: string[] }
  sessionIds: string[]
  refreshTokenIds: string[]
}

/** A refresh token; unbound ones survive every logout. */
export interface RefreshTokenNode {
  /** `rt:<id>` */
  id: string
  tokenId: string
  clientId: string
  appId: string
  appName: string
  /** The session it is bound to (`session:<sid>`), or null. */
  sessionNodeId: string | null
  /** Bound to a session id that is no longer listed. */
  orphaned: boolean
  createdAt?: string
  lastExchangedAt?: string
  idleExpiresAt?: string
  expiresAt?: string
  rotating?: boolean
  device: DeviceInfo
  audiences: string[]
  endsAt?: string
}

/** An edge of the layer map: `to` depends on `from` (ending `from` affects `to`). */
export interface LayerLink {
  from: string
  to: string
  kind: 'idp-session' | 'session-app' | 'session-token' | 'app-token'
}

/** Every layer that keeps one user signed in. */
export interface UserLayers {
  tenantId: string
  user: UserHit & { picture?: string }
  fetchedAt: string
  idps: IdpNode[]
  sessions: SessionNode[]
  apps: AppNode[]
  refreshTokens: RefreshTokenNode[]
  links: LayerLink[]
  /** One paragraph in plain language, and its numbers. */
  summary: {
    text: string
    devices: number
    sessions: number
    refreshTokens: number
    unboundRefreshTokens: number
  }
  /** Parts that could not be read (missing scope…), each with the reason. */
  unavailable: {
    part: 'sessions' | 'refreshTokens' | 'applications' | 'connections'
    error: AppError
  }[]
}
