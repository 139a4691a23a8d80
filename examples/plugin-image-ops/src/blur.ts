import { combo, defineNode, input, int } from '@latentflow/engine'
import { createImage } from './image.js'

/**
 * A separable blur with edges clamped: a box of (2 radius + 1) pixels, or a gaussian with
 * sigma = radius / 2 truncated at the radius. Radius 0 returns the image unchanged.
 */
export const Blur = defineNode({
  type: 'Blur',
  title: 'Blur Image',
  category: 'image/filter',
  description: 'Box or gaussian blur.',
  inputs: {
    image: input('IMAGE'),
    radius: int({ default: 2, min: 0, max: 64, tooltip: 'Pixels on each side of the centre' }),
    kind: combo(['gaussian', 'box'], { default: 'gaussian' }),
  },
  outputs: { image: 'IMAGE' },
  run({ image, radius, kind }, ctx) {
    if (radius === 0) return { image }
    const weights = blurKernel(radius, kind)
    const { batch, height, width } = image
    const pass = createImage(batch, height, width)
    const out = createImage(batch, height, width)
    for (let b = 0; b < batch; b++) {
      ctx.signal.throwIfAborted()
      const base = b * height * width
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          for (let c = 0; c < 3; c++) {
            let sum = 0
            for (let k = -radius; k <= radius; k++) {
              const sx = Math.min(width - 1, Math.max(0, x + k))
              sum += weights[k + radius]! * image.data[(base + y * width + sx) * 3 + c]!
            }
            pass.data[(base + y * width + x) * 3 + c] = sum
          }
        }
      }
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          for (let c = 0; c < 3; c++) {
            let sum = 0
            for (let k = -radius; k <= radius; k++) {
              const sy = Math.min(height - 1, Math.max(0, y + k))
              sum += weights[k + radius]! * pass.data[(base + sy * width + x) * 3 + c]!
            }
            out.data[(base + y * width + x) * 3 + c] = sum
          }
        }
      }
    }
    return { image: out }
  },
})

/** The normalised 1-D kernel, 2 radius + 1 weights summing to 1. */
export function blurKernel(radius: number, kind: 'gaussian' | 'box'): Float64Array {
  const weights = new Float64Array(2 * radius + 1)
  const sigma = radius / 2
  for (let k = -radius; k <= radius; k++) weights[k + radius] = kind === 'box' ? 1 : Math.exp(-(k * k) / (2 * sigma * sigma))
  const total = weights.reduce((a, b) => a + b, 0)
  return weights.map((w) => w / total)
}
