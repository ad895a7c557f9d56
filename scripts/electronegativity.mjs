// `npm test` stage: Doyensec Electronegativity over the Electron sources, failing on any finding of
// MEDIUM severity or higher (or of a check in RAISED_CHECKS) that the reviewed allow-list
// (security/electronegativity-allowlist.json) does not justify.
//
//   node scripts/electronegativity.mjs [--input DIR]... [--allowlist FILE] [--json]
//
// What is scanned, and why the sources rather than out/: the scanner parses .ts/.tsx with
// @babel/parser first (its own copy is 7.29, which reads `satisfies`, `import.meta` and every other
// construct we use; the old typescript-estree 4.x is only its fallback), and any file it cannot
// parse is a failure here, so an unscanned file cannot pass silently. Findings then point at the
// line we wrote, and the renderer's bundled React in out/ (minified third-party code, all of it
// false positives) stays out. core/, main/, preload/ and renderer/ are copied into one temporary folder
// and scanned together, because the global checks (CSP, navigation limits, permission handler)
// correlate findings across the three processes.
//
// Offline by construction: the scanner uses `got` twice, for translations of its messages and,
// in AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK, for GitHub's list of Electron releases. `got` is
// replaced by a stub that always fails, so no request leaves the machine, and that check (with
// ELECTRON_VERSION_JSON_CHECK, whose finding only feeds it) is excluded: Electron's version is
// pinned in package.json / package-lock.json and checked by tests/unit/main/security-checklist
// (checklist #16), not by a download during every test run. The scanner is told the installed
// Electron version, so version-dependent defaults (sandbox, contextIsolation) are judged right.
//
// Exit codes: 0 no unjustified finding, 1 unjustified findings or unparsable files, 2 bad usage or
// a malformed allow-list.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire, Module } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'

const require = createRequire(import.meta.url)

/** Checks excluded from every run, each with its reason (printed with --json). */
export const EXCLUDED_CHECKS = {
  AvailableSecurityFixesGlobalCheck:
    "Downloads Electron's release list from GitHub; Electron's version is pinned and checked by the security checklist test instead.",
  ElectronVersionJSONCheck:
    'Informational only; its finding exists to feed AvailableSecurityFixesGlobalCheck, which is excluded.',
}

/**
 * Checks whose findings block at any severity, each with its reason: the scanner rates them below
 * MEDIUM, but they report a checklist item this app must never break.
 */
export const RAISED_CHECKS = {
  NODE_INTEGRATION_JS_CHECK:
    'The scanner rates an explicit `nodeIntegration: true` INFORMATIONAL; Node in a renderer breaks checklist #2.',
  ALLOWPOPUPS_HTML_CHECK:
    'The scanner rates a <webview allowpopups> LOW; the app has no <webview> at all (checklist #11-12).',
}

const DEFAULT_INPUTS = ['core', 'main', 'preload', 'renderer']
const DEFAULT_ALLOWLIST = 'security/electronegativity-allowlist.json'
const MEDIUM = 2

function usage(message) {
  console.error(`electronegativity: ${message}`)
  console.error(
    'usage: node scripts/electronegativity.mjs [--input DIR]... [--allowlist FILE] [--json]',
  )
  process.exit(2)
}

function parseArgs(argv) {
  const options = { inputs: [], allowlist: DEFAULT_ALLOWLIST, json: false }
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]
    if (arg === '--input') options.inputs.push(argv[++i] ?? usage('--input needs a folder'))
    else if (arg === '--allowlist')
      options.allowlist = argv[++i] ?? usage('--allowlist needs a file')
    else if (arg === '--json') options.json = true
    else usage(`unknown argument ${arg}`)
  }
  if (options.inputs.length === 0) options.inputs = DEFAULT_INPUTS
  return options
}

/**
 * Read and check the allow-list: a JSON array of { check, file, reason, reviewer, date }.
 * `file` is relative to the scanned folder ("main/window.ts"), or "N/A" for global checks.
 */
export function readAllowlist(path) {
  if (!existsSync(path)) return []
  let entries
  try {
    entries = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new Error(`${path} is not valid JSON (${error.message})`)
  }
  if (!Array.isArray(entries)) throw new Error(`${path} must hold a JSON array`)
  entries.forEach((entry, i) => {
    const where = `${path} entry ${i}`
    if (entry === null || typeof entry !== 'object') throw new Error(`${where} is not an object`)
    for (const key of ['check', 'file', 'reason', 'reviewer', 'date']) {
      if (typeof entry[key] !== 'string' || entry[key].trim() === '') {
        throw new Error(`${where} needs a non-empty "${key}"`)
      }
    }
    if (entry.reason.trim().split(/\s+/).length < 5) {
      throw new Error(`${where}: "reason" must be a sentence saying why the finding is safe`)
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.date)) throw new Error(`${where}: "date" is YYYY-MM-DD`)
  })
  return entries
}

