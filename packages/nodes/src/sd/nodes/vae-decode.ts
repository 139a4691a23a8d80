/** VAEDecode: LATENT -> IMAGE, decoding `latent / scaling_factor` and mapping [-1,1] to [0,1]. */
import { defineNode, input } from '@latentflow/engine'
import { createImageBatch } from '../../image/image-batch.js'
import { requireBackend } from '../../onnx/onnx-backend.js'

export const VAEDecode = defineNode({
  type: 'VAEDecode',
  title: 'VAE Decode',
  category: 'latent',
  inputs: { vae: input('VAE'), latent: input('LATENT') },
  outputs: { image: 'IMAGE' },
  async run({ vae, latent }, ctx) {
    const decoder = await requireBackend(ctx.services, 'VAEDecode').open(vae.decoderPath)
    const { batch, channels, height, width } = latent
    const scaled = new Float32Array(latent.samples.length)
    for (let i = 0; i < scaled.length; i++) scaled[i] = latent.samples[i]! / vae.scalingFactor
    const decoded = await decoder.runForFloat({ latent_sample: { data: scaled, dims: [batch, channels, height, width] } }, 'sample')
    const imageHeight = height * 8
    const imageWidth = width * 8
    if (decoded.length !== batch * 3 * imageHeight * imageWidth) {
      throw new Error(`${vae.decoderPath} returned ${decoded.length} values; [${batch},3,${imageHeight},${imageWidth}] was expected`)
    }
    // NCHW in [-1,1] -> NHWC in [0,1]
    const image = createImageBatch(batch, imageHeight, imageWidth)
    const plane = imageHeight * imageWidth
    for (let b = 0; b < batch; b++) {
      for (let c = 0; c < 3; c++) {
        const source = (b * 3 + c) * plane
        for (let pixel = 0; pixel < plane; pixel++) {
          const value = (decoded[source + pixel]! + 1) / 2
          image.data[(b * plane + pixel) * 3 + c] = value < 0 ? 0 : value > 1 ? 1 : value
        }
      }
    }
    return { image }
  },
})
