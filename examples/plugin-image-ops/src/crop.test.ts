import { runNode } from '@latentflow/engine'
import { describe, expect, it } from 'vitest'
import { Crop } from './crop.js'
import { createImage } from './image.js'

/** A 3x3 image whose red channel numbers the pixels 0..8. */
function numbered() {
  const image = createImage(1, 3, 3)
  for (let i = 0; i < 9; i++) image.data[i * 3] = i
  return image
}
const red = (data: Float32Array) => Array.from({ length: data.length / 3 }, (_, i) => data[i * 3]!)

describe('Crop', () => {
  it('cuts the rectangle', async () => {
    const { outputs } = await runNode(Crop, { image: numbered(), x: 1, y: 1, width: 2, height: 2 })
    expect(outputs.image).toMatchObject({ width: 2, height: 2 })
    expect(red(outputs.image.data)).toEqual([4, 5, 7, 8])
  })

  it('clips the rectangle to the image', async () => {
    const { outputs } = await runNode(Crop, { image: numbered(), x: 2, y: 0, width: 10, height: 2 })
    expect(red(outputs.image.data)).toEqual([2, 5])
  })

  it('fails when the corner is outside', async () => {
    await expect(runNode(Crop, { image: numbered(), x: 3, y: 0, width: 1, height: 1 })).rejects.toThrow(/outside/)
  })
})
