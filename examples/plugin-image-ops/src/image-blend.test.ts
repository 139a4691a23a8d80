import { runNode } from '@latentflow/engine'
import { describe, expect, it } from 'vitest'
import { createImage } from './image.js'
import { ImageBlend } from './image-blend.js'
import plugin from './index.js'

const flat = (value: number, batch = 1) => createImage(batch, 1, 1, new Float32Array(batch * 3).fill(value))

describe('ImageBlend', () => {
  it('normal mixes by factor', async () => {
    const { outputs } = await runNode(ImageBlend, { image_a: flat(0), image_b: flat(1), factor: 0.25, mode: 'normal' })
    expect(outputs.image.data[0]).toBeCloseTo(0.25, 6)
  })

  it('multiply and screen', async () => {
    const multiply = await runNode(ImageBlend, { image_a: flat(0.5), image_b: flat(0.5), factor: 1, mode: 'multiply' })
    expect(multiply.outputs.image.data[0]).toBeCloseTo(0.25, 6)
    const screen = await runNode(ImageBlend, { image_a: flat(0.5), image_b: flat(0.5), factor: 1, mode: 'screen' })
    expect(screen.outputs.image.data[0]).toBeCloseTo(0.75, 6)
  })

  it('broadcasts a batch of one', async () => {
    const { outputs } = await runNode(ImageBlend, { image_a: flat(0, 2), image_b: flat(1), factor: 1 })
    expect(Array.from(outputs.image.data)).toEqual([1, 1, 1, 1, 1, 1])
  })

  it('rejects different sizes and an unknown mode', async () => {
    await expect(runNode(ImageBlend, { image_a: flat(0), image_b: createImage(1, 2, 2) })).rejects.toThrow(/resize/)
    await expect(runNode(ImageBlend, { image_a: flat(0), image_b: flat(1), mode: 'overlay' })).rejects.toThrow(/mode/)
  })
})

describe('the plugin', () => {
  it('exports every node', () => {
    expect(plugin.nodes.map((node) => node.type)).toEqual(['Invert', 'Grayscale', 'Resize', 'Blur', 'Crop', 'ImageBlend'])
    expect(plugin.name).toBe('latentflow-plugin-image-ops')
  })
})
