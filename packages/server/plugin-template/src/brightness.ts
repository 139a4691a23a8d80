import { defineNode, float, input } from '@latentflow/engine'
import { createImage } from './image.js'

/** Multiplies every pixel by `factor` and clamps to [0, 1]. */
export const Brightness = defineNode({
  type: '__NODE_PREFIX__.Brightness',
  title: 'Brightness',
  category: '__PLUGIN_NAME__/image',
  description: 'Scales the brightness of an image.',
  inputs: {
    image: input('IMAGE'),
    factor: float({ default: 1.2, min: 0, max: 4, step: 0.05, tooltip: '1 keeps the image, 0 makes it black' }),
  },
  outputs: { image: 'IMAGE' },
  run({ image, factor }, ctx) {
    const out = createImage(image.batch, image.height, image.width)
    for (let i = 0; i < image.data.length; i++) out.data[i] = Math.min(1, Math.max(0, image.data[i]! * factor))
    ctx.log(`brightness x${factor} on ${image.batch} image(s)`)
    return { image: out }
  },
})
