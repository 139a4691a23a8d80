/**
 * The plugin API: a plugin is an ES module whose default export is `definePlugin({...})`: its
 * name, version, the plugin API it was written for, its nodes and socket types. Hosts check
 * it with {@link checkPluginCompatibility} and add its nodes with `registry.add(nodes, name)`.
 */
import type { AnyNodeDefinition } from './define-node.js'
import type { SocketType } from './socket-types.js'

/** The plugin API this engine implements. Bumped when a plugin written for it would break. */
export const PLUGIN_API_VERSION = 1

export interface PluginDefinition {
  /** npm-style package name, e.g. `latentflow-image-ops` or `@me/nodes`. Names the plugin in errors. */
  readonly name: string
  /** The plugin's own version (semver), e.g. `1.0.0`. */
  readonly version: string
  /** The plugin API it was written for: {@link PLUGIN_API_VERSION} when it was built. */
  readonly apiVersion: number
  readonly description?: string
  /** Its node definitions, made with `defineNode`. */
  readonly nodes: readonly AnyNodeDefinition[]
  /** Socket types its nodes use, made with `defineSocketType` (undeclared ones get a grey handle). */
  readonly socketTypes?: readonly SocketType[]
}

const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/

/**
 * Declares a plugin. Checks its shape (name, version, apiVersion, nodes) and freezes it; each
 * node's `run` is typed by `defineNode`.
 *
 * @example
 * export default definePlugin({
 *   name: 'latentflow-image-ops', version: '1.0.0', apiVersion: PLUGIN_API_VERSION,
 *   nodes: [Invert],
 * })
 */
export function definePlugin<const P extends PluginDefinition>(plugin: P): P {
  const problem = pluginShapeProblem(plugin)
  if (problem) throw new Error(`definePlugin: ${problem}`)
  return Object.freeze({
    ...plugin,
    nodes: Object.freeze([...plugin.nodes]),
    ...(plugin.socketTypes ? { socketTypes: Object.freeze([...plugin.socketTypes]) } : {}),
  })
}

/**
 * What is wrong with a value that should be a plugin (e.g. a module's default export), or
 * undefined when it has a plugin's shape. Checks the shape only, so a plugin built against
 * another copy of the engine still passes.
 */
export function pluginShapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return `a plugin must be an object made by definePlugin, got ${value === null ? 'null' : typeof value}`
  const plugin = value as Partial<Record<keyof PluginDefinition, unknown>>
  if (typeof plugin.name !== 'string' || !PACKAGE_NAME.test(plugin.name)) {
    return `name ${JSON.stringify(plugin.name)} must be an npm package name, e.g. "latentflow-image-ops" or "@me/nodes"`
  }
  const where = `plugin "${plugin.name}"`
  if (typeof plugin.version !== 'string' || !SEMVER.test(plugin.version)) return `${where}: version ${JSON.stringify(plugin.version)} must be a semver version such as "1.0.0"`
  if (typeof plugin.apiVersion !== 'number' || !Number.isInteger(plugin.apiVersion) || plugin.apiVersion < 1) {
    return `${where}: apiVersion must be an integer >= 1 (PLUGIN_API_VERSION), got ${JSON.stringify(plugin.apiVersion)}`
  }
  if (plugin.description !== undefined && typeof plugin.description !== 'string') return `${where}: description must be text`
  if (!Array.isArray(plugin.nodes)) return `${where}: nodes must be an array of node definitions made by defineNode`
  for (const [index, node] of (plugin.nodes as unknown[]).entries()) {
    const candidate = node as { type?: unknown; run?: unknown; inputs?: unknown; outputs?: unknown } | null
    if (typeof candidate !== 'object' || candidate === null || typeof candidate.type !== 'string' || typeof candidate.run !== 'function'
      || typeof candidate.inputs !== 'object' || typeof candidate.outputs !== 'object') {
      return `${where}: nodes[${index}] is not a node definition made by defineNode`
    }
  }
  if (plugin.socketTypes !== undefined) {
    if (!Array.isArray(plugin.socketTypes)) return `${where}: socketTypes must be an array made with defineSocketType`
    for (const [index, type] of (plugin.socketTypes as unknown[]).entries()) {
      const candidate = type as { name?: unknown; color?: unknown } | null
      if (typeof candidate?.name !== 'string' || typeof candidate.color !== 'string') return `${where}: socketTypes[${index}] is not a socket type made with defineSocketType`
    }
  }
  return undefined
}

/**
 * Why a plugin cannot run on a host implementing `hostApiVersion`, or undefined when it can.
 *
 * @example checkPluginCompatibility({ ...plugin, apiVersion: 2 }) // "plugin API 2, this Latentflow supports 1"
 */
export function checkPluginCompatibility(plugin: Pick<PluginDefinition, 'apiVersion'>, hostApiVersion: number = PLUGIN_API_VERSION): string | undefined {
  if (plugin.apiVersion === hostApiVersion) return undefined
  return `plugin API ${plugin.apiVersion}, this Latentflow supports ${hostApiVersion}`
}
