/**
 * `runNode`: runs one node definition outside a workflow, for plugin authors' tests. Widget
 * values are validated as the validator does (defaults filled in, the same messages), socket
 * inputs are fed the given values directly, and `run` gets a context like the executor's.
 */
import type { AnyNodeDefinition, NodeDefinition, NodeOutputs, OutputSpec } from './define-node.js'
import type { InputSpec } from './inputs.js'
import { describeNode, WorkflowValidationError, type ValidationIssue } from './issues.js'
import type { HostServices, NodeContext, UiOutput } from './node-context.js'
import { createRegistry } from './registry.js'
import { parseSeed } from './seed.js'
import { validateWorkflow } from './validate.js'
import type { InputValue, Workflow } from './workflow.js'

export interface RunNodeOptions {
  /** What the node finds in `ctx.services`. @default {} */
  readonly services?: HostServices
  /** The node sees it as `ctx.signal`. @default a signal that never aborts */
  readonly signal?: AbortSignal
  /** The node id in messages and `ctx.nodeId`. @default the definition's type */
  readonly nodeId?: string
}

export interface RunNodeResult<Outputs> {
  /** What `run` returned, by output name. */
  readonly outputs: Outputs
  /** What the node reported with `ctx.ui` (output nodes). */
  readonly ui?: UiOutput
  /** Every `ctx.progress` call, in order. */
  readonly progress: readonly { readonly value: number; readonly max: number }[]
  /** Every `ctx.log` line, in order. */
  readonly logs: readonly string[]
}

/**
 * Runs a node with the given inputs: widget values are checked (throws a
 * {@link WorkflowValidationError} with the validator's issues), missing widgets get their
 * defaults, socket inputs take the values as given.
 *
 * @example
 * const { outputs } = await runNode(Invert, { image })
 * expect(outputs.image.data[0]).toBe(1)
 */
export async function runNode<I extends Record<string, InputSpec>, O extends Record<string, OutputSpec>>(
  definition: NodeDefinition<I, O>,
  inputs: Readonly<Record<string, unknown>>,
  options: RunNodeOptions = {},
): Promise<RunNodeResult<NodeOutputs<O>>> {
  const nodeId = options.nodeId ?? definition.type
  const where = describeNode(nodeId, definition.type)
  const declared = definition.inputs as Record<string, InputSpec>
  const sockets: Record<string, unknown> = {}
  const widgetInputs: Record<string, InputSpec> = {}
  const widgets: Record<string, unknown> = {}
  const issues: ValidationIssue[] = []
  for (const [name, spec] of Object.entries(declared)) {
    if (spec.kind !== 'SOCKET') {
      widgetInputs[name] = spec
      continue
    }
    if (Object.hasOwn(inputs, name) && inputs[name] !== undefined) sockets[name] = inputs[name]
    else if (!spec.optional) {
      issues.push({ code: 'missing_input', node: nodeId, nodeType: definition.type, input: name, expected: spec.type,
        message: `${where}: required input "${name}" (${spec.type}) is missing` })
    }
  }
  for (const [name, value] of Object.entries(inputs)) {
    if (!Object.hasOwn(declared, name) || declared[name]!.kind !== 'SOCKET') widgets[name] = value
  }

  // The widgets alone, as an output node, so the validator checks them and nothing else.
  const probe: AnyNodeDefinition = Object.freeze({ ...definition, inputs: widgetInputs, output: true, plugin: undefined })
  const probeWorkflow = { version: 1, nodes: { [nodeId]: { type: definition.type, inputs: widgets as Record<string, InputValue> } } }
  const validation = validateWorkflow(probeWorkflow, createRegistry([probe]))
  issues.push(...validation.issues)
  if (issues.length > 0 || !validation.ok) throw new WorkflowValidationError(issues)
  const normalised = validation.workflow.nodes[nodeId]!.inputs

  const resolved: Record<string, unknown> = { ...sockets }
  for (const [name, spec] of Object.entries(widgetInputs)) {
    const value = Object.hasOwn(normalised, name) ? normalised[name] : undefined
    resolved[name] = spec.kind === 'SEED' && value !== undefined ? parseSeed(value) : value
  }

  const workflow: Workflow = { version: 1, nodes: { [nodeId]: { type: definition.type, version: definition.version, inputs: normalised } } }
  const progress: { value: number; max: number }[] = []
  const logs: string[] = []
  let ui: UiOutput | undefined
  const context: NodeContext = {
    nodeId,
    promptId: 'run-node',
    signal: options.signal ?? new AbortController().signal,
    services: options.services ?? ({} as HostServices),
    workflow,
    registry: createRegistry([definition]),
    progress: (value, max) => progress.push({ value, max }),
    ui: (output) => {
      ui = output
    },
    log: (message) => logs.push(message),
  }
  const outputs: unknown = await definition.run(resolved as never, context)
  if (typeof outputs !== 'object' || outputs === null) throw new TypeError(`${where}: run() must return an object with its outputs, got ${String(outputs)}`)
  for (const name of Object.keys(definition.outputs)) {
    if (!Object.hasOwn(outputs, name)) throw new TypeError(`${where}: run() returned no value for output "${name}"`)
  }
  return { outputs: outputs as NodeOutputs<O>, ...(ui ? { ui } : {}), progress, logs }
}
