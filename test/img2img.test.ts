/** img2img end to end: LoadImage -> VAEEncode -> UNetCFG at denoise < 1 starts from the input. */
import { describe, expect, it } from 'vitest'
import { classify } from './support/shape-classifier.js'
import { createPipeline, shippedWorkflow } from './support/pipeline.js'

const INPUT = { background: 'gray', colour: 'red', shape: 'circle' } // workflows/input/red-circle-on-gray.png

describe('img2img on tiny-shapes', () => {
  const pipeline = createPipeline()
  const workflow = shippedWorkflow('img2img')
  const draw = async (...overrides: string[]) => {
    const [image] = await pipeline.images(await pipeline.run(workflow, overrides))
    return classify(image!.rgb, image!.height, image!.width)
  }

  it('keeps the input image’s colours and shape at denoise 0.3', async () => {
    expect(await draw('sampler.denoise=0.3', 'positive.text=')).toEqual(INPUT)
  })

  it('moves from the input to the prompt as denoise grows', async () => {
    const prompt = 'positive.text=a blue square on a yellow background'
    expect(await draw('sampler.denoise=0.05', prompt)).toEqual(INPUT)
    expect(await draw('sampler.denoise=0.9', prompt)).toEqual({ background: 'yellow', colour: 'blue', shape: 'square' })
  })
})
