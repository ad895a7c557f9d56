import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { startSandbox } from '../main/sandbox/server'
import type { SandboxRefreshToken, SandboxSession } from '../main/sandbox/types'
import { buildUserLayers, type LayerInput } from '../core/layers/layer-model'
import { RENDERER_DIR, startTestNodeApp } from '../tests/helpers/node-app'

const SESSIONS = 5000
const TOKENS = 5000
const RUNS = 5
const BIG_USER = 'google-oauth2|104729384756102938475' // alice, the Sandbox's best-known demo user

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0

// Runs in the page: scroll the full session list for 120 frames, answer each frame's duration.
const SCROLL_SCRIPT = `(async () => {
  const viewport = document.querySelector('.virtual-viewport')
  if (!viewport) return []
  const deltas = []
  let last = performance.now()
  for (let i = 0; i < 120; i++) {
    viewport.scrollTop += 120
    await new Promise((r) => requestAnimationFrame(r))
    const t = performance.now()
    deltas.push(t - last)
    last = t
  }
  return deltas
})()`

/** Give one user 5,000 sessions and 5,000 refresh tokens (half bound) in the Sandbox's store. */
function growUser(store: Awaited<ReturnType<typeof startSandbox>>['store']) {
  const template = store.listSessions(BIG_USER)[0]
  const tokenTemplate = store.listRefreshTokens(BIG_USER)[0]
  if (!template || !tokenTemplate) throw new Error('demo user has no session or token to copy')
  for (let i = 0; i < SESSIONS; i++) {
    const s: SandboxSession = {
      ...template,
      id: `bench-s-${i}`,
      device: { ...template.device, last_ip: `198.51.100.${i % 250}` },
    }
    store.putSession(s)
  }
  for (let i = 0; i < TOKENS; i++) {
    const t: SandboxRefreshToken = {
      ...tokenTemplate,
      id: `bench-rt-${i}`,
      session_id: i % 2 === 0 ? `bench-s-${i}` : null,
    }
    store.putRefreshToken(t)
  }
}

/** Build the renderer if it is not built yet (its output goes to stderr: stdout is JSON lines). */
function ensureRendererBuilt() {
  if (existsSync(join(RENDERER_DIR, 'index.html'))) return
  const built = spawnSync('npx', ['electron-vite', 'build'], { stdio: ['ignore', 2, 2] })
  if (built.status !== 0) throw new Error('electron-vite build failed')
}

/** Layer model build time in Node, and first render + scroll smoothness in Chromium. */
export async function benchSessionLayers(): Promise<Record<string, unknown>> {
  ensureRendererBuilt()
  const sandbox = await startSandbox({
    seed: 'demo',
    rateLimit: { burst: 100_000, perSecond: 100_000 },
  })
  growUser(sandbox.store)

  // 1. The pure model, as main builds it.
  const input: LayerInput = {
    tenantId: 'sandbox',
    user: sandbox.store.getUser(BIG_USER) as LayerInput['user'],
    sessions: sandbox.store.listSessions(BIG_USER),
    refreshTokens: sandbox.store.listRefreshTokens(BIG_USER),
    clients: [...sandbox.store.clients],
    connections: [...sandbox.store.connections],
  }
  const modelTimes: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    buildUserLayers(input, new Date())
    modelTimes.push(performance.now() - t0)
  }

  // 2. The map in Chromium through the web host, against the real Sandbox over HTTP.
  const app = await startTestNodeApp({
    rendererDir: RENDERER_DIR,
    launchSandbox: async () => sandbox,
  })
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  })
  const renderTimes: number[] = []
  let frames: number[] = []
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await page.goto(app.host.openUrl)
    await page.getByRole('navigation', { name: 'Main' }).waitFor()
    for (let i = 0; i < RUNS; i++) {
      await page.evaluate(() => performance.clearMarks())
      await page.getByRole('combobox').fill('alice@example.com')
      await page.getByRole('option').first().click()
      await page.locator('[data-node-id^="session:"]').first().waitFor()
      await page.waitForFunction(
        () => performance.getEntriesByName('session-console:map-rendered').length > 0,
      )
      renderTimes.push(
        await page.evaluate(() => {
          const a = performance.getEntriesByName('session-console:layers-received').at(-1)
          const b = performance.getEntriesByName('session-console:map-rendered').at(-1)
          return a && b ? b.startTime - a.startTime : Number.NaN
        }),
      )
      await page.getByRole('combobox').fill('')
    }
    frames = await page.evaluate<number[]>(SCROLL_SCRIPT)
  } finally {
    await browser.close()
    await app.close()
    await sandbox.close()
  }
  return {
    bench: 'session-layers',
    sessions: SESSIONS + 3,
    tokens: TOKENS + 2,
    model_ms: Number(median(modelTimes).toFixed(1)),
    first_render_ms: Number(median(renderTimes).toFixed(1)),
    scroll_p95_frame_ms: Number(percentile(frames, 0.95).toFixed(1)),
    runs: RUNS,
    target_ms: 200,
  }
}
