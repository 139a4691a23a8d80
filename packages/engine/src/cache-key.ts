/**
 * Step 3a: a node's cache key is a hash of its type, definition version, widget values and
 * the keys of the outputs linked into it. Equal keys mean equal outputs, so an unchanged key
 * reuses the stored output; changing a widget changes the keys of that node and everything
 * downstream, and nothing else.
 */
import type { AnyNodeDefinition } from './define-node.js'
import { hash128 } from './hash.js'
import { inputEntries } from './input-entries.js'
import type { NodeRegistry } from './registry.js'
import { parseSeed } from './seed.js'
import { isLink, type Workflow } from './workflow.js'

/**
 * Keys for the planned nodes (in plan order). `runNonce` is unique per run: uncacheable nodes
 * (and those whose `isChanged` fails) mix it in, so they and their descendants always re-run.
 */
export function computeCacheKeys(
  workflow: Workflow,
  order: readonly string[],
  registry: NodeRegistry,
  runNonce: string,
): Map<string, string> {
  const keys = new Map<string, string>()
  for (const id of order) {
    const node = workflow.nodes[id]!
    const definition = registry.get(node.type)!
    keys.set(id, hash128(signature(node.inputs, definition, keys, runNonce)))
  }
  return keys
}

function signature(
  inputs: Workflow['nodes'][string]['inputs'],
  definition: AnyNodeDefinition,
  keys: ReadonlyMap<string, string>,
  runNonce: string,
): string {
  const parts: unknown[] = [definition.type, definition.version]
  const widgets: Record<string, unknown> = {}
  for (const [name, spec] of inputEntries(definition)) {
    const value = Object.hasOwn(inputs, name) ? inputs[name] : undefined
    if (isLink(value)) parts.push(name, 'link', keys.get(value[0]), value[1])
    else {
      // Seeds compare by value: 42 and "42" are the same seed.
      const keyed = spec.kind === 'SEED' ? parseSeed(value)?.toString() : value
      parts.push(name, keyed === undefined ? null : keyed)
      if (value !== undefined) widgets[name] = value
    }
  }
  if (!definition.cacheable) parts.push('uncacheable', runNonce)
  else if (definition.isChanged) {
    try {
      parts.push('changed', stableStringify(definition.isChanged(widgets)))
    } catch {
      parts.push('changed-failed', runNonce)
    }
  }
  return JSON.stringify(parts)
}

/** JSON with object keys sorted, so equal values give equal text. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return 'null'
  if (typeof value === 'bigint') return JSON.stringify(value.toString())
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableStringify((value as Record<string, unknown>)[key])}`)
    return `{${entries.join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}
