import { useLayoutEffect, useState, type RefObject } from 'react'
import type { LayerLink } from '../../../preload/contract'

interface LinkOverlayProps {
  container: RefObject<HTMLDivElement | null>
  links: LayerLink[]
  /** Links touching these nodes are drawn strong; the rest faint. */
  highlighted: ReadonlySet<string> | null
  /** Changes whenever the cards move (selection, data). */
  layoutKey: string
}

interface Path {
  key: string
  d: string
  strong: boolean
}

/** Draws the links between map cards as curves, measured from the rendered cards. */
export function LinkOverlay({ container, links, highlighted, layoutKey }: LinkOverlayProps) {
  const [paths, setPaths] = useState<Path[]>([])
  const [size, setSize] = useState({ width: 0, height: 0 })

  useLayoutEffect(() => {
    const root = container.current
    if (!root) return
    const measure = () => {
      const box = root.getBoundingClientRect()
      const rects = new Map<string, DOMRect>()
      for (const el of root.querySelectorAll<HTMLElement>('[data-node-id]')) {
        rects.set(el.dataset['nodeId'] ?? '', el.getBoundingClientRect())
      }
      const next: Path[] = []
      for (const link of links) {
        const a = rects.get(link.from)
        const b = rects.get(link.to)
        if (!a || !b) continue
        // Draw from the facing edges, whichever side each card is on.
        const leftToRight = a.left <= b.left
        const x1 = (leftToRight ? a.right : a.left) - box.left
        const x2 = (leftToRight ? b.left : b.right) - box.left
        const y1 = a.top + a.height / 2 - box.top
        const y2 = b.top + b.height / 2 - box.top
        const bend = (x2 - x1) / 2
        next.push({
          key: `${link.from}>${link.to}`,
          d: `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`,
          strong: highlighted === null || (highlighted.has(link.from) && highlighted.has(link.to)),
        })
      }
      setPaths(next)
      setSize({ width: box.width, height: box.height })
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(root)
    return () => observer.disconnect()
  }, [container, links, highlighted, layoutKey])

  return (
    <svg className="link-overlay" width={size.width} height={size.height} aria-hidden="true">
      {paths.map((p) => (
        <path key={p.key} d={p.d} className={p.strong ? 'link strong' : 'link faint'} />
      ))}
    </svg>
  )
}
