import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  deployFileName,
  exportDeployDirectory,
  exportDeployYaml,
  importDeployFiles,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_FILES,
  MAX_YAML_DEPTH,
  type DeployFile,
} from '../../../../core/config/deploy-format'
import { diffConfigs } from '../../../../core/config/diff'
import {
  connectionResource,
  type ConfigResource,
  type TenantConfiguration,
} from '../../../../core/config/model'
import { ACME } from './builders'

// The Auth0 Deploy CLI formats: a config editor exports, edits in a review branch, imports again,
// and relies on getting the same configuration back, keyword markers untouched and lifetimes
// converted between hours and *_in_minutes as the Deploy CLI does. Files come from anywhere, so
// every hostile input must end in a one-line reason, never an exception.

const FIXTURES = 'tests/fixtures/config'

function filesUnder(root: string): DeployFile[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const full = join(entry.parentPath, entry.name)
      return {
        path: relative(root, full).split('\\').join('/'),
        content: readFileSync(full, 'utf8'),
      }
    })
}

function imported(files: DeployFile[]): { config: TenantConfiguration; warnings: string[] } {
  const result = importDeployFiles(files)
  if (!result.ok) throw new Error(result.error)
  return result
}

const yamlFile = (content: string): DeployFile[] => [{ path: 'tenant.yaml', content }]
const importYaml = (content: string) => importDeployFiles(yamlFile(content))
const errorOf = (files: DeployFile[]) => {
  const result = importDeployFiles(files)
  return result.ok ? null : result.error
}

/** Resources without the ids a pull adds (the Deploy CLI identifies resources by name). */
const withoutIds = (config: TenantConfiguration) =>
  Object.fromEntries(
    Object.entries(config.resources).map(([key, { id: _id, ...rest }]) => [key, rest]),
  )

describe('round trip: export → import gives the same configuration', () => {
  it('tenant.yaml', () => {
    const back = imported(yamlFile(exportDeployYaml(ACME)))
    expect(back.warnings).toEqual([])
    expect(withoutIds(back.config)).toEqual(withoutIds(ACME))
    expect(diffConfigs(ACME, back.config)).toEqual([])
  })

  it('the directory format', () => {
    const files = exportDeployDirectory(ACME)
    expect(files.map((f) => f.path)).toEqual([
      'tenant.json',
      'clients/Portal.json',
      'clients/Shop.json',
      'connections/corp-saml.json',
    ])
    const back = imported(files)
    expect(withoutIds(back.config)).toEqual(withoutIds(ACME))
  })

  it('the fixture exports, YAML and directory, hold the same configuration', () => {
    const fromYaml = imported([
      { path: 'tenant.yaml', content: readFileSync(`${FIXTURES}/tenant.yaml`, 'utf8') },
    ])
    const fromDirectory = imported(filesUnder(`${FIXTURES}/directory`))
    expect(diffConfigs(fromYaml.config, fromDirectory.config)).toEqual([])
    // …and each survives its own round trip and the other format's.
    for (const { config } of [fromYaml, fromDirectory]) {
      expect(imported(yamlFile(exportDeployYaml(config))).config.resources).toEqual(
        config.resources,
      )
      expect(imported(exportDeployDirectory(config)).config.resources).toEqual(config.resources)
    }
  })

  it('writes Deploy CLI files: JSON with two spaces and a newline, ids left out', () => {
    const [tenant, portal] = exportDeployDirectory(ACME)
    expect(tenant?.content.endsWith('}\n')).toBe(true)
    expect(JSON.parse(portal?.content ?? '')).toEqual({
      name: 'Portal',
      app_type: 'regular_web',
      allowed_logout_urls: ['https://portal.example.com/bye'],
      callbacks: ['https://portal.example.com/callback'],
      oidc_logout: {
        backchannel_logout_urls: ['https://portal.example.com/backchannel-logout'],
        backchannel_logout_initiators: {
          mode: 'custom',
          selected_initiators: ['rp-logout', 'idp-logout'],
        },
      },
    })
    expect(portal?.content).toContain('\n  "name": "Portal",\n')
  })
})

