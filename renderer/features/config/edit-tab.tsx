import { useMemo } from 'react'
import type { PlanTier } from '../../../preload/contract'
import type { FieldDifference } from '../../../core/config/diff'
import type { TenantConfiguration } from '../../../core/config/model'
import { consequencesOf } from '../../../core/config/consequences'
import { validateConfig } from '../../../core/config/validate'
import { useConfig } from '../../stores'
import { ResourceForm } from './resource-form'
import { ResourceList } from './resource-list'

interface EditTabProps {
  config: TenantConfiguration
  snapshot: TenantConfiguration
  differences: FieldDifference[]
  plan: PlanTier | null
}

/** The resource list and the selected resource's form. */
export function EditTab({ config, snapshot, differences, plan }: EditTabProps) {
  const selected = useConfig((s) => s.selected)
  const changed = useMemo(() => new Set(differences.map((d) => d.resource)), [differences])
  const invalid = useMemo(
    () =>
      new Set(
        validateConfig(config, plan)
          .filter((p) => p.severity === 'error')
          .map((p) => p.resource),
      ),
    [config, plan],
  )
  const consequences = useMemo(() => consequencesOf(config, snapshot), [config, snapshot])
  return (
    <div className="config-edit">
      <ResourceList config={config} changed={changed} invalid={invalid} />
      <ResourceForm
        resource={selected}
        config={config}
        snapshot={snapshot}
        plan={plan}
        consequences={consequences}
      />
    </div>
  )
}
