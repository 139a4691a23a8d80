import { defineNode, input } from '@latentflow/engine'
import { createImage } from './image.js'

/** Luma weights of ITU-R BT.601 (what PIL's `convert('L')` uses). */
export const LUMA = [0.299, 0.587, 0.114] as const

/** Gray = 0.299 R + 0.587 G + 0.114 B, written to all three channels. */
export const Grayscale = defineNode({
  type: 'Grayscale',
  title: 'Grayscale',
  category: 'image/adjust',
  description: 'Converts to gray (BT.601 luma), kept as a three-channel IMAGE.',
  inputs: { image: input('IMAGE') },
  outputs: { image: 'IMAGE' },
  run({ image }) {
    const out = createImage(image.batch, image.height, image.width)
    for (let i = 0; i < image.data.length; i += 3) {
      const gray = LUMA[0] * image.data[i]! + LUMA[1] * image.data[i + 1]! + LUMA[2] * image.data[i + 2]!
      out.data[i] = gray
      out.data[i + 1] = gray
      out.data[i + 2] = gray
    }
    return { image: out }
  },
})
