/**
 * ComfyUI's KSampler over UNetCFG: MODEL (the model's UNet and scheduler config) plus
 * `sampler_name`/`scheduler` make the SCHEDULER, `cfg` is the guidance; the sampling is UNetCFG's,
 * so a seed gives the same starting noise as torch and ComfyUI.
 */
import { combo, defineNode, float, input, int, seed, type NodeContext } from '@latentflow/engine'
import { UNetCFG } from '../sd/nodes/unet-cfg.js'
import type { Conditioning, Latent, ModelHandle } from '../sd/sd-types.js'
import { COMFY_SAMPLER_NAMES, COMFY_SCHEDULER_NAMES, comfySamplerProblem, comfySchedulerSpec, type ComfySamplerName, type ComfySchedulerName } from './comfy-samplers.js'

/** What the ComfyUI samplers hand to UNetCFG. */
export interface ComfySampling {
  readonly model: ModelHandle
  readonly seed: bigint
  readonly steps: number
  readonly cfg: number
  readonly sampler: ComfySamplerName
  readonly scheduler: ComfySchedulerName
  readonly positive: Conditioning
  readonly negative: Conditioning
  readonly latent: Latent
  /** UNetCFG's denoise (img2img strength). */
  readonly denoise: number
}

/** Runs UNetCFG for a ComfyUI sampler node. */
export async function runComfySampling(sampling: ComfySampling, ctx: NodeContext): Promise<{ latent: Latent }> {
  const { model } = sampling
  const unet = { modelName: model.name, path: model.folder.unetPath, latentRgb: model.folder.latentRgb }
  const scheduler = comfySchedulerSpec(model, sampling.sampler, sampling.scheduler, sampling.steps)
  const inputs = {
    unet,
    positive: sampling.positive,
    negative: sampling.negative,
    latent: sampling.latent,
    scheduler,
    guidance: sampling.cfg,
    denoise: sampling.denoise,
    seed: sampling.seed,
  }
  return UNetCFG.run(inputs, ctx)
}

/** Inputs both ComfyUI samplers share, in ComfyUI's order around the seed. */
export const samplerInputs = {
  steps: int({ default: 20, min: 1, max: 10000 }),
  cfg: float({ default: 8, min: 0, max: 100, step: 0.1, tooltip: 'Classifier-free guidance scale' }),
  sampler_name: combo(COMFY_SAMPLER_NAMES, { default: 'euler' }),
  scheduler: combo(COMFY_SCHEDULER_NAMES, { default: 'normal' }),
  positive: input('CONDITIONING'),
  negative: input('CONDITIONING'),
  latent_image: input('LATENT'),
}

export const samplerValidation = ({ sampler_name, scheduler }: Readonly<Record<string, unknown>>) => {
  const problem = comfySamplerProblem(sampler_name, scheduler)
  return problem ? [{ input: 'scheduler', message: problem }] : undefined
}

export const KSampler = defineNode({
  type: 'KSampler',
  title: 'KSampler',
  category: 'comfyui/sampling',
  description: "ComfyUI's sampler over UNetCFG: samplers map to diffusers schedulers (uni_pc -> unipc), the karras schedule to Karras sigmas.",
  inputs: {
    model: input('MODEL'),
    seed: seed({ default: 0 }),
    ...samplerInputs,
    denoise: float({ default: 1, min: 0, max: 1, step: 0.01, tooltip: 'Less than 1 keeps part of the input latent (diffusers img2img strength)' }),
  },
  outputs: { latent: 'LATENT' },
  validate: samplerValidation,
  run: ({ model, seed, steps, cfg, sampler_name, scheduler, positive, negative, latent_image, denoise }, ctx) =>
    runComfySampling({ model, seed, steps, cfg, sampler: sampler_name, scheduler, positive, negative, latent: latent_image, denoise }, ctx),
})
