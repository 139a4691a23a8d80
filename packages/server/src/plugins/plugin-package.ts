/**
 * A plugin's package.json: its name, the entry module and the engine range it needs.
 *
 *     { "name": "latentflow-image-ops", "type": "module",
 *       "latentflow": { "plugin": "./dist/index.js", "engine": "^0.1.0" } }
 *
 * The entry is `latentflow.plugin`, else `exports` (".", its "import" or "default"), else `main`,
 * else `index.js`.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { PluginLoadError } from './plugin-report.js'

export interface PluginPackage {
  readonly name?: string
  readonly version?: string
  /** The entry module's absolute path. */
  readonly entry: string
  /** `latentflow.engine`: the @latentflow/engine versions it works with, e.g. `^0.1.0`. */
  readonly engineRange?: string
}

interface Manifest {
  name?: unknown
  version?: unknown
  main?: unknown
  exports?: unknown
  latentflow?: { plugin?: unknown; engine?: unknown }
}

/** Reads `<dir>/package.json`; throws a PluginLoadError saying what is missing. */
export function readPluginPackage(dir: string): PluginPackage {
  const file = path.join(dir, 'package.json')
  if (!existsSync(file)) {
    throw new PluginLoadError('no package.json: a plugin folder needs one, naming its entry as "latentflow": { "plugin": "./dist/index.js" }')
  }
  let manifest: Manifest
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest
  } catch (error) {
    throw new PluginLoadError(`package.json is not valid JSON: ${(error as Error).message}`)
  }
  const name = typeof manifest.name === 'string' ? manifest.name : undefined
  const fail = (message: string) => new PluginLoadError(message, name)
  const latentflow = typeof manifest.latentflow === 'object' && manifest.latentflow !== null ? manifest.latentflow : {}
  if (latentflow.engine !== undefined && typeof latentflow.engine !== 'string') throw fail('"latentflow.engine" in package.json must be a semver range, e.g. "^0.1.0"')
  const relative = entryOf(manifest, latentflow.plugin)
  if (relative === undefined) throw fail('package.json names no entry: add "latentflow": { "plugin": "./dist/index.js" }')
  const entry = path.resolve(dir, relative)
  if (!existsSync(entry)) throw fail(`the entry ${relative} does not exist (is the plugin built?)`)
  return {
    ...(name !== undefined ? { name } : {}),
    ...(typeof manifest.version === 'string' ? { version: manifest.version } : {}),
    entry,
    ...(typeof latentflow.engine === 'string' ? { engineRange: latentflow.engine } : {}),
  }
}

function entryOf(manifest: Manifest, plugin: unknown): string | undefined {
  if (typeof plugin === 'string') return plugin
  const fromExports = exportTarget(manifest.exports)
  if (fromExports !== undefined) return fromExports
  if (typeof manifest.main === 'string') return manifest.main
  return 'index.js'
}

/** The file `import "<package>"` gets from an `exports` field: a string, `"."`, `import` or `default`. */
function exportTarget(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports
  if (Array.isArray(exports)) {
    for (const item of exports) {
      const target = exportTarget(item)
      if (target !== undefined) return target
    }
    return undefined
  }
  if (typeof exports !== 'object' || exports === null) return undefined
  const map = exports as Record<string, unknown>
  if (Object.hasOwn(map, '.')) return exportTarget(map['.'])
  for (const condition of ['import', 'node', 'default']) {
    if (Object.hasOwn(map, condition)) {
      const target = exportTarget(map[condition])
      if (target !== undefined) return target
    }
  }
  return undefined
}
