import { decideLogoutRedirect, matchAllowList, type LogoutAllowLists } from './allow-list'
import { federatedLogoutSupport, idpKindOf } from './federated-logout'
import type { LogoutEndpoint, StepOutcome, Step } from './types'
import {
  blankOutcome,
  clientById,
  connectionByName,
  endIdp,
  endSession,
  liveBrowserSession,
  sendBackchannel,
  survivorNotes,
  type LiveSession,
  type World,
} from './world'

// The `logout` step: the browser requests /v2/logout or /oidc/logout (reference §2.1-2.3, §3.1).

type LogoutStep = Step & { do: 'logout' }

/** Parameters each endpoint reads; anything else in `params` is ignored, with a note. */
const READS: Record<LogoutEndpoint, readonly string[]> = {
  '/v2/logout': ['returnTo', 'client_id', 'federated'],
  '/oidc/logout': [
    'post_logout_redirect_uri',
    'client_id',
    'logout_hint',
    'state',
    'federated',
    'id_token_hint',
    'ui_locales',
  ],
}

/** The tenant's and the scenario clients' Allowed Logout URLs. */
export function allowListsOf(world: World): LogoutAllowLists {
  return {
    tenant: world.scenario.tenant.allowed_logout_urls,
    client: (clientId) => clientById(world, clientId)?.allowed_logout_urls,
  }
}

/** Appends `state` to the query of a URL, before any fragment (reference §2.2). */
export function withState(url: string, state: string): string {
  const hash = url.indexOf('#')
  const base = hash < 0 ? url : url.slice(0, hash)
  const fragment = hash < 0 ? '' : url.slice(hash)
  const joiner = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?'
  return `${base}${joiner}state=${encodeURIComponent(state)}${fragment}`
}

function requestError(out: StepOutcome, code: string, message: string): StepOutcome {
  out.result = 'error'
  out.error = { code, message }
  out.notes.push(`${message} Nothing ends.`)
  return out
}

/** Consistency checks of `/oidc/logout` (reference §2.2); an error message or null. */
function oidcConsistency(world: World, step: LogoutStep): string | null {
  const { id_token_hint: hint, client_id: clientId, logout_hint: logoutHint } = step.params
  if (hint === undefined) return null
  if (clientId !== undefined && clientId !== hint.aud) {
    return `client_id ${clientId} does not match the aud ${hint.aud} of id_token_hint; Auth0 rejects a logout request where they differ (reference §2.2).`
  }
  if (logoutHint !== undefined && logoutHint !== hint.sid) {
    return `logout_hint ${logoutHint} does not match the sid ${hint.sid ?? '(none)'} of id_token_hint; Auth0 rejects a logout request where they differ (reference §2.2).`
  }
  const { domain } = world.scenario.tenant
  if (hint.iss !== undefined && domain !== undefined && issuerDomain(world, hint.iss) === null) {
    const issuers = tenantDomains(world).map((d) => `https://${d}/`)
    return `The iss ${hint.iss} of id_token_hint is not this tenant: it names none of the tenant's domains (${issuers.join(', ')}); Auth0 accepts only ID tokens it issued, through its canonical domain or a custom domain (reference §2.2, §12).`
  }
  return null
}

