/**
 * `/object_info`: ComfyUI's node schema, built from the node definitions: widget inputs as
 * `["INT", {default, min, max, step}]`, combos as `[["a", "b"], {default}]`, sockets as
 * `["LATENT"]`, seeds as INT up to 2^64-1 with `control_after_generate`.
 */
import { describeNodeDefinition, MAX_SEED, type AnyNodeDefinition, type InputDescription, type NodeRegistry } from '@latentflow/engine'

export type ComfyInputSpec = readonly [string | readonly string[], Record<string, unknown>?]

export interface ComfyNodeInfo {
  readonly input: { readonly required: Record<string, ComfyInputSpec>; readonly optional: Record<string, ComfyInputSpec> }
  readonly input_order: { readonly required: readonly string[]; readonly optional: readonly string[] }
  readonly output: readonly string[]
  readonly output_is_list: readonly boolean[]
  readonly output_name: readonly string[]
  readonly output_tooltips: readonly string[]
  readonly name: string
  readonly display_name: string
  readonly description: string
  readonly category: string
  readonly output_node: boolean
  readonly python_module: string
  /** Latentflow's own: the definition version and the plugin, when not built in. */
  readonly latentflow: { readonly version: number; readonly plugin?: string }
}

/** What ComfyUI's `python_module` says for a built-in node; a plugin's nodes say `custom_nodes.<plugin>`. */
export const PYTHON_MODULE = 'latentflow'

/** One input in ComfyUI's list form. */
export function comfyInputSpec(input: InputDescription): ComfyInputSpec {
  const options: Record<string, unknown> = {}
  const put = (key: string, value: unknown) => {
    if (value !== undefined) options[key] = value
  }
  const withTooltip = (spec: ComfyInputSpec): ComfyInputSpec => {
    if (input.tooltip === undefined) return spec
    return [spec[0], { ...spec[1], tooltip: input.tooltip }]
  }
  switch (input.kind) {
    case 'SOCKET':
      return withTooltip([input.type])
    case 'COMBO':
      put('default', input.default)
      return withTooltip([[...(input.options ?? [])], options])
    case 'SEED':
      put('default', input.default ?? 0)
      options.min = 0
      options.max = MAX_SEED // a bigint: written as 18446744073709551615
      options.control_after_generate = input.controlAfterGenerate !== false
      return withTooltip(['INT', options])
    case 'INT':
    case 'FLOAT':
      put('default', input.default)
      put('min', input.min)
      put('max', input.max)
      put('step', input.step ?? input.multipleOf)
      if (input.display === 'slider') options.display = 'slider'
      return withTooltip([input.kind, options])
    case 'STRING':
      put('default', input.default)
      put('multiline', input.multiline)
      return withTooltip(['STRING', options])
    case 'BOOLEAN':
      put('default', input.default)
      return withTooltip(['BOOLEAN', options])
  }
}

export function comfyNodeInfo(definition: AnyNodeDefinition): ComfyNodeInfo {
  const description = describeNodeDefinition(definition)
  const required: Record<string, ComfyInputSpec> = {}
  const optional: Record<string, ComfyInputSpec> = {}
  for (const input of description.inputs) (input.optional ? optional : required)[input.name] = comfyInputSpec(input)
  return {
    input: { required, optional },
    input_order: { required: Object.keys(required), optional: Object.keys(optional) },
    output: description.outputs.map((output) => output.type),
    output_is_list: description.outputs.map(() => false),
    output_name: description.outputs.map((output) => output.name),
    output_tooltips: description.outputs.map((output) => output.tooltip ?? ''),
    name: description.type,
    display_name: description.title,
    description: description.description ?? '',
    category: description.category,
    output_node: description.output,
    python_module: description.plugin ? `custom_nodes.${description.plugin}` : PYTHON_MODULE,
    latentflow: { version: description.version, ...(description.plugin ? { plugin: description.plugin } : {}) },
  }
}

/** Every node type, by type. Combo options (model folders, input images) are listed now. */
export function comfyObjectInfo(registry: NodeRegistry): Record<string, ComfyNodeInfo> {
  return Object.fromEntries(registry.list().map((definition) => [definition.type, comfyNodeInfo(definition)]))
}
