import { ModalDialog } from '../../components/modal-dialog'
import { configStore, useConfig } from '../../stores'

interface ConfigDialogsProps {
  discarding: boolean
  changeCount: number
  onCloseDiscard: () => void
}

const fields = (n: number) => `${n} changed field${n === 1 ? '' : 's'}`

/** The two confirmations that can lose edits: discarding the draft, and pulling over it. */
export function ConfigDialogs({ discarding, changeCount, onCloseDiscard }: ConfigDialogsProps) {
  const pullConflict = useConfig((s) => s.pull.status === 'conflict')
  const store = configStore.getState()
  if (discarding) {
    return (
      <ModalDialog title="Discard the draft?" onClose={onCloseDiscard}>
        <p>
          The draft ({fields(changeCount)}) and its undo history are deleted from this computer. The
          snapshot stays; nothing changes on the tenant.
        </p>
        <div className="actions">
          <button type="button" className="button" onClick={onCloseDiscard} autoFocus>
            Keep the draft
          </button>
          <button
            type="button"
            className="button danger-solid"
            onClick={() => {
              onCloseDiscard()
              void store.discardDraft()
            }}
          >
            Discard draft
          </button>
        </div>
      </ModalDialog>
    )
  }
  if (pullConflict) {
    return (
      <ModalDialog title="Pull over your draft?" onClose={() => store.cancelPull()}>
        <p>
          Your draft has {fields(changeCount)} that are not pushed. A pull replaces the snapshot and
          deletes the draft. To keep your edits, export them or push them first.
        </p>
        <div className="actions">
          <button type="button" className="button" onClick={() => store.cancelPull()} autoFocus>
            Keep my draft
          </button>
          <button
            type="button"
            className="button danger-solid"
            onClick={() => void store.pullSnapshot(true)}
          >
            Discard draft and pull
          </button>
        </div>
      </ModalDialog>
    )
  }
  return null
}
