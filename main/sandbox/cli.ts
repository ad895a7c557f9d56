import { parseArgs } from 'node:util'
import { startSandbox, type SandboxOptions, type SandboxPlan } from './server'
import { isCanonicalTenantDomain, normalizeDomain } from '../../core/auth0/domains'

const PLANS: readonly SandboxPlan[] = ['free', 'essentials', 'professional', 'enterprise']

// `npm run sandbox`: start the sandbox tenant and print how to reach it. Glue only.
const USAGE = `Usage: sandbox [--port N] [--seed demo|large] [--plan PLAN] [--rate-limit BURST,PER_SECOND] [--admin-key KEY] [--custom-domain HOST] [--json]

  --port N              port on 127.0.0.1 (default 0: any free port)
  --seed demo|large     data set (default demo)
  --plan PLAN           free|essentials|professional|enterprise (default enterprise): Auth0's
                        rate limits of that plan (per endpoint family on essentials and
                        professional); sessions and refresh tokens answer 403 unless enterprise
  --rate-limit B,R      one token bucket for every endpoint instead of the plan's: burst B,
                        R requests per second
  --admin-key KEY       key for the /__sandbox/* endpoints (default random, printed)
  --custom-domain HOST  a custom domain of the tenant: a token for its audience is refused (403)
  --json                print exactly one JSON line {url, domain, port, client_id, client_secret[, custom_domain]}`

const fail = (message: string): never => {
  process.stderr.write(`sandbox: ${message}\n\n${USAGE}\n`)
  process.exit(2)
}

const parse = (): SandboxOptions & { json: boolean } => {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
      options: {
        port: { type: 'string' },
        seed: { type: 'string' },
        plan: { type: 'string' },
        'rate-limit': { type: 'string' },
        'admin-key': { type: 'string' },
        'custom-domain': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err))
  }
  if (values['help'] === true) {
    process.stdout.write(`${USAGE}\n`)
    process.exit(0)
  }
  const options: SandboxOptions & { json: boolean } = { json: values['json'] === true }
  const port = values['port']
  if (typeof port === 'string') {
    const n = Number(port)
    if (!/^\d+$/.test(port) || n > 65_535) fail(`--port must be an integer 0-65535, got "${port}"`)
    options.port = n
  }
  const seed = values['seed']
  if (typeof seed === 'string') {
    if (seed !== 'demo' && seed !== 'large') fail(`--seed must be demo or large, got "${seed}"`)
    options.seed = seed as 'demo' | 'large'
  }
  const plan = values['plan']
  if (typeof plan === 'string') {
    if (!(PLANS as readonly string[]).includes(plan)) {
      fail(`--plan must be one of ${PLANS.join(', ')}, got "${plan}"`)
    }
    options.plan = plan as SandboxPlan
  }
  const rate = values['rate-limit']
  if (typeof rate === 'string') {
    const m = /^(\d+),(\d+(?:\.\d+)?)$/.exec(rate)
    const burst = Number(m?.[1])
    const perSecond = Number(m?.[2])
    if (m === null || burst < 1 || !(perSecond > 0)) {
      fail(`--rate-limit must be BURST,PER_SECOND (e.g. 50,16), got "${rate}"`)
    }
    options.rateLimit = { burst, perSecond }
  }
  const adminKey = values['admin-key']
  if (typeof adminKey === 'string') {
    if (adminKey.length < 8) fail('--admin-key must be at least 8 characters')
    options.adminKey = adminKey
  }
  const customDomain = values['custom-domain']
  if (typeof customDomain === 'string') {
    const normalized = normalizeDomain(customDomain)
    if (normalized === null || isCanonicalTenantDomain(normalized)) {
      fail(`--custom-domain must be a host name like login.example.test, got "${customDomain}"`)
    } else options.customDomain = normalized
  }
  return options
}

const { json, ...options } = parse()
const sandbox = await startSandbox(options)
if (json) {
  process.stdout.write(
    `${JSON.stringify({
      url: sandbox.url,
      domain: sandbox.domain,
      port: sandbox.port,
      client_id: sandbox.clientId,
      client_secret: sandbox.clientSecret,
      ...(sandbox.customDomain !== undefined && { custom_domain: sandbox.customDomain }),
    })}\n`,
  )
} else {
  const lines = [
    `Sandbox tenant (${options.seed ?? 'demo'} seed, ${sandbox.plan} plan) is listening.`,
    `  domain:        ${sandbox.domain}`,
    `  URL:           ${sandbox.url}`,
    `  port:          ${sandbox.port}`,
    `  client id:     ${sandbox.clientId}`,
    `  client secret: ${sandbox.clientSecret}`,
    ...(sandbox.customDomain !== undefined ? [`  custom domain: ${sandbox.customDomain}`] : []),
    `  admin key:     ${sandbox.adminKey}  (x-sandbox-admin header for /__sandbox/*)`,
    'Stop with Ctrl+C.',
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
}

let stopping = false
const stop = (): void => {
  if (stopping) return
  stopping = true
  sandbox.close().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`sandbox: ${String(err)}\n`)
      process.exit(1)
    },
  )
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
