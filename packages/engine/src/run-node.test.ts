import { describe, expect, it } from 'vitest'
import { defineNode } from './define-node.js'
import { input, int, seed, string } from './inputs.js'
import { WorkflowValidationError } from './issues.js'
import { runNode } from './run-node.js'

const Scale = defineNode({
  type: 'Scale',
  inputs: { values: input('LIST'), factor: int({ default: 2, min: 1, max: 10 }), label: string({ default: 'x' }) },
  outputs: { values: 'LIST', label: 'STRING' },
  run: ({ values, factor, label }, ctx) => {
    ctx.progress(1, 2)
    ctx.log(`scaling by ${factor}`)
    ctx.progress(2, 2)
    return { values: (values as number[]).map((value) => value * factor), label }
  },
})

describe('runNode', () => {
  it('feeds socket inputs directly, fills widget defaults and records progress and logs', async () => {
    const result = await runNode(Scale, { values: [1, 2] })
    expect(result.outputs).toEqual({ values: [2, 4], label: 'x' })
    expect(result.progress).toEqual([{ value: 1, max: 2 }, { value: 2, max: 2 }])
    expect(result.logs).toEqual(['scaling by 2'])
    expect(result.ui).toBeUndefined()
  })

  it('rejects widget values as the validator does', async () => {
    const error = await runNode(Scale, { values: [1], factor: 11 }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(WorkflowValidationError)
    expect((error as WorkflowValidationError).issues).toMatchObject([{ code: 'out_of_range', node: 'Scale', input: 'factor' }])
    expect((error as Error).message).toContain('node "Scale" (Scale): input "factor" must be at most 10, got 11')
    await expect(runNode(Scale, { values: [1], factor: 'two' })).rejects.toThrow('input "factor" must be an integer, got "two"')
    await expect(runNode(Scale, { values: [1], scale: 2 })).rejects.toThrow('has no input "scale"')
  })

  it('reports a missing socket input', async () => {
    await expect(runNode(Scale, {})).rejects.toThrow('node "Scale" (Scale): required input "values" (LIST) is missing')
  })

  it('passes seeds as bigint, services and the signal, and returns ui output', async () => {
    const Show = defineNode({
      type: 'Show',
      output: true,
      inputs: { seed: seed() },
      outputs: {},
      run: ({ seed }, ctx) => {
        ctx.ui({ text: [String(seed)], aborted: ctx.signal.aborted, services: Object.keys(ctx.services) })
        return {}
      },
    })
    const controller = new AbortController()
    controller.abort()
    const result = await runNode(Show, { seed: '18446744073709551615' }, { signal: controller.signal, services: { files: 1 } as never })
    expect(result.ui).toEqual({ text: ['18446744073709551615'], aborted: true, services: ['files'] })
  })

  it('fails when run() leaves out an output', async () => {
    const Broken = defineNode({ type: 'Broken', inputs: {}, outputs: { value: 'INT' }, run: () => ({}) as never })
    await expect(runNode(Broken, {})).rejects.toThrow('run() returned no value for output "value"')
  })
})
