/**
 * Loads one plugin folder into a registry: package.json, the engine range, `import()` of the
 * entry, its default export's shape, the plugin API version, then its socket types and nodes.
 * Any failure throws a PluginLoadError and registers nothing of the plugin.
 */
import { pathToFileURL } from 'node:url'
import { checkPluginCompatibility, DuplicateNodeTypeError, pluginShapeProblem, type NodeRegistry, type PluginDefinition } from '@latentflow/engine'
import { checkEngineRange } from './engine-compatibility.js'
import { readPluginPackage } from './plugin-package.js'
import { PluginLoadError, type LoadedPlugin } from './plugin-report.js'

export interface LoadPluginOptions {
  /** Plugin names loaded already, with their folders: a second plugin of a name is refused. */
  readonly loadedNames?: ReadonlyMap<string, string>
  /** The host's @latentflow/engine version. @default the installed one */
  readonly engineVersion?: string
  /** The host's plugin API. @default PLUGIN_API_VERSION */
  readonly apiVersion?: number
}

export async function loadPlugin(dir: string, registry: NodeRegistry, options: LoadPluginOptions = {}): Promise<LoadedPlugin> {
  const pkg = readPluginPackage(dir)
  const fail = (message: string, name = pkg.name) => new PluginLoadError(message, name)
  if (pkg.engineRange !== undefined) {
    const problem = checkEngineRange(pkg.engineRange, ...(options.engineVersion !== undefined ? [options.engineVersion] : []))
    if (problem) throw fail(problem)
  }

  let module: { default?: unknown }
  try {
    module = (await import(pathToFileURL(pkg.entry).href)) as { default?: unknown }
  } catch (error) {
    throw fail(`importing ${pkg.entry} failed: ${error instanceof Error ? error.message : String(error)}`)
  }
  const shapeProblem = pluginShapeProblem(module.default)
  if (shapeProblem) throw fail(`the default export is not a plugin made by definePlugin: ${shapeProblem}`)
  const plugin = module.default as PluginDefinition
  const incompatible = checkPluginCompatibility(plugin, ...(options.apiVersion !== undefined ? [options.apiVersion] : []))
  if (incompatible) throw fail(incompatible, plugin.name)
  const loadedFrom = options.loadedNames?.get(plugin.name)
  if (loadedFrom !== undefined) throw fail(`a plugin named "${plugin.name}" is already loaded from ${loadedFrom}`, plugin.name)

  // Refuse a taken type before adding anything, so socket types are not added for nothing.
  const seen = new Set<string>()
  for (const node of plugin.nodes) {
    const existing = registry.get(node.type)
    if (existing || seen.has(node.type)) {
      const owner = existing ? (existing.plugin ?? 'the built-in nodes') : `${plugin.name} itself`
      throw fail(new DuplicateNodeTypeError(node.type, owner).message, plugin.name)
    }
    seen.add(node.type)
  }
  try {
    registry.addSocketTypes(plugin.socketTypes ?? [])
    registry.add(plugin.nodes, plugin.name)
  } catch (error) {
    throw fail((error as Error).message, plugin.name)
  }
  return {
    name: plugin.name,
    version: plugin.version,
    path: dir,
    ...(plugin.description !== undefined ? { description: plugin.description } : {}),
    nodes: plugin.nodes.map((node) => node.type),
  }
}
