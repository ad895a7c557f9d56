import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ActivityEntry, ConfigDraft, PushPreview, UserLayers } from '../../preload/contract'
import { DEMO_CLIENT_IDS } from '../../main/sandbox/seed-catalog'
import { DEMO_USERS } from '../../main/sandbox/seed-well-known'
import { startSandbox, type Sandbox } from '../../main/sandbox/server'
import { MAX_INPUT_CHARS } from '../../main/ipc/handle'
import { createTenantApi } from '../../main/tenant-backends'
import { applyEdits, newDraft, type FieldEditRequest } from '../../core/config/draft'
import type { TenantConfiguration } from '../../core/config/model'
import {
  createMemorySecretStore,
  createMemorySettings,
  createRecordingEvents,
} from '../helpers/memory-adapters'
import { someoneElseOn } from '../helpers/someone-else'
import { createTestApp, must, sharedSandbox } from '../helpers/test-app'

// Offline configuration editing against the Sandbox over real HTTP, nothing of ours faked: pull
// into files, edit, someone else changes the tenant through the Management API, preview → the
// three-way merge finds exactly that conflict, push sends only changed fields, the activity log
// records it, and a fresh snapshot follows.

const PORTAL = 'clients/Support Portal'
const DASHBOARD = 'clients/Acme Dashboard (SPA)'

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'demo' })
})
afterAll(() => sandbox.close())
beforeEach(() => sandbox.reset())

