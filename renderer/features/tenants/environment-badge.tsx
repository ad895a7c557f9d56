import type { TenantSummary } from '../../../preload/contract'
import { environmentLabels } from './labels'

interface EnvironmentBadgeProps {
  tenant: Pick<TenantSummary, 'kind' | 'environment'>
}

/** "Sandbox", or the environment tag; production in a warning colour. */
export function EnvironmentBadge({ tenant }: EnvironmentBadgeProps) {
  if (tenant.kind === 'sandbox') return <span className="badge sandbox">Sandbox</span>
  return (
    <span className={`badge env-${tenant.environment}`}>
      {environmentLabels[tenant.environment]}
    </span>
  )
}
