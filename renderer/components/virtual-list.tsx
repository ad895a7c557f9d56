import { useState, type ReactNode } from 'react'

interface VirtualListProps<T> {
  items: readonly T[]
  rowHeight: number
  height: number
  label: string
  renderRow: (item: T, index: number) => ReactNode
  /** A header row drawn above the scrolling rows. */
  header?: ReactNode
}

const OVERSCAN = 8

/** Renders only the rows in view, so thousands of rows scroll smoothly. */
export function VirtualList<T>({
  items,
  rowHeight,
  height,
  label,
  renderRow,
  header,
}: VirtualListProps<T>) {
  const [top, setTop] = useState(0)
  const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN)
  const last = Math.min(items.length, Math.ceil((top + height) / rowHeight) + OVERSCAN)
  return (
    <div className="virtual-list" role="table" aria-label={label} aria-rowcount={items.length}>
      {header}
      <div
        className="virtual-viewport"
        role="rowgroup"
        style={{ height }}
        tabIndex={0}
        onScroll={(e) => setTop(e.currentTarget.scrollTop)}
      >
        <div style={{ height: items.length * rowHeight, position: 'relative' }}>
          {items.slice(first, last).map((item, i) => (
            <div
              key={first + i}
              role="row"
              aria-rowindex={first + i + 1}
              className="virtual-row"
              style={{
                position: 'absolute',
                top: (first + i) * rowHeight,
                height: rowHeight,
                left: 0,
                right: 0,
              }}
            >
              {renderRow(item, first + i)}
            </div>
          ))}
        </div>
      </div>
    </div>
  )
}
