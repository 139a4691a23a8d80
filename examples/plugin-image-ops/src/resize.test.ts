import { runNode } from '@latentflow/engine'
import { describe, expect, it } from 'vitest'
import { createImage } from './image.js'
import { Resize } from './resize.js'

/** A 1x2 image: black then white. */
const blackWhite = () => createImage(1, 1, 2, Float32Array.from([0, 0, 0, 1, 1, 1]))

describe('Resize', () => {
  it('nearest repeats pixels', async () => {
    const { outputs } = await runNode(Resize, { image: blackWhite(), width: 4, height: 2, method: 'nearest' })
    expect(outputs.image).toMatchObject({ batch: 1, width: 4, height: 2 })
    const red = Array.from({ length: 8 }, (_, i) => outputs.image.data[i * 3])
    expect(red).toEqual([0, 0, 1, 1, 0, 0, 1, 1])
  })

  it('bilinear interpolates between pixel centres', async () => {
    const { outputs } = await runNode(Resize, { image: blackWhite(), width: 4, height: 1, method: 'bilinear' })
    expect(Array.from({ length: 4 }, (_, i) => outputs.image.data[i * 3])).toEqual([0, 0.25, 0.75, 1])
  })

  it('keeps the size unchanged at the same size', async () => {
    const image = blackWhite()
    const { outputs } = await runNode(Resize, { image, width: 2, height: 1 })
    expect(Array.from(outputs.image.data)).toEqual(Array.from(image.data))
  })

  it('rejects a width of 0', async () => {
    await expect(runNode(Resize, { image: blackWhite(), width: 0, height: 1 })).rejects.toThrow(/width/)
  })
})
