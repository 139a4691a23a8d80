import { describe, expect, it } from 'vitest'
import { fromComfyApi, isComfyApiPrompt, toComfyApi, type ComfyApiPrompt } from './comfy-format.js'
import { WorkflowValidationError } from './issues.js'
import { createCountingRegistry } from './test-support/counting-nodes.js'
import type { Workflow } from './workflow.js'

const { registry } = createCountingRegistry()

const native: Workflow = {
  version: 1,
  nodes: {
    a: { type: 'Number', version: 1, title: 'Left', inputs: { value: 2 } },
    t: { type: 'Text', inputs: { text: 'Hello', mode: 'upper' } },
    sum: { type: 'Add', inputs: { a: ['a', 'value'], b: ['a', 'value'], offset: 1 } },
    s: { type: 'Seeded', inputs: { seed: '18446744073709551615' } },
    show: { type: 'Show', inputs: { value: ['sum', 'sum'], label: 'x' } },
  },
  ui: { nodes: { a: { x: 10, y: 20 }, show: { x: 300, y: 20, collapsed: true } } },
}

describe('ComfyUI API format', () => {
  it('addresses outputs by index and keeps titles, versions and layout in _meta', () => {
    const prompt = toComfyApi(native, registry)
    expect(prompt.sum).toEqual({ class_type: 'Add', inputs: { a: ['a', 0], b: ['a', 0], offset: 1 } })
    expect(prompt.a?._meta).toEqual({ title: 'Left', latentflow_version: 1, latentflow_ui: { x: 10, y: 20 } })
    expect(isComfyApiPrompt(prompt)).toBe(true)
  })

  it('round-trips native -> ComfyUI -> native losslessly', () => {
    const { workflow, issues } = fromComfyApi(toComfyApi(native, registry), registry)
    expect(issues).toEqual([])
    expect(workflow).toEqual(native)
  })

  it('round-trips ComfyUI -> native -> ComfyUI losslessly', () => {
    const prompt: ComfyApiPrompt = {
      '4': { class_type: 'Number', inputs: { value: 7 } },
      '5': { class_type: 'Add', inputs: { a: ['4', 0], b: ['4', 0], offset: 0 } },
      '9': { class_type: 'Show', inputs: { value: ['5', 0], label: 'value' }, _meta: { title: 'Result' } },
    }
    const { workflow } = fromComfyApi(prompt, registry)
    expect(toComfyApi(workflow, registry)).toEqual(prompt)
  })

  it('accepts numeric node ids in links, as some clients send them', () => {
    const { workflow, issues } = fromComfyApi(
      { '1': { class_type: 'Number', inputs: {} }, '2': { class_type: 'Show', inputs: { value: [1, 0] as unknown as [string, number] } } },
      registry,
    )
    expect(issues).toEqual([])
    expect(workflow.nodes['2']?.inputs.value).toEqual(['1', 'value'])
  })

  it('reports links to missing nodes and output indexes', () => {
    const { issues } = fromComfyApi(
      {
        '1': { class_type: 'Number', inputs: {} },
        '2': { class_type: 'Add', inputs: { a: ['1', 3], b: ['7', 0] } },
        '3': { class_type: 'Show', inputs: { value: ['2', 0] } },
      },
      registry,
    )
    expect(issues.map((issue) => [issue.code, issue.node, issue.input])).toEqual([
      ['missing_output', '2', 'a'],
      ['missing_node', '2', 'b'],
    ])
  })

  it('refuses to convert a workflow it cannot map, naming the problems', () => {
    const broken: Workflow = { version: 1, nodes: { x: { type: 'Nope', inputs: {} }, y: { type: 'Show', inputs: { value: ['x', 'out'] } } } }
    expect(() => toComfyApi(broken, registry)).toThrow(WorkflowValidationError)
    expect(() => toComfyApi(broken, registry)).toThrow(/node "y".*"x.out"/)
  })

  it('does not mistake other JSON for ComfyUI format', () => {
    expect(isComfyApiPrompt({})).toBe(false)
    expect(isComfyApiPrompt({ version: 1, nodes: {} })).toBe(false)
    expect(isComfyApiPrompt([{ class_type: 'X' }])).toBe(false)
  })
})
