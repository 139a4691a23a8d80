/**
 * UNetCFG ("UNet + CFG"): the sampler. One batched UNet call per step for guidance != 1, one
 * unbatched call for guidance == 1; denoise < 1 starts from the noised input latent (img2img);
 * progress with a latent preview every step; an interrupt stops it within one step.
 */
import { APPROXIMATE_BYTES, defineNode, float, input, seed } from '@latentflow/engine'
import { latentToRgb } from '../../model/latent-rgb.js'
import { TorchGenerator } from '../../noise/index.js'
import { requireBackend } from '../../onnx/onnx-backend.js'
import type { OnnxModel } from '../../onnx/onnx-model.js'
import { createScheduler } from '../../schedulers/index.js'
import { sampleLatents, type DenoiseFunction } from '../sampling/sample-latents.js'
import type { Latent } from '../sd-types.js'

export const UNetCFG = defineNode({
  type: 'UNetCFG',
  title: 'UNet + CFG',
  category: 'sampling',
  description: 'Denoises the latent with the UNet under classifier-free guidance, following the scheduler. Noise comes from the seed, exactly as torch.randn draws it.',
  inputs: {
    unet: input('UNET'),
    positive: input('CONDITIONING'),
    negative: input('CONDITIONING'),
    latent: input('LATENT'),
    scheduler: input('SCHEDULER'),
    guidance: float({ default: 7.5, min: 0, max: 30, step: 0.1, display: 'slider', tooltip: 'Classifier-free guidance scale; 1 turns guidance off (one UNet call per step)' }),
    denoise: float({ default: 1, min: 0, max: 1, step: 0.01, display: 'slider', tooltip: '1 starts from noise; less keeps more of the input latent (img2img strength)' }),
    seed: seed({ default: 0 }),
  },
  outputs: { latent: 'LATENT' },
  async run({ unet, positive, negative, latent, scheduler, guidance, denoise, seed }, ctx) {
    const model = await requireBackend(ctx.services, 'UNetCFG').open(unet.path)
    const { height, width } = latent
    const samples = await sampleLatents({
      denoise: unetCall(model, [latent.channels, height, width], positive.tokens, positive.width),
      scheduler: createScheduler(scheduler.name, scheduler.config, { karras: scheduler.karras }),
      steps: scheduler.steps,
      latent,
      positive,
      negative,
      guidance,
      strength: denoise,
      generator: new TorchGenerator(seed),
      signal: ctx.signal,
      onStep(step, total, current) {
        ctx.progress(step, total, { width, height, channels: 3, data: latentToRgb(current, 0, height, width, unet.latentRgb) })
      },
    })
    const result: Latent & { [APPROXIMATE_BYTES]: number } = { ...latent, samples, empty: false, [APPROXIMATE_BYTES]: samples.byteLength }
    return { latent: result }
  },
})

/** A denoise function over the ONNX UNet, shaping the timestep as the model declares it. */
function unetCall(model: OnnxModel, sampleShape: readonly number[], tokens: number, width: number): DenoiseFunction {
  const timestepShape = model.input('timestep').shape
  return (sample, batch, timestep, hidden) => {
    // A scalar, a fixed length (e.g. [1], which the UNet broadcasts), or one per batch item.
    const count = timestepShape.length === 0 ? 1 : typeof timestepShape[0] === 'number' ? timestepShape[0] : batch
    return model.runForFloat(
      {
        sample: { data: sample, dims: [batch, ...sampleShape] },
        timestep: { data: new Array<number>(count).fill(timestep), dims: timestepShape.length === 0 ? [] : [count] },
        encoder_hidden_states: { data: hidden, dims: [batch, tokens, width] },
      },
      'out_sample',
    )
  }
}
