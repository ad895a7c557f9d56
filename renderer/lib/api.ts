import type { ConsoleApi } from '../../preload/contract'

/** The only place that touches `window.api`; stores receive it from here. */
export const api: ConsoleApi = window.api
