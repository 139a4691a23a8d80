/**
 * Step 0 of validation: turn untrusted input (JSON text or a parsed value, native or ComfyUI
 * API format) into a well-shaped native workflow, reporting shape problems as issues.
 * Node types and input values are checked later, by validateWorkflow.
 */
import { fromComfyApi, isComfyApiPrompt } from './comfy-format.js'
import { FORBIDDEN_NAMES } from './define-node.js'
import { describeNode, type ValidationIssue } from './issues.js'
import { FORMAT_MIGRATIONS, migrateFormat, type FormatMigration } from './migrate.js'
import { isPlainObject } from './own-property.js'
import { showValue } from './show-value.js'
import type { NodeRegistry } from './registry.js'
import { isLink, WORKFLOW_FORMAT_VERSION, type InputValue, type Workflow, type WorkflowNode } from './workflow.js'

export type WorkflowFormat = 'native' | 'comfy-api'

export interface ReadWorkflowResult {
  /** The native workflow, present when the shape could be read (it may still have issues). */
  readonly workflow?: Workflow
  readonly format?: WorkflowFormat
  readonly issues: readonly ValidationIssue[]
}

export interface ReadWorkflowOptions {
  readonly formatMigrations?: readonly FormatMigration[]
}

const shapeIssue = (message: string, node: string | null = null, input?: string): ValidationIssue => ({
  code: 'invalid_shape',
  node,
  ...(input !== undefined ? { input } : {}),
  message,
})

/** Reads a workflow in either format from JSON text or a parsed value. */
export function readWorkflow(input: unknown, registry: NodeRegistry, options: ReadWorkflowOptions = {}): ReadWorkflowResult {
  let raw = input
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input)
    } catch (error) {
      return { issues: [{ code: 'invalid_json', node: null, message: `The workflow is not valid JSON: ${(error as Error).message}` }] }
    }
  }
  if (!isPlainObject(raw)) return { issues: [shapeIssue('A workflow must be a JSON object')] }
  if (Array.isArray(raw.nodes) && Array.isArray(raw.links)) {
    return {
      issues: [
        shapeIssue(
          "This is ComfyUI's editor (UI) format, which has no fixed meaning without ComfyUI's frontend; export the workflow in API format (Workflow > Export (API)) or save it from Latentflow",
        ),
      ],
    }
  }
  if (!('nodes' in raw) && isComfyApiPrompt(raw)) {
    const shapeIssues = checkComfyShape(raw)
    if (shapeIssues.length > 0) return { format: 'comfy-api', issues: shapeIssues }
    const converted = fromComfyApi(raw, registry)
    // The converted graph gets the same shape and value checks as a native one.
    const native = readNative(converted.workflow as unknown as Record<string, unknown>)
    return { workflow: native.workflow, format: 'comfy-api', issues: [...converted.issues, ...native.issues] }
  }
  if (!('nodes' in raw)) {
    return { issues: [shapeIssue('A workflow needs "version" and "nodes" (native format) or {id: {class_type, inputs}} entries (ComfyUI API format)')] }
  }
  const migrated = migrateFormat(raw, options.formatMigrations ?? FORMAT_MIGRATIONS)
  if ('error' in migrated) return { format: 'native', issues: [{ code: 'unsupported_version', node: null, received: raw.version, expected: WORKFLOW_FORMAT_VERSION, message: `Workflow ${migrated.error}` }] }
  return readNative(migrated.workflow)
}

function readNative(raw: Record<string, unknown>): ReadWorkflowResult {
  const issues: ValidationIssue[] = []
  if (!isPlainObject(raw.nodes)) return { format: 'native', issues: [shapeIssue('"nodes" must be an object keyed by node id')] }
  const nodes: [string, WorkflowNode][] = []
  for (const [id, entry] of Object.entries(raw.nodes)) {
    const node = readNode(id, entry, issues)
    if (node) nodes.push([id, node])
  }
  if (raw.ui !== undefined && !isPlainObject(raw.ui)) issues.push(shapeIssue('"ui" must be an object'))
  if (raw.meta !== undefined && !isPlainObject(raw.meta)) issues.push(shapeIssue('"meta" must be an object'))
  const workflow: Workflow = {
    version: WORKFLOW_FORMAT_VERSION,
    nodes: Object.fromEntries(nodes),
    ...(isPlainObject(raw.ui) ? { ui: raw.ui } : {}),
    ...(isPlainObject(raw.meta) ? { meta: raw.meta } : {}),
  }
  return { workflow, format: 'native', issues }
}

function readNode(id: string, entry: unknown, issues: ValidationIssue[]): WorkflowNode | undefined {
  if (id === '' || FORBIDDEN_NAMES.has(id)) {
    issues.push(shapeIssue(`"${id}" cannot be a node id`, id))
    return undefined
  }
  if (!isPlainObject(entry) || typeof entry.type !== 'string' || entry.type === '') {
    issues.push(shapeIssue(`${describeNode(id)} must be an object with a "type" string`, id))
    return undefined
  }
  const { type } = entry
  if (entry.inputs !== undefined && !isPlainObject(entry.inputs)) {
    issues.push(shapeIssue(`${describeNode(id, type)}: "inputs" must be an object`, id))
    return undefined
  }
  if (entry.version !== undefined && !(Number.isInteger(entry.version) && (entry.version as number) >= 1)) {
    issues.push(shapeIssue(`${describeNode(id, type)}: "version" must be an integer >= 1`, id))
    return undefined
  }
  if (entry.title !== undefined && typeof entry.title !== 'string') {
    issues.push(shapeIssue(`${describeNode(id, type)}: "title" must be a string`, id))
    return undefined
  }
  const inputs: [string, InputValue][] = []
  for (const [name, value] of Object.entries(entry.inputs ?? {})) {
    if (FORBIDDEN_NAMES.has(name)) {
      issues.push(shapeIssue(`${describeNode(id, type)}: "${name}" cannot be an input name`, id, name))
    } else if (isLink(value) || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
      inputs.push([name, value])
    } else {
      issues.push({
        code: 'invalid_value',
        node: id,
        nodeType: type,
        input: name,
        received: value,
        message: `${describeNode(id, type)}: input "${name}" must be a number, text, true/false or a link ["nodeId", "output"], got ${showValue(value)}`,
      })
    }
  }
  return {
    type,
    ...(entry.version !== undefined ? { version: entry.version as number } : {}),
    ...(entry.title !== undefined ? { title: entry.title as string } : {}),
    inputs: Object.fromEntries(inputs),
  }
}

function checkComfyShape(raw: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  for (const [id, node] of Object.entries(raw)) {
    if (isPlainObject(node) && node.inputs !== undefined && !isPlainObject(node.inputs)) {
      issues.push(shapeIssue(`${describeNode(id, String(node.class_type))}: "inputs" must be an object`, id))
    }
  }
  return issues
}
