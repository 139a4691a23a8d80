/**
 * Executor overhead benchmarks: workflows of trivial nodes, so the time measured is the
 * engine's own (validation, planning, cache keys, cache look-ups, events, running nodes).
 *
 * Workflows (N nodes in all):
 * - chain:   Const -> Step -> Step -> ... -> Sink (one source, N-2 steps, one output node).
 * - fan-out: one Const linked into N-1 Sink output nodes.
 *
 * Phases:
 * - cold:   a new executor (empty cache) runs the workflow: everything is validated and runs.
 * - cached: the same executor runs the same workflow again: validated, planned and keyed,
 *           every output comes from the cache and no node runs.
 */
import { createExecutor, createRegistry, defineNode, input, int } from '@latentflow/engine'

const Const = defineNode({ type: 'Const', inputs: { value: int({ default: 1 }) }, outputs: { value: 'INT' }, run: ({ value }) => ({ value }) })
const Step = defineNode({ type: 'Step', inputs: { x: input('INT') }, outputs: { value: 'INT' }, run: ({ x }) => ({ value: x + 1 }) })
const Sink = defineNode({ type: 'Sink', output: true, inputs: { x: input('INT') }, outputs: {}, run: () => ({}) })

export const registry = createRegistry([Const, Step, Sink])

/** Const -> (nodes - 2) x Step -> Sink. */
export function chainWorkflow(nodes) {
  const entries = { n0: { type: 'Const', inputs: { value: 1 } } }
  for (let i = 1; i < nodes - 1; i++) entries[`n${i}`] = { type: 'Step', inputs: { x: [`n${i - 1}`, 'value'] } }
  entries[`n${nodes - 1}`] = { type: 'Sink', inputs: { x: [`n${nodes - 2}`, 'value'] } }
  return { version: 1, nodes: entries }
}

/** One Const feeding (nodes - 1) Sink output nodes. */
export function fanOutWorkflow(nodes) {
  const entries = { source: { type: 'Const', inputs: { value: 1 } } }
  for (let i = 1; i < nodes; i++) entries[`sink${i}`] = { type: 'Sink', inputs: { x: ['source', 'value'] } }
  return { version: 1, nodes: entries }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

async function timeRun(executor, workflow) {
  const started = performance.now()
  const result = await executor.run(workflow, { onEvent: () => {} })
  const elapsed = performance.now() - started
  if (result.status !== 'success') throw new Error(`benchmark run failed: ${result.status} ${JSON.stringify(result.issues ?? result.error)}`)
  return { elapsed, result }
}

/**
 * Median milliseconds of `runs` measured runs after `warmup` unmeasured ones.
 * Returns { coldMs, cachedMs } for one workflow.
 */
export async function measureExecutor(workflow, { warmup = 10, runs = 25 } = {}) {
  const cold = []
  const cached = []
  for (let i = 0; i < warmup + runs; i++) {
    const executor = createExecutor({ registry })
    const first = await timeRun(executor, workflow)
    const second = await timeRun(executor, workflow)
    if (second.result.executed.length !== 0) throw new Error('the second run was expected to be fully cached')
    if (i < warmup) continue
    cold.push(first.elapsed)
    cached.push(second.elapsed)
  }
  return { coldMs: median(cold), cachedMs: median(cached) }
}
