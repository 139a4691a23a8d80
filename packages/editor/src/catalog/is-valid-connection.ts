/**
 * Whether a link may be drawn: both ends exist, the output's socket type is what the input
 * accepts (widget inputs accept the types `linkTypesForWidget` names), and the link would not
 * close a cycle. React Flow calls it while dragging; `connect` is refused when it says no.
 */
import { ANY_SOCKET_TYPE, isLink, linkTypesForWidget, type InputDescription, type WidgetKind } from '@latentflow/engine'
import type { LinkEnds } from '../document/change-functions'
import type { GraphDocument } from '../document/graph-document'
import type { NodeCatalog } from './node-catalog'

/** The socket types an input accepts. */
export function acceptedTypes(input: InputDescription): readonly string[] {
  return input.kind === 'SOCKET' ? [input.type] : linkTypesForWidget(input.kind as WidgetKind)
}

/** True when an output of `outputType` may feed `input`. */
export function typesMatch(outputType: string, input: InputDescription): boolean {
  if (input.kind === 'SOCKET' && (input.type === ANY_SOCKET_TYPE || outputType === ANY_SOCKET_TYPE)) return true
  return acceptedTypes(input).includes(outputType)
}

/** True when `from` is `to` or one of its upstream nodes. */
function isUpstream(document: GraphDocument, from: string, to: string): boolean {
  const seen = new Set<string>()
  const pending = [to]
  while (pending.length > 0) {
    const id = pending.pop()!
    if (id === from) return true
    if (seen.has(id)) continue
    seen.add(id)
    const node = document.nodes[id]
    if (node) for (const value of Object.values(node.inputs)) if (isLink(value)) pending.push(value[0])
  }
  return false
}

export function isValidConnection(document: GraphDocument, catalog: NodeCatalog, link: Partial<LinkEnds> | { source: string | null; target: string | null; sourceHandle?: string | null; targetHandle?: string | null }): boolean {
  const { source, target, sourceHandle, targetHandle } = link
  if (!source || !target || !sourceHandle || !targetHandle || source === target) return false
  const sourceNode = document.nodes[source]
  const targetNode = document.nodes[target]
  if (!sourceNode || !targetNode) return false
  const output = catalog.byType.get(sourceNode.type)?.outputs.find((entry) => entry.name === sourceHandle)
  const input = catalog.byType.get(targetNode.type)?.inputs.find((entry) => entry.name === targetHandle)
  if (!output || !input || !typesMatch(output.type, input)) return false
  return !isUpstream(document, target, source)
}
