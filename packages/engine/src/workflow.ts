/**
 * Workflow format v1, the native format: nodes keyed by id, links by output name,
 * an optional editor layout. Saved files carry `version` so later releases can migrate them.
 */

/** The current native format version. */
export const WORKFLOW_FORMAT_VERSION = 1

/** A link to another node's output: `[nodeId, outputName]`. */
export type Link = readonly [nodeId: string, output: string]

/** A literal widget value (seeds beyond 2^53 are decimal strings) or a link. */
export type InputValue = string | number | boolean | Link

export interface WorkflowNode {
  /** The node type, e.g. `EmptyLatent`. */
  readonly type: string
  /** The definition version this node was saved with. @default the registry's current one */
  readonly version?: number
  /** A display title set by the user. */
  readonly title?: string
  readonly inputs: Readonly<Record<string, InputValue>>
}

/** Editor layout of one node. */
export interface NodeLayout {
  readonly x: number
  readonly y: number
  readonly width?: number
  readonly height?: number
  readonly collapsed?: boolean
}

export interface WorkflowUi {
  readonly nodes?: Readonly<Record<string, NodeLayout>>
  readonly viewport?: { readonly x: number; readonly y: number; readonly zoom: number }
}

export interface Workflow {
  readonly version: typeof WORKFLOW_FORMAT_VERSION
  readonly nodes: Readonly<Record<string, WorkflowNode>>
  readonly ui?: WorkflowUi
  /** Free-form metadata (name, description, author). */
  readonly meta?: Readonly<Record<string, unknown>>
}

/** True for a link value (`[nodeId, outputName]`); literals are never arrays. */
export function isLink(value: unknown): value is Link {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string'
}
