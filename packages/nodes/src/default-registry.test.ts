import { describeRegistry } from '@latentflow/engine'
import { describe, expect, it } from 'vitest'
import { createBuiltinNodes, createDefaultRegistry } from './default-registry.js'

describe('createDefaultRegistry', () => {
  it('holds every built-in node, pipeline first', () => {
    const registry = createDefaultRegistry()
    expect(registry.list().map((node) => node.type).slice(0, 16)).toEqual([
      'LoadModel', 'Tokenizer', 'TextEncoder', 'EmptyLatent', 'Scheduler', 'UNetCFG', 'VAEDecode', 'VAEEncode',
      'SaveImage', 'PreviewImage', 'LoadImage', 'PrimitiveInt', 'PrimitiveFloat', 'PrimitiveString', 'PrimitiveBoolean', 'SaveText',
    ])
    expect(registry.has('KSampler')).toBe(true)
    expect(createDefaultRegistry({ comfyNodes: false }).has('KSampler')).toBe(false)
  })

  it('returns a fresh registry each time', () => {
    const first = createDefaultRegistry()
    const second = createDefaultRegistry()
    expect(first).not.toBe(second)
    expect(() => first.add([...createBuiltinNodes()])).toThrow(/already registered/)
  })

  it('lists the bundled model folders in LoadModel', () => {
    const loadModel = describeRegistry(createDefaultRegistry()).nodes.find((node) => node.type === 'LoadModel')
    expect(loadModel?.inputs[0]?.options).toContain('tiny-shapes')
  })

  it('describes SaveText as an output node', () => {
    const saveText = describeRegistry(createDefaultRegistry()).nodes.find((node) => node.type === 'SaveText')
    expect(saveText).toMatchObject({ output: true, category: 'text', inputs: [{ name: 'text', type: 'STRING' }, { name: 'filename_prefix', default: 'latentflow' }] })
  })
})
