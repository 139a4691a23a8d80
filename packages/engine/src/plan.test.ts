import { describe, expect, it } from 'vitest'
import { findCycles } from './cycles.js'
import { planExecution } from './plan.js'
import { createCountingRegistry } from './test-support/counting-nodes.js'
import type { Workflow } from './workflow.js'

const { registry } = createCountingRegistry()

describe('planExecution', () => {
  it('orders only the ancestors of the outputs, dependencies first', () => {
    const workflow: Workflow = {
      version: 1,
      nodes: {
        out: { type: 'Show', inputs: { value: ['sum', 'sum'] } },
        sum: { type: 'Add', inputs: { a: ['x', 'value'], b: ['y', 'value'] } },
        y: { type: 'Number', inputs: {} },
        x: { type: 'Number', inputs: {} },
        stray: { type: 'Number', inputs: {} },
      },
    }
    const plan = planExecution(workflow, registry)
    expect(plan.outputs).toEqual(['out'])
    expect(plan.order).toEqual(['x', 'y', 'sum', 'out'])
  })

  it('handles a 100,000-node chain without deep recursion', () => {
    const nodes: Record<string, Workflow['nodes'][string]> = { n0: { type: 'Number', inputs: {} } }
    for (let i = 1; i < 100_000; i++) nodes[`n${i}`] = { type: 'Add', inputs: { a: [`n${i - 1}`, i === 1 ? 'value' : 'sum'], b: ['n0', 'value'] } }
    nodes.out = { type: 'Show', inputs: { value: ['n99999', 'sum'] } }
    const workflow: Workflow = { version: 1, nodes }
    const plan = planExecution(workflow, registry)
    expect(plan.order).toHaveLength(100_001)
    expect(plan.order[0]).toBe('n0')
    expect(findCycles(workflow)).toEqual([])
  })
})
