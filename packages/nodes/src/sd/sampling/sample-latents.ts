/**
 * The sampling loop of diffusers' Stable Diffusion pipelines, with classifier-free guidance
 * in one batched UNet call per step:
 *
 *   txt2img (an empty latent, denoise 1): x = randn(shape, seed) * init_noise_sigma
 *   img2img (a given latent or denoise < 1): timesteps cut by strength = denoise,
 *            x = add_noise(latent, randn(shape, seed), first timestep)
 *   for t: x_in = scale_model_input(cat[x, x], t); eps_u, eps_c = UNet(x_in, t, cat[uncond, cond])
 *          x = step(eps_u + guidance (eps_c - eps_u), t, x, generator)
 *
 * One generator draws the starting noise and then any noise the scheduler's steps need, as
 * diffusers passes the pipeline's generator to `scheduler.step`.
 */
import type { TorchGenerator } from '../../noise/index.js'
import type { Scheduler } from '../../schedulers/index.js'
import type { Conditioning, Latent } from '../sd-types.js'
import { combineGuidance, concat, repeatBatch, splitBatch } from './classifier-free-guidance.js'

/** Runs the UNet on a batch: `sample` [batch,4,h,w], `hidden` [batch,tokens,width]. */
export type DenoiseFunction = (sample: Float32Array, batch: number, timestep: number, hidden: Float32Array) => Promise<Float32Array>

export interface SampleOptions {
  readonly denoise: DenoiseFunction
  /** A fresh scheduler: the loop sets its timesteps and steps it. */
  readonly scheduler: Scheduler
  readonly steps: number
  readonly latent: Latent
  readonly positive: Conditioning
  readonly negative: Conditioning
  readonly guidance: number
  /** img2img strength; 1 with an empty latent is txt2img. */
  readonly strength: number
  readonly generator: TorchGenerator
  readonly signal?: AbortSignal
  /** Called after every step with the step number (from 1), the count and the current latents. */
  readonly onStep?: (step: number, total: number, latents: Float32Array) => void
}

export async function sampleLatents(options: SampleOptions): Promise<Float32Array> {
  const { scheduler, latent, guidance, generator } = options
  const shape = [latent.batch, latent.channels, latent.height, latent.width]
  checkConditioning(options.positive, options.negative)
  scheduler.setTimesteps(options.steps)

  let timesteps: readonly number[]
  let x: Float32Array
  if (latent.empty && options.strength >= 1) {
    timesteps = scheduler.timesteps
    const noise = generator.randn(shape)
    const sigma = Math.fround(scheduler.initNoiseSigma)
    x = new Float32Array(noise.length)
    for (let i = 0; i < x.length; i++) x[i] = noise[i]! * sigma
  } else {
    timesteps = scheduler.timestepsForStrength(options.strength)
    if (timesteps.length === 0) {
      throw new Error(`denoise ${options.strength} with ${options.steps} steps leaves no step to run: raise denoise or steps`)
    }
    const noise = generator.randn(shape)
    x = scheduler.addNoise(latent.samples, noise, timesteps[0]!)
  }

  const batch = latent.batch
  const cond = repeatBatch(options.positive.hidden, batch)
  const useGuidance = guidance !== 1
  const hidden = useGuidance ? concat(repeatBatch(options.negative.hidden, batch), cond) : cond
  const total = timesteps.length
  for (let index = 0; index < total; index++) {
    options.signal?.throwIfAborted()
    const t = timesteps[index]!
    let eps: Float32Array
    if (useGuidance) {
      const input = scheduler.scaleModelInput(concat(x, x), t)
      const out = await options.denoise(input, 2 * batch, t, hidden)
      const [uncond, condOut] = splitBatch(out, x.length)
      eps = combineGuidance(uncond, condOut, guidance)
    } else {
      eps = await options.denoise(scheduler.scaleModelInput(x, t), batch, t, hidden)
    }
    x = scheduler.step(eps, t, x, { generator, shape }).prevSample
    options.onStep?.(index + 1, total, x)
  }
  return x
}

function checkConditioning(positive: Conditioning, negative: Conditioning): void {
  if (positive.batch !== 1 || negative.batch !== 1) throw new Error('Conditioning with a batch other than 1 is not supported; the latent batch repeats one prompt')
  if (positive.tokens !== negative.tokens || positive.width !== negative.width) {
    throw new Error(`positive [${positive.tokens}x${positive.width}] and negative [${negative.tokens}x${negative.width}] conditioning differ: encode both with the same model`)
  }
}
