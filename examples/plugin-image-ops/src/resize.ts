import { combo, defineNode, input, int } from '@latentflow/engine'
import { createImage, type ImageBatch } from './image.js'

/** Resizes to `width` x `height`: nearest neighbour, or bilinear with pixel centres aligned (align_corners=false). */
export const Resize = defineNode({
  type: 'Resize',
  title: 'Resize Image',
  category: 'image/transform',
  description: 'Scales every image of the batch to width x height.',
  inputs: {
    image: input('IMAGE'),
    width: int({ default: 512, min: 1, max: 8192 }),
    height: int({ default: 512, min: 1, max: 8192 }),
    method: combo(['bilinear', 'nearest'], { default: 'bilinear' }),
  },
  outputs: { image: 'IMAGE' },
  run({ image, width, height, method }, ctx) {
    const out = createImage(image.batch, height, width)
    for (let b = 0; b < image.batch; b++) {
      ctx.signal.throwIfAborted()
      if (method === 'nearest') resizeNearest(image, out, b)
      else resizeBilinear(image, out, b)
    }
    return { image: out }
  },
})

function resizeNearest(source: ImageBatch, target: ImageBatch, b: number): void {
  const { width: sw, height: sh } = source
  const { width: tw, height: th } = target
  for (let y = 0; y < th; y++) {
    const sy = Math.min(sh - 1, Math.floor(((y + 0.5) * sh) / th))
    for (let x = 0; x < tw; x++) {
      const sx = Math.min(sw - 1, Math.floor(((x + 0.5) * sw) / tw))
      const from = ((b * sh + sy) * sw + sx) * 3
      const to = ((b * th + y) * tw + x) * 3
      target.data[to] = source.data[from]!
      target.data[to + 1] = source.data[from + 1]!
      target.data[to + 2] = source.data[from + 2]!
    }
  }
}

function resizeBilinear(source: ImageBatch, target: ImageBatch, b: number): void {
  const { width: sw, height: sh } = source
  const { width: tw, height: th } = target
  const at = (y: number, x: number, c: number) => source.data[((b * sh + y) * sw + x) * 3 + c]!
  for (let y = 0; y < th; y++) {
    const fy = Math.min(sh - 1, Math.max(0, ((y + 0.5) * sh) / th - 0.5))
    const y0 = Math.floor(fy)
    const y1 = Math.min(sh - 1, y0 + 1)
    const wy = fy - y0
    for (let x = 0; x < tw; x++) {
      const fx = Math.min(sw - 1, Math.max(0, ((x + 0.5) * sw) / tw - 0.5))
      const x0 = Math.floor(fx)
      const x1 = Math.min(sw - 1, x0 + 1)
      const wx = fx - x0
      const to = ((b * th + y) * tw + x) * 3
      for (let c = 0; c < 3; c++) {
        const top = at(y0, x0, c) * (1 - wx) + at(y0, x1, c) * wx
        const bottom = at(y1, x0, c) * (1 - wx) + at(y1, x1, c) * wx
        target.data[to + c] = top * (1 - wy) + bottom * wy
      }
    }
  }
}
