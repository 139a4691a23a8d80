import { createRegistry, defineNode, input, int, seed, validateWorkflow } from '@latentflow/engine'
import { describe, expect, it } from 'vitest'
import { comfyPromptErrors } from './node-errors.js'

const Make = defineNode({ type: 'Make', inputs: { n: int({ min: 1, max: 10 }) }, outputs: { value: 'INT' }, run: ({ n }) => ({ value: n }) })
const Show = defineNode({ type: 'Show', output: true, inputs: { value: input('INT') }, outputs: {}, run: () => ({}) })
const registry = createRegistry([Make, Show])

describe('comfyPromptErrors', () => {
  it('groups issues by node with ComfyUI types, input names, dependent outputs and our codes', () => {
    const result = validateWorkflow({ '1': { class_type: 'Make', inputs: { n: 99 } }, '2': { class_type: 'Show', inputs: {} }, '3': { class_type: 'Show', inputs: { value: ['1', 0] } } }, registry)
    expect(result.ok).toBe(false)
    const body = comfyPromptErrors(result.issues, result.workflow, registry)
    expect(body.error).toMatchObject({ type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation' })
    expect(body.node_errors['1']).toEqual({
      class_type: 'Make',
      dependent_outputs: ['3'],
      errors: [{ type: 'value_bigger_than_max', message: 'Value bigger than max', details: expect.stringContaining('at most 10'), extra_info: { input_name: 'n', expected: { max: 10 }, received_value: 99 }, code: 'out_of_range' }],
    })
    expect(body.node_errors['2']).toMatchObject({ class_type: 'Show', dependent_outputs: ['2'], errors: [{ type: 'required_input_missing', code: 'missing_input', extra_info: { input_name: 'value' } }] })
  })

  it('reports unknown node types and missing outputs at the top, as ComfyUI does', () => {
    const unknown = validateWorkflow({ '1': { class_type: 'Nope', inputs: {} }, '2': { class_type: 'Show', inputs: { value: ['1', 0] } } }, registry)
    expect(comfyPromptErrors(unknown.issues, unknown.workflow, registry).error).toMatchObject({ type: 'invalid_prompt', message: 'Cannot execute because node Nope does not exist.' })
    const noOutput = validateWorkflow({ '1': { class_type: 'Make', inputs: { n: 1 } } }, registry)
    expect(comfyPromptErrors(noOutput.issues, noOutput.workflow, registry)).toMatchObject({ error: { type: 'prompt_no_outputs' }, node_errors: {} })
  })

  it('keep a "__proto__" node id as a plain key and take text ranges (a seed\'s) without throwing', () => {
    const Seeded = defineNode({ type: 'Seeded', output: true, inputs: { seed: seed() }, outputs: {}, run: () => ({}) })
    const seeds = createRegistry([Seeded])
    const proto = validateWorkflow(JSON.parse('{"version":1,"nodes":{"__proto__":{"type":"Seeded","inputs":{}}}}'), seeds)
    const body = comfyPromptErrors(proto.issues, proto.workflow, seeds)
    expect(Object.keys(body.node_errors)).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(body.node_errors)).toBe(Object.prototype)
    const huge = validateWorkflow({ version: 1, nodes: { n: { type: 'Seeded', inputs: { seed: '1' + '0'.repeat(40) } } } }, seeds)
    expect(comfyPromptErrors(huge.issues, huge.workflow, seeds).node_errors.n!.errors[0]).toMatchObject({ code: 'out_of_range', type: 'custom_validation_failed' })
  })
})
