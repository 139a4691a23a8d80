/**
 * `latentflow run <workflow.json> [--set node.input=value]... [--out dir] [--json] [--verbose]`:
 * reads, overrides, validates and runs a workflow headlessly.
 * Exit codes: 0 success, 1 a node failed, 2 invalid or unreadable workflow (or a bad --set),
 * 130 interrupted.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { createExecutor, parseOverride, type Override, type ValidationIssue } from '@latentflow/engine'
import { createOnnxBackend, modelDirectories, type FileLocations } from '@latentflow/nodes'
import { resolveRegistry, type CommandEnvironment } from './command-environment.js'
import { loadCommandPlugins, type PluginCommandOptions } from './command-plugins.js'
import { limitsOf, type LimitFlags } from './limit-options.js'
import { EXIT_CODES, type ExitCode } from './exit-codes.js'
import { formatIssue } from './format-issue.js'
import { eventForJson, invalidResultLine, resultLine, writeJsonLine } from './json-lines.js'
import { loadWorkflow } from './load-workflow.js'
import { createRunReporter } from './run-reporter.js'
import { displayPath, writtenFiles } from './written-files.js'

export interface RunCommandOptions extends PluginCommandOptions, LimitFlags {
  /** Path of the workflow file, relative to the environment's cwd. */
  readonly workflow: string
  /** `node.input=value` overrides, applied in order. */
  readonly set?: readonly string[]
  /** The output folder. @default "output" (in cwd) */
  readonly out?: string
  /**
   * Events as JSON lines on stdout, human output on stderr. Once the workflow file has been
   * read, the last line is always `{"type":"result", ...}` (see RunResultLine).
   */
  readonly json?: boolean
  /** Print the stack of a node failure. */
  readonly verbose?: boolean
  /** Extra model directories, searched first (repeatable `--models`). */
  readonly models?: readonly string[]
  /** The folder LoadImage reads. @default "input" (in cwd) */
  readonly input?: string
}

/** Where the CLI's nodes read and write: `--out` or ./output, ./temp and ./input. */
export function cliFileLocations(cwd: string, out?: string, input?: string): FileLocations {
  return {
    outputDir: path.resolve(cwd, out ?? 'output'),
    tempDir: path.resolve(cwd, 'temp'),
    inputDir: path.resolve(cwd, input ?? 'input'),
  }
}

/** Runs the `run` command; resolves to the process exit code and never throws for bad input. */
export async function runWorkflowCommand(options: RunCommandOptions, env: CommandEnvironment): Promise<ExitCode> {
  const { stderr, cwd } = env
  const files = cliFileLocations(cwd, options.out, options.input)
  const modelDirs = modelDirectories((options.models ?? []).map((dir) => path.resolve(cwd, dir)))
  const registry = resolveRegistry(env, { modelDirs, inputDir: files.inputDir, limits: limitsOf(options) })
  await loadCommandPlugins(registry, options, env)
  const human = options.json ? stderr : env.stdout
  const error = (text: string) => stderr.write(`${text}\n`)
  const invalid = (issues: readonly ValidationIssue[]): ExitCode => {
    for (const issue of issues) error(formatIssue(issue))
    if (options.json) writeJsonLine(env.stdout, invalidResultLine(issues))
    return EXIT_CODES.invalid
  }

  const overrides: Override[] = []
  for (const text of options.set ?? []) {
    const override = parseOverride(text)
    if (!override) {
      error(`error: --set ${JSON.stringify(text)} must look like <node>.<input>=<value>, e.g. --set sampler.steps=20`)
      return EXIT_CODES.invalid
    }
    overrides.push(override)
  }

  const file = path.resolve(cwd, options.workflow)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (cause) {
    error(`error: cannot read the workflow ${JSON.stringify(options.workflow)}: ${(cause as Error).message}`)
    return EXIT_CODES.invalid
  }
  const loaded = loadWorkflow(text, overrides, registry)
  if (!loaded.ok) return invalid(loaded.issues)

  const backend = env.backend ?? createOnnxBackend({ log: (line) => stderr.write(`${line}\n`) })
  const executor = createExecutor({ registry, services: { files, backend } })
  const reporter = createRunReporter({ sink: human, workflow: loaded.workflow })
  const started = Date.now()
  let result
  try {
    result = await executor.run(loaded.workflow, {
      ...(env.signal ? { signal: env.signal } : {}),
      onEvent(event) {
        if (options.json) writeJsonLine(env.stdout, eventForJson(event))
        reporter.onEvent(event)
      },
    })
  } finally {
    reporter.close()
    if (!env.backend) await backend.release()
  }

  const written = writtenFiles(result.outputs, files)
  if (options.json) writeJsonLine(env.stdout, resultLine(result, written))
  switch (result.status) {
    case 'invalid':
      return invalid(result.issues)
    case 'interrupted':
      error(`Interrupted${result.executed.length > 0 ? ` after ${result.executed.length} node(s)` : ''}.`)
      return EXIT_CODES.interrupted
    case 'error': {
      const failure = result.error!
      error(`error: node "${failure.node}" (${failure.nodeType}${failure.plugin ? `, plugin ${failure.plugin}` : ''}) failed: ${failure.message}`)
      if (options.verbose && failure.stack) error(failure.stack)
      else error('(run again with --verbose for the stack trace)')
      return EXIT_CODES.failure
    }
    case 'success': {
      const cached = result.cached.length > 0 ? `, ${result.cached.length} cached` : ''
      human.write(`Ran ${result.executed.length} node(s)${cached} in ${Date.now() - started} ms.\n`)
      if (written.length > 0) {
        human.write(`Wrote ${written.length} file(s):\n`)
        for (const writtenFile of written) human.write(`  ${displayPath(writtenFile, cwd)}\n`)
      }
      return EXIT_CODES.success
    }
  }
}
