/**
 * `--set node.input=value` overrides for headless runs. Values are typed by the input's
 * declaration (so `--set positive.text=42` stays text and `--set latent.width=512` is a number).
 */
import type { InputSpec } from './inputs.js'
import { describeNode, type ValidationIssue } from './issues.js'
import { getOwn } from './own-property.js'
import type { NodeRegistry } from './registry.js'
import type { InputValue, Workflow } from './workflow.js'

export interface Override {
  readonly node: string
  readonly input: string
  /** The text after `=`, converted by the input's kind when applied. */
  readonly value: string
}

/** Parses `node.input=value` (the node id may contain dots; the input name cannot). */
export function parseOverride(text: string): Override | undefined {
  const equals = text.indexOf('=')
  if (equals < 0) return undefined
  const path = text.slice(0, equals)
  const dot = path.lastIndexOf('.')
  if (dot <= 0 || dot === path.length - 1) return undefined
  return { node: path.slice(0, dot), input: path.slice(dot + 1), value: text.slice(equals + 1) }
}

/** Returns the workflow with the overrides applied, or issues naming what could not be applied. */
export function applyOverrides(
  workflow: Workflow,
  overrides: readonly Override[],
  registry: NodeRegistry,
): { workflow: Workflow; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = []
  const nodes = { ...workflow.nodes }
  for (const { node: id, input, value } of overrides) {
    const node = getOwn(nodes, id)
    if (!node) {
      issues.push({ code: 'missing_node', node: id, input, message: `--set ${id}.${input}: the workflow has no node "${id}" (its nodes: ${Object.keys(nodes).join(', ')})` })
      continue
    }
    const spec = getOwn(registry.get(node.type)?.inputs as Record<string, InputSpec> | undefined, input)
    if (!spec) {
      issues.push({ code: 'unknown_input', node: id, nodeType: node.type, input, message: `--set ${id}.${input}: ${describeNode(id, node.type)} has no input "${input}"` })
      continue
    }
    nodes[id] = { ...node, inputs: { ...node.inputs, [input]: convert(spec, value) } }
  }
  return { workflow: { ...workflow, nodes }, issues }
}

/** Converts text to the input's kind; text that does not convert is kept, and validation names it. */
function convert(spec: InputSpec, text: string): InputValue {
  switch (spec.kind) {
    case 'INT':
    case 'FLOAT': {
      const number = Number(text)
      return text.trim() !== '' && Number.isFinite(number) ? number : text
    }
    case 'BOOLEAN':
      return text === 'true' ? true : text === 'false' ? false : text
    case 'SEED': {
      if (!/^\d+$/.test(text)) return text
      const number = Number(text)
      return Number.isSafeInteger(number) ? number : text
    }
    case 'SOCKET': {
      const link = parseOverride(`${text}=`) // "node.output" names a link
      return link ? [link.node, link.input] : text
    }
    default:
      return text
  }
}