/** The canonical domain first, then the custom domains, as bare lower-case host names. */
function tenantDomains(world: World): string[] {
  const { domain, custom_domains: custom = [] } = world.scenario.tenant
  const bare = (d: string) =>
    d
      .trim()
      .replace(/^https?:\/\//i, '')
      .replace(/\/+$/, '')
      .toLowerCase()
  return [...new Set([...(domain === undefined ? [] : [domain]), ...custom].map(bare))]
}

/**
 * The tenant domain an `iss` names, or null when it names none. Auth0 writes `https://<domain>/`;
 * the trailing slash is optional here and the host compares case-insensitively (host names are).
 * Tokens carry the `iss` of the domain the login used, so a custom domain's is as good as the
 * canonical one (reference §12); another tenant's is refused.
 */
function issuerDomain(world: World, iss: string): string | null {
  const match = /^https:\/\/([^/?#]+)\/?$/i.exec(iss)
  const host = match?.[1]?.toLowerCase()
  return host === undefined ? null : (tenantDomains(world).find((d) => d === host) ?? null)
}

/** Why Auth0 shows the `/oidc/logout` confirmation screen, or null when it does not (§2.3). */
function promptReason(step: LogoutStep, current: LiveSession | undefined): string | null {
  const { id_token_hint: hint, logout_hint: logoutHint } = step.params
  const sid = current?.id
  if (hint === undefined && logoutHint === undefined) {
    return 'neither id_token_hint nor logout_hint was sent'
  }
  if (hint !== undefined && (hint.sid === undefined || hint.sid !== sid)) {
    return `the sid of id_token_hint (${hint.sid ?? 'none'}) is not the browser's current session (${sid ?? 'none'})`
  }
  if (logoutHint !== undefined && logoutHint !== sid) {
    return `logout_hint ${logoutHint} does not match the browser's current session (${sid ?? 'none'}); stale or random values are ignored and trigger the prompt`
  }
  return null
}

/** Asks the IdP of the ended session to log out too, where the provider supports it (§3.1). */
function federatedLogout(
  world: World,
  out: StepOutcome,
  step: LogoutStep,
  session: LiveSession | undefined,
): void {
  out.notes.push(
    step.endpoint === '/v2/logout'
      ? 'federated was sent, so logout at the identity provider is requested: /v2/logout only checks that the parameter is present, whatever its value (reference §2.1, §10).'
      : 'federated was sent, so logout at the identity provider is requested: the simulator models the browser GET, where presence is enough (in a POST form body the value must be true or false; reference §2.2).',
  )
  if (session === undefined) {
    out.notes.push(
      'The browser carries no live Auth0 session, so Auth0 has no identity-provider login to end.',
    )
    return
  }
  if (session.connection === null) {
    out.notes.push(
      `Session ${session.id} does not say which connection the user logged in with, so the simulator cannot tell which identity provider would be asked to log out.`,
    )
    return
  }
  const connection = connectionByName(world, session.connection)
  if (!connection.described) {
    out.notes.push(
      `Connection ${connection.name} is not among the scenario's connections; the simulator takes its strategy to be ${connection.strategy} with unknown settings.`,
    )
  }
  const support = federatedLogoutSupport(connection)
  if (connection.strategy === 'samlp' && connection.options?.disableSignout === true) {
    out.notes.push(
      'Doc conflict: Auth0 describes disableSignout two ways. The SDK/OAS says true stops Auth0 from sending SAML logout requests; the "configure Auth0 as SAML SP" page says true sends them to the Sign In URL. The simulator follows the SDK/OAS meaning (reference §3.2).',
    )
  }
  if (!support.supported) {
    out.notes.push(`No identity-provider logout: ${support.reason}`)
    return
  }
  out.idp_logout = connection.name
  out.notes.push(support.reason)
  if (!endIdp(world, out, connection.name)) {
    out.notes.push(
      `Auth0 asks ${connection.name} to log the user out, but this browser holds no session there, so no identity-provider session ends.`,
    )
  }
  if (idpKindOf(connection.strategy) === 'social') {
    out.notes.push(
      'Social providers treat the return URL inconsistently during federated logout, and Auth0 discourages federated logout with them (reference §2.1, §3.1); redirect_to is where Auth0 sends the browser.',
    )
  }
}

/** Runs a `logout` step against the world. */
export function logoutStep(world: World, step: LogoutStep): StepOutcome {
  const out = blankOutcome('logout')
  const { endpoint, params } = step
  const oidc = endpoint === '/oidc/logout'
  const ignored = params.given.filter((name) => !READS[endpoint].includes(name))
  if (ignored.length > 0) {
    out.notes.push(`${endpoint} does not read ${ignored.join(', ')}; ignored.`)
  }

  if (oidc) {
    const inconsistent = oidcConsistency(world, step)
    if (inconsistent !== null) return requestError(out, 'invalid_request', inconsistent)
    const iss = params.id_token_hint?.iss
    const via = iss === undefined ? null : issuerDomain(world, iss)
    if (
      via !== null &&
      via !== tenantDomains(world)[0] &&
      world.scenario.tenant.domain !== undefined
    ) {
      out.notes.push(
        `id_token_hint was issued through the custom domain ${via}; Auth0 accepts an iss of any of the tenant's domains (reference §12).`,
      )
    }
  }

  const returnUrl = oidc ? params.post_logout_redirect_uri : params.returnTo
  const decision = decideLogoutRedirect(
    {
      endpoint,
      returnUrl,
      clientId: params.client_id,
      idTokenAud: params.id_token_hint?.aud,
    },
    allowListsOf(world),
  )
  out.allow_list = decision.list
  out.matched_entry = decision.matchedEntry
  out.notes.push(decision.explanation)
  if (!decision.allowed) {
    const parameter = oidc ? 'post_logout_redirect_uri' : 'returnTo'
    out.result = 'error'
    out.error = {
      code: 'invalid_request',
      message: `The "${parameter}" querystring parameter "${returnUrl ?? ''}" is not defined as a valid URL in "Allowed Logout URLs".`,
    }
    if (oidc && returnUrl !== undefined) {
      const entries = decision.checks.map((check) => check.entry)
      const loose = matchAllowList(returnUrl, entries, '/v2/logout').matchedEntry
      if (loose !== null) {
        out.notes.push(
          `${loose} would match if the query string were ignored. Until January 2026 Auth0's logout page said registering a parameter name was enough; since February 2026 it says /oidc/logout compares the query exactly, which the simulator follows. Register each combination, or carry dynamic values in state (reference §2.2).`,
        )
      }
    }
    out.notes.push(
      'Unconfirmed (reference §2.1, §11): whether Auth0 clears the session before it shows this error page. The simulator assumes the worst case for a review: nothing ends and the user stays signed in.',
    )
    return out
  }

  const current = liveBrowserSession(world)
  if (oidc) {
    if (!world.scenario.tenant.sessions.oidc_logout_prompt_enabled) {
      out.notes.push(
        'sessions.oidc_logout_prompt_enabled is false, so Auth0 skips the confirmation checks and logs out at once (reference §2.3).',
      )
    } else {
      const reason = promptReason(step, current)
      if (reason === null) {
        out.notes.push(
          'No confirmation screen: the hint matches the session the browser carries (reference §2.3).',
        )
      } else {
        out.prompted = true
        out.notes.push(`Auth0 asks the user to confirm the logout: ${reason} (reference §2.3).`)
        if (step.confirm === 'deny') {
          out.result = 'aborted'
          out.notes.push(
            'The user chose not to log out, so nothing ends and the browser is not redirected. Unconfirmed (reference §2.3, §11): that the Auth0 session survives a deny is implied, not stated.',
          )
          return out
        }
        out.notes.push('The user accepts, and the logout goes on.')
      }
    }
  }

  let redirect = decision.redirectTo
  if (oidc && params.state !== undefined && redirect !== null) {
    redirect = withState(redirect, params.state)
    out.notes.push('state is appended to the query of the redirect (reference §2.2).')
  }
  out.redirect_to = redirect

  const ended: LiveSession[] = []
  if (current === undefined) {
    out.notes.push('The browser carries no live Auth0 session, so there is no session to end.')
  } else {
    endSession(out, current)
    ended.push(current)
    out.notes.push(
      `Auth0 ends session ${current.id}, which every application of the tenant shares${params.client_id === undefined ? '' : '; client_id only chooses the allow-list'} (reference §1).`,
    )
  }
  if (params.federated) federatedLogout(world, out, step, current)
  sendBackchannel(world, out, ended, 'rp-logout')
  survivorNotes(world, out)
  return out
}
