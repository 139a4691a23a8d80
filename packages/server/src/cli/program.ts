/**
 * The `latentflow` command line, built with commander. `runCli` parses arguments and resolves
 * to the exit code, so tests drive it without a process.
 */
import { readFileSync } from 'node:fs'
import { Command, CommanderError } from 'commander'
import type { CommandEnvironment } from './command-environment.js'
import { EXIT_CODES } from './exit-codes.js'
import { addLimitFlags, positiveInteger, type LimitFlags } from './limit-options.js'
import { listNodesCommand } from './nodes-command.js'
import { newPluginCommand } from './new-plugin-command.js'
import { runWorkflowCommand } from './run-command.js'
import { serveCommand, type ServeCommandOptions } from './serve-command.js'

/** Builds the program; each command's action stores its exit code through `setExitCode`. */
export function createProgram(env: CommandEnvironment, setExitCode: (code: number) => void): Command {
  const program = new Command('latentflow')
    .description('Latentflow: node-based Stable Diffusion pipelines.')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (text) => env.stdout.write(text), writeErr: (text) => env.stderr.write(text) })
    .showHelpAfterError('(add --help for usage)')

  addLimitFlags(program
    .command('run')
    .description('Run a workflow (native or ComfyUI API format) headlessly.')
    .argument('<workflow>', 'the workflow JSON file')
    .option('--set <node.input=value>', 'override an input, e.g. --set sampler.steps=20 (repeatable)', collect, [])
    .option('--out <dir>', 'the output folder', 'output')
    .option('--input <dir>', 'the folder LoadImage reads', 'input')
    .option('--models <dir>', 'a model directory, searched before LATENTFLOW_MODELS and the bundled models/ (repeatable)', collect, [])
    .option('--custom-nodes <dir>', 'a folder of plugin folders, besides ./custom_nodes (repeatable)', collect, [])
    .option('--no-plugins', 'load no plugins (custom_nodes, --custom-nodes, latentflow.config.json)')
    .option('--json', 'print every event as a JSON line on stdout, then a {"type":"result"} line')
    .option('--verbose', 'print the stack trace of a failure'))
    .addHelpText('after', '\nExit codes: 0 success, 1 a node failed, 2 invalid workflow or usage, 130 interrupted.')
    .action(async (workflow: string, options: { set: string[]; out: string; input: string; models: string[]; customNodes: string[]; plugins: boolean; json?: boolean; verbose?: boolean } & LimitFlags) => {
      setExitCode(await runWorkflowCommand({ workflow, ...options }, env))
    })

  program
    .command('nodes')
    .description('List the node types with their inputs and outputs, and the plugins loaded or failed.')
    .option('--json', "print the registry's description as JSON")
    .option('--models <dir>', 'a model directory to list models from (repeatable)', collect, [])
    .option('--custom-nodes <dir>', 'a folder of plugin folders, besides ./custom_nodes (repeatable)', collect, [])
    .option('--no-plugins', 'load no plugins (custom_nodes, --custom-nodes, latentflow.config.json)')
    .action(async (options: { json?: boolean; models: string[]; customNodes: string[]; plugins: boolean }) => {
      setExitCode(await listNodesCommand(options, env))
    })

  addLimitFlags(program
    .command('serve')
    .description('Serve the editor, the ComfyUI-compatible HTTP API and the WebSocket until Ctrl+C.')
    .option('--host <address>', 'the address to listen on; anything but loopback needs --token', '127.0.0.1')
    .option('--port <port>', 'the port (0 picks a free one)', '8188')
    .option('--models <dir>', 'a model directory, searched before LATENTFLOW_MODELS and the bundled models/ (repeatable)', collect, [])
    .option('--output <dir>', 'where SaveImage writes', 'output')
    .option('--input <dir>', 'where LoadImage reads and uploads go', 'input')
    .option('--temp <dir>', 'where previews go', 'temp')
    .option('--data <dir>', 'where the queue and history database lives', 'data')
    .option('--custom-nodes <dir>', 'a folder of plugin folders, besides ./custom_nodes and <data>/custom_nodes (repeatable)', collect, [])
    .option('--no-plugins', 'load no plugins (custom_nodes, --custom-nodes, latentflow.config.json)')
    .option('--token <token>', 'require this bearer token (or ?token=); needed for a non-loopback --host (default: LATENTFLOW_TOKEN)'))
    .option('--max-queue <n>', 'most prompts waiting in the queue; POST /prompt answers 429 beyond (default 100)', positiveInteger)
    .option('--cache-bytes <n>', 'memory for node outputs kept between prompts, least recently used evicted first (default 2147483648)', positiveInteger)
    .option('--max-upload-bytes <n>', 'largest uploaded image in bytes (default 52428800 = 50 MiB)', positiveInteger)
    .addHelpText('after', '\nDocs: docs/api.md. Queued prompts survive a restart (they live in --data).')
    .action(async (options: ServeCommandOptions) => {
      setExitCode(await serveCommand(options, env))
    })

  program
    .command('new-plugin')
    .description('Scaffold a plugin package (TypeScript, a sample node, its vitest test, a README).')
    .argument('<name>', 'the npm package name, e.g. my-nodes or @me/my-nodes')
    .option('--dir <parent>', 'the folder to create the plugin folder in', '.')
    .addHelpText('after', '\nThen: cd <name> && npm install && npm run build && npm test. Docs: docs/plugins.md.')
    .action(async (name: string, options: { dir: string }) => {
      setExitCode(await newPluginCommand({ name, dir: options.dir }, env))
    })

  return program
}

/**
 * Runs the CLI with arguments (without `node` and the script) and resolves to the exit code.
 * Usage errors exit with 2.
 *
 * @example process.exitCode = await runCli(process.argv.slice(2), { registry, stdout, stderr, cwd })
 */
export async function runCli(args: readonly string[], env: CommandEnvironment): Promise<number> {
  let exitCode: number = EXIT_CODES.success
  const program = createProgram(env, (code) => {
    exitCode = code
  })
  try {
    await program.parseAsync([...args], { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CODES.success : EXIT_CODES.invalid
    throw error
  }
  return exitCode
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  return manifest.version
}
