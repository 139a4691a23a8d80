/**
 * A Stable Diffusion model in the diffusers ONNX folder layout (what real SD 1.x ONNX exports
 * use, and the embedded tiny model too):
 *
 *   model_index.json, scheduler/scheduler_config.json, tokenizer/{vocab.json, merges.txt, ...},
 *   text_encoder/model.onnx, unet/model.onnx (+ external data such as weights.pb),
 *   vae_decoder/model.onnx (+ config.json with scaling_factor), vae_encoder/model.onnx (optional),
 *   latent_rgb.json (optional, Latentflow's preview matrix).
 */
import { access } from 'node:fs/promises'
import path from 'node:path'
import { parseLatentRgb, SD15_LATENT_RGB, type LatentRgb } from './latent-rgb.js'
import { isJsonObject, readJsonFile } from './read-json-file.js'

/** SD 1.x and 2.x's VAE scaling factor, used when the VAE config has none. */
export const DEFAULT_VAE_SCALING_FACTOR = 0.18215

export interface ModelFolder {
  /** The folder's name, as LoadModel lists it. */
  readonly name: string
  readonly dir: string
  readonly tokenizerDir: string
  readonly textEncoderPath: string
  readonly unetPath: string
  readonly vaeDecoderPath: string
  /** Absent in folders without an encoder (then img2img is unavailable). */
  readonly vaeEncoderPath?: string
  /** scheduler/scheduler_config.json as diffusers writes it. */
  readonly schedulerConfig: Readonly<Record<string, unknown>>
  readonly vaeScalingFactor: number
  readonly latentRgb: LatentRgb
}

/** Reads and checks a model folder; errors name the missing or broken file. */
export async function readModelFolder(dir: string): Promise<ModelFolder> {
  const file = (...parts: string[]) => path.join(dir, ...parts)
  try {
    await access(dir)
  } catch {
    throw new Error(`Model folder not found: ${dir}`)
  }
  const required = [
    file('model_index.json'),
    file('scheduler', 'scheduler_config.json'),
    file('tokenizer', 'vocab.json'),
    file('tokenizer', 'merges.txt'),
    file('text_encoder', 'model.onnx'),
    file('unet', 'model.onnx'),
    file('vae_decoder', 'model.onnx'),
  ]
  for (const needed of required) {
    if (!(await exists(needed))) throw new Error(`Model folder ${dir} is incomplete: missing ${path.relative(dir, needed)}`)
  }
  const index = await readJsonFile(file('model_index.json'))
  if (!isJsonObject(index)) throw new Error(`${file('model_index.json')} must be a JSON object`)
  const schedulerConfig = await readJsonFile(file('scheduler', 'scheduler_config.json'))
  if (!isJsonObject(schedulerConfig)) throw new Error(`${file('scheduler', 'scheduler_config.json')} must be a JSON object`)

  const vaeConfigFile = file('vae_decoder', 'config.json')
  let vaeScalingFactor = DEFAULT_VAE_SCALING_FACTOR
  if (await exists(vaeConfigFile)) {
    const config = await readJsonFile(vaeConfigFile)
    const factor = isJsonObject(config) ? config.scaling_factor : undefined
    if (factor !== undefined) {
      if (typeof factor !== 'number' || !(factor > 0)) throw new Error(`${vaeConfigFile}: scaling_factor must be a positive number`)
      vaeScalingFactor = factor
    }
  }
  const latentRgbFile = file('latent_rgb.json')
  const latentRgb = (await exists(latentRgbFile)) ? parseLatentRgb(await readJsonFile(latentRgbFile), latentRgbFile) : SD15_LATENT_RGB
  const vaeEncoderPath = file('vae_encoder', 'model.onnx')
  return {
    name: path.basename(dir),
    dir,
    tokenizerDir: file('tokenizer'),
    textEncoderPath: file('text_encoder', 'model.onnx'),
    unetPath: file('unet', 'model.onnx'),
    vaeDecoderPath: file('vae_decoder', 'model.onnx'),
    ...((await exists(vaeEncoderPath)) ? { vaeEncoderPath } : {}),
    schedulerConfig,
    vaeScalingFactor,
    latentRgb,
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}
