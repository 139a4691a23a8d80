/**
 * React Flow's nodes and edges, derived from the graph document (never edited directly):
 * one node per document node (id = workflow id), one edge per link, coloured by its socket type.
 * Unchanged inputs give the same objects back, so React Flow re-renders only what changed.
 */
import { isLink } from '@latentflow/engine'
import type { Edge, Node } from '@xyflow/react'
import { socketColor, type NodeCatalog } from '../catalog/node-catalog'
import type { DocumentNode, GraphDocument } from '../document/graph-document'

/** What a node component gets from its React Flow node. */
export type WorkflowNodeData = { readonly node: DocumentNode }
export type WorkflowFlowNode = Node<WorkflowNodeData, 'workflow'>

export interface Measured {
  readonly width: number
  readonly height: number
}

/** The node view type registered with React Flow. */
export const WORKFLOW_NODE_TYPE = 'workflow'

export function deriveNodes(
  document: GraphDocument,
  selected: ReadonlySet<string>,
  measured: ReadonlyMap<string, Measured>,
  previous: ReadonlyMap<string, WorkflowFlowNode> = new Map(),
): WorkflowFlowNode[] {
  return Object.entries(document.nodes).map(([id, node]) => {
    const size = measured.get(id)
    const isSelected = selected.has(id)
    const old = previous.get(id)
    if (old && old.data.node === node && old.selected === isSelected && old.measured?.width === size?.width && old.measured?.height === size?.height) return old
    return {
      id,
      type: WORKFLOW_NODE_TYPE,
      position: node.position,
      data: old?.data.node === node ? old.data : { node },
      selected: isSelected,
      ...(size ? { measured: { width: size.width, height: size.height } } : {}),
    }
  })
}

/** The id of the edge into `target.input`. */
export function edgeId(target: string, input: string): string {
  return `${target}.${input}`
}

export function deriveEdges(document: GraphDocument, catalog: NodeCatalog, selected: ReadonlySet<string>): Edge[] {
  const edges: Edge[] = []
  for (const [target, node] of Object.entries(document.nodes)) {
    for (const [input, value] of Object.entries(node.inputs)) {
      if (!isLink(value) || !Object.hasOwn(document.nodes, value[0])) continue
      const [source, output] = value
      const type = catalog.byType.get(document.nodes[source]!.type)?.outputs.find((entry) => entry.name === output)?.type ?? ''
      const id = edgeId(target, input)
      const color = socketColor(catalog, type)
      edges.push({
        id,
        source,
        sourceHandle: output,
        target,
        targetHandle: input,
        selected: selected.has(id),
        style: { stroke: color, strokeWidth: selected.has(id) ? 3.5 : 2 },
        data: { type },
      })
    }
  }
  return edges
}
