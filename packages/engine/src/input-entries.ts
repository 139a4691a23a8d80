/** A definition's inputs as `[name, spec]` pairs, computed once per definition (hot in the executor). */
import type { AnyNodeDefinition } from './define-node.js'
import type { InputSpec } from './inputs.js'

const entriesByDefinition = new WeakMap<AnyNodeDefinition, readonly (readonly [string, InputSpec])[]>()

export function inputEntries(definition: AnyNodeDefinition): readonly (readonly [string, InputSpec])[] {
  let entries = entriesByDefinition.get(definition)
  if (!entries) {
    entries = Object.entries(definition.inputs as Record<string, InputSpec>)
    entriesByDefinition.set(definition, entries)
  }
  return entries
}
