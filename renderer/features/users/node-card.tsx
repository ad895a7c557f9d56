import type { ReactNode } from 'react'

export interface NodeCardProps {
  nodeId: string
  title: ReactNode
  children?: ReactNode
  selected: boolean
  /** Highlighted as depending on the selected node, dimmed as unrelated, or neither. */
  emphasis: 'selected' | 'dependent' | 'dimmed' | 'none'
  tone?: 'warning' | 'danger' | 'muted'
  onSelect: (id: string) => void
}

/** One node of the layer map: a keyboard-reachable button that selects it. */
export function NodeCard({
  nodeId,
  title,
  children,
  selected,
  emphasis,
  tone,
  onSelect,
}: NodeCardProps) {
  return (
    <button
      type="button"
      data-node-id={nodeId}
      className={`node-card ${emphasis} ${tone ?? ''}`}
      aria-pressed={selected}
      onClick={() => onSelect(nodeId)}
    >
      <span className="node-title">{title}</span>
      {children}
    </button>
  )
}
