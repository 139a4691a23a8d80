/**
 * The set of node types and socket types a host knows. Always passed in explicitly:
 * there is no global registry, so tests build exactly the registry they need.
 */
import { BUILTIN_SOCKET_TYPES, type SocketType } from './socket-types.js'
import { outputType, type AnyNodeDefinition, type OutputSpec } from './define-node.js'
import type { InputSpec } from './inputs.js'

export class DuplicateNodeTypeError extends Error {
  constructor(
    readonly nodeType: string,
    readonly existingSource: string | undefined,
  ) {
    super(`Node type "${nodeType}" is already registered${existingSource ? ` by ${existingSource}` : ''}`)
    this.name = 'DuplicateNodeTypeError'
  }
}

export interface NodeRegistry {
  get(type: string): AnyNodeDefinition | undefined
  has(type: string): boolean
  /** Every node definition, in registration order. */
  list(): readonly AnyNodeDefinition[]
  socketType(name: string): SocketType | undefined
  socketTypes(): readonly SocketType[]
  /**
   * Adds node definitions. Throws {@link DuplicateNodeTypeError} (adding none of them) when a
   * type is taken. `plugin` names the plugin they come from, for error messages.
   */
  add(nodes: readonly AnyNodeDefinition[], plugin?: string): void
  /** Adds socket types; a name already known with another colour is kept as it was. */
  addSocketTypes(types: readonly SocketType[]): void
}

export interface RegistryOptions {
  /** Socket types besides the built-in ones. */
  readonly socketTypes?: readonly SocketType[]
}

/** @example const registry = createRegistry([EmptyLatent, SaveImage]) */
export function createRegistry(nodes: readonly AnyNodeDefinition[] = [], options: RegistryOptions = {}): NodeRegistry {
  const byType = new Map<string, AnyNodeDefinition>()
  const sockets = new Map<string, SocketType>()

  const registry: NodeRegistry = {
    get: (type) => byType.get(type),
    has: (type) => byType.has(type),
    list: () => [...byType.values()],
    socketType: (name) => sockets.get(name),
    socketTypes: () => [...sockets.values()],
    add(definitions, plugin) {
      const seen = new Set<string>()
      for (const definition of definitions) {
        const existing = byType.get(definition.type)
        if (existing || seen.has(definition.type)) {
          throw new DuplicateNodeTypeError(definition.type, existing?.plugin ?? (existing ? 'the built-in nodes' : plugin))
        }
        seen.add(definition.type)
      }
      for (const definition of definitions) {
        byType.set(definition.type, plugin ? Object.freeze({ ...definition, plugin }) : definition)
        for (const spec of Object.values(definition.outputs as Record<string, OutputSpec>)) ensureSocket(outputType(spec))
        for (const spec of Object.values(definition.inputs as Record<string, InputSpec>)) if (spec.kind === 'SOCKET') ensureSocket(spec.type)
      }
    },
    addSocketTypes(types) {
      for (const type of types) if (!sockets.has(type.name)) sockets.set(type.name, type)
    },
  }

  /** Undeclared socket types still work; they get a neutral colour. */
  function ensureSocket(name: string): void {
    if (!sockets.has(name)) sockets.set(name, { name, color: '#bdbdbd' })
  }

  registry.addSocketTypes(BUILTIN_SOCKET_TYPES)
  registry.addSocketTypes(options.socketTypes ?? [])
  registry.add(nodes)
  return registry
}
