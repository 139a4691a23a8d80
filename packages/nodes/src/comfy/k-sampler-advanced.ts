/**
 * ComfyUI's KSamplerAdvanced over UNetCFG, for what maps onto it: noise added
 * (`add_noise: enable`), starting at `start_at_step` (UNetCFG's denoise = the share of steps
 * left) and running to the end (`end_at_step >= steps`). Stopping early, with or without
 * leftover noise, and sampling without added noise are refused when the workflow is validated.
 */
import { combo, defineNode, input, int, seed } from '@latentflow/engine'
import { runComfySampling, samplerInputs, samplerValidation } from './k-sampler.js'

const ENABLE = ['enable', 'disable'] as const

/** UNetCFG's denoise that runs the last `steps - start` of `steps` steps. */
export function strengthForStartStep(steps: number, start: number): number {
  if (start <= 0) return 1
  // diffusers keeps trunc(steps * strength) steps: half a step of margin keeps float error out.
  return Math.min(1, Math.max(0, (steps - start + 0.5) / steps))
}

export const KSamplerAdvanced = defineNode({
  type: 'KSamplerAdvanced',
  title: 'KSampler (Advanced)',
  category: 'comfyui/sampling',
  description: 'KSampler with a start step. Supported: add_noise "enable", end_at_step >= steps; return_with_leftover_noise then has nothing to return.',
  inputs: {
    model: input('MODEL'),
    add_noise: combo(ENABLE, { default: 'enable' }),
    noise_seed: seed({ default: 0 }),
    ...samplerInputs,
    start_at_step: int({ default: 0, min: 0, max: 10000 }),
    end_at_step: int({ default: 10000, min: 0, max: 10000 }),
    return_with_leftover_noise: combo(ENABLE, { default: 'disable' }),
  },
  outputs: { latent: 'LATENT' },
  validate(widgets) {
    const problems = [...(samplerValidation(widgets) ?? [])]
    const { add_noise, steps, start_at_step, end_at_step } = widgets
    if (add_noise === 'disable') problems.push({ input: 'add_noise', message: 'sampling without added noise is not supported in Latentflow: use "enable"' })
    if (typeof steps === 'number' && typeof end_at_step === 'number' && end_at_step < steps) {
      problems.push({ input: 'end_at_step', message: `stopping before the last step (${end_at_step} < steps ${steps}) is not supported in Latentflow` })
    }
    if (typeof steps === 'number' && typeof start_at_step === 'number' && start_at_step >= steps) {
      problems.push({ input: 'start_at_step', message: `start_at_step ${start_at_step} leaves none of the ${steps} steps to run` })
    }
    return problems
  },
  run: ({ model, noise_seed, steps, cfg, sampler_name, scheduler, positive, negative, latent_image, start_at_step }, ctx) =>
    runComfySampling(
      { model, seed: noise_seed, steps, cfg, sampler: sampler_name, scheduler, positive, negative, latent: latent_image, denoise: strengthForStartStep(steps, start_at_step) },
      ctx,
    ),
})
