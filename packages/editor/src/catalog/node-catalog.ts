/**
 * The node types the server offers (plugins included), from `GET /latentflow/nodes`
 * (the engine's `describeRegistry`), indexed for the editor.
 */
import type { NodeDescription, RegistryDescription, InputDescription } from '@latentflow/engine'

export interface NodeCatalog {
  /** Node types by name. */
  readonly byType: ReadonlyMap<string, NodeDescription>
  /** Every node type, sorted by category then title. */
  readonly list: readonly NodeDescription[]
  /** CSS colour per socket type name. */
  readonly colors: ReadonlyMap<string, string>
  /** Socket types as the server lists them (for the legend). */
  readonly socketTypes: RegistryDescription['socketTypes']
}

/** Shown for a socket type the server did not describe. */
export const UNKNOWN_SOCKET_COLOR = '#9e9e9e'

export function createCatalog(description: RegistryDescription): NodeCatalog {
  const list = [...description.nodes].sort((a, b) => a.category.localeCompare(b.category) || a.title.localeCompare(b.title))
  return {
    byType: new Map(list.map((node) => [node.type, node])),
    list,
    colors: new Map(description.socketTypes.map((type) => [type.name, type.color])),
    socketTypes: description.socketTypes,
  }
}

export const EMPTY_CATALOG: NodeCatalog = createCatalog({ nodes: [], socketTypes: [] })

export function socketColor(catalog: NodeCatalog, type: string): string {
  return catalog.colors.get(type) ?? UNKNOWN_SOCKET_COLOR
}

/** True for inputs shown as a widget (a literal value), false for socket inputs. */
export function isWidgetInput(input: InputDescription): boolean {
  return input.kind !== 'SOCKET'
}
