/** Fresh node ids: readable (`sampler`, `sampler_2`), never taken. */
import type { GraphDocument } from './graph-document'

/** `base` made id-safe, or `base_N` with the smallest N not taken (ids in `reserved` count as taken). */
export function uniqueNodeId(document: GraphDocument, base: string, reserved: ReadonlySet<string> = new Set()): string {
  const stem = base.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase() || 'node'
  const taken = (id: string) => Object.hasOwn(document.nodes, id) || reserved.has(id)
  if (!taken(stem)) return stem
  const root = stem.replace(/_\d+$/, '')
  for (let n = 2; ; n++) if (!taken(`${root}_${n}`)) return `${root}_${n}`
}

/** New ids for pasted nodes, one per copied id, none colliding with the document or each other. */
export function pasteIds(document: GraphDocument, copied: readonly string[]): Record<string, string> {
  const reserved = new Set<string>()
  const ids: Record<string, string> = {}
  for (const id of copied) {
    const fresh = uniqueNodeId(document, id, reserved)
    reserved.add(fresh)
    ids[id] = fresh
  }
  return ids
}
