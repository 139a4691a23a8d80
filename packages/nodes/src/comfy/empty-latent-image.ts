/** ComfyUI's EmptyLatentImage over EmptyLatent (`batch_size` is EmptyLatent's `batch`). */
import { defineNode, int } from '@latentflow/engine'
import { EmptyLatent } from '../sd/nodes/empty-latent.js'

export const EmptyLatentImage = defineNode({
  type: 'EmptyLatentImage',
  title: 'Empty Latent Image',
  category: 'comfyui/latent',
  description: "ComfyUI's empty latent: EmptyLatent under ComfyUI's name and input names.",
  inputs: {
    width: int({ default: 512, min: 16, max: 8192, step: 8, multipleOf: 8 }),
    height: int({ default: 512, min: 16, max: 8192, step: 8, multipleOf: 8 }),
    batch_size: int({ default: 1, min: 1, max: 64 }),
  },
  outputs: { latent: 'LATENT' },
  run: ({ width, height, batch_size }, ctx) => EmptyLatent.run({ width, height, batch: batch_size }, ctx),
})
