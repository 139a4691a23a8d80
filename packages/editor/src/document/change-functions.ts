/**
 * The only writers of the graph document: pure functions over an immer draft, run by the
 * document store (`store.change(draft => setWidget(draft, 'latent', 'width', 512))`), which
 * records their patches for undo. None of them validates types: `is-valid-connection.ts` does.
 */
import { isLink, type InputValue } from '@latentflow/engine'
import type { DocumentNode, GraphDocument, Point } from './graph-document'

/** Adds a node under `id` (which must be free). */
export function addNode(document: GraphDocument, id: string, node: DocumentNode): void {
  if (Object.hasOwn(document.nodes, id)) throw new Error(`Node id "${id}" is taken`)
  document.nodes[id] = node
}

/** Removes nodes and every link that comes out of them. */
export function removeNodes(document: GraphDocument, ids: readonly string[]): void {
  const gone = new Set(ids)
  for (const id of ids) delete document.nodes[id]
  for (const node of Object.values(document.nodes)) {
    for (const [name, value] of Object.entries(node.inputs)) if (isLink(value) && gone.has(value[0])) delete node.inputs[name]
  }
  document.randomizeSeeds = document.randomizeSeeds.filter((key) => !gone.has(key.slice(0, key.lastIndexOf('.'))))
}

/** Moves nodes to new positions. */
export function moveNodes(document: GraphDocument, positions: Readonly<Record<string, Point>>): void {
  for (const [id, position] of Object.entries(positions)) {
    const node = document.nodes[id]
    if (node && (node.position.x !== position.x || node.position.y !== position.y)) node.position = { x: position.x, y: position.y }
  }
}

/** Sets a widget's literal value (replacing a link into that input, if any). */
export function setWidget(document: GraphDocument, nodeId: string, input: string, value: string | number | boolean): void {
  const node = document.nodes[nodeId]
  if (node) node.inputs[input] = value
}

export interface LinkEnds {
  readonly source: string
  readonly sourceHandle: string
  readonly target: string
  readonly targetHandle: string
}

/** Links `source.sourceHandle` into `target.targetHandle`; an input takes one link, so it replaces any old one. */
export function connect(document: GraphDocument, link: LinkEnds): void {
  const node = document.nodes[link.target]
  if (node && Object.hasOwn(document.nodes, link.source)) node.inputs[link.targetHandle] = [link.source, link.sourceHandle]
}

/**
 * Removes the link into `target.input`. A widget input gets `fallback` back (its last literal
 * or default), a socket input is left empty.
 */
export function disconnect(document: GraphDocument, target: string, input: string, fallback?: InputValue): void {
  const node = document.nodes[target]
  if (!node || !isLink(node.inputs[input])) return
  if (fallback === undefined) delete node.inputs[input]
  else node.inputs[input] = fallback
}

export function setCollapsed(document: GraphDocument, ids: readonly string[], collapsed: boolean): void {
  for (const id of ids) {
    const node = document.nodes[id]
    if (!node) continue
    if (collapsed) node.collapsed = true
    else delete node.collapsed
  }
}

export function setTitle(document: GraphDocument, id: string, title: string): void {
  const node = document.nodes[id]
  if (!node) return
  if (title.trim() === '') delete node.title
  else node.title = title
}

/** Turns "randomize after queue" on or off for a seed input. */
export function setRandomizeSeed(document: GraphDocument, nodeId: string, input: string, on: boolean): void {
  const key = `${nodeId}.${input}`
  const others = document.randomizeSeeds.filter((entry) => entry !== key)
  document.randomizeSeeds = on ? [...others, key] : others
}

/** Copied nodes: what Ctrl+C puts on the clipboard. */
export interface NodeClipboard {
  readonly nodes: Readonly<Record<string, DocumentNode>>
}

/**
 * Pastes copied nodes under new ids (`ids`: old -> new, see `pasteIds`), shifted by `offset`.
 * Links among the copied nodes are remapped to the new ids; links to nodes outside the copy
 * are dropped.
 */
export function pasteNodes(document: GraphDocument, clipboard: NodeClipboard, ids: Readonly<Record<string, string>>, offset: Point): void {
  for (const [oldId, node] of Object.entries(clipboard.nodes)) {
    const id = ids[oldId]
    if (id === undefined) continue
    const inputs: Record<string, InputValue> = {}
    for (const [name, value] of Object.entries(node.inputs)) {
      if (!isLink(value)) inputs[name] = value
      else if (ids[value[0]] !== undefined) inputs[name] = [ids[value[0]]!, value[1]]
    }
    addNode(document, id, { ...node, inputs, position: { x: node.position.x + offset.x, y: node.position.y + offset.y } })
  }
}

/** Replaces the whole document (opening a file): one undoable step. */
export function replaceDocument(document: GraphDocument, next: GraphDocument): GraphDocument {
  void document
  return next
}
