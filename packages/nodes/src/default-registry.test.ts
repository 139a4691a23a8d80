import { describeRegistry } from '@latentflow/engine'
import { describe, expect, it } from 'vitest'
import { builtinNodes, createDefaultRegistry } from './default-registry.js'

describe('createDefaultRegistry', () => {
  it('holds every built-in node', () => {
    const registry = createDefaultRegistry()
    expect(registry.list().map((node) => node.type)).toEqual(['PrimitiveInt', 'PrimitiveFloat', 'PrimitiveString', 'PrimitiveBoolean', 'SaveText'])
    expect(builtinNodes.every((node) => registry.get(node.type) === node)).toBe(true)
  })

  it('returns a fresh registry each time', () => {
    const first = createDefaultRegistry()
    const second = createDefaultRegistry()
    expect(first).not.toBe(second)
    expect(() => first.add([...builtinNodes])).toThrow(/already registered/)
  })

  it('describes SaveText as an output node', () => {
    const saveText = describeRegistry(createDefaultRegistry()).nodes.find((node) => node.type === 'SaveText')
    expect(saveText).toMatchObject({ output: true, category: 'text', inputs: [{ name: 'text', type: 'STRING' }, { name: 'filename_prefix', default: 'latentflow' }] })
  })
})
