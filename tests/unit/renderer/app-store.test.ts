import { describe, expect, it } from 'vitest'
import type { AppInfo, Result, StartupNotice } from '../../../preload/contract'
import {
  createAppStore,
  screens,
  selectInfo,
  selectNotices,
  selectScreen,
} from '../../../renderer/features/shell/app-store'

const info: AppInfo = {
  name: 'Session Console',
  version: '1.0.0',
  host: 'web',
  platform: 'linux',
  dataDir: '/tmp/session-console',
}

const notices: StartupNotice[] = [
  { id: 'n1', level: 'warning', message: 'The settings file was unreadable and was reset.' },
  { id: 'n2', level: 'info', message: 'Sandbox tenant added.' },
]

function fakeAppApi(answers: { info?: Result<AppInfo>; notices?: Result<StartupNotice[]> } = {}) {
  return {
    getAppInfo: (): Promise<Result<AppInfo>> =>
      Promise.resolve(answers.info ?? { ok: true, value: info }),
    listStartupNotices: (): Promise<Result<StartupNotice[]>> =>
      Promise.resolve(answers.notices ?? { ok: true, value: notices }),
  }
}

describe('app store', () => {
  it('loads what runs and the startup notices; a notice can be dismissed', async () => {
    const store = createAppStore(fakeAppApi())
    const loading = store.getState().load()
    expect(store.getState().status).toBe('loading')
    await loading
    expect(store.getState().status).toBe('ready')
    expect(selectInfo(store.getState())).toEqual(info)
    store.getState().dismissNotice('n1')
    expect(selectNotices(store.getState()).map((n) => n.id)).toEqual(['n2'])
  })

  it('shows the error when the app info cannot be read', async () => {
    const error = { code: 'INTERNAL', message: 'Main did not answer.' } as const
    const store = createAppStore(fakeAppApi({ info: { ok: false, error } }))
    await store.getState().load()
    expect(store.getState()).toMatchObject({ status: 'error', error, info: null })
  })

  it('still opens when only the notices cannot be read', async () => {
    const store = createAppStore(
      fakeAppApi({ notices: { ok: false, error: { code: 'STORAGE', message: 'Unreadable.' } } }),
    )
    await store.getState().load()
    expect(store.getState()).toMatchObject({ status: 'ready', notices: [] })
  })

  it('opens on the first screen and navigates', () => {
    const store = createAppStore(fakeAppApi())
    expect(selectScreen(store.getState())).toBe(screens[0].id)
    store.getState().navigate('config')
    expect(selectScreen(store.getState())).toBe('config')
  })
})