describe('keyword markers stay intact', () => {
  const source = [
    'tenant:',
    '  allowed_logout_urls:',
    '    - https://##TENANT_DOMAIN##/bye',
    "  session_lifetime: '@@SESSION_HOURS@@'",
    "  idle_session_lifetime_in_minutes: '@@IDLE_MINUTES@@'",
    'clients:',
    '  - name: Shop',
    '    allowed_logout_urls: @@SHOP_LOGOUT_URLS@@', // bare, as the Deploy CLI allows
    '    callbacks: [@@SHOP_CALLBACK@@, https://shop.##DOMAIN##/cb]',
    'connections:',
    '  - name: corp',
    '    strategy: samlp',
    '    options:',
    "      signOutEndpoint: 'https://##IDP##/slo'",
    '',
  ].join('\n')

  it('imports ##KEY## and @@KEY@@ as written, bare or quoted', () => {
    const { config } = imported(yamlFile(source))
    expect(config.resources.tenant?.fields).toEqual({
      allowed_logout_urls: ['https://##TENANT_DOMAIN##/bye'],
      session_lifetime: '@@SESSION_HOURS@@',
      idle_session_lifetime: '@@IDLE_MINUTES@@',
    })
    expect(config.resources['clients/Shop']?.fields).toEqual({
      allowed_logout_urls: '@@SHOP_LOGOUT_URLS@@',
      callbacks: ['@@SHOP_CALLBACK@@', 'https://shop.##DOMAIN##/cb'],
    })
    expect(config.resources['connections/corp']?.fields).toEqual({
      'options.signOutEndpoint': 'https://##IDP##/slo',
    })
  })

  it('exports them unchanged, each lifetime marker in the unit it was written in', () => {
    const { config } = imported(yamlFile(source))
    const yaml = exportDeployYaml(config)
    for (const marker of [
      'https://##TENANT_DOMAIN##/bye',
      'session_lifetime: "@@SESSION_HOURS@@"',
      'idle_session_lifetime_in_minutes: "@@IDLE_MINUTES@@"',
      'allowed_logout_urls: "@@SHOP_LOGOUT_URLS@@"',
      'https://shop.##DOMAIN##/cb',
      'https://##IDP##/slo',
    ]) {
      expect(yaml).toContain(marker)
    }
    expect(imported(yamlFile(yaml)).config.resources).toEqual(config.resources)
    const tenantJson = exportDeployDirectory(config).find((f) => f.path === 'tenant.json')
    expect(JSON.parse(tenantJson?.content ?? '')).toMatchObject({
      session_lifetime: '@@SESSION_HOURS@@',
      idle_session_lifetime_in_minutes: '@@IDLE_MINUTES@@',
    })
  })

  it('keeps a marker that stands for a whole object (refresh_token, options, sessions)', () => {
    const text = [
      'tenant:',
      "  sessions: '@@SESSIONS@@'",
      'clients:',
      '  - name: A',
      "    refresh_token: '@@REFRESH_TOKEN@@'",
      '    oidc_logout:',
      '      backchannel_logout_urls: [https://a.example.com/bc]',
      "      backchannel_logout_initiators: '@@INITIATORS@@'",
      'connections:',
      '  - name: corp',
      '    strategy: samlp',
      "    options: '@@CORP_OPTIONS@@'",
      '',
    ].join('\n')
    const { config } = imported(yamlFile(text))
    expect(config.resources['clients/A']?.fields).toEqual({
      'oidc_logout.backchannel_logout_urls': ['https://a.example.com/bc'],
      'oidc_logout.backchannel_logout_initiators': '@@INITIATORS@@',
      refresh_token: '@@REFRESH_TOKEN@@',
    })
    const yaml = exportDeployYaml(config)
    for (const marker of [
      '@@SESSIONS@@',
      '@@REFRESH_TOKEN@@',
      '@@INITIATORS@@',
      '@@CORP_OPTIONS@@',
    ]) {
      expect(yaml).toContain(`"${marker}"`)
    }
    expect(imported(yamlFile(yaml)).config.resources).toEqual(config.resources)
  })

  it('keeps markers in the directory format too', () => {
    const { config } = imported([
      { path: 'clients/Shop.json', content: '{"name":"Shop","allowed_logout_urls":"@@URLS@@"}' },
    ])
    expect(config.resources['clients/Shop']?.fields.allowed_logout_urls).toBe('@@URLS@@')
  })
})

