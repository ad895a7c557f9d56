import { useEffect } from 'react'
import { configStore } from '../../stores'

/**
 * Ctrl+Z undoes the last draft edit, Ctrl+Shift+Z and Ctrl+Y redo it (⌘ on macOS), anywhere on
 * the screen: every form control there edits the draft, so the draft's history is the undo
 * history. Controls marked `data-native-undo` (filters, file names) keep the browser's own.
 */
export function useUndoKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return
      const key = e.key.toLowerCase()
      const isUndo = key === 'z' && !e.shiftKey
      const isRedo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey)
      if (!isUndo && !isRedo) return
      const target = e.target instanceof Element ? e.target : null
      if (target?.closest('[data-native-undo], dialog')) return
      const state = configStore.getState()
      if (state.push.phase !== 'closed') return
      e.preventDefault()
      if (isUndo) state.undo()
      else state.redo()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
