/** Places nodes that have no saved position: one column per depth of links, left to right. */
import { isLink, type WorkflowNode } from '@latentflow/engine'
import type { Point } from './graph-document'

const COLUMN_WIDTH = 320
const ROW_HEIGHT = 220

/** Positions for every node, by its distance from the graph's sources. */
export function autoLayout(nodes: Readonly<Record<string, WorkflowNode>>): Record<string, Point> {
  const depth = new Map<string, number>()
  const visiting = new Set<string>()
  const depthOf = (id: string): number => {
    const known = depth.get(id)
    if (known !== undefined) return known
    if (visiting.has(id) || !Object.hasOwn(nodes, id)) return 0
    visiting.add(id)
    let value = 0
    for (const input of Object.values(nodes[id]!.inputs)) if (isLink(input)) value = Math.max(value, depthOf(input[0]) + 1)
    visiting.delete(id)
    depth.set(id, value)
    return value
  }
  const rows = new Map<number, number>()
  const positions: Record<string, Point> = {}
  for (const id of Object.keys(nodes)) {
    const column = depthOf(id)
    const row = rows.get(column) ?? 0
    rows.set(column, row + 1)
    positions[id] = { x: column * COLUMN_WIDTH, y: row * ROW_HEIGHT }
  }
  return positions
}
