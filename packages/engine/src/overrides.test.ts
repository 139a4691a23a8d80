import { describe, expect, it } from 'vitest'
import { applyOverrides, parseOverride } from './overrides.js'
import { createCountingRegistry } from './test-support/counting-nodes.js'
import type { Workflow } from './workflow.js'

const { registry } = createCountingRegistry()
const workflow: Workflow = {
  version: 1,
  nodes: {
    'my.num': { type: 'Number', inputs: { value: 1 } },
    other: { type: 'Number', inputs: { value: 4 } },
    t: { type: 'Text', inputs: { text: 'a' } },
    s: { type: 'Seeded', inputs: {} },
    sum: { type: 'Add', inputs: { a: ['my.num', 'value'], b: ['my.num', 'value'] } },
  },
}

describe('--set overrides', () => {
  it('parses node.input=value, allowing dots in the node id and "=" in the value', () => {
    expect(parseOverride('latent.width=512')).toEqual({ node: 'latent', input: 'width', value: '512' })
    expect(parseOverride('my.num.value=3')).toEqual({ node: 'my.num', input: 'value', value: '3' })
    expect(parseOverride('positive.text=a=b')).toEqual({ node: 'positive', input: 'text', value: 'a=b' })
    expect(parseOverride('positive.text=')).toEqual({ node: 'positive', input: 'text', value: '' })
    for (const bad of ['width=512', 'latent.=5', '.width=5', 'latent.width']) expect(parseOverride(bad)).toBeUndefined()
  })

  it('converts values by the input kind', () => {
    const { workflow: result, issues } = applyOverrides(
      workflow,
      [
        { node: 'my.num', input: 'value', value: '42' },
        { node: 't', input: 'text', value: '42' },
        { node: 's', input: 'seed', value: '18446744073709551615' },
        { node: 'sum', input: 'b', value: 'other.value' },
      ],
      registry,
    )
    expect(issues).toEqual([])
    expect(result.nodes['my.num']?.inputs.value).toBe(42)
    expect(result.nodes.t?.inputs.text).toBe('42')
    expect(result.nodes.s?.inputs.seed).toBe('18446744073709551615')
    expect(result.nodes.sum?.inputs.b).toEqual(['other', 'value'])
    expect(workflow.nodes['my.num']?.inputs.value).toBe(1) // the input is not mutated
  })

  it('keeps text that does not convert, for validation to report', () => {
    const { workflow: result } = applyOverrides(workflow, [{ node: 'other', input: 'value', value: 'many' }], registry)
    expect(result.nodes.other?.inputs.value).toBe('many')
  })

  it('names unknown nodes and inputs', () => {
    const { issues } = applyOverrides(
      workflow,
      [
        { node: 'nope', input: 'value', value: '1' },
        { node: 't', input: 'txt', value: 'x' },
      ],
      registry,
    )
    expect(issues.map((issue) => [issue.code, issue.node, issue.input])).toEqual([
      ['missing_node', 'nope', 'value'],
      ['unknown_input', 't', 'txt'],
    ])
  })
})
