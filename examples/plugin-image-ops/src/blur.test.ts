import { runNode } from '@latentflow/engine'
import { describe, expect, it } from 'vitest'
import { Blur, blurKernel } from './blur.js'
import { createImage } from './image.js'

/** A 1x5 image, one white pixel in the middle. */
const dot = () => createImage(1, 1, 5, Float32Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]))
const red = (data: Float32Array) => Array.from({ length: data.length / 3 }, (_, i) => data[i * 3]!)

describe('Blur', () => {
  it('box blur spreads a dot evenly over 2 radius + 1 pixels', async () => {
    const { outputs } = await runNode(Blur, { image: dot(), radius: 1, kind: 'box' })
    const values = red(outputs.image.data)
    for (const [i, v] of values.entries()) expect(v).toBeCloseTo(i >= 1 && i <= 3 ? 1 / 3 : 0, 6)
  })

  it('gaussian blur keeps the total and peaks in the middle', async () => {
    const { outputs } = await runNode(Blur, { image: dot(), radius: 2 })
    const values = red(outputs.image.data)
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5)
    expect(Math.max(...values)).toBe(values[2])
  })

  it('radius 0 returns the image', async () => {
    const image = dot()
    expect((await runNode(Blur, { image, radius: 0 })).outputs.image).toBe(image)
  })

  it('kernels sum to 1', () => {
    expect(blurKernel(3, 'gaussian').reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
  })
})
