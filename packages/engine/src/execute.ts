/**
 * Step 4: the executor. validate -> plan -> cache keys -> run what the outputs need, emitting
 * events. Per-run state lives in `run`, so a failed or interrupted run leaves the executor
 * (and its cache) ready for the next one.
 */
import { approximateBytes } from './approximate-bytes.js'
import { computeCacheKeys } from './cache-key.js'
import { LruOutputCache, type CacheEntry, type OutputCache } from './cache.js'
import type { AnyNodeDefinition } from './define-node.js'
import type { ExecutionEvent } from './events.js'
import { inputEntries } from './input-entries.js'
import { describeNode, type ValidationIssue } from './issues.js'
import type { HostServices, NodeContext, UiOutput } from './node-context.js'
import { planExecution, upstreamOf } from './plan.js'
import type { NodeRegistry } from './registry.js'
import { parseSeed } from './seed.js'
import { validateWorkflow } from './validate.js'
import { isLink, type Workflow } from './workflow.js'

export interface ExecutorOptions {
  readonly registry: NodeRegistry
  /** Where outputs are kept between runs. @default new LruOutputCache() (2 GiB) */
  readonly cache?: OutputCache
  /** What nodes find in `ctx.services`. */
  readonly services?: HostServices
}

export interface RunOptions {
  /** @default a random UUID */
  readonly promptId?: string
  /** Abort it to interrupt the run; nodes see it as `ctx.signal`. */
  readonly signal?: AbortSignal
  readonly onEvent?: (event: ExecutionEvent) => void
  /** Produce only these output nodes (partial execution). @default every output node */
  readonly targets?: readonly string[]
}

export type RunStatus = 'success' | 'error' | 'interrupted' | 'invalid'

export interface NodeFailure {
  readonly node: string
  readonly nodeType: string
  readonly plugin?: string
  readonly message: string
  readonly exceptionType: string
  readonly stack?: string
}

export interface RunResult {
  readonly promptId: string
  readonly status: RunStatus
  /** What output nodes reported (run now or cached), by node id. */
  readonly outputs: Readonly<Record<string, UiOutput>>
  /** Nodes that ran, in order. */
  readonly executed: readonly string[]
  /** Nodes whose outputs came from the cache. */
  readonly cached: readonly string[]
  /** Why the workflow did not run (status `invalid`). */
  readonly issues: readonly ValidationIssue[]
  /** The node that failed (status `error`). */
  readonly error?: NodeFailure
  /** The normalised workflow that ran. */
  readonly workflow?: Workflow
}

export interface Executor {
  readonly registry: NodeRegistry
  readonly cache: OutputCache
  /** Validates and runs a workflow (JSON text or value, either format). Never throws for bad input. */
  run(workflow: unknown, options?: RunOptions): Promise<RunResult>
}