describe('lifetimes: hours ↔ *_in_minutes as the Deploy CLI converts them', () => {
  it('imports hours as minutes (Math.round(hours * 60)) and minutes as written', () => {
    const { config } = imported(
      yamlFile(
        [
          'tenant:',
          '  session_lifetime: 168',
          '  idle_session_lifetime: 0.3333333',
          '  ephemeral_session_lifetime_in_minutes: 45',
          '  idle_ephemeral_session_lifetime: 1.5',
          '',
        ].join('\n'),
      ),
    )
    expect(config.resources.tenant?.fields).toEqual({
      session_lifetime: 10_080,
      idle_session_lifetime: 20,
      ephemeral_session_lifetime: 45,
      idle_ephemeral_session_lifetime: 90,
    })
  })

  it('exports whole hours as hours (what a Deploy CLI export holds) and the rest as minutes', () => {
    const { config } = imported(
      yamlFile('tenant:\n  session_lifetime: 168\n  idle_session_lifetime_in_minutes: 90\n'),
    )
    const tenant = JSON.parse(exportDeployDirectory(config)[0]?.content ?? '') as unknown
    expect(tenant).toEqual({ session_lifetime: 168, idle_session_lifetime_in_minutes: 90 })
  })

  it('uses the hours when both are written, as the Deploy CLI does, and says so', () => {
    const result = imported(
      yamlFile('tenant:\n  session_lifetime: 2\n  session_lifetime_in_minutes: 60\n'),
    )
    expect(result.config.resources.tenant?.fields.session_lifetime).toBe(120)
    expect(result.warnings).toEqual([
      'tenant.yaml tenant: session_lifetime (2 h) and session_lifetime_in_minutes (60) both set; session_lifetime used, as the Deploy CLI does',
    ])
  })

  it('the fixture pair in hours and in minutes is the same configuration', () => {
    const read = (name: string) =>
      imported([{ path: name, content: readFileSync(`${FIXTURES}/units/${name}`, 'utf8') }])
    expect(diffConfigs(read('hours.yaml').config, read('minutes.yaml').config)).toEqual([])
  })
})

describe('what an import ignores, and where an export sits', () => {
  it('warns about Deploy CLI parts the console does not model', () => {
    const result = imported([
      { path: 'tenant.json', content: '{}' },
      { path: 'rules/block.js', content: 'function(){}' },
      { path: 'clients/Portal_custom_login_page.html', content: '<html/>' },
      { path: 'clients/Portal.json', content: '{"name":"Portal"}' },
      { path: 'clients/empty.json', content: '{}' },
    ])
    expect(Object.keys(result.config.resources)).toEqual(['tenant', 'clients/Portal'])
    expect(result.warnings).toEqual([
      'clients/empty.json: empty, skipped',
      'ignored clients/Portal_custom_login_page.html, rules/',
    ])
    expect(importYaml('tenant: {}\nrules: []\nclients: []\n')).toMatchObject({
      ok: true,
      warnings: ['tenant.yaml: ignored rules'],
    })
  })

  it('accepts one folder above the export, as a directory picker gives it', () => {
    const { config } = imported([
      { path: 'acme-export/tenant.json', content: '{"allowed_logout_urls":[]}' },
      { path: 'acme-export/clients/A.json', content: '{"name":"A"}' },
    ])
    expect(config.source).toEqual({ kind: 'file', name: 'acme-export' })
    expect(Object.keys(config.resources)).toEqual(['tenant', 'clients/A'])
  })

  it('identifies a resource by the name inside the file, not the file name', () => {
    const { config } = imported([{ path: 'clients/portal-v2.json', content: '{"name":"Portal"}' }])
    expect(Object.keys(config.resources)).toEqual(['clients/Portal'])
  })

  it('names files as the Deploy CLI does, and never lets two resources share one', () => {
    expect(deployFileName('Portal')).toBe('Portal')
    expect(deployFileName('a/b')).toBe('a-b')
    expect(deployFileName('what? <now>')).toBe('what- -now-')
    expect(deployFileName('..')).toBe('-')
    expect(deployFileName('CON')).toBe('-')
    expect(deployFileName('x'.repeat(300))).toHaveLength(250)
    const config: TenantConfiguration = {
      version: 1,
      source: { kind: 'file', name: 'x' },
      resources: {
        'clients/a/b': { kind: 'clients', name: 'a/b', context: {}, fields: {} },
        'clients/a?b': { kind: 'clients', name: 'a?b', context: {}, fields: {} },
        'clients/A-B': { kind: 'clients', name: 'A-B', context: {}, fields: {} },
      },
    }
    const paths = exportDeployDirectory(config).map((f) => f.path)
    expect(new Set(paths.map((p) => p.toLowerCase())).size).toBe(3)
    expect(Object.keys(imported(exportDeployDirectory(config)).config.resources).sort()).toEqual(
      Object.keys(config.resources).sort(),
    )
  })
})

