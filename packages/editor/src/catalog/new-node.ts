/** A new node of a described type: every widget at its default. */
import type { InputDescription, NodeDescription } from '@latentflow/engine'
import type { DocumentNode, Point } from '../document/graph-document'

/** The value a widget starts with. */
export function defaultWidgetValue(input: InputDescription): string | number | boolean | undefined {
  if (input.default !== undefined && ['string', 'number', 'boolean'].includes(typeof input.default)) return input.default as string | number | boolean
  switch (input.kind) {
    case 'INT':
    case 'FLOAT':
      return input.min ?? 0
    case 'SEED':
      return 0
    case 'STRING':
      return ''
    case 'BOOLEAN':
      return false
    case 'COMBO':
      return input.options?.[0]
    default:
      return undefined
  }
}

export function newNode(description: NodeDescription, position: Point): DocumentNode {
  const inputs: DocumentNode['inputs'] = {}
  for (const input of description.inputs) {
    if (input.kind === 'SOCKET') continue
    const value = defaultWidgetValue(input)
    if (value !== undefined) inputs[input.name] = value
  }
  return { type: description.type, version: description.version, inputs, position: { ...position } }
}
