import { runNode } from '@latentflow/engine'
import { describe, expect, it } from 'vitest'
import { Grayscale } from './grayscale.js'
import { createImage } from './image.js'

describe('Grayscale', () => {
  it('writes BT.601 luma to all three channels', async () => {
    const image = createImage(1, 1, 2, Float32Array.from([1, 0, 0, 0.2, 0.4, 0.6]))
    const { outputs } = await runNode(Grayscale, { image })
    const d = outputs.image.data
    expect(d[0]).toBeCloseTo(0.299, 6)
    expect(d[1]).toBeCloseTo(0.299, 6)
    expect(d[2]).toBeCloseTo(0.299, 6)
    expect(d[3]).toBeCloseTo(0.299 * 0.2 + 0.587 * 0.4 + 0.114 * 0.6, 6)
  })
})