describe('malformed, wrong and hostile input: one clear line, no crash', () => {
  // [case, files, error]
  const cases: [string, DeployFile[], string][] = [
    ['no files', [], 'no files'],
    [
      'malformed YAML',
      yamlFile('tenant:\n  allowed_logout_urls: [\n'),
      'tenant.yaml: invalid YAML at line 3, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    [
      'duplicate YAML keys',
      yamlFile('tenant: {a: 1, a: 2}\n'),
      'tenant.yaml: invalid YAML at line 1, column 16: Map keys must be unique',
    ],
    [
      'malformed JSON, with the place',
      [{ path: 'tenant.json', content: '{\n  "a": 1,\n  "b": [1,,2]\n}' }],
      'tenant.json: invalid JSON at line 3, column 11',
    ],
    ['empty YAML', yamlFile(''), 'tenant.yaml: the file is empty'],
    [
      'YAML that is a list',
      yamlFile('- a\n'),
      'tenant.yaml: the top level must be a mapping (tenant:, clients: …)',
    ],
    [
      'a list of URLs that is a number',
      yamlFile('tenant:\n  allowed_logout_urls: 42\n'),
      'tenant.yaml tenant: allowed_logout_urls must be a list of strings',
    ],
    [
      'a list with a number in it',
      yamlFile('clients:\n  - name: A\n    callbacks: [https://a.example.com, 7]\n'),
      'tenant.yaml clients[0]: callbacks must be a list of strings',
    ],
    [
      'hours as text',
      yamlFile("tenant:\n  session_lifetime: '72'\n"),
      'tenant.yaml tenant: session_lifetime must be a number of hours',
    ],
    [
      'minutes as a list',
      yamlFile('tenant:\n  session_lifetime_in_minutes: [1]\n'),
      'tenant.yaml tenant: session_lifetime_in_minutes must be a number of minutes',
    ],
    [
      'a boolean as text',
      [
        {
          path: 'connections/c.json',
          content: '{"name":"c","strategy":"samlp","options":{"disableSignout":"yes"}}',
        },
      ],
      'connections/c.json: options.disableSignout must be true or false',
    ],
    ['clients not a list', yamlFile('clients: {name: A}\n'), 'tenant.yaml: clients must be a list'],
    [
      'a client without a name',
      [{ path: 'clients/x.json', content: '{"app_type":"spa"}' }],
      'clients/x.json: a client needs a "name" string',
    ],
    [
      'two clients of the same name',
      [
        { path: 'clients/a.json', content: '{"name":"A"}' },
        { path: 'clients/b.json', content: '{"name":"A"}' },
      ],
      'duplicate client name "A" (clients/a.json and clients/b.json)',
    ],
    [
      'two YAML files',
      [...yamlFile('tenant: {}\n'), { path: 'other.yml', content: 'tenant: {}\n' }],
      'more than one YAML file (tenant.yaml, other.yml)',
    ],
    [
      'nothing the console knows',
      [{ path: 'rules/a.js', content: '' }],
      'no tenant.json, clients/*.json, connections/*.json or database-connections/*/database.json found',
    ],
  ]
  it.each(cases)('%s', (_case, files, error) => {
    expect(errorOf(files)).toBe(error)
  })

  it.each([
    ['../tenant.json', 'refused a path leaving the export "../tenant.json"'],
    ['clients/../../etc/passwd', 'refused a path leaving the export "clients/../../etc/passwd"'],
    ['/etc/passwd', 'refused an absolute path "/etc/passwd"'],
    ['C:/Windows/win.ini', 'refused an absolute path "C:/Windows/win.ini"'],
    ['clients\\..\\x.json', 'refused a backslash in the path "clients\\\\..\\\\x.json"'],
    ['clients//x.json', 'refused a malformed path "clients//x.json"'],
    ['./tenant.json', 'refused a malformed path "./tenant.json"'],
    ['clients/x\0.json', 'refused a NUL character in a path'],
    ['', 'refused an empty file path'],
  ])('refuses the file name %j (path traversal)', (path, error) => {
    expect(
      errorOf([
        { path: 'tenant.json', content: '{}' },
        { path, content: '{}' },
      ]),
    ).toBe(error)
  })

  it('refuses a YAML alias bomb ("billion laughs") with a clear reason', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]']
    for (const [prev, name] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'f'],
    ]) {
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`)
    }
    levels.push('tenant:\n  allowed_logout_urls: *f\n')
    expect(errorOf(yamlFile(levels.join('\n')))).toBe(
      'tenant.yaml: invalid YAML: Excessive alias count indicates a resource exhaustion attack',
    )
  })

  it('accepts a few honest aliases', () => {
    const { config } = imported(
      yamlFile(
        'x: &urls [https://a.example.com]\ntenant:\n  allowed_logout_urls: *urls\nclients:\n  - name: A\n    allowed_logout_urls: *urls\n',
      ),
    )
    expect(config.resources['clients/A']?.fields.allowed_logout_urls).toEqual([
      'https://a.example.com',
    ])
  })

  it('refuses more than the size limit before parsing', () => {
    const big = `tenant:\n  friendly_name: "${'x'.repeat(MAX_IMPORT_BYTES)}"\n`
    expect(errorOf(yamlFile(big))).toBe('too large (more than 20 MB)')
    // Multi-byte characters count in UTF-8 bytes, not in string length.
    const wide = 'é'.repeat(MAX_IMPORT_BYTES / 2 + 1)
    expect(errorOf([{ path: 'tenant.json', content: wide }])).toBe('too large (more than 20 MB)')
  })

  it('refuses more files than the limit', () => {
    const files = Array.from({ length: MAX_IMPORT_FILES + 1 }, (_, i) => ({
      path: `clients/c${i}.json`,
      content: `{"name":"c${i}"}`,
    }))
    expect(errorOf(files)).toBe(
      `too many files (${MAX_IMPORT_FILES + 1}, at most ${MAX_IMPORT_FILES})`,
    )
  })

  it('refuses absurd YAML nesting before parsing it (deep recursion can abort the process)', () => {
    // 20,000 open brackets crashed Node outright (a fatal V8 out-of-memory, no exception) before
    // the depth check; every shape of nesting is now refused up front, in milliseconds.
    for (const text of [
      '['.repeat(20_000),
      '{a: '.repeat(20_000),
      `${'- '.repeat(20_000)}x`,
      Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'),
    ]) {
      expect(errorOf(yamlFile(text))).toMatch(
        new RegExp(`^tenant\\.yaml: nested more than ${MAX_YAML_DEPTH} levels deep at line \\d+$`),
      )
    }
  })

  it('still reads honest nesting, and brackets inside quotes and comments do not count', () => {
    const deep = `tenant:\n  friendly_name: a\n  x: ${'['.repeat(90)}${']'.repeat(90)}\n`
    const quoted = `tenant: # ${'['.repeat(500)}\n  friendly_name: "${'{'.repeat(500)}"\n  y: 'it''s [[['\n`
    expect(imported(yamlFile(deep)).config.resources.tenant?.context).toEqual({
      friendly_name: 'a',
    })
    expect(imported(yamlFile(quoted)).config.resources.tenant?.context).toEqual({
      friendly_name: '{'.repeat(500),
    })
  })

  it('survives absurd nesting in JSON with a one-line answer', () => {
    const content = `{"allowed_logout_urls":${'['.repeat(200_000)}${']'.repeat(200_000)}}`
    expect(errorOf([{ path: 'tenant.json', content }])).toBe(
      'tenant.json: allowed_logout_urls must be a list of strings',
    )
  })

  it('refuses files listed twice, and values of the wrong JSON type in the input itself', () => {
    const twice = [
      { path: 'tenant.json', content: '{}' },
      { path: 'tenant.json', content: '{}' },
    ]
    expect(errorOf(twice)).toBe('the file tenant.json is listed twice')
    expect(errorOf([{ path: 'tenant.json', content: 7 } as unknown as DeployFile])).toBe(
      'a file without a path or text content',
    )
  })
})

