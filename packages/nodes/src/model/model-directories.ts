/**
 * Where LoadModel looks for model folders: the repository's `models/` (the embedded tiny
 * model), `LATENTFLOW_MODELS` (paths separated by the platform's delimiter) and `--models`.
 */
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The `models/` folder that ships with Latentflow (same depth from src/ and dist/). */
export const BUNDLED_MODELS_DIR = fileURLToPath(new URL('../../../../models', import.meta.url))

/** The model directories in search order: explicit ones, then LATENTFLOW_MODELS, then the bundled one. */
export function modelDirectories(explicit: readonly string[] = [], env: string | undefined = process.env.LATENTFLOW_MODELS): string[] {
  const fromEnv = env ? env.split(path.delimiter).filter((entry) => entry !== '') : []
  const all = [...explicit, ...fromEnv, BUNDLED_MODELS_DIR].map((dir) => path.resolve(dir))
  return [...new Set(all)]
}

/**
 * Model folders (sub-folders with a `model_index.json`) by name; when two directories hold
 * the same name, the earlier directory wins.
 */
export function listModelFolders(directories: readonly string[]): Map<string, string> {
  const folders = new Map<string, string>()
  for (const directory of directories) {
    let entries
    try {
      entries = readdirSync(directory, { withFileTypes: true })
    } catch {
      continue // a configured directory that does not exist yet lists nothing
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const dir = path.join(directory, entry.name)
      if (entry.isDirectory() && !folders.has(entry.name) && existsSync(path.join(dir, 'model_index.json'))) folders.set(entry.name, dir)
    }
  }
  return folders
}
