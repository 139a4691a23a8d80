import { runNode } from '@latentflow/engine'
import { describe, expect, it } from 'vitest'
import { Brightness } from './brightness.js'
import { createImage } from './image.js'
import plugin from './index.js'

describe('Brightness', () => {
  it('scales and clamps every value', async () => {
    const image = createImage(1, 1, 2, Float32Array.from([0.1, 0.2, 0.4, 0.5, 0.8, 1]))
    const { outputs, logs } = await runNode(Brightness, { image, factor: 2 })
    expect(Array.from(outputs.image.data)).toEqual(Array.from(Float32Array.from([0.2, 0.4, 0.8, 1, 1, 1])))
    expect(logs.join('\n')).toContain('x2')
  })

  it('rejects a factor out of range', async () => {
    await expect(runNode(Brightness, { image: createImage(1, 1, 1), factor: 10 })).rejects.toThrow()
  })

  it('is exported by the plugin', () => {
    expect(plugin.nodes).toContain(Brightness)
  })
})
