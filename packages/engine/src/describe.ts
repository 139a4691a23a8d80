/**
 * The JSON description of node types that the editor, the API (`/object_info`) and
 * `latentflow nodes` show: everything about a node except its code.
 */
import { comboOptions, type InputSpec } from './inputs.js'
import { outputType, type AnyNodeDefinition } from './define-node.js'
import type { NodeRegistry } from './registry.js'
import type { SocketType } from './socket-types.js'

export interface InputDescription {
  readonly name: string
  /** `SOCKET` for linked inputs, else the widget kind. */
  readonly kind: InputSpec['kind']
  /** The socket type for linked inputs, the widget kind otherwise. */
  readonly type: string
  readonly optional: boolean
  readonly default?: unknown
  readonly min?: number
  readonly max?: number
  readonly step?: number
  readonly multipleOf?: number
  readonly options?: readonly string[]
  readonly multiline?: boolean
  readonly maxLength?: number
  readonly display?: string
  readonly controlAfterGenerate?: boolean
  readonly tooltip?: string
}

export interface OutputDescription {
  readonly name: string
  readonly type: string
  readonly tooltip?: string
}

export interface NodeDescription {
  readonly type: string
  readonly version: number
  readonly title: string
  readonly category: string
  readonly description?: string
  readonly output: boolean
  readonly plugin?: string
  readonly inputs: readonly InputDescription[]
  readonly outputs: readonly OutputDescription[]
}

export interface RegistryDescription {
  readonly nodes: readonly NodeDescription[]
  readonly socketTypes: readonly SocketType[]
}

export function describeInput(name: string, spec: InputSpec): InputDescription {
  const { kind } = spec
  const base = { name, kind, optional: spec.optional === true, ...(spec.tooltip ? { tooltip: spec.tooltip } : {}) }
  switch (spec.kind) {
    case 'SOCKET':
      return { ...base, type: spec.type }
    case 'COMBO':
      return { ...base, type: kind, options: [...comboOptions(spec)], ...defined({ default: spec.default }) }
    case 'INT':
    case 'FLOAT':
      return {
        ...base,
        type: kind,
        ...defined({ default: spec.default, min: spec.min, max: spec.max, step: spec.step, display: spec.display }),
        ...(spec.kind === 'INT' ? defined({ multipleOf: spec.multipleOf }) : {}),
      }
    case 'STRING':
      return { ...base, type: kind, ...defined({ default: spec.default, multiline: spec.multiline, maxLength: spec.maxLength }) }
    case 'BOOLEAN':
      return { ...base, type: kind, ...defined({ default: spec.default }) }
    case 'SEED':
      return { ...base, type: kind, ...defined({ default: spec.default, controlAfterGenerate: spec.controlAfterGenerate }) }
  }
}

export function describeNodeDefinition(definition: AnyNodeDefinition): NodeDescription {
  const inputs = Object.entries(definition.inputs as Record<string, InputSpec>).map(([name, spec]) => describeInput(name, spec))
  const outputs = Object.entries(definition.outputs).map(([name, spec]) => ({
    name,
    type: outputType(spec as string),
    ...(typeof spec === 'object' && spec && 'tooltip' in spec && spec.tooltip ? { tooltip: String(spec.tooltip) } : {}),
  }))
  return {
    type: definition.type,
    version: definition.version,
    title: definition.title,
    category: definition.category,
    ...defined({ description: definition.description, plugin: definition.plugin }),
    output: definition.output,
    inputs,
    outputs,
  }
}

/** Describes every node type and socket type of a registry (combo options resolved now). */
export function describeRegistry(registry: NodeRegistry): RegistryDescription {
  return { nodes: registry.list().map(describeNodeDefinition), socketTypes: registry.socketTypes() }
}

/** Drops undefined fields so the JSON stays small. */
function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  const out: Partial<T> = {}
  for (const key of Object.keys(fields) as (keyof T)[]) if (fields[key] !== undefined) out[key] = fields[key]
  return out
}
