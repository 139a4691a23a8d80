/**
 * txt2img end to end on the embedded tiny model: the colour check that proves the TypeScript
 * pipeline's numerics (tokenizer, text encoder, noise, scheduler, CFG, VAE) right, plus
 * determinism, the workflow embedded in the PNG, caching and the fp16 model.
 */
import { readPngText } from '@latentflow/nodes'
import { beforeAll, describe, expect, it } from 'vitest'
import { classify, COLOURS, SHAPES, type Classification, type Colour, type Shape } from './support/shape-classifier.js'
import { createPipeline, shippedWorkflow, type Pipeline } from './support/pipeline.js'

/** 24 prompts: every colour as shape colour and as background, every shape 8 times. */
function prompts(): { colour: Colour; shape: Shape; background: Colour }[] {
  const cases = []
  for (let i = 0; i < 24; i++) {
    const colour = COLOURS[i % 8]!
    const background = COLOURS[(i + 1 + Math.floor(i / 8) * 2) % 8]!
    cases.push({ colour, shape: SHAPES[i % 3]!, background })
  }
  return cases
}

describe('txt2img on tiny-shapes', () => {
  let pipeline: Pipeline
  beforeAll(() => {
    pipeline = createPipeline()
  })

  it('draws what 24 prompts ask for (shape colour >= 90%, background >= 95%, shape >= 70%)', async () => {
    const workflow = shippedWorkflow('txt2img')
    const results: { text: string; seen: Classification; colour: boolean; background: boolean; shape: boolean }[] = []
    for (const [index, { colour, shape, background }] of prompts().entries()) {
      const text = `a ${colour} ${shape} on a ${background} background`
      const run = await pipeline.run(workflow, [`positive.text=${text}`, `sampler.seed=${1000 + index}`])
      const [image] = await pipeline.images(run)
      const seen = classify(image!.rgb, image!.height, image!.width)
      results.push({ text, seen, colour: seen.colour === colour, background: seen.background === background, shape: seen.shape === shape })
    }
    const rate = (key: 'colour' | 'background' | 'shape') => results.filter((result) => result[key]).length / results.length
    const summary = { colour: rate('colour'), background: rate('background'), shape: rate('shape') }
    const misses = results.filter((result) => !(result.colour && result.background && result.shape)).map((result) => `${result.text} -> ${JSON.stringify(result.seen)}`)
    expect({ ...summary, misses }).toMatchObject({ colour: expect.toSatisfy((v: number) => v >= 0.9), background: expect.toSatisfy((v: number) => v >= 0.95), shape: expect.toSatisfy((v: number) => v >= 0.7) })
  }, 120_000)

  it('gives identical pixels for the same seed and different ones for another seed', async () => {
    const workflow = shippedWorkflow('txt2img')
    const fresh = createPipeline() // a second executor: nothing cached
    const [a] = await pipeline.images(await pipeline.run(workflow, ['sampler.seed=7']))
    const [b] = await fresh.images(await fresh.run(workflow, ['sampler.seed=7']))
    const [c] = await pipeline.images(await pipeline.run(workflow, ['sampler.seed=8']))
    expect(Buffer.from(b!.rgb.buffer).equals(Buffer.from(a!.rgb.buffer))).toBe(true)
    expect(Buffer.from(c!.rgb.buffer).equals(Buffer.from(a!.rgb.buffer))).toBe(false)
  })

  it('re-runs only the sampler, decode and save when the seed changes', async () => {
    const workflow = shippedWorkflow('txt2img')
    await pipeline.run(workflow, ['sampler.seed=100'])
    const second = await pipeline.run(workflow, ['sampler.seed=101'])
    expect([...second.executed].sort()).toEqual(['decode', 'sampler', 'save'])
  })

  it('embeds the workflow in the PNG, and that workflow runs again to the same pixels', async () => {
    const workflow = shippedWorkflow('txt2img')
    const [image] = await pipeline.images(await pipeline.run(workflow, ['sampler.seed=31', 'positive.text=a green triangle on a purple background']))
    const text = readPngText(image!.bytes)
    const embedded = JSON.parse(text.workflow!)
    expect(embedded.nodes.positive.inputs.text).toBe('a green triangle on a purple background')
    const comfy = JSON.parse(text.prompt!)
    expect(comfy.sampler.class_type).toBe('UNetCFG')

    const again = createPipeline()
    for (const saved of [embedded, comfy]) {
      const [rerun] = await again.images(await again.run(saved, ['save.filename_prefix=rerun']))
      expect(Buffer.from(rerun!.rgb.buffer).equals(Buffer.from(image!.rgb.buffer))).toBe(true)
    }
  })

  it('runs the fp16 model to the same picture', async () => {
    const workflow = shippedWorkflow('txt2img')
    const text = 'positive.text=a blue square on a yellow background'
    const [full] = await pipeline.images(await pipeline.run(workflow, [text, 'sampler.seed=5']))
    const [half] = await pipeline.images(await pipeline.run(workflow, [text, 'sampler.seed=5', 'model.model=tiny-shapes-fp16']))
    expect(classify(half!.rgb, 64, 64)).toEqual(classify(full!.rgb, 64, 64))
    const meanDifference = full!.rgb.reduce((sum, value, i) => sum + Math.abs(value - half!.rgb[i]!), 0) / full!.rgb.length
    expect(meanDifference).toBeLessThan(0.05)
  })
})
