/** The plugin step of `run`, `nodes` and `serve`: `--custom-nodes <dir>`... and `--no-plugins`. */
import type { NodeRegistry } from '@latentflow/engine'
import { formatPluginFailures, loadPlugins } from '../plugins/load-plugins.js'
import { EMPTY_PLUGIN_REPORT, type PluginReport } from '../plugins/plugin-report.js'
import { pluginSources } from '../plugins/plugin-sources.js'
import type { CommandEnvironment } from './command-environment.js'

export interface PluginCommandOptions {
  /** Extra custom-nodes folders, relative to cwd (repeatable `--custom-nodes`). */
  readonly customNodes?: readonly string[]
  /** False with `--no-plugins`: load none. @default true */
  readonly plugins?: boolean
}

/**
 * Loads the plugins of `<cwd>/custom_nodes`, `--custom-nodes` folders and `latentflow.config.json`
 * into the registry; a warning on stderr names each plugin that failed, with the reason.
 */
export async function loadCommandPlugins(registry: NodeRegistry, options: PluginCommandOptions, env: CommandEnvironment): Promise<PluginReport> {
  if (options.plugins === false) return EMPTY_PLUGIN_REPORT
  const report = await loadPlugins(registry, pluginSources({ cwd: env.cwd, customNodes: options.customNodes ?? [] }))
  for (const line of formatPluginFailures(report)) env.stderr.write(`${line}\n`)
  return report
}
