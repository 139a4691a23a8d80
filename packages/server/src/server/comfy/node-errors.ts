/**
 * Validation issues in ComfyUI's 400 body for POST /prompt:
 * `{error: {type, message, details, extra_info}, node_errors: {<id>: {errors, dependent_outputs, class_type}}}`.
 * Each error keeps Latentflow's issue `code` beside ComfyUI's `type`.
 */
import { isLink, type NodeRegistry, type ValidationIssue, type Workflow } from '@latentflow/engine'

export interface ComfyNodeError {
  readonly type: string
  readonly message: string
  readonly details: string
  readonly extra_info: Record<string, unknown>
  /** Latentflow's issue code, e.g. `missing_input`. */
  readonly code: ValidationIssue['code']
}

export interface ComfyNodeErrors {
  readonly errors: ComfyNodeError[]
  readonly dependent_outputs: string[]
  readonly class_type: string
}

export interface ComfyPromptErrorBody {
  readonly error: { readonly type: string; readonly message: string; readonly details: string; readonly extra_info: Record<string, unknown> }
  readonly node_errors: Record<string, ComfyNodeErrors>
}

/** ComfyUI's error type and its short message for an issue. */
function comfyType(issue: ValidationIssue): [type: string, message: string] {
  switch (issue.code) {
    case 'missing_input':
      return ['required_input_missing', 'Required input is missing']
    case 'missing_node':
    case 'missing_output':
      return ['bad_linked_input', 'Bad linked input, must be a length-2 list of [node_id, slot_index]']
    case 'socket_type_mismatch':
      return ['return_type_mismatch', 'Return type mismatch between linked nodes']
    case 'invalid_value':
      return ['invalid_input_type', 'Failed to convert an input value']
    case 'value_not_in_options':
      return ['value_not_in_list', 'Value not in list']
    case 'out_of_range': {
      // An object {min} / {max}, or text such as a seed's "0..18446744073709551615".
      const expected = typeof issue.expected === 'object' && issue.expected !== null ? (issue.expected as Record<string, unknown>) : undefined
      if (expected && 'min' in expected) return ['value_smaller_than_min', 'Value smaller than min']
      if (expected && 'max' in expected) return ['value_bigger_than_max', 'Value bigger than max']
      return ['custom_validation_failed', 'Value out of range']
    }
    case 'unknown_node_type':
      return ['invalid_prompt', 'Node type does not exist']
    case 'unknown_input':
      return ['custom_validation_failed', 'Unknown input']
    default:
      return ['custom_validation_failed', 'Custom validation failed']
  }
}

/** Output nodes that need `id` (itself included when it is one). */
function dependentOutputs(id: string, workflow: Workflow | undefined, registry: NodeRegistry): string[] {
  if (!workflow) return []
  const outputs: string[] = []
  for (const [outputId, node] of Object.entries(workflow.nodes)) {
    if (!registry.get(node.type)?.output) continue
    const seen = new Set<string>()
    const pending = [outputId]
    while (pending.length > 0) {
      const current = pending.pop()!
      if (seen.has(current) || !Object.hasOwn(workflow.nodes, current)) continue
      seen.add(current)
      for (const value of Object.values(workflow.nodes[current]!.inputs)) if (isLink(value)) pending.push(value[0])
    }
    if (seen.has(id)) outputs.push(outputId)
  }
  return outputs
}

/** The 400 body for issues found in a prompt. */
export function comfyPromptErrors(issues: readonly ValidationIssue[], workflow: Workflow | undefined, registry: NodeRegistry): ComfyPromptErrorBody {
  // A Map, not an object: a node id such as "__proto__" must not reach Object.prototype.
  const nodeErrors = new Map<string, ComfyNodeErrors>()
  for (const issue of issues) {
    if (issue.node === null) continue
    const [type, message] = comfyType(issue)
    const extra: Record<string, unknown> = {}
    if (issue.input !== undefined) extra.input_name = issue.input
    if (issue.expected !== undefined) extra.expected = issue.expected
    if (issue.received !== undefined) extra.received_value = issue.received
    let entry = nodeErrors.get(issue.node)
    if (!entry) {
      entry = {
        errors: [],
        dependent_outputs: dependentOutputs(issue.node, workflow, registry),
        class_type: issue.nodeType ?? (workflow && Object.hasOwn(workflow.nodes, issue.node) ? workflow.nodes[issue.node]!.type : ''),
      }
      nodeErrors.set(issue.node, entry)
    }
    entry.errors.push({ type, message, details: issue.message, extra_info: extra, code: issue.code })
  }
  const general = issues.find((issue) => issue.node === null)
  const unknownType = issues.find((issue) => issue.code === 'unknown_node_type')
  const details = issues.map((issue) => issue.message).join('\n')
  let error: ComfyPromptErrorBody['error']
  if (general?.code === 'no_output_node') {
    error = { type: 'prompt_no_outputs', message: 'Prompt has no outputs', details: general.message, extra_info: { code: general.code } }
  } else if (general) {
    error = { type: 'invalid_prompt', message: general.message, details, extra_info: { code: general.code } }
  } else if (unknownType) {
    error = { type: 'invalid_prompt', message: `Cannot execute because node ${unknownType.nodeType ?? ''} does not exist.`, details: `Node ID '#${unknownType.node ?? ''}'`, extra_info: { code: unknownType.code } }
  } else {
    error = { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation', details, extra_info: {} }
  }
  return { error, node_errors: Object.fromEntries(nodeErrors) }
}
