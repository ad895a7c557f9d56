import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

// The `npm test` stage scripts/electronegativity.mjs as CI runs it: a separate Node process, the
// real scanner, the reviewed allow-list. It must pass on the project, fail with a readable list on
// a deliberately insecure app (tests/fixtures/electronegativity-bad/), and never go online.

const BAD = 'tests/fixtures/electronegativity-bad'
const ALLOWLIST = 'security/electronegativity-allowlist.json'

// Loaded before the script: any TCP/TLS connection attempt ends the process with exit code 3.
const NO_NETWORK = `data:text/javascript,${encodeURIComponent(
  "import net from 'node:net'; net.Socket.prototype.connect = function () { process.stderr.write('network used\\n'); process.exit(3) }",
)}`

interface Finding {
  check: string
  file: string
  line: number
  severity: string
}
interface Report {
  checks: number
  errors: unknown[]
  issues: Finding[]
  allowed: (Finding & { reason: string })[]
  blocked: Finding[]
  stale: { check: string; file: string }[]
  excluded: Record<string, string>
}

/** Runs the script with the network cut off; answers its exit code and output. */
function scan(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', NO_NETWORK, 'scripts/electronegativity.mjs', ...args],
      {
        cwd: process.cwd(),
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, NODE_OPTIONS: '' },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1
        resolve({ code, stdout, stderr })
      },
    )
  })
}

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const allowlistFile = (entries: unknown): string => {
  const dir = mkdtempSync(join(tmpdir(), 'sc-electronegativity-it-'))
  dirs.push(dir)
  const file = join(dir, 'allowlist.json')
  writeFileSync(file, JSON.stringify(entries))
  return file
}

describe('scripts/electronegativity.mjs', () => {
  it('passes on the project, offline: every medium+ finding is justified in the allow-list', async () => {
    const run = await scan(['--json'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as Report
    expect(report.checks).toBeGreaterThan(30)
    expect(report.errors).toEqual([])
    expect(report.blocked).toEqual([])
    expect(report.stale).toEqual([])
    // The online-only checks are excluded, each with its reason.
    expect(Object.keys(report.excluded).sort()).toEqual([
      'AvailableSecurityFixesGlobalCheck',
      'ElectronVersionJSONCheck',
    ])
    // Each allowed finding carries the justification of its reviewed allow-list entry.
    const entries = JSON.parse(readFileSync(ALLOWLIST, 'utf8')) as { check: string; file: string }[]
    for (const finding of report.allowed) {
      expect(entries).toContainEqual(
        expect.objectContaining({ check: finding.check, file: finding.file }),
      )
      expect(finding.reason.split(' ').length).toBeGreaterThan(10)
    }
  }, 60_000)

  it('fails on a deliberately insecure app, listing every finding with file and line', async () => {
    const run = await scan(['--input', BAD])
    expect(run.code).toBe(1)
    const findings = run.stdout.split('\n').filter((line) => line.startsWith('FINDING'))
    const at = (check: string, file: string) =>
      findings.filter((line) => line.startsWith(`FINDING  ${check} `) && line.includes(file))
    // nodeIntegration: true, contextIsolation: false, webSecurity: false, insecure content.
    expect(at('NODE_INTEGRATION_JS_CHECK', 'electronegativity-bad/main.js:')).toHaveLength(1)
    expect(at('CONTEXT_ISOLATION_JS_CHECK', 'electronegativity-bad/main.js:')).toHaveLength(1)
    expect(at('WEB_SECURITY_JS_CHECK', 'electronegativity-bad/main.js:')).toHaveLength(1)
    expect(at('INSECURE_CONTENT_JS_CHECK', 'electronegativity-bad/main.js:')).toHaveLength(1)
    // shell.openExternal of whatever the renderer sends.
    expect(at('OPEN_EXTERNAL_JS_CHECK', 'electronegativity-bad/main.js:19')).toHaveLength(1)
    // The <webview nodeintegration allowpopups> and the remote script.
    expect(at('NODE_INTEGRATION_HTML_CHECK', 'electronegativity-bad/index.html:7')).toHaveLength(1)
    expect(at('ALLOWPOPUPS_HTML_CHECK', 'electronegativity-bad/index.html:7')).toHaveLength(1)
    expect(at('HTTP_RESOURCES_HTML_CHECK', 'electronegativity-bad/index.html:')).toHaveLength(1)
    // What is missing altogether: CSP, navigation limits, a permission handler.
    for (const check of [
      'CSP_GLOBAL_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
    ]) {
      expect(at(check, 'N/A'), check).toHaveLength(1)
    }
    // One readable line per finding, and a summary that counts them.
    for (const line of findings) {
      expect(line).toMatch(
        /^FINDING {2}[A-Z_]+ (HIGH|MEDIUM|LOW|INFORMATIONAL)\/\w+ at \S+:\d+: \S/,
      )
    }
    expect(run.stdout).toContain(`0 allowed, ${findings.length} not allowed`)
  }, 60_000)

  it('lets an allow-list entry justify exactly its check in its file, nothing else', async () => {
    const allowlist = allowlistFile([
      {
        check: 'OPEN_EXTERNAL_JS_CHECK',
        file: 'electronegativity-bad/main.js',
        reason: 'A test entry: this fixture is never run, it only proves the allow-list matching.',
        reviewer: 'electronegativity.test.ts',
        date: '2026-12-02',
      },
    ])
    const run = await scan(['--input', BAD, '--allowlist', allowlist, '--json'])
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout) as Report
    expect(report.allowed.map((f) => f.check)).toEqual(['OPEN_EXTERNAL_JS_CHECK'])
    expect(report.blocked.map((f) => f.check)).not.toContain('OPEN_EXTERNAL_JS_CHECK')
    expect(report.blocked.map((f) => f.check)).toContain('CONTEXT_ISOLATION_JS_CHECK')
  }, 60_000)

  it('refuses an allow-list entry without a reviewed justification (exit 2, entry named)', async () => {
    const cases: [unknown, string][] = [
      [[{ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'main/index.ts' }], 'entry 0 needs a non-empty'],
      [
        [
          {
            check: 'OPEN_EXTERNAL_JS_CHECK',
            file: 'main/index.ts',
            reason: 'fine',
            reviewer: 'x',
            date: '2026-12-02',
          },
        ],
        'entry 0: "reason" must be a sentence',
      ],
      [{ not: 'a list' }, 'must hold a JSON array'],
    ]
    for (const [entries, words] of cases) {
      const run = await scan(['--allowlist', allowlistFile(entries)])
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(words)
      expect(run.stdout).toBe('')
    }
  }, 60_000)
})
