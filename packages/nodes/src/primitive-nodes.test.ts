import { createExecutor, createRegistry, defineNode, input, type Workflow } from '@latentflow/engine'
import { describe, expect, it } from 'vitest'
import { PrimitiveBoolean, PrimitiveFloat, PrimitiveInt, PrimitiveString } from './primitive-nodes.js'

/** An output node that reports what it received. */
const Show = defineNode({
  type: 'Show',
  output: true,
  inputs: { int: input('INT'), float: input('FLOAT'), string: input('STRING'), boolean: input('BOOLEAN') },
  outputs: {},
  run(values, ctx) {
    ctx.ui({ values: [values] })
    return {}
  },
})

const registry = createRegistry([PrimitiveInt, PrimitiveFloat, PrimitiveString, PrimitiveBoolean, Show])
const show: Workflow['nodes'][string] = {
  type: 'Show',
  inputs: { int: ['i', 'value'], float: ['f', 'value'], string: ['s', 'value'], boolean: ['b', 'value'] },
}

describe('primitive nodes', () => {
  it('pass their value to their output', async () => {
    const workflow: Workflow = {
      version: 1,
      nodes: {
        i: { type: 'PrimitiveInt', inputs: { value: -3 } },
        f: { type: 'PrimitiveFloat', inputs: { value: 0.25 } },
        s: { type: 'PrimitiveString', inputs: { value: 'two\nlines' } },
        b: { type: 'PrimitiveBoolean', inputs: { value: true } },
        show,
      },
    }
    const result = await createExecutor({ registry }).run(workflow)
    expect(result.outputs.show).toEqual({ values: [{ int: -3, float: 0.25, string: 'two\nlines', boolean: true }] })
  })

  it('default to 0, 0, "" and false', async () => {
    const workflow: Workflow = {
      version: 1,
      nodes: {
        i: { type: 'PrimitiveInt', inputs: {} },
        f: { type: 'PrimitiveFloat', inputs: {} },
        s: { type: 'PrimitiveString', inputs: {} },
        b: { type: 'PrimitiveBoolean', inputs: {} },
        show,
      },
    }
    const result = await createExecutor({ registry }).run(workflow)
    expect(result.outputs.show).toEqual({ values: [{ int: 0, float: 0, string: '', boolean: false }] })
  })

  it('are in the utils/primitive category, the string one multiline', () => {
    for (const node of [PrimitiveInt, PrimitiveFloat, PrimitiveString, PrimitiveBoolean]) expect(node.category).toBe('utils/primitive')
    expect(PrimitiveString.inputs.value.multiline).toBe(true)
  })

  it('reject a value of the wrong kind', async () => {
    const workflow: Workflow = { version: 1, nodes: { i: { type: 'PrimitiveInt', inputs: { value: 1.5 } }, f: { type: 'PrimitiveFloat', inputs: {} }, s: { type: 'PrimitiveString', inputs: {} }, b: { type: 'PrimitiveBoolean', inputs: {} }, show } }
    const result = await createExecutor({ registry }).run(workflow)
    expect(result.issues).toEqual([expect.objectContaining({ code: 'invalid_value', node: 'i', input: 'value' })])
  })
})
