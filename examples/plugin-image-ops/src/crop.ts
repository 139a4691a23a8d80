import { defineNode, input, int } from '@latentflow/engine'
import { createImage } from './image.js'

/** Cuts the rectangle (x, y, width, height) out of every image; the rectangle is clipped to the image. */
export const Crop = defineNode({
  type: 'Crop',
  title: 'Crop Image',
  category: 'image/transform',
  description: 'Crops every image of the batch to a rectangle.',
  inputs: {
    image: input('IMAGE'),
    x: int({ default: 0, min: 0, max: 8192, tooltip: 'Left edge in pixels' }),
    y: int({ default: 0, min: 0, max: 8192, tooltip: 'Top edge in pixels' }),
    width: int({ default: 512, min: 1, max: 8192 }),
    height: int({ default: 512, min: 1, max: 8192 }),
  },
  outputs: { image: 'IMAGE' },
  run({ image, x, y, width, height }) {
    if (x >= image.width || y >= image.height) {
      throw new Error(`Crop: the corner (${x}, ${y}) lies outside the ${image.width}x${image.height} image`)
    }
    const w = Math.min(width, image.width - x)
    const h = Math.min(height, image.height - y)
    const out = createImage(image.batch, h, w)
    for (let b = 0; b < image.batch; b++) {
      for (let row = 0; row < h; row++) {
        const from = ((b * image.height + y + row) * image.width + x) * 3
        out.data.set(image.data.subarray(from, from + w * 3), ((b * h + row) * w) * 3)
      }
    }
    return { image: out }
  },
})