/** Replace the scanner's HTTP client with one that always fails: the scan never goes online. */
function stubNetwork(scannerEntry) {
  const gotPath = createRequire(scannerEntry).resolve('got')
  const offline = () => Promise.reject(new Error('electronegativity runs offline'))
  offline.head = offline
  offline.get = offline
  const stub = new Module(gotPath)
  stub.filename = gotPath
  stub.loaded = true
  stub.exports = offline
  require.cache[gotPath] = stub
}

/** Copy the inputs into one folder so the global checks see all three processes at once. */
function stage(inputs) {
  const dir = mkdtempSync(join(tmpdir(), 'sc-electronegativity-'))
  for (const input of inputs) {
    const from = resolve(input)
    if (!existsSync(from)) usage(`${input} does not exist`)
    cpSync(from, join(dir, basename(from)), { recursive: true })
  }
  return dir
}

/** Run the scanner over `inputs`; answers its issues and parse errors with staged-relative paths. */
export async function scan(inputs) {
  const scannerEntry = require.resolve('@doyensec/electronegativity')
  stubNetwork(scannerEntry)
  const scanner = require('@doyensec/electronegativity')
  const run = scanner.default ?? scanner
  const electronVersion = JSON.parse(
    readFileSync(require.resolve('electron/package.json'), 'utf8'),
  ).version
  const dir = stage(inputs)
  const log = console.log
  const lang = process.env.LANG
  process.env.LANG = 'en-US'
  // The scanner prints "Could not retrieve updated translations" when the stub refuses.
  console.log = () => {}
  try {
    const result = await run(
      {
        input: dir,
        isRelative: true,
        customScan: [],
        excludeFromScan: Object.keys(EXCLUDED_CHECKS),
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      },
      false,
    )
    const relative = (file) =>
      file
        .split(dir)
        .join('')
        .replace(/^[/\\]/, '')
    return {
      electronVersion,
      checks: result.globalChecks + result.atomicChecks,
      errors: result.errors.map((e) => ({ ...e, file: relative(e.file) })),
      issues: result.issues.map((issue) => ({
        check: issue.id,
        file: relative(issue.file).replaceAll('\\', '/'),
        line: issue.location.line,
        column: issue.location.column,
        severity: issue.severity.name,
        severityValue: issue.severity.value,
        confidence: issue.confidence.name,
        manualReview: Boolean(issue.manualReview),
        description: issue.description,
      })),
    }
  } finally {
    console.log = log
    if (lang === undefined) delete process.env.LANG
    else process.env.LANG = lang
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Split MEDIUM+ findings (and those of {@link RAISED_CHECKS}) into allowed and not allowed; list
 * allow-list entries that matched none.
 */
export function judge(issues, allowlist) {
  const serious = issues.filter(
    (i) => i.severityValue >= MEDIUM || Object.hasOwn(RAISED_CHECKS, i.check),
  )
  const used = new Set()
  const allowed = []
  const blocked = []
  for (const issue of serious) {
    const index = allowlist.findIndex((e) => e.check === issue.check && e.file === issue.file)
    if (index === -1) blocked.push(issue)
    else {
      used.add(index)
      allowed.push({ ...issue, reason: allowlist[index].reason })
    }
  }
  const stale = allowlist.filter((_, i) => !used.has(i))
  return { serious, allowed, blocked, stale }
}

async function main() {
  const options = parseArgs(process.argv.slice(2))
  const started = Date.now()
  let allowlist
  try {
    allowlist = readAllowlist(options.allowlist)
  } catch (error) {
    usage(`bad allow-list: ${error.message}`)
  }
  const result = await scan(options.inputs)
  const verdict = judge(result.issues, allowlist)
  const unparsed = result.errors.filter((e) => !e.tolerable)
  const seconds = ((Date.now() - started) / 1000).toFixed(1)

  if (options.json) {
    const rules = { excluded: EXCLUDED_CHECKS, raised: RAISED_CHECKS }
    console.log(JSON.stringify({ ...result, ...verdict, ...rules, seconds }))
  } else {
    const where = (i) => `${i.check} ${i.severity}/${i.confidence} at ${i.file}:${i.line}`
    for (const i of verdict.allowed) console.log(`allowed  ${where(i)}: ${i.reason}`)
    for (const i of verdict.blocked) console.log(`FINDING  ${where(i)}: ${i.description}`)
    for (const e of unparsed) console.log(`UNPARSED ${e.file}: ${e.message}`)
    for (const e of verdict.stale) {
      console.log(`stale allow-list entry (matches nothing now): ${e.check} ${e.file}`)
    }
    console.log(
      `electronegativity ${result.electronVersion ? `(Electron ${result.electronVersion}) ` : ''}` +
        `${result.checks} checks, ${result.issues.length} findings, ${verdict.serious.length} medium or higher or raised: ` +
        `${verdict.allowed.length} allowed, ${verdict.blocked.length} not allowed, ` +
        `${unparsed.length} unparsable files (${seconds}s)`,
    )
  }
  process.exit(verdict.blocked.length > 0 || unparsed.length > 0 ? 1 : 0)
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main()
