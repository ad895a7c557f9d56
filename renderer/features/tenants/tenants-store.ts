import { createStore } from 'zustand/vanilla'
import type {
  AppError,
  ConsoleApi,
  NewTenantInput,
  TenantSnapshot,
  TenantSummary,
  TenantsOverview,
  TenantUpdateInput,
} from '../../../preload/contract'

type TenantsApi = Pick<
  ConsoleApi,
  | 'listTenants'
  | 'addTenant'
  | 'updateTenant'
  | 'removeTenant'
  | 'switchTenant'
  | 'testConnection'
  | 'getTenantSnapshot'
  | 'onTenantsChanged'
>

/** What the tenant form is doing. */
export type FormMode = { kind: 'closed' } | { kind: 'add' } | { kind: 'edit'; id: string }

/** State of the tenants domain. */
export interface TenantsState {
  status: 'idle' | 'loading' | 'ready' | 'error'
  overview: TenantsOverview
  /** The tenant whose details are shown (defaults to the active one). */
  selectedId: string | null
  error: AppError | null
  form: FormMode
  formError: AppError | null
  saving: boolean
  snapshots: Record<
    string,
    { status: 'loading' | 'ready' | 'error'; value?: TenantSnapshot; error?: AppError }
  >
  load(): Promise<void>
  select(id: string): void
  openForm(mode: FormMode): void
  add(input: NewTenantInput): Promise<boolean>
  update(input: TenantUpdateInput): Promise<boolean>
  remove(id: string): Promise<AppError | null>
  activate(id: string): Promise<void>
  test(id: string): Promise<void>
  loadSnapshot(id: string): Promise<void>
  receive(overview: TenantsOverview): void
  /** Follow main's tenant list announcements; returns the unsubscribe. */
  listen(): () => void
}

/** The tenants store, built on the API so tests can pass a fake. */
export function createTenantsStore(api: TenantsApi) {
  return createStore<TenantsState>()((set, get) => ({
    status: 'idle',
    overview: { tenants: [], activeTenantId: 'sandbox' },
    selectedId: null,
    error: null,
    form: { kind: 'closed' },
    formError: null,
    saving: false,
    snapshots: {},
    async load() {
      set({ status: 'loading', error: null })
      const res = await api.listTenants()
      if (!res.ok) return set({ status: 'error', error: res.error })
      set({ status: 'ready', overview: res.value })
      const active = res.value.tenants.find((t) => t.id === res.value.activeTenantId)
      // First run: connect the active tenant at once, so the console opens connected with data.
      if (active && active.connection.state === 'untested' && active.credentials === 'ok') {
        await get().test(active.id)
      }
    },
    select(id) {
      set({ selectedId: id })
    },
    openForm(mode) {
      set({ form: mode, formError: null })
    },
    async add(input) {
      set({ saving: true, formError: null })
      const res = await api.addTenant(input)
      if (!res.ok) {
        set({ saving: false, formError: res.error })
        return false
      }
      set({ saving: false, form: { kind: 'closed' }, selectedId: res.value.id })
      await get().test(res.value.id)
      return true
    },
    async update(input) {
      set({ saving: true, formError: null })
      const res = await api.updateTenant(input)
      if (!res.ok) {
        set({ saving: false, formError: res.error })
        return false
      }
      set({ saving: false, form: { kind: 'closed' } })
      return true
    },
    async remove(id) {
      const res = await api.removeTenant({ id })
      if (!res.ok) return res.error
      set({ overview: res.value, selectedId: null })
      return null
    },
    async activate(id) {
      const res = await api.switchTenant({ id })
      if (!res.ok) return set({ error: res.error })
      set({ overview: res.value, error: null })
      const t = res.value.tenants.find((x) => x.id === id)
      if (t && t.connection.state === 'untested' && t.credentials === 'ok') await get().test(id)
    },
    async test(id) {
      const res = await api.testConnection({ id })
      if (!res.ok) return set({ error: res.error })
      get().receive(replaceTenant(get().overview, res.value))
      if (res.value.connection.state === 'connected') await get().loadSnapshot(id)
    },
    async loadSnapshot(id) {
      set({ snapshots: { ...get().snapshots, [id]: { status: 'loading' } } })
      const res = await api.getTenantSnapshot({ id })
      set({
        snapshots: {
          ...get().snapshots,
          [id]: res.ok
            ? { status: 'ready', value: res.value }
            : { status: 'error', error: res.error },
        },
      })
    },
    receive(overview) {
      set({ overview, status: 'ready' })
    },
    listen() {
      return api.onTenantsChanged((t) => get().receive(t))
    },
  }))
}

function replaceTenant(overview: TenantsOverview, tenant: TenantSummary): TenantsOverview {
  return { ...overview, tenants: overview.tenants.map((t) => (t.id === tenant.id ? tenant : t)) }
}

/** The active tenant, if listed. */
export const selectActiveTenant = (s: TenantsState) =>
  s.overview.tenants.find((t) => t.id === s.overview.activeTenantId) ?? null

/** The tenant whose details are shown: the selected one, else the active one. */
export const selectShownTenant = (s: TenantsState) =>
  s.overview.tenants.find((t) => t.id === (s.selectedId ?? s.overview.activeTenantId)) ?? null

export const selectTenantList = (s: TenantsState) => s.overview.tenants