const dirs: string[] = []
const disposers: (() => Promise<void>)[] = []
afterEach(async () => {
  sandbox.setFaults({})
  for (const dispose of disposers.splice(0)) await dispose()
})
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** The app's services and invoker on a data dir, against the shared Sandbox. */
function openApp(dataDir = mkdtempSync(join(tmpdir(), 'sc-config-it-'))) {
  dirs.push(dataDir)
  const test = createTestApp({
    dataDir,
    settings: createMemorySettings(),
    secrets: createMemorySecretStore(),
    events: createRecordingEvents(),
    createApi: createTenantApi,
    launchSandbox: sharedSandbox(() => sandbox),
  })
  disposers.push(() => test.services.dispose())
  const activity = (): ActivityEntry[] =>
    readFileSync(join(dataDir, 'activity.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as ActivityEntry)
  return { ...test, dataDir, activity }
}

const someoneElse = () => someoneElseOn(sandbox)

const edit = (snapshot: TenantConfiguration, edits: FieldEditRequest[]): ConfigDraft =>
  applyEdits(newDraft(snapshot), edits)

const statusOf = (preview: PushPreview, resource: string, field: string) =>
  preview.resources.find((r) => r.resource === resource)?.fields.find((f) => f.field === field)
    ?.status

/** The draft of `snapshot` with `edits`, saved through the app. */
async function saveDraft(
  app: ReturnType<typeof openApp>,
  snapshot: TenantConfiguration,
  edits: FieldEditRequest[],
): Promise<void> {
  await must(app.call('saveConfigDraft', { tenantId: 'sandbox', draft: edit(snapshot, edits) }))
}

async function pulled(app: ReturnType<typeof openApp>) {
  const ws = await must(app.call('pullConfig', { tenantId: 'sandbox' }))
  if (!ws.snapshot) throw new Error('no snapshot after pull')
  return ws.snapshot
}

describe('offline configuration editing against the Sandbox', () => {
  it('pulls a snapshot that stays readable with no network at all', async () => {
    const app = openApp()
    const snapshot = await pulled(app)
    expect(Object.keys(snapshot.resources)).toEqual(
      expect.arrayContaining(['tenant', PORTAL, DASHBOARD, 'connections/acme-saml']),
    )
    expect(snapshot.resources[PORTAL]?.id).toBe(DEMO_CLIENT_IDS.supportPortal)
    expect(snapshot.resources['tenant']?.fields['allowed_logout_urls']).toEqual([
      'https://www.example.com/goodbye',
      'https://*.example.com/logged-out',
    ])

    // A second app on the same data folder whose tenant cannot be reached at all.
    const offline = createTestApp({
      dataDir: app.dataDir,
      createApi: createTenantApi,
      launchSandbox: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9')),
    })
    disposers.push(() => offline.services.dispose())
    const ws = await must(offline.call('getConfigWorkspace', { tenantId: 'sandbox' }))
    expect(ws.snapshot).toEqual(snapshot)
    const draft = edit(snapshot, [
      { resource: 'tenant', field: 'allowed_logout_urls', after: ['https://offline.example.com/'] },
    ])
    await must(offline.call('saveConfigDraft', { tenantId: 'sandbox', draft }))
    expect((await must(offline.call('getConfigWorkspace', { tenantId: 'sandbox' }))).draft).toEqual(
      draft,
    )
    // Pulling needs the network: a readable error, and the draft is untouched.
    const pull = await offline.call('pullConfig', { tenantId: 'sandbox', discardDraft: true })
    expect(pull.ok).toBe(false)
    expect(JSON.stringify(pull)).not.toMatch(/at .*\.ts:\d+/)
    expect((await must(offline.call('getConfigWorkspace', { tenantId: 'sandbox' }))).draft).toEqual(
      draft,
    )
  })

  it('pushes only changed fields; a field someone else changed is a conflict, the rest goes', async () => {
    const app = openApp()
    const snapshot = await pulled(app)
    const draft = edit(snapshot, [
      {
        resource: 'tenant',
        field: 'allowed_logout_urls',
        after: ['https://www.example.com/goodbye', 'https://status.example.com/bye'],
      },
      { resource: 'tenant', field: 'idle_session_lifetime', after: 90 },
      { resource: PORTAL, field: 'allowed_logout_urls', after: ['https://support.example.com/'] },
      { resource: DASHBOARD, field: 'refresh_token.idle_token_lifetime', after: 86_400 },
      {
        resource: 'connections/acme-saml',
        field: 'options.signOutEndpoint',
        after: 'https://idp.acme.example/slo-v2',
      },
    ])
    await must(app.call('saveConfigDraft', { tenantId: 'sandbox', draft }))

    const other = someoneElse()
    await other.updateClient(DEMO_CLIENT_IDS.supportPortal, {
      allowed_logout_urls: ['https://support.example.com/theirs'],
    })
    await other.updateClient(DEMO_CLIENT_IDS.dashboardSpa, {
      callbacks: ['https://d.example.com/cb'],
    })
    const samlBefore = (await other.listConnections()).find((c) => c.name === 'acme-saml')!

    const preview = await must(app.call('previewConfigPush', { tenantId: 'sandbox' }))
    expect(statusOf(preview, PORTAL, 'allowed_logout_urls')).toBe('conflict')
    expect(statusOf(preview, DASHBOARD, 'callbacks')).toBe('theirs')
    expect(statusOf(preview, 'tenant', 'allowed_logout_urls')).toBe('push')
    expect(preview.counts).toMatchObject({ push: 4, conflict: 1, theirs: 1, blocked: 0 })
    expect(preview.problems).toEqual([])

    // Every conflict needs a decision, and the confirmation is the number of fields sent.
    const unresolved = await app.call('pushConfig', {
      previewId: preview.previewId,
      resolutions: [],
      confirmation: '5',
    })
    expect(unresolved).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const resolutions = [
      { resource: PORTAL, field: 'allowed_logout_urls', take: 'theirs' as const },
    ]
    const wrong = await app.call('pushConfig', {
      previewId: preview.previewId,
      resolutions,
      confirmation: '5',
    })
    expect(wrong).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('Type 4') as unknown },
    })

    const receipt = await must(
      app.call('pushConfig', { previewId: preview.previewId, resolutions, confirmation: '4' }),
    )
    const byResource = Object.fromEntries(receipt.results.map((r) => [r.resource, r]))
    expect(byResource['tenant']).toMatchObject({ status: 'updated' })
    expect(byResource[DASHBOARD]).toMatchObject({
      status: 'updated',
      fields: ['refresh_token.idle_token_lifetime'],
    })
    expect(byResource['connections/acme-saml']).toMatchObject({ status: 'updated' })
    expect(byResource[PORTAL]).toMatchObject({ status: 'unchanged' })

    // Live: mine where pushed, theirs where taken or untouched by the draft.
    const settings = await other.getTenantSettings()
    expect(settings.allowed_logout_urls).toEqual([
      'https://www.example.com/goodbye',
      'https://status.example.com/bye',
    ])
    expect(settings.idle_session_lifetime_in_minutes ?? settings.idle_session_lifetime! * 60).toBe(
      90,
    )
    const portal = await other.getClient(DEMO_CLIENT_IDS.supportPortal)
    expect(portal.allowed_logout_urls).toEqual(['https://support.example.com/theirs'])
    const dashboard = await other.getClient(DEMO_CLIENT_IDS.dashboardSpa)
    expect(dashboard.callbacks).toEqual(['https://d.example.com/cb'])
    expect(dashboard.refresh_token).toMatchObject({ idle_token_lifetime: 86_400 })
    const saml = (await other.listConnections()).find((c) => c.name === 'acme-saml')!
    // options replaces the whole object at Auth0: every other option survives the push.
    expect(saml.options).toEqual({
      ...samlBefore.options,
      signOutEndpoint: 'https://idp.acme.example/slo-v2',
    })

    // Fresh snapshot, nothing left to push, and the activity log has start and end.
    expect(receipt.workspace.draft).toBeNull()
    expect(receipt.workspace.snapshot?.resources[PORTAL]?.fields['allowed_logout_urls']).toEqual([
      'https://support.example.com/theirs',
    ])
    const entries = app.activity().filter((e) => e.action === 'config-push')
    expect(entries.map((e) => e.outcome.status)).toEqual(['started', 'completed'])
    expect(entries[1]?.outcome).toMatchObject({ ended: 4, failed: 0 })

    // The preview is single-use.
    const again = await app.call('pushConfig', {
      previewId: preview.previewId,
      resolutions,
      confirmation: '4',
    })
    expect(again).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('“keep mine” overwrites their change for that field only', async () => {
    const app = openApp()
    const snapshot = await pulled(app)
    await saveDraft(app, snapshot, [
      {
        resource: PORTAL,
        field: 'allowed_logout_urls',
        after: ['https://support.example.com/mine'],
      },
    ])
    await someoneElse().updateClient(DEMO_CLIENT_IDS.supportPortal, {
      allowed_logout_urls: ['https://support.example.com/theirs'],
    })
    const preview = await must(app.call('previewConfigPush', { tenantId: 'sandbox' }))
    await must(
      app.call('pushConfig', {
        previewId: preview.previewId,
        resolutions: [{ resource: PORTAL, field: 'allowed_logout_urls', take: 'mine' }],
        confirmation: '1',
      }),
    )
    expect(
      (await someoneElse().getClient(DEMO_CLIENT_IDS.supportPortal)).allowed_logout_urls,
    ).toEqual(['https://support.example.com/mine'])
  })

  it('after a push the layer map reads the applications afresh, not a cached copy', async () => {
    const app = openApp()
    const alice = DEMO_USERS.alice.user_id
    const portalOf = (layers: UserLayers) =>
      layers.apps.find((a) => a.clientId === DEMO_CLIENT_IDS.supportPortal)?.backchannel
    // The layer map caches applications and connections for a minute; this read fills it.
    const before = portalOf(await must(app.call('getUserLayers', { userId: alice })))
    expect(before?.url).not.toBe('https://support.example.com/bcl-pushed')
    const snapshot = await pulled(app)
    await saveDraft(app, snapshot, [
      {
        resource: PORTAL,
        field: 'oidc_logout.backchannel_logout_urls',
        after: ['https://support.example.com/bcl-pushed'],
      },
    ])
    const preview = await must(app.call('previewConfigPush', { tenantId: 'sandbox' }))
    await must(
      app.call('pushConfig', { previewId: preview.previewId, resolutions: [], confirmation: '1' }),
    )
    const after = portalOf(await must(app.call('getUserLayers', { userId: alice })))
    expect(after?.url).toBe('https://support.example.com/bcl-pushed')
  })

  it('a change made after the preview fails that resource instead of being overwritten', async () => {
    const app = openApp()
    const snapshot = await pulled(app)
    await saveDraft(app, snapshot, [
      {
        resource: PORTAL,
        field: 'allowed_logout_urls',
        after: ['https://support.example.com/mine'],
      },
      {
        resource: 'tenant',
        field: 'allowed_logout_urls',
        after: ['https://www.example.com/x'],
      },
    ])
    const preview = await must(app.call('previewConfigPush', { tenantId: 'sandbox' }))
    await someoneElse().updateClient(DEMO_CLIENT_IDS.supportPortal, {
      allowed_logout_urls: ['https://support.example.com/late'],
    })
    const receipt = await must(
      app.call('pushConfig', { previewId: preview.previewId, resolutions: [], confirmation: '2' }),
    )
    const portal = receipt.results.find((r) => r.resource === PORTAL)
    expect(portal).toMatchObject({ status: 'failed', error: { code: 'CONFLICT' } })
    expect(receipt.results.find((r) => r.resource === 'tenant')).toMatchObject({
      status: 'updated',
    })
    expect(
      (await someoneElse().getClient(DEMO_CLIENT_IDS.supportPortal)).allowed_logout_urls,
    ).toEqual(['https://support.example.com/late'])
    // The unsent edit stays in the draft, rebased on the fresh snapshot: the next preview
    // offers exactly that field, as a conflict with the late change.
    expect(
      receipt.workspace.draft?.config.resources[PORTAL]?.fields['allowed_logout_urls'],
    ).toEqual(['https://support.example.com/mine'])
    const next = await must(app.call('previewConfigPush', { tenantId: 'sandbox' }))
    expect(next.counts).toMatchObject({ push: 1, conflict: 0 })
    expect(statusOf(next, PORTAL, 'allowed_logout_urls')).toBe('push')
    expect(app.activity().at(-1)?.outcome.status).toBe('partial')
  })

  it('a push cut short by failures resumes: the next preview sends only what did not arrive', async () => {
    const app = openApp()
    const snapshot = await pulled(app)
    await saveDraft(app, snapshot, [
      {
        resource: 'tenant',
        field: 'allowed_logout_urls',
        after: ['https://www.example.com/x'],
      },
      {
        resource: 'connections/acme-saml',
        field: 'options.disableSignout',
        after: true,
      },
    ])
    const preview = await must(app.call('previewConfigPush', { tenantId: 'sandbox' }))
    sandbox.setFaults({ failPaths: ['PATCH /api/v2/connections/*'] })
    const receipt = await must(
      app.call('pushConfig', { previewId: preview.previewId, resolutions: [], confirmation: '2' }),
    )
    expect(receipt.results.find((r) => r.resource === 'connections/acme-saml')).toMatchObject({
      status: 'failed',
      error: { code: 'REMOTE' },
    })
    sandbox.setFaults({})
    const next = await must(app.call('previewConfigPush', { tenantId: 'sandbox' }))
    expect(next.resources.map((r) => r.resource)).toEqual(['connections/acme-saml'])
    await must(
      app.call('pushConfig', { previewId: next.previewId, resolutions: [], confirmation: '1' }),
    )
    const saml = (await someoneElse().listConnections()).find((c) => c.name === 'acme-saml')!
    expect(saml.options).toMatchObject({ disableSignout: true })
  })

  it('edits made while a push was previewed are kept in the draft, not lost', async () => {
    const app = openApp()
    const snapshot = await pulled(app)
    const first = [
      { resource: 'tenant', field: 'allowed_logout_urls', after: ['https://www.example.com/a'] },
      { resource: PORTAL, field: 'allowed_logout_urls', after: ['https://support.example.com/a'] },
    ]
    await saveDraft(app, snapshot, first)
    const preview = await must(app.call('previewConfigPush', { tenantId: 'sandbox' }))
    // Meanwhile: one pushed field edited again, and a new field edited.
    await saveDraft(app, snapshot, [
      ...first,
      { resource: PORTAL, field: 'allowed_logout_urls', after: ['https://support.example.com/b'] },
      { resource: DASHBOARD, field: 'web_origins', after: ['https://dashboard.example.com'] },
    ])
    const receipt = await must(
      app.call('pushConfig', { previewId: preview.previewId, resolutions: [], confirmation: '2' }),
    )
    expect(receipt.results.every((r) => r.status === 'updated')).toBe(true)
    const fields = (key: string) => receipt.workspace.draft?.config.resources[key]?.fields
    expect(fields(PORTAL)?.['allowed_logout_urls']).toEqual(['https://support.example.com/b'])
    expect(fields(DASHBOARD)?.['web_origins']).toEqual(['https://dashboard.example.com'])
    // The tenant field was pushed as previewed and not edited since: nothing left to push there.
    const next = await must(app.call('previewConfigPush', { tenantId: 'sandbox' }))
    expect(next.resources.map((r) => r.resource).sort()).toEqual([DASHBOARD, PORTAL].sort())
  })

  it('refuses to pull over unpushed edits unless told to discard them', async () => {
    const app = openApp()
    const snapshot = await pulled(app)
    await saveDraft(app, snapshot, [{ resource: 'tenant', field: 'session_lifetime', after: 600 }])
    const refused = await app.call('pullConfig', { tenantId: 'sandbox' })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('1 unpushed change') as unknown },
    })
    expect(
      (await must(app.call('getConfigWorkspace', { tenantId: 'sandbox' }))).draft,
    ).not.toBeNull()
    const ws = await must(app.call('pullConfig', { tenantId: 'sandbox', discardDraft: true }))
    expect(ws.draft).toBeNull()
  })

  it('refuses to push a draft Auth0 would reject, and says which value', async () => {
    const app = openApp()
    const snapshot = await pulled(app)
    await saveDraft(app, snapshot, [
      {
        resource: PORTAL,
        field: 'oidc_logout.backchannel_logout_urls',
        after: ['http://support.example.com/bc'],
      },
    ])
    const preview = await must(app.call('previewConfigPush', { tenantId: 'sandbox' }))
    expect(preview.problems).toEqual([
      expect.objectContaining({ resource: PORTAL, field: 'oidc_logout.backchannel_logout_urls' }),
    ])
    const push = await app.call('pushConfig', {
      previewId: preview.previewId,
      resolutions: [],
      confirmation: '1',
    })
    expect(push).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('saves the draft of a big tenant (1,999 applications, megabytes of JSON)', async () => {
    const app = openApp()
    const snapshot = await pulled(app)
    const apps = Array.from({ length: 1999 - Object.keys(snapshot.resources).length }, (_, i) => ({
      resource: `clients/Generated app ${i}`,
      field: 'allowed_logout_urls',
      after: Array.from({ length: 12 }, (_, j) => `https://app-${i}.example.com/logged-out/${j}`),
    }))
    const draft = edit(snapshot, apps)
    expect(JSON.stringify(draft).length).toBeGreaterThan(MAX_INPUT_CHARS)
    await must(app.call('saveConfigDraft', { tenantId: 'sandbox', draft }))
    const ws = await must(app.call('getConfigWorkspace', { tenantId: 'sandbox' }))
    expect(Object.keys(ws.draft?.config.resources ?? {})).toHaveLength(1999)
  }, 30_000)

  it('refuses hostile tenant ids and drafts at the IPC boundary', async () => {
    const app = openApp()
    for (const tenantId of ['../etc', 'a/b', '..', '']) {
      const r = await app.invoke('getConfigWorkspace', { tenantId })
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    const hostile: unknown = JSON.parse(
      '{"tenantId":"sandbox","draft":{"config":{"version":1,"source":{"kind":"file","name":"x"},"resources":{"__proto__":{"kind":"tenant","name":"tenant","context":{},"fields":{}}}},"basePulledAt":"x","undo":[],"redo":[]}}',
    )
    const r = await app.invoke('saveConfigDraft', hostile)
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(({} as Record<string, unknown>)['kind']).toBeUndefined()
  })
})
