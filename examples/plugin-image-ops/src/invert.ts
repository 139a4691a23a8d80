import { defineNode, input } from '@latentflow/engine'
import { createImage } from './image.js'

/** 1 - value, per channel. */
export const Invert = defineNode({
  type: 'Invert',
  title: 'Invert Image',
  category: 'image/adjust',
  description: 'Inverts the colours: every channel becomes 1 - value.',
  inputs: { image: input('IMAGE') },
  outputs: { image: 'IMAGE' },
  run({ image }) {
    const out = createImage(image.batch, image.height, image.width)
    for (let i = 0; i < image.data.length; i++) out.data[i] = 1 - image.data[i]!
    return { image: out }
  },
})
