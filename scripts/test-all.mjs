// `npm test`: every suite, one summary. Exits non-zero if anything failed.
// Each step prints its own output; the closing line is `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const results = join('test-results', 'runs')
rmSync(results, { recursive: true, force: true })
mkdirSync(results, { recursive: true })

const totals = { passed: 0, failed: 0, skipped: 0 }
const lines = []

function run(label, command, args, env = {}) {
  const started = Date.now()
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`)
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return { code: child.status ?? 1, seconds: ((Date.now() - started) / 1000).toFixed(1) }
}

/** A step that is one check: it passes or fails as a whole. */
function check(label, command, args) {
  const { code, seconds } = run(label, command, args)
  if (code === 0) totals.passed += 1
  else totals.failed += 1
  lines.push(`${label}: ${code === 0 ? 'passed' : 'FAILED'} (${seconds}s)`)
  return code === 0
}

function vitest(project) {
  const file = join(results, `vitest-${project}.json`)
  const { code, seconds } = run(`${project} tests`, 'npx', [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ])
  count(`${project} tests`, code, seconds, () => {
    const r = JSON.parse(readFileSync(file, 'utf8'))
    return {
      passed: r.numPassedTests,
      failed: r.numFailedTests,
      skipped: r.numPendingTests + r.numTodoTests,
    }
  })
}

function playwright() {
  const file = join(results, 'playwright.json')
  const { code, seconds } = run('e2e tests', 'npx', ['playwright', 'test'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: file,
  })
  count('e2e tests', code, seconds, () => {
    const s = JSON.parse(readFileSync(file, 'utf8')).stats
    return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped }
  })
}

function count(label, code, seconds, read) {
  let c = { passed: 0, failed: 1, skipped: 0 }
  try {
    c = read()
  } catch {
    // No report: the runner itself failed; count that as one failure.
  }
  if (code !== 0 && c.failed === 0) c.failed = 1
  totals.passed += c.passed
  totals.failed += c.failed
  totals.skipped += c.skipped
  lines.push(`${label}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped (${seconds}s)`)
}

check('typecheck', 'npm', ['run', '--silent', 'typecheck'])
check('lint', 'npm', ['run', '--silent', 'lint'])
// Scans the sources (core/, main/, preload/, renderer/), not out/: see the script's header.
check('electronegativity', 'node', ['scripts/electronegativity.mjs'])
const built = check('build', 'npx', ['electron-vite', 'build'])
vitest('unit')
vitest('integration')
if (built && existsSync('out/renderer/index.html')) playwright()
else lines.push('e2e tests: not run (the build failed)')

console.log('\n=== Summary')
for (const line of lines) console.log(line)
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed === 0 ? 0 : 1)
