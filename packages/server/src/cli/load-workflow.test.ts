import { createDefaultRegistry } from '@latentflow/nodes'
import { describe, expect, it } from 'vitest'
import { loadWorkflow } from './load-workflow.js'

const registry = createDefaultRegistry()

describe('loadWorkflow', () => {
  it('returns the validated workflow with the overrides applied', () => {
    const text = JSON.stringify({ version: 1, nodes: { save: { type: 'SaveText', inputs: { text: 'a' } } } })
    const result = loadWorkflow(text, [{ node: 'save', input: 'text', value: 'b' }], registry)
    expect(result).toMatchObject({ ok: true, format: 'native', workflow: { nodes: { save: { inputs: { text: 'b', filename_prefix: 'latentflow' } } } } })
  })

  it('reports override and validation issues together', () => {
    const text = JSON.stringify({ version: 1, nodes: { save: { type: 'SaveText', inputs: {} }, n: { type: 'PrimitiveInt', inputs: { value: 1 } } } })
    const result = loadWorkflow(text, [{ node: 'ghost', input: 'x', value: '1' }, { node: 'n', input: 'value', value: 'many' }], registry)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues.map((issue) => [issue.code, issue.node])).toEqual([
      ['missing_node', 'ghost'],
      ['missing_input', 'save'],
      ['invalid_value', 'n'],
    ])
  })

  it('reads the ComfyUI API format', () => {
    const text = JSON.stringify({ '1': { class_type: 'SaveText', inputs: { text: 'comfy' } } })
    expect(loadWorkflow(text, [], registry)).toMatchObject({ ok: true, format: 'comfy-api' })
  })
})
