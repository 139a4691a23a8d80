import { describe, expect, expectTypeOf, it } from 'vitest'
import { defineNode } from './define-node.js'
import { describeRegistry } from './describe.js'
import { boolean, combo, float, input, int, seed, string } from './inputs.js'
import { createRegistry, DuplicateNodeTypeError } from './registry.js'

const Example = defineNode({
  type: 'Example',
  category: 'test/example',
  description: 'Shows every input kind',
  inputs: {
    width: int({ default: 512, min: 64, max: 4096, step: 8, multipleOf: 8 }),
    guidance: float({ default: 7.5, min: 0, max: 30, display: 'slider' }),
    text: string({ multiline: true }),
    flag: boolean({ default: true }),
    sampler: combo(['euler', 'ddim'] as const, { default: 'euler' }),
    seed: seed(),
    count: input('INT'),
    extra: input('STRING', { optional: true }),
  },
  outputs: { total: 'INT', label: { type: 'STRING', tooltip: 'A label' } },
  run(inputs) {
    expectTypeOf(inputs.width).toEqualTypeOf<number>()
    expectTypeOf(inputs.text).toEqualTypeOf<string>()
    expectTypeOf(inputs.flag).toEqualTypeOf<boolean>()
    expectTypeOf(inputs.sampler).toEqualTypeOf<'euler' | 'ddim'>()
    expectTypeOf(inputs.seed).toEqualTypeOf<bigint>()
    expectTypeOf(inputs.count).toEqualTypeOf<number>()
    expectTypeOf(inputs.extra).toEqualTypeOf<string | undefined>()
    return { total: inputs.width + inputs.count, label: inputs.text }
  },
})

describe('defineNode', () => {
  it('fills defaults and freezes the definition', () => {
    expect(Example).toMatchObject({ version: 1, title: 'Example', output: false, cacheable: true })
    expect(Object.isFrozen(Example)).toBe(true)
  })

  it('rejects bad declarations with a clear message', () => {
    const run = () => ({})
    expect(() => defineNode({ type: '9lives', inputs: {}, outputs: {}, run })).toThrow(/type "9lives"/)
    expect(() => defineNode({ type: 'X', version: 0, inputs: {}, outputs: {}, run })).toThrow(/version/)
    expect(() => defineNode({ type: 'X', inputs: { constructor: int() } as never, outputs: {}, run })).toThrow(/"constructor"/)
    expect(() => defineNode({ type: 'X', inputs: { 'bad name': int() }, outputs: {}, run })).toThrow(/"bad name"/)
  })

  it('describes nodes as JSON for the editor and the API', () => {
    const description = describeRegistry(createRegistry([Example]))
    const node = description.nodes[0]!
    expect(node.inputs.find((entry) => entry.name === 'width')).toEqual({
      name: 'width', kind: 'INT', type: 'INT', optional: false, default: 512, min: 64, max: 4096, step: 8, multipleOf: 8,
    })
    expect(node.inputs.find((entry) => entry.name === 'sampler')).toMatchObject({ kind: 'COMBO', options: ['euler', 'ddim'] })
    expect(node.inputs.find((entry) => entry.name === 'extra')).toMatchObject({ kind: 'SOCKET', type: 'STRING', optional: true })
    expect(node.outputs).toEqual([{ name: 'total', type: 'INT' }, { name: 'label', type: 'STRING', tooltip: 'A label' }])
    expect(JSON.parse(JSON.stringify(description))).toEqual(description)
    expect(description.socketTypes.find((type) => type.name === 'LATENT')?.color).toMatch(/^#/)
  })

  it('rejects a duplicate type without adding any of the batch', () => {
    const registry = createRegistry([Example])
    const Other = defineNode({ type: 'Other', inputs: {}, outputs: {}, run: () => ({}) })
    expect(() => registry.add([Other, Example], 'my-plugin')).toThrow(DuplicateNodeTypeError)
    expect(registry.has('Other')).toBe(false)
    registry.add([Other], 'my-plugin')
    expect(registry.get('Other')?.plugin).toBe('my-plugin')
  })
})
