import { useEffect, useId, useRef, type ReactNode } from 'react'

interface ModalDialogProps {
  title: string
  /** Called on Escape, on the close button, and by the parent's own buttons. */
  onClose: () => void
  children: ReactNode
  /** Shown beside the title, e.g. a "Production" marker. */
  badge?: ReactNode
}

/**
 * A modal on the native `<dialog>`: focus is kept inside, Escape closes it, and focus returns to
 * where it was when it closes.
 */
export function ModalDialog({ title, onClose, children, badge }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    const previous = document.activeElement as HTMLElement | null
    if (dialog && !dialog.open) dialog.showModal()
    return () => previous?.focus()
  }, [])
  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      <header className="modal-header">
        <h2 id={titleId}>{title}</h2>
        {badge}
        <button type="button" className="button small" aria-label="Close" onClick={onClose}>
          ✕
        </button>
      </header>
      {children}
    </dialog>
  )
}
