/**
 * The node API: one declaration read by the editor, the validator, the executor, the CLI and
 * plugin authors. `run` is fully typed from the declared inputs and outputs.
 */
import type { InputSpec, InputValueOf } from './inputs.js'
import type { SocketValue } from './socket-types.js'
import type { NodeContext } from './node-context.js'

/** An output: a socket type name, or an object with the type and a tooltip. */
export type OutputSpec = string | { readonly type: string; readonly tooltip?: string }

type OutputTypeName<S extends OutputSpec> = S extends string ? S : S extends { type: infer T extends string } ? T : never

/** The values `run` receives, keyed by input name. */
export type NodeInputs<I extends Record<string, InputSpec>> = { [K in keyof I]: InputValueOf<I[K]> }
/** The values `run` returns, keyed by output name. */
export type NodeOutputs<O extends Record<string, OutputSpec>> = { [K in keyof O]: SocketValue<OutputTypeName<O[K]>> }
/** The literal (widget) values of a node in a workflow: what `isChanged` and `validate` see. */
export type WidgetValues = Readonly<Record<string, unknown>>

/** A problem `validate` reports about a node's widget values. */
export interface NodeValueProblem {
  readonly input?: string
  readonly message: string
  /** `out_of_range` for a value above a host limit (pixels, steps, prompt length). @default "invalid_value" */
  readonly code?: 'invalid_value' | 'out_of_range'
}

export interface NodeDefinition<
  I extends Record<string, InputSpec> = Record<string, InputSpec>,
  O extends Record<string, OutputSpec> = Record<string, OutputSpec>,
> {
  /** Unique type name, e.g. `EmptyLatent`. Saved in workflows. */
  readonly type: string
  /**
   * Version of this definition, saved in workflows. Bump it when the inputs or the meaning
   * change, and give `migrate` so older workflows keep loading.
   * @default 1
   */
  readonly version: number
  /** @default the type */
  readonly title: string
  /** Slash-separated menu path, e.g. `sampling` or `image/transform`. @default "misc" */
  readonly category: string
  readonly description?: string
  readonly inputs: I
  readonly outputs: O
  /** An output node (SaveImage, PreviewImage): the executor runs what output nodes need. */
  readonly output: boolean
  /** When false, the node and everything downstream re-run every time. @default true */
  readonly cacheable: boolean
  /** Set by the registry for nodes that came from a plugin. */
  readonly plugin?: string
  /**
   * Returns a value that changes when the node must re-run although its inputs did not
   * (e.g. a file's modification time). Mixed into the cache key.
   */
  readonly isChanged?: (widgets: WidgetValues) => unknown
  /** Extra checks on widget values at validation time (cross-field rules, files that must exist). */
  readonly validate?: (widgets: WidgetValues) => readonly NodeValueProblem[] | undefined
  /**
   * Upgrades a saved node's inputs from an older `version` of this definition. Links are
   * `[nodeId, outputName]` pairs; return the inputs as this version expects them.
   */
  readonly migrate?: (inputs: Record<string, unknown>, fromVersion: number) => Record<string, unknown>
  readonly run: (inputs: NodeInputs<I>, ctx: NodeContext) => NodeOutputs<O> | Promise<NodeOutputs<O>>
}

/** A node definition whose input and output types are erased (what registries hold). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNodeDefinition = NodeDefinition<any, any>

type Defaults = 'version' | 'title' | 'category' | 'output' | 'cacheable'
export type NodeDeclaration<I extends Record<string, InputSpec>, O extends Record<string, OutputSpec>> = Omit<
  NodeDefinition<I, O>,
  Defaults
> &
  Partial<Pick<NodeDefinition<I, O>, Defaults>>

/**
 * Declares a node. The declaration is checked (names, versions) and frozen.
 *
 * @example
 * export const Add = defineNode({
 *   type: 'Add', category: 'math',
 *   inputs: { a: int(), b: int({ default: 1 }) },
 *   outputs: { sum: 'INT' },
 *   run: ({ a, b }) => ({ sum: a + b }),
 * })
 */
export function defineNode<const I extends Record<string, InputSpec>, const O extends Record<string, OutputSpec>>(
  declaration: NodeDeclaration<I, O>,
): NodeDefinition<I, O> {
  const { type } = declaration
  if (typeof type !== 'string' || !/^[A-Za-z_][A-Za-z0-9_.:-]*$/.test(type)) {
    throw new Error(`defineNode: type "${String(type)}" must start with a letter or _ and use letters, digits, _ . : -`)
  }
  const version = declaration.version ?? 1
  if (!Number.isInteger(version) || version < 1) throw new Error(`defineNode(${type}): version must be an integer >= 1`)
  for (const name of [...Object.keys(declaration.inputs), ...Object.keys(declaration.outputs)]) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || FORBIDDEN_NAMES.has(name)) {
      throw new Error(`defineNode(${type}): "${name}" is not a valid input or output name`)
    }
  }
  for (const [name, spec] of Object.entries(declaration.outputs)) {
    const socket = typeof spec === 'string' ? spec : spec?.type
    if (typeof socket !== 'string' || socket === '') throw new Error(`defineNode(${type}): output "${name}" needs a type`)
  }
  if (typeof declaration.run !== 'function') throw new Error(`defineNode(${type}): run must be a function`)
  return Object.freeze({
    ...declaration,
    version,
    title: declaration.title ?? type,
    category: declaration.category ?? 'misc',
    output: declaration.output ?? false,
    cacheable: declaration.cacheable ?? true,
    inputs: Object.freeze({ ...declaration.inputs }),
    outputs: Object.freeze({ ...declaration.outputs }),
  })
}

/** Names that would collide with Object.prototype when used as keys. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** The socket type name of an output declaration. */
export function outputType(spec: OutputSpec): string {
  return typeof spec === 'string' ? spec : spec.type
}
