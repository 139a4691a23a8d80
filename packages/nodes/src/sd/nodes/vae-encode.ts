/**
 * VAEEncode: IMAGE -> LATENT (scaled). Images are cropped to multiples of 8, as ComfyUI does.
 * An encoder that outputs `latent_parameters` (mean and log-variance, as newer exports do) is
 * sampled with the seeded generator, as diffusers' `latent_dist.sample(generator)`; one that
 * outputs `latent_sample` is used as it is.
 */
import { APPROXIMATE_BYTES, defineNode, input, seed } from '@latentflow/engine'
import { TorchGenerator } from '../../noise/index.js'
import { requireBackend } from '../../onnx/onnx-backend.js'
import type { Latent } from '../sd-types.js'

export const VAEEncode = defineNode({
  type: 'VAEEncode',
  title: 'VAE Encode',
  category: 'latent',
  inputs: { vae: input('VAE'), image: input('IMAGE'), seed: seed({ default: 0, controlAfterGenerate: false, tooltip: 'Samples encoders that output mean and log-variance' }) },
  outputs: { latent: 'LATENT' },
  async run({ vae, image, seed }, ctx) {
    if (!vae.encoderPath) throw new Error(`Model "${vae.modelName}" has no VAE encoder (vae_encoder/model.onnx), so it cannot encode images`)
    const encoder = await requireBackend(ctx.services, 'VAEEncode').open(vae.encoderPath)
    const height = Math.floor(image.height / 8) * 8
    const width = Math.floor(image.width / 8) * 8
    if (height === 0 || width === 0) throw new Error(`The image is ${image.width}x${image.height}; VAEEncode needs at least 8x8`)
    const top = Math.floor((image.height - height) / 2)
    const left = Math.floor((image.width - width) / 2)
    // NHWC in [0,1] -> NCHW in [-1,1], centre-cropped
    const plane = height * width
    const pixels = new Float32Array(image.batch * 3 * plane)
    for (let b = 0; b < image.batch; b++) {
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const source = ((b * image.height + y + top) * image.width + x + left) * 3
          for (let c = 0; c < 3; c++) pixels[(b * 3 + c) * plane + y * width + x] = image.data[source + c]! * 2 - 1
        }
      }
    }
    const feeds = { sample: { data: pixels, dims: [image.batch, 3, height, width] } }
    const latentHeight = height / 8
    const latentWidth = width / 8
    let samples: Float32Array
    if (encoder.hasOutput('latent_sample')) {
      samples = await encoder.runForFloat(feeds, 'latent_sample')
    } else if (encoder.hasOutput('latent_parameters')) {
      const parameters = await encoder.runForFloat(feeds, 'latent_parameters')
      samples = sampleDiagonalGaussian(parameters, image.batch, latentHeight * latentWidth, new TorchGenerator(seed))
    } else {
      throw new Error(`${vae.encoderPath} has neither a "latent_sample" nor a "latent_parameters" output`)
    }
    for (let i = 0; i < samples.length; i++) samples[i] = samples[i]! * vae.scalingFactor
    const latent: Latent & { [APPROXIMATE_BYTES]: number } = {
      batch: image.batch, channels: 4, height: latentHeight, width: latentWidth, samples, empty: false, [APPROXIMATE_BYTES]: samples.byteLength,
    }
    return { latent }
  },
})

/**
 * mean + exp(logvar / 2) * randn, with [B, 8, h, w] parameters = mean (4 channels) then
 * log-variance (4 channels), log-variance clamped to [-30, 20] as diffusers does.
 */
export function sampleDiagonalGaussian(parameters: Float32Array, batch: number, plane: number, generator: TorchGenerator): Float32Array {
  const channels = 4
  const noise = generator.randn([batch, channels, plane])
  const samples = new Float32Array(batch * channels * plane)
  for (let b = 0; b < batch; b++) {
    for (let c = 0; c < channels; c++) {
      for (let i = 0; i < plane; i++) {
        const mean = parameters[(b * 2 * channels + c) * plane + i]!
        const logVariance = Math.min(20, Math.max(-30, parameters[(b * 2 * channels + channels + c) * plane + i]!))
        const target = (b * channels + c) * plane + i
        samples[target] = mean + Math.exp(0.5 * logVariance) * noise[target]!
      }
    }
  }
  return samples
}