export function createExecutor(options: ExecutorOptions): Executor {
  const { registry } = options
  const cache = options.cache ?? new LruOutputCache()
  const services = options.services ?? ({} as HostServices)
  let runCounter = 0

  async function run(input: unknown, runOptions: RunOptions = {}): Promise<RunResult> {
    const promptId = runOptions.promptId ?? globalThis.crypto.randomUUID()
    const emit = runOptions.onEvent ?? (() => {})
    const signal = runOptions.signal ?? new AbortController().signal
    const empty = { promptId, outputs: {}, executed: [], cached: [] }

    const validation = validateWorkflow(input, registry)
    if (!validation.ok) return { ...empty, status: 'invalid', issues: validation.issues }
    const workflow = validation.workflow
    const missingTarget = runOptions.targets?.find((id) => !Object.hasOwn(workflow.nodes, id) || !registry.get(workflow.nodes[id]!.type)?.output)
    if (missingTarget !== undefined) {
      const issue: ValidationIssue = { code: 'missing_node', node: missingTarget, message: `${describeNode(missingTarget)} is not an output node of the workflow` }
      return { ...empty, status: 'invalid', issues: [issue], workflow }
    }

    const plan = planExecution(workflow, registry, runOptions.targets)
    const keys = computeCacheKeys(workflow, plan.order, registry, `${promptId}#${++runCounter}`)

    // Walk back from the outputs: a cached node stops the walk, since nothing above it is needed.
    const available = new Map<string, CacheEntry>()
    const toRun = new Set<string>()
    const pending = [...plan.outputs]
    const seen = new Set<string>()
    while (pending.length > 0) {
      const id = pending.pop()!
      if (seen.has(id)) continue
      seen.add(id)
      const entry = cache.get(keys.get(id)!)
      if (entry) available.set(id, entry)
      else {
        toRun.add(id)
        pending.push(...upstreamOf(workflow, id))
      }
    }
    const cached = plan.order.filter((id) => available.has(id))
    const order = plan.order.filter((id) => toRun.has(id))

    const outputs: Record<string, UiOutput> = {}
    const executed: string[] = []
    emit({ type: 'execution_start', data: { prompt_id: promptId, timestamp: Date.now() } })
    emit({ type: 'execution_cached', data: { prompt_id: promptId, nodes: cached, timestamp: Date.now() } })
    for (const id of cached) {
      const ui = available.get(id)!.ui
      if (!ui) continue
      outputs[id] = ui
      emit({ type: 'executed', data: { prompt_id: promptId, node: id, display_node: id, output: ui } })
    }

    const interrupted = (node: string | null): RunResult => {
      emit({ type: 'execution_interrupted', data: { prompt_id: promptId, node_id: node, node_type: node ? workflow.nodes[node]!.type : null, executed, timestamp: Date.now() } })
      return { promptId, status: 'interrupted', outputs, executed, cached, issues: [], workflow }
    }

    for (const id of order) {
      if (signal.aborted) return interrupted(id)
      const node = workflow.nodes[id]!
      const definition = registry.get(node.type)!
      emit({ type: 'executing', data: { prompt_id: promptId, node: id, display_node: id } })
      let ui: UiOutput | undefined
      const context: NodeContext = {
        nodeId: id,
        promptId,
        signal,
        services,
        workflow,
        registry,
        progress: (value, max, preview) =>
          emit({ type: 'progress', data: { prompt_id: promptId, node: id, value, max }, ...(preview ? { preview } : {}) }),
        ui: (output) => {
          ui = output
        },
        log: (message) => emit({ type: 'node_log', data: { prompt_id: promptId, node: id, message } }),
      }
      let result: Record<string, unknown>
      try {
        result = await definition.run(resolveInputs(node.inputs, definition, available), context)
        checkResult(id, definition, result)
      } catch (error) {
        if (signal.aborted) return interrupted(id)
        const failure = describeFailure(id, definition, error)
        emit({
          type: 'execution_error',
          data: {
            prompt_id: promptId,
            node_id: id,
            node_type: node.type,
            ...(failure.plugin ? { plugin: failure.plugin } : {}),
            executed,
            exception_message: failure.message,
            exception_type: failure.exceptionType,
            traceback: failure.stack ? failure.stack.split('\n') : [],
            timestamp: Date.now(),
          },
        })
        return { promptId, status: 'error', outputs, executed, cached, issues: [], error: failure, workflow }
      }
      const entry: CacheEntry = { outputs: result, ...(ui ? { ui } : {}), bytes: approximateBytes(result) + (ui ? approximateBytes(ui) : 0) }
      available.set(id, entry)
      if (definition.cacheable) cache.set(keys.get(id)!, entry)
      executed.push(id)
      if (ui) {
        outputs[id] = ui
        emit({ type: 'executed', data: { prompt_id: promptId, node: id, display_node: id, output: ui } })
      }
    }
    emit({ type: 'execution_success', data: { prompt_id: promptId, timestamp: Date.now() } })
    return { promptId, status: 'success', outputs, executed, cached, issues: [], workflow }
  }

  return { registry, cache, run }
}

/** The values `run` gets: links resolved to upstream outputs, seeds as bigint. */
function resolveInputs(
  inputs: Workflow['nodes'][string]['inputs'],
  definition: AnyNodeDefinition,
  available: ReadonlyMap<string, CacheEntry>,
): Record<string, unknown> {
  const resolved: Record<string, unknown> = {}
  for (const [name, spec] of inputEntries(definition)) {
    const value = Object.hasOwn(inputs, name) ? inputs[name] : undefined
    if (isLink(value)) resolved[name] = available.get(value[0])!.outputs[value[1]]
    else if (spec.kind === 'SEED' && value !== undefined) resolved[name] = parseSeed(value)
    else resolved[name] = value
  }
  return resolved
}

function checkResult(id: string, definition: AnyNodeDefinition, result: unknown): asserts result is Record<string, unknown> {
  if (typeof result !== 'object' || result === null) {
    throw new TypeError(`${describeNode(id, definition.type)}: run() must return an object with its outputs, got ${String(result)}`)
  }
  for (const name of Object.keys(definition.outputs)) {
    if (!Object.hasOwn(result, name)) throw new TypeError(`${describeNode(id, definition.type)}: run() returned no value for output "${name}"`)
  }
}

function describeFailure(id: string, definition: AnyNodeDefinition, error: unknown): NodeFailure {
  const isError = error instanceof Error
  return {
    node: id,
    nodeType: definition.type,
    ...(definition.plugin ? { plugin: definition.plugin } : {}),
    message: isError ? error.message : String(error),
    exceptionType: isError ? error.name : typeof error,
    ...(isError && error.stack ? { stack: error.stack } : {}),
  }
}
