/** The append-only activity log. */

import type { Environment } from './tenants'

/** One line of the append-only activity log. Never a secret or token. */
export interface ActivityEntry {
  id: string
  time: string
  tenantId: string
  tenantName: string
  environment: Environment | 'sandbox'
  operatorReason?: string
  action: string
  targets: { kind: string; id: string; label: string }[]
  outcome: {
    status: 'completed' | 'partial' | 'failed' | 'cancelled' | 'started'
    ended: number
    pending: number
    failed: number
    details?: string
  }
  jobId?: string
}
