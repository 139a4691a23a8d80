/**
 * The files a run wrote, from its output nodes' UI entries: any list of
 * `{ filename, subfolder, type }` items (SaveText's `texts`, SaveImage's `images`, ...).
 */
import path from 'node:path'
import type { UiOutput } from '@latentflow/engine'
import type { FileLocations } from '@latentflow/nodes'

/** Absolute paths of the files named in the outputs, in output order, without repeats. */
export function writtenFiles(outputs: Readonly<Record<string, UiOutput>>, files: FileLocations): string[] {
  const found = new Set<string>()
  for (const ui of Object.values(outputs)) {
    for (const entries of Object.values(ui)) {
      if (!Array.isArray(entries)) continue
      for (const entry of entries) {
        if (typeof entry !== 'object' || entry === null || typeof entry.filename !== 'string') continue
        const base = entry.type === 'temp' ? files.tempDir : entry.type === 'input' ? files.inputDir : files.outputDir
        const subfolder = typeof entry.subfolder === 'string' ? entry.subfolder : ''
        found.add(path.join(base, subfolder, entry.filename))
      }
    }
  }
  return [...found]
}

/** A path relative to `cwd` when it lies inside it, else absolute: what people read best. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file)
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file
}