describe('database connections, where the Deploy CLI keeps them', () => {
  const withDatabase = (): TenantConfiguration => {
    const config = structuredClone(ACME)
    config.resources['connections/Username-Password-Authentication'] = connectionResource({
      name: 'Username-Password-Authentication',
      strategy: 'auth0',
    })
    return config
  }

  it('are written under databases: in YAML, not connections:', () => {
    const yaml = exportDeployYaml(withDatabase())
    const doc = importDeployFiles([{ path: 'tenant.yaml', content: yaml }])
    expect(yaml).toMatch(/^databases:\n {2}- name: Username-Password-Authentication\n/m)
    expect(yaml.slice(yaml.indexOf('connections:'))).not.toContain('Username-Password')
    expect(doc.ok && diffConfigs(withDatabase(), doc.config)).toEqual([])
  })

  it('are written to database-connections/<name>/database.json in the directory format', () => {
    const files = exportDeployDirectory(withDatabase())
    expect(files.map((f) => f.path)).toContain(
      'database-connections/Username-Password-Authentication/database.json',
    )
    expect(files.map((f) => f.path)).not.toContain(
      'connections/Username-Password-Authentication.json',
    )
    const back = importDeployFiles(files)
    expect(back.ok && diffConfigs(withDatabase(), back.config)).toEqual([])
  })

  it('are read from a Deploy CLI export, with or without a strategy, scripts ignored', () => {
    const yaml = importDeployFiles([
      { path: 'tenant.yaml', content: 'databases:\n  - name: Users\n    options: {}\n' },
    ])
    expect(yaml.ok && yaml.config.resources['connections/Users']?.context).toEqual({
      strategy: 'auth0',
    })
    const directory = importDeployFiles([
      { path: 'database-connections/Users/database.json', content: '{"name":"Users"}' },
      { path: 'database-connections/Users/login.js', content: 'function login() {}' },
    ])
    expect(directory.ok && Object.keys(directory.config.resources)).toEqual(['connections/Users'])
    expect(directory.ok && directory.warnings).toEqual([
      'ignored database-connections/Users/login.js',
    ])
  })
})

