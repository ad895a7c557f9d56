import { importDeployFiles, type DeployFile } from '../../../core/config/deploy-format'
import {
  fieldDef,
  sameValue,
  type JsonValue,
  type TenantConfiguration,
} from '../../../core/config/model'

/** What reading picked files as a Deploy CLI export gave. */
export type PickedImport =
  | { ok: true; name: string; config: TenantConfiguration; warnings: string[] }
  | { ok: false; name: string; error: string }

/** A name for what was picked: the file name, or the folder name followed by `/`. */
export function pickedName(files: readonly File[]): string {
  const first = files[0]
  if (!first) return ''
  const relative = first.webkitRelativePath
  return relative ? `${relative.split('/')[0] ?? ''}/` : first.name
}

const topLevelKeys = new Set(['tenant', 'clients', 'connections', 'databases'])

/**
 * The Deploy CLI path a single picked `.json` file stands for. `tenant.json` is the directory
 * format's tenant file; another JSON file holding `tenant:`/`clients:`/`connections:` is the YAML
 * format written as JSON (JSON is YAML); any other JSON object is read as tenant settings.
 */
function singleJsonPath(name: string, content: string): string {
  if (name === 'tenant.json') return name
  try {
    const value: unknown = JSON.parse(content)
    if (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.keys(value).some((k) => topLevelKeys.has(k))
    ) {
      return `${name.replace(/\.json$/i, '')}.yaml`
    }
  } catch {
    // Invalid JSON: read as tenant.json, whose reader names the line and column.
  }
  return 'tenant.json'
}

/**
 * The files the user picked, as `importDeployFiles` reads them: a folder picked with
 * `webkitdirectory` keeps its relative paths (the reader drops the folder's own name); a single
 * file keeps its name, a single `.json` file is mapped by {@link singleJsonPath}.
 */
export async function readDeployFiles(files: readonly File[]): Promise<DeployFile[]> {
  const read = await Promise.all(
    files.map(async (file) => ({
      path: file.webkitRelativePath || file.name,
      content: await file.text(),
    })),
  )
  const only = read[0]
  if (read.length === 1 && only && !only.path.includes('/') && /\.json$/i.test(only.path)) {
    return [{ path: singleJsonPath(only.path, only.content), content: only.content }]
  }
  return read
}

/** Reads picked files (a `tenant.yaml`, a `.json`, or a directory export) as a configuration. */
export async function readPickedImport(list: FileList | null): Promise<PickedImport | null> {
  const files = list ? [...list] : []
  if (files.length === 0) return null
  const name = pickedName(files)
  const result = importDeployFiles(await readDeployFiles(files), { name })
  return result.ok
    ? { ok: true, name, config: result.config, warnings: result.warnings }
    : { ok: false, name, error: result.error }
}

/** What importing an export into the draft would change. */
export interface ImportPlan {
  edits: { resource: string; field: string; after: JsonValue }[]
  /** Resources of the file this tenant does not have (creating resources is not supported). */
  skipped: string[]
}

/**
 * The edits that make the draft take an imported export's values: every modelled field the file
 * sets and the draft holds differently, on resources the draft has. Fields the file leaves out
 * stay as they are, as a Deploy CLI deploy leaves them.
 */
export function planImport(
  working: TenantConfiguration,
  imported: TenantConfiguration,
): ImportPlan {
  const edits: ImportPlan['edits'] = []
  const skipped: string[] = []
  for (const [key, resource] of Object.entries(imported.resources)) {
    const mine = working.resources[key]
    if (!mine) {
      skipped.push(key)
      continue
    }
    for (const [field, value] of Object.entries(resource.fields)) {
      if (fieldDef(resource.kind, field) === undefined) continue
      if (!sameValue(mine.fields[field], value)) edits.push({ resource: key, field, after: value })
    }
  }
  return { edits, skipped }
}
