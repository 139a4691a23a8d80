import { runNode } from '@latentflow/engine'
import { describe, expect, it } from 'vitest'
import { createImage } from './image.js'
import { Invert } from './invert.js'

describe('Invert', () => {
  it('maps every value v to 1 - v', async () => {
    const image = createImage(1, 1, 2, Float32Array.from([0, 0.25, 1, 0.5, 0.75, 0.125]))
    const { outputs } = await runNode(Invert, { image })
    expect(Array.from(outputs.image.data)).toEqual([1, 0.75, 0, 0.5, 0.25, 0.875])
  })

  it('reports the missing image', async () => {
    await expect(runNode(Invert, {})).rejects.toThrow(/image/)
  })
})
