import { describe, expect, it } from 'vitest'
import type { Result, UserScenario } from '../../../preload/contract'
import {
  BLANK_SCENARIO,
  createSimulatorStore,
} from '../../../renderer/features/simulator/simulator-store'

function fakeSimulatorApi(answer?: Result<UserScenario>) {
  const asked: string[] = []
  const api = {
    getUserScenario: ({ userId }: { userId: string }): Promise<Result<UserScenario>> => {
      asked.push(userId)
      return Promise.resolve(
        answer ?? {
          ok: true,
          value: {
            fileName: `${userId}.scenario.json`,
            json: `// read from the tenant\n${JSON.stringify(BLANK_SCENARIO)}`,
          },
        },
      )
    },
  }
  return { api, asked }
}

describe('simulator store', () => {
  it('runs the blank scenario, with the layers alive after each step', () => {
    const store = createSimulatorStore(fakeSimulatorApi().api)
    store.getState().blank()
    const s = store.getState()
    expect(s).toMatchObject({ status: 'ready', invalid: null, source: 'blank scenario' })
    expect(s.outcome?.steps).toHaveLength(1)
    expect(s.aliveAfter).toHaveLength(1)
    // The store works on a copy: editing it never changes the template.
    store.getState().addStep({ do: 'local_logout', client_id: 'app' })
    expect(BLANK_SCENARIO.steps).toHaveLength(1)
  })

  it('re-runs on every step edit', () => {
    const store = createSimulatorStore(fakeSimulatorApi().api)
    store.getState().blank()
    store.getState().addStep({ do: 'local_logout', client_id: 'app' })
    expect(store.getState().outcome?.steps).toHaveLength(2)
    expect(store.getState().aliveAfter).toHaveLength(2)
    store.getState().updateStep(1, { do: 'nonsense' })
    expect(store.getState().invalid).toMatch(/steps/)
    expect(store.getState().outcome).toBeNull()
    store.getState().removeStep(1)
    expect(store.getState().invalid).toBeNull()
    expect(store.getState().outcome?.steps).toHaveLength(1)
  })

  it('edits do nothing before a scenario is loaded', () => {
    const store = createSimulatorStore(fakeSimulatorApi().api)
    store.getState().addStep({ do: 'local_logout', client_id: 'app' })
    expect(store.getState()).toMatchObject({ doc: null, status: 'idle' })
  })

  it('imports JSON with comments and exports what it holds', () => {
    const store = createSimulatorStore(fakeSimulatorApi().api)
    store.getState().importText(`{ /* mine */ "steps": [] } // end`, 'mine.json')
    expect(store.getState()).toMatchObject({ status: 'ready', source: 'mine.json' })
    expect(JSON.parse(store.getState().exportText())).toEqual({ steps: [] })
  })

  it.each([
    ['not JSON', 'steps: []', /Not a JSON file/],
    ['an array', '[]', /JSON object/],
    ['a string', '"scenario"', /JSON object/],
    ['null', 'null', /JSON object/],
  ])('refuses a file that is %s', (_what, text, message) => {
    const store = createSimulatorStore(fakeSimulatorApi().api)
    store.getState().importText(text, 'bad.json')
    expect(store.getState().status).toBe('error')
    expect(store.getState().loadError?.code).toBe('INVALID_INPUT')
    expect(store.getState().loadError?.message).toMatch(message)
  })

  it('a file without steps loads with none', () => {
    const store = createSimulatorStore(fakeSimulatorApi().api)
    store.getState().importText('{ "steps": "none" }', 'odd.json')
    expect(store.getState().doc?.steps).toEqual([])
  })

  it('builds the scenario of a user from the tenant, or shows why it cannot', async () => {
    const { api, asked } = fakeSimulatorApi()
    const store = createSimulatorStore(api)
    const loading = store.getState().fromUser('auth0|alice')
    expect(store.getState().status).toBe('loading')
    await loading
    expect(asked).toEqual(['auth0|alice'])
    expect(store.getState()).toMatchObject({ status: 'ready', source: 'user auth0|alice' })

    const failing = createSimulatorStore(
      fakeSimulatorApi({ ok: false, error: { code: 'FORBIDDEN', message: 'Missing read:users.' } })
        .api,
    )
    await failing.getState().fromUser('auth0|alice')
    expect(failing.getState()).toMatchObject({
      status: 'error',
      loadError: { code: 'FORBIDDEN', message: 'Missing read:users.' },
    })
  })
})
