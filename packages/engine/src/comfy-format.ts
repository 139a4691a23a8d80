/**
 * ComfyUI's API format (`{"3": {"class_type": "KSampler", "inputs": {"model": ["4", 0]}}}`):
 * links address outputs by index. Converting needs the registry to map index <-> name.
 * Titles, node versions and layout travel in each node's `_meta`, which ComfyUI ignores,
 * so native -> ComfyUI -> native keeps them.
 */
import type { AnyNodeDefinition } from './define-node.js'
import { getOwn, isPlainObject } from './own-property.js'
import { describeNode, WorkflowValidationError, type ValidationIssue } from './issues.js'
import type { NodeRegistry } from './registry.js'
import { isLink, WORKFLOW_FORMAT_VERSION, type InputValue, type NodeLayout, type Workflow, type WorkflowNode } from './workflow.js'

export type ComfyInputValue = string | number | boolean | readonly [string, number]

export interface ComfyApiNode {
  readonly class_type: string
  readonly inputs: Readonly<Record<string, ComfyInputValue>>
  readonly _meta?: { readonly title?: string; readonly latentflow_version?: number; readonly latentflow_ui?: NodeLayout }
}

export type ComfyApiPrompt = Readonly<Record<string, ComfyApiNode>>

/** True when the value looks like ComfyUI's API format: an object of `{class_type, inputs}` entries. */
export function isComfyApiPrompt(value: unknown): value is ComfyApiPrompt {
  if (!isPlainObject(value)) return false
  const entries = Object.values(value)
  return entries.length > 0 && entries.every((node) => isPlainObject(node) && typeof node.class_type === 'string')
}

function isComfyLink(value: unknown): value is readonly [string | number, number] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    (typeof value[0] === 'string' || typeof value[0] === 'number') &&
    Number.isInteger(value[1])
  )
}

/**
 * Converts ComfyUI's API format to the native format. Links to unknown nodes or output
 * indexes are reported as issues and left as `[id, "#index"]`, which validation also rejects.
 */
export function fromComfyApi(prompt: ComfyApiPrompt, registry: NodeRegistry): { workflow: Workflow; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = []
  const nodes: [string, WorkflowNode][] = []
  const layout: [string, NodeLayout][] = []
  for (const [id, node] of Object.entries(prompt)) {
    const inputs: [string, InputValue][] = []
    for (const [name, value] of Object.entries(isPlainObject(node.inputs) ? node.inputs : {})) {
      if (!isComfyLink(value)) {
        inputs.push([name, value as InputValue])
        continue
      }
      const sourceId = String(value[0])
      const index = value[1]
      const source = getOwn(prompt, sourceId)
      const definition = source ? registry.get(source.class_type) : undefined
      const outputName = definition ? Object.keys(definition.outputs)[index] : undefined
      if (!source) {
        issues.push({ code: 'missing_node', node: id, nodeType: node.class_type, input: name, received: sourceId,
          message: `${describeNode(id, node.class_type)}: input "${name}" links to node "${sourceId}", which is not in the workflow` })
      } else if (definition && outputName === undefined) {
        issues.push({ code: 'missing_output', node: id, nodeType: node.class_type, input: name, received: index,
          expected: Object.keys(definition.outputs),
          message: `${describeNode(id, node.class_type)}: input "${name}" links to output ${index} of node "${sourceId}" (${source.class_type}), which has ${Object.keys(definition.outputs).length} outputs` })
      }
      inputs.push([name, [sourceId, outputName ?? `#${index}`]])
    }
    const meta = isPlainObject(node._meta) ? node._meta : {}
    nodes.push([
      id,
      {
        type: node.class_type,
        ...(typeof meta.latentflow_version === 'number' ? { version: meta.latentflow_version } : {}),
        ...(typeof meta.title === 'string' ? { title: meta.title } : {}),
        inputs: Object.fromEntries(inputs),
      },
    ])
    if (isPlainObject(meta.latentflow_ui)) layout.push([id, meta.latentflow_ui as unknown as NodeLayout])
  }
  const workflow: Workflow = {
    version: WORKFLOW_FORMAT_VERSION,
    nodes: Object.fromEntries(nodes),
    ...(layout.length > 0 ? { ui: { nodes: Object.fromEntries(layout) } } : {}),
  }
  return { workflow, issues }
}

/**
 * Converts a native workflow to ComfyUI's API format. Throws {@link WorkflowValidationError}
 * when a node type or a linked output is unknown (run validation first).
 */
export function toComfyApi(workflow: Workflow, registry: NodeRegistry): ComfyApiPrompt {
  const issues: ValidationIssue[] = []
  const outputIndex = (definition: AnyNodeDefinition, name: string) => Object.keys(definition.outputs).indexOf(name)
  const prompt: [string, ComfyApiNode][] = []
  for (const [id, node] of Object.entries(workflow.nodes)) {
    const inputs: [string, ComfyInputValue][] = []
    for (const [name, value] of Object.entries(node.inputs)) {
      if (!isLink(value)) {
        inputs.push([name, value])
        continue
      }
      const [sourceId, outputName] = value
      const source = getOwn(workflow.nodes, sourceId)
      const definition = source && registry.get(source.type)
      const index = definition ? outputIndex(definition, outputName) : -1
      if (index < 0) {
        issues.push({ code: source ? 'missing_output' : 'missing_node', node: id, nodeType: node.type, input: name, received: value,
          message: `${describeNode(id, node.type)}: input "${name}" links to "${sourceId}.${outputName}", which cannot be found` })
        continue
      }
      inputs.push([name, [sourceId, index]])
    }
    if (!registry.has(node.type)) {
      issues.push({ code: 'unknown_node_type', node: id, nodeType: node.type, message: `${describeNode(id, node.type)}: unknown node type` })
    }
    const layout = getOwn(workflow.ui?.nodes, id)
    const meta = {
      ...(node.title !== undefined ? { title: node.title } : {}),
      ...(node.version !== undefined ? { latentflow_version: node.version } : {}),
      ...(layout ? { latentflow_ui: layout } : {}),
    }
    prompt.push([id, { class_type: node.type, inputs: Object.fromEntries(inputs), ...(Object.keys(meta).length > 0 ? { _meta: meta } : {}) }])
  }
  if (issues.length > 0) throw new WorkflowValidationError(issues)
  return Object.fromEntries(prompt)
}
