/**
 * What a ComfyUI API prompt needs before Latentflow reads it:
 * - inputs the Latentflow namesake names differently (VAEDecode's `samples` is our `latent`,
 *   VAEEncode's `pixels` our `image`) are renamed, so the native nodes keep their names;
 * - `ckpt_name` loses its file suffix (`tiny-shapes.safetensors` -> the folder `tiny-shapes`).
 */
import { checkpointFolderName } from './checkpoint-name.js'

/** Node type -> ComfyUI input name -> Latentflow input name. */
export const COMFY_INPUT_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  VAEDecode: { samples: 'latent' },
  VAEEncode: { pixels: 'image' },
}

/** Node type -> input -> how a ComfyUI value becomes Latentflow's. */
const VALUE_ADAPTERS: Readonly<Record<string, Readonly<Record<string, (value: string) => string>>>> = {
  CheckpointLoaderSimple: { ckpt_name: checkpointFolderName },
}

/**
 * A copy of a ComfyUI API prompt that Latentflow's registry reads. Nodes of other types, and
 * inputs already under Latentflow's names, are left as they are; the input is not modified.
 *
 * @example adaptComfyPrompt({ '8': { class_type: 'VAEDecode', inputs: { samples: ['3', 0], vae: ['4', 2] } } })
 * // -> { '8': { class_type: 'VAEDecode', inputs: { latent: ['3', 0], vae: ['4', 2] } } }
 */
export function adaptComfyPrompt<P extends Readonly<Record<string, unknown>>>(prompt: P): P {
  const out: Record<string, unknown> = {}
  for (const [id, node] of Object.entries(prompt)) {
    const { class_type: type, inputs } = (node ?? {}) as { class_type?: unknown; inputs?: unknown }
    const known = typeof type === 'string' && (Object.hasOwn(COMFY_INPUT_ALIASES, type) || Object.hasOwn(VALUE_ADAPTERS, type))
    if (!known || typeof inputs !== 'object' || inputs === null || Array.isArray(inputs)) {
      out[id] = node
      continue
    }
    const aliases = COMFY_INPUT_ALIASES[type as string] ?? {}
    const adapters = VALUE_ADAPTERS[type as string] ?? {}
    const adapted: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(inputs)) {
      const target = Object.hasOwn(aliases, name) ? aliases[name]! : name
      const adapter = Object.hasOwn(adapters, target) ? adapters[target] : undefined
      const newValue = adapter && typeof value === 'string' ? adapter(value) : value
      // Both names given: keep the ComfyUI one as it is, so validation reports it.
      if (target !== name && Object.hasOwn(inputs, target)) adapted[name] = value
      else adapted[target] = newValue
    }
    out[id] = { ...(node as object), inputs: adapted }
  }
  return out as P
}
