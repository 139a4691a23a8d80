/** Ctrl+C: the selected nodes as a clipboard, and where a paste of it lands. */
import type { NodeClipboard } from './change-functions'
import type { DocumentNode, GraphDocument, Point } from './graph-document'

export function copyNodes(document: GraphDocument, ids: Iterable<string>): NodeClipboard | null {
  const nodes: Record<string, DocumentNode> = {}
  for (const id of ids) if (document.nodes[id]) nodes[id] = document.nodes[id]!
  return Object.keys(nodes).length > 0 ? { nodes } : null
}

/** The shift that puts the copy's top-left corner at `at`, or 40px down-right of the original. */
export function pasteOffset(clipboard: NodeClipboard, at: Point | null): Point {
  const positions = Object.values(clipboard.nodes).map((node) => node.position)
  if (!at || positions.length === 0) return { x: 40, y: 40 }
  const left = Math.min(...positions.map((position) => position.x))
  const top = Math.min(...positions.map((position) => position.y))
  return { x: at.x - left, y: at.y - top }
}
