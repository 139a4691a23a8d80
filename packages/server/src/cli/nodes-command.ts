/**
 * `latentflow nodes [--json] [--custom-nodes <dir>]... [--no-plugins]`: the node types the CLI knows,
 * with their inputs and outputs, then the plugins loaded and those that failed (`plugins` in the JSON).
 */
import { describeRegistry } from '@latentflow/engine'
import path from 'node:path'
import { modelDirectories } from '@latentflow/nodes'
import { resolveRegistry, type CommandEnvironment } from './command-environment.js'
import { loadCommandPlugins, type PluginCommandOptions } from './command-plugins.js'
import { EXIT_CODES, type ExitCode } from './exit-codes.js'
import { formatNodeList, formatPluginReport } from './format-node-list.js'

export interface NodesCommandOptions extends PluginCommandOptions {
  /** Print engine's describeRegistry() as JSON instead of text. */
  readonly json?: boolean
  /** Extra model directories, searched first. */
  readonly models?: readonly string[]
}

export async function listNodesCommand(options: NodesCommandOptions, env: CommandEnvironment): Promise<ExitCode> {
  const models = (options.models ?? []).map((dir) => path.resolve(env.cwd, dir))
  const registry = resolveRegistry(env, { modelDirs: modelDirectories(models), inputDir: path.resolve(env.cwd, 'input') })
  const plugins = await loadCommandPlugins(registry, options, env)
  const description = describeRegistry(registry)
  env.stdout.write(options.json ? `${JSON.stringify({ ...description, plugins }, null, 2)}\n` : `${formatNodeList(description)}${formatPluginReport(plugins)}`)
  return EXIT_CODES.success
}