describe('connection options in an export: whole, or left out', () => {
  const pulledSaml = (options: Record<string, unknown> | undefined) =>
    connectionResource(
      {
        id: 'con_1',
        name: 'corp-saml',
        strategy: 'samlp',
        ...(options !== undefined && { options }),
      },
      'api',
      ['c-portal'],
    )
  const withConnection = (resource: ConfigResource): TenantConfiguration => {
    const config = structuredClone(ACME)
    config.resources['connections/corp-saml'] = resource
    config.resources['clients/Portal'] = {
      ...config.resources['clients/Portal'],
      id: 'c-portal',
    } as ConfigResource
    return config
  }
  const exportedSaml = (config: TenantConfiguration) => {
    const file = exportDeployDirectory(config).find((f) => f.path === 'connections/corp-saml.json')
    return JSON.parse(file?.content ?? '{}') as Record<string, unknown>
  }

  it('writes every option as read, with the edited ones changed, and enabled_clients by name', () => {
    const resource = pulledSaml({
      signInEndpoint: 'https://idp.example.com/sso',
      signOutEndpoint: 'https://idp.example.com/slo',
      signingCert: 'MIIC-public',
    })
    resource.fields['options.signOutEndpoint'] = 'https://idp.example.com/new-slo'
    expect(exportedSaml(withConnection(resource))).toMatchObject({
      options: {
        signInEndpoint: 'https://idp.example.com/sso',
        signOutEndpoint: 'https://idp.example.com/new-slo',
        signingCert: 'MIIC-public',
      },
      enabled_clients: ['Portal'],
    })
  })

  it.each([
    [
      'options that hold a secret',
      pulledSaml({ signInEndpoint: 'x', client_secret: 'never' }),
      /client_secret/,
    ],
    ['options not read', pulledSaml(undefined), /read:connections_options/],
  ])(
    'leaves out %s, never a partial object, and says so at the top of tenant.yaml',
    (_, resource, why) => {
      const config = withConnection(resource)
      expect(exportedSaml(config)).not.toHaveProperty('options')
      const yaml = exportDeployYaml(config)
      expect(yaml.startsWith('# Exported by Session Console.')).toBe(true)
      expect(yaml).toMatch(why)
      expect(JSON.stringify(exportDeployDirectory(config))).not.toContain('never')
    },
  )
})
