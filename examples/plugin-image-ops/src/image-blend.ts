import { combo, defineNode, float, input } from '@latentflow/engine'
import { clamp01, createImage } from './image.js'

const BLEND_MODES = {
  normal: (_a: number, b: number) => b,
  multiply: (a: number, b: number) => a * b,
  screen: (a: number, b: number) => 1 - (1 - a) * (1 - b),
} as const

/**
 * Blends `image_b` over `image_a`: a * (1 - factor) + mode(a, b) * factor. The images must
 * have the same size; an `image_b` batch of 1 is used for every image of `image_a`.
 */
export const ImageBlend = defineNode({
  type: 'ImageBlend',
  title: 'Blend Images',
  category: 'image/composite',
  description: 'Mixes two images: normal, multiply or screen.',
  inputs: {
    image_a: input('IMAGE'),
    image_b: input('IMAGE'),
    factor: float({ default: 0.5, min: 0, max: 1, step: 0.01, display: 'slider' }),
    mode: combo(['normal', 'multiply', 'screen'], { default: 'normal' }),
  },
  outputs: { image: 'IMAGE' },
  run({ image_a: a, image_b: b, factor, mode }) {
    if (a.width !== b.width || a.height !== b.height) {
      throw new Error(`ImageBlend: image_b is ${b.width}x${b.height}, image_a is ${a.width}x${a.height}; resize one first`)
    }
    if (b.batch !== 1 && b.batch !== a.batch) throw new Error(`ImageBlend: image_b has a batch of ${b.batch}, image_a of ${a.batch}`)
    const blend = BLEND_MODES[mode]
    const out = createImage(a.batch, a.height, a.width)
    const size = a.height * a.width * 3
    for (let i = 0; i < a.data.length; i++) {
      const va = a.data[i]!
      const vb = b.data[b.batch === 1 ? i % size : i]!
      out.data[i] = clamp01(va * (1 - factor) + blend(va, vb) * factor)
    }
    return { image: out }
  },
})
