import type { ChangeEvent } from 'react'
import { readPickedImport, type PickedImport } from './import-files'

interface DeployFilePickersProps {
  /** "Choose" in a dialog, "Add" where files pile up. */
  verb: 'Choose' | 'Add'
  /** What the picked files gave: a configuration, or why they could not be read. */
  onPicked: (result: PickedImport) => void
}

/** Two buttons: a single Deploy CLI file (`tenant.yaml`, `.json`), or a directory export. */
export function DeployFilePickers({ verb, onPicked }: DeployFilePickersProps) {
  const onFiles = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target
    const result = await readPickedImport(input.files)
    // Cleared, so that picking the same file again (after editing it) is read again.
    input.value = ''
    if (result) onPicked(result)
  }
  return (
    <>
      <label className="button file-button">
        {verb} a file…
        <input type="file" accept=".yaml,.yml,.json" onChange={(e) => void onFiles(e)} />
      </label>
      <label className="button file-button">
        {verb} a directory…
        <input type="file" {...{ webkitdirectory: '' }} onChange={(e) => void onFiles(e)} />
      </label>
    </>
  )
}
