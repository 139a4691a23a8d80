/**
 * Workflow (the saved, native format) <-> graph document. Lossless both ways for workflows
 * with a layout: ids, types, versions, titles, inputs, positions, sizes, collapsed state,
 * viewport and metadata survive a round trip.
 */
import { WORKFLOW_FORMAT_VERSION, type NodeLayout, type Workflow, type WorkflowNode } from '@latentflow/engine'
import { autoLayout } from './auto-layout'
import type { DocumentNode, GraphDocument } from './graph-document'

/** Where the editor keeps its own settings in `meta` (seeds to randomize). */
export const EDITOR_META_KEY = 'latentflowEditor'

interface EditorMeta {
  randomizeSeeds?: string[]
}

/** A workflow as an editable document; nodes without a saved position are laid out. */
export function workflowToDocument(workflow: Workflow): GraphDocument {
  const layout = workflow.ui?.nodes ?? {}
  const missing = Object.keys(workflow.nodes).some((id) => !Object.hasOwn(layout, id))
  const placed = missing ? autoLayout(workflow.nodes) : {}
  const nodes: Record<string, DocumentNode> = {}
  for (const [id, node] of Object.entries(workflow.nodes)) {
    const ui: NodeLayout | undefined = Object.hasOwn(layout, id) ? layout[id] : undefined
    nodes[id] = {
      type: node.type,
      ...(node.version !== undefined ? { version: node.version } : {}),
      ...(node.title !== undefined ? { title: node.title } : {}),
      inputs: cloneInputs(node.inputs),
      position: ui ? { x: ui.x, y: ui.y } : placed[id]!,
      ...(ui?.width !== undefined ? { width: ui.width } : {}),
      ...(ui?.height !== undefined ? { height: ui.height } : {}),
      ...(ui?.collapsed !== undefined ? { collapsed: ui.collapsed } : {}),
    }
  }
  const { [EDITOR_META_KEY]: editor, ...meta } = (workflow.meta ?? {}) as Record<string, unknown>
  const randomizeSeeds = ((editor as EditorMeta | undefined)?.randomizeSeeds ?? []).filter((key) => typeof key === 'string')
  const document: GraphDocument = { nodes, randomizeSeeds }
  if (workflow.ui?.viewport) document.viewport = { ...workflow.ui.viewport }
  if (workflow.meta !== undefined) document.meta = meta
  return document
}

/** The document as a native workflow (what is saved, autosaved and queued). */
export function documentToWorkflow(document: GraphDocument): Workflow {
  const nodes: Record<string, WorkflowNode> = {}
  const layout: Record<string, NodeLayout> = {}
  for (const [id, node] of Object.entries(document.nodes)) {
    nodes[id] = {
      type: node.type,
      ...(node.version !== undefined ? { version: node.version } : {}),
      ...(node.title !== undefined ? { title: node.title } : {}),
      inputs: cloneInputs(node.inputs),
    }
    layout[id] = {
      x: node.position.x,
      y: node.position.y,
      ...(node.width !== undefined ? { width: node.width } : {}),
      ...(node.height !== undefined ? { height: node.height } : {}),
      ...(node.collapsed !== undefined ? { collapsed: node.collapsed } : {}),
    }
  }
  let meta = document.meta
  if (document.randomizeSeeds.length > 0) meta = { ...meta, [EDITOR_META_KEY]: { randomizeSeeds: [...document.randomizeSeeds] } }
  return {
    version: WORKFLOW_FORMAT_VERSION,
    ...(meta !== undefined ? { meta } : {}),
    nodes,
    ui: { nodes: layout, ...(document.viewport ? { viewport: { ...document.viewport } } : {}) },
  }
}

function cloneInputs(inputs: WorkflowNode['inputs']): DocumentNode['inputs'] {
  const out: DocumentNode['inputs'] = {}
  for (const [name, value] of Object.entries(inputs)) out[name] = Array.isArray(value) ? [value[0], value[1]] : value
  return out
}
