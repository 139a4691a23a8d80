/** The node types every Latentflow host starts with. */
import { createRegistry, type AnyNodeDefinition, type NodeRegistry } from '@latentflow/engine'
import { PrimitiveBoolean, PrimitiveFloat, PrimitiveInt, PrimitiveString } from './primitive-nodes.js'
import { SaveText } from './save-text.js'

/** The built-in node definitions, in menu order. */
export const builtinNodes: readonly AnyNodeDefinition[] = Object.freeze([PrimitiveInt, PrimitiveFloat, PrimitiveString, PrimitiveBoolean, SaveText])

/**
 * A fresh registry holding the built-in nodes; plugins may add to it without touching others.
 *
 * @example const executor = createExecutor({ registry: createDefaultRegistry(), services })
 */
export function createDefaultRegistry(): NodeRegistry {
  return createRegistry(builtinNodes)
}
