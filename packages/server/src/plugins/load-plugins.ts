/**
 * `loadPlugins(registry, sources)`: every plugin of the sources, one after another, into the
 * registry. A plugin that fails (throws on import, a bad default export, an incompatible API or
 * engine, a taken node type) is recorded with its reason and skipped; the others carry on.
 */
import type { NodeRegistry } from '@latentflow/engine'
import { loadPlugin, type LoadPluginOptions } from './load-plugin.js'
import { PluginLoadError, type FailedPlugin, type LoadedPlugin, type PluginReport } from './plugin-report.js'
import { findPluginCandidates, type PluginSources } from './plugin-sources.js'

export type LoadPluginsOptions = Omit<LoadPluginOptions, 'loadedNames'>

/**
 * @example
 * const registry = createDefaultRegistry()
 * const report = await loadPlugins(registry, pluginSources({ cwd: process.cwd() }))
 * for (const { name, error } of report.failed) console.warn(`plugin ${name} failed: ${error}`)
 */
export async function loadPlugins(registry: NodeRegistry, sources: PluginSources, options: LoadPluginsOptions = {}): Promise<PluginReport> {
  const { candidates, failed: notFound } = findPluginCandidates(sources)
  const loaded: LoadedPlugin[] = []
  const failed: FailedPlugin[] = [...notFound]
  const loadedNames = new Map<string, string>()
  for (const { dir } of candidates) {
    try {
      const plugin = await loadPlugin(dir, registry, { ...options, loadedNames })
      loaded.push(plugin)
      loadedNames.set(plugin.name, dir)
    } catch (error) {
      const name = error instanceof PluginLoadError ? error.pluginName : undefined
      failed.push({ ...(name !== undefined ? { name } : {}), path: dir, error: error instanceof Error ? error.message : String(error) })
    }
  }
  return { loaded, failed }
}

/** One line per plugin that failed, e.g. `plugin "x" (/path) was not loaded: <reason>`. */
export function formatPluginFailures(report: PluginReport): string[] {
  return report.failed.map((failure) => `warning: plugin ${failure.name !== undefined ? `"${failure.name}" ` : ''}(${failure.path}) was not loaded: ${failure.error}`)
}
