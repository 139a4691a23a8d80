/** EmptyLatent: the shape of the latents to sample; the sampler draws the noise from its seed. */
import { APPROXIMATE_BYTES, defineNode, int } from '@latentflow/engine'
import type { Latent } from '../sd-types.js'

export const LATENT_CHANNELS = 4

export const EmptyLatent = defineNode({
  type: 'EmptyLatent',
  title: 'Empty Latent',
  category: 'latent',
  description: 'An empty latent of [batch, 4, height/8, width/8], as in ComfyUI: changing the seed re-runs nothing upstream of the sampler.',
  inputs: {
    width: int({ default: 512, min: 8, max: 8192, step: 8, multipleOf: 8 }),
    height: int({ default: 512, min: 8, max: 8192, step: 8, multipleOf: 8 }),
    batch: int({ default: 1, min: 1, max: 64 }),
  },
  outputs: { latent: 'LATENT' },
  run({ width, height, batch }) {
    const samples = new Float32Array(batch * LATENT_CHANNELS * (height / 8) * (width / 8))
    const latent: Latent & { [APPROXIMATE_BYTES]: number } = {
      batch, channels: LATENT_CHANNELS, height: height / 8, width: width / 8, samples, empty: true, [APPROXIMATE_BYTES]: samples.byteLength,
    }
    return { latent }
  },
})
