import { describe, expect, it } from 'vitest'
import { LruOutputCache, NoOutputCache } from './cache.js'
import { defineNode } from './define-node.js'
import type { ExecutionEvent } from './events.js'
import { createExecutor } from './execute.js'
import { input, int, string } from './inputs.js'
import { computeCacheKeys } from './cache-key.js'
import { createCountingRegistry } from './test-support/counting-nodes.js'
import { validateWorkflow } from './validate.js'

/** a=2, b=3 -> sum -> scale -> show; c -> unused (no output depends on it). */
function graph(overrides: { a?: number; factor?: number; label?: string } = {}) {
  return {
    version: 1,
    nodes: {
      a: { type: 'Number', inputs: { value: overrides.a ?? 2 } },
      b: { type: 'Number', inputs: { value: 3 } },
      sum: { type: 'Add', inputs: { a: ['a', 'value'], b: ['b', 'value'] } },
      scale: { type: 'Scale', inputs: { value: ['sum', 'sum'], factor: overrides.factor ?? 2 } },
      show: { type: 'Show', inputs: { value: ['scale', 'value'], label: overrides.label ?? 'value' } },
      other: { type: 'Show', inputs: { value: ['b', 'value'], label: 'b' } },
      unused: { type: 'Number', inputs: { value: 7 } },
    },
  }
}

function setup() {
  const counting = createCountingRegistry()
  const executor = createExecutor({ registry: counting.registry })
  const events: ExecutionEvent[] = []
  const onEvent = (event: ExecutionEvent) => events.push(event)
  const ran = () => {
    const ids = [...counting.calls.keys()].sort()
    counting.calls.clear()
    return ids
  }
  return { ...counting, executor, events, onEvent, ran }
}

describe('executor', () => {
  it('runs only what the outputs need, in dependency order, and reports their UI output', async () => {
    const { executor, ran } = setup()
    const result = await executor.run(graph())
    expect(result.status).toBe('success')
    expect(result.outputs).toEqual({ show: { value: [10] }, other: { b: [3] } })
    expect(ran()).toEqual(['a', 'b', 'other', 'scale', 'show', 'sum'])
    expect(result.executed.indexOf('sum')).toBeGreaterThan(result.executed.indexOf('a'))
    expect(result.executed).not.toContain('unused')
  })

  it('re-runs exactly the nodes downstream of a changed widget', async () => {
    const { executor, ran } = setup()
    await executor.run(graph())
    ran()

    const same = await executor.run(graph())
    expect(ran()).toEqual([])
    expect([...same.cached].sort()).toEqual(['other', 'show'])
    expect(same.outputs).toEqual({ show: { value: [10] }, other: { b: [3] } })

    await executor.run(graph({ factor: 3 }))
    expect(ran()).toEqual(['scale', 'show'])

    await executor.run(graph({ a: 5, factor: 3 }))
    expect(ran()).toEqual(['a', 'scale', 'show', 'sum'])

    await executor.run(graph({ a: 5, factor: 3, label: 'x' }))
    expect(ran()).toEqual(['show'])

    // Going back to an earlier value finds it in the cache.
    await executor.run(graph())
    expect(ran()).toEqual([])
  })

  it('does not run the ancestors of a cached node, even when their own entries were evicted', async () => {
    const { executor, ran, registry } = setup()
    await executor.run(graph())
    ran()
    const { workflow } = validateWorkflow(graph(), registry)
    const keys = computeCacheKeys(workflow!, ['a', 'b', 'sum'], registry, 'unused')
    for (const key of keys.values()) executor.cache.delete(key)

    const result = await executor.run(graph({ label: 'changed' }))
    expect(ran()).toEqual(['show'])
    expect(result.cached).toEqual(['scale', 'other'])
  })

  it('runs only the chosen outputs (partial execution)', async () => {
    const { executor, ran } = setup()
    const result = await executor.run(graph(), { targets: ['other'] })
    expect(result.status).toBe('success')
    expect(ran()).toEqual(['b', 'other'])
    expect(Object.keys(result.outputs)).toEqual(['other'])

    const bad = await executor.run(graph(), { targets: ['sum'] })
    expect(bad.status).toBe('invalid')
    expect(bad.issues[0]?.node).toBe('sum')
  })

  it('emits the events in ComfyUI order', async () => {
    const { executor, events, onEvent } = setup()
    await executor.run(graph(), { promptId: 'p1', onEvent })
    const summary = events.map((event) => ('node' in event.data ? `${event.type}:${event.data.node}` : event.type))
    expect(summary[0]).toBe('execution_start')
    expect(summary[1]).toBe('execution_cached')
    expect(summary.at(-1)).toBe('execution_success')
    expect(summary).toContain('executing:show')
    expect(summary.indexOf('executed:show')).toBe(summary.indexOf('executing:show') + 1)
    expect(events.every((event) => event.data.prompt_id === 'p1')).toBe(true)
    // Only nodes with UI output get `executed`, as in ComfyUI.
    expect(summary.filter((entry) => entry.startsWith('executed:')).sort()).toEqual(['executed:other', 'executed:show'])

    events.length = 0
    await executor.run(graph(), { promptId: 'p2', onEvent })
    expect(events.map((event) => event.type)).toEqual(['execution_start', 'execution_cached', 'executed', 'executed', 'execution_success'])
    expect(events[1]).toMatchObject({ data: { nodes: ['show', 'other'] } })
  })

  it('reports progress from a node', async () => {
    const { executor, events, onEvent } = setup()
    const workflow = {
      version: 1,
      nodes: {
        n: { type: 'Number', inputs: {} },
        s: { type: 'Steps', inputs: { value: ['n', 'value'], steps: 3 } },
        out: { type: 'Show', inputs: { value: ['s', 'value'] } },
      },
    }
    await executor.run(workflow, { onEvent })
    const progress = events.filter((event) => event.type === 'progress').map((event) => event.data)
    expect(progress.map(({ node, value, max }) => [node, value, max])).toEqual([
      ['s', 1, 3],
      ['s', 2, 3],
      ['s', 3, 3],
    ])
  })

  it('re-runs uncacheable nodes and everything downstream, every time', async () => {
    const { executor, ran } = setup()
    const workflow = {
      version: 1,
      nodes: {
        n: { type: 'Number', inputs: {} },
        v: { type: 'Volatile', inputs: { value: ['n', 'value'] } },
        out: { type: 'Show', inputs: { value: ['v', 'value'] } },
      },
    }
    await executor.run(workflow)
    expect(ran()).toEqual(['n', 'out', 'v'])
    await executor.run(workflow)
    expect(ran()).toEqual(['out', 'v'])
  })

  it('re-runs a node when its isChanged value changes', async () => {
    let version = 1
    const counting = createCountingRegistry([
      defineNode({
        type: 'FileStamp',
        inputs: { path: string({ default: 'a.png' }) },
        outputs: { value: 'INT' },
        isChanged: () => version,
        run: () => ({ value: version }),
      }),
    ])
    const executor = createExecutor({ registry: counting.registry })
    const workflow = { version: 1, nodes: { f: { type: 'FileStamp', inputs: {} }, out: { type: 'Show', inputs: { value: ['f', 'value'] } } } }
    expect((await executor.run(workflow)).outputs).toEqual({ out: { value: [1] } })
    expect((await executor.run(workflow)).executed).toEqual([])
    version = 2
    const changed = await executor.run(workflow)
    expect(changed.executed).toEqual(['f', 'out'])
    expect(changed.outputs).toEqual({ out: { value: [2] } })
  })

  it('gives seeds to nodes as bigint, losslessly', async () => {
    const { executor } = setup()
    const workflow = {
      version: 1,
      nodes: { s: { type: 'Seeded', inputs: { seed: '18446744073709551615' } }, out: { type: 'Show', inputs: { value: ['s', 'seed'] } } },
    }
    const result = await executor.run(workflow)
    expect(result.outputs).toEqual({ out: { value: ['18446744073709551615'] } })
  })

  it('isolates a failing node: execution_error names it, and the executor stays usable', async () => {
    const { executor, events, onEvent, ran } = setup()
    const failing = {
      version: 1,
      nodes: {
        n: { type: 'Number', inputs: {} },
        f: { type: 'Fail', inputs: { value: ['n', 'value'], message: 'kaput' } },
        out: { type: 'Show', inputs: { value: ['f', 'value'] } },
      },
    }
    const result = await executor.run(failing, { promptId: 'bad', onEvent })
    expect(result.status).toBe('error')
    expect(result.error).toMatchObject({ node: 'f', nodeType: 'Fail', message: 'kaput', exceptionType: 'RangeError' })
    const error = events.find((event) => event.type === 'execution_error')
    expect(error?.data).toMatchObject({ prompt_id: 'bad', node_id: 'f', node_type: 'Fail', exception_message: 'kaput', executed: ['n'] })
    expect(error?.type === 'execution_error' && error.data.traceback.join('\n')).toMatch(/RangeError: kaput/)
    expect(events.some((event) => event.type === 'execution_success')).toBe(false)
    ran()

    // The node before the failure was cached; the next run works.
    const next = await executor.run(graph())
    expect(next.status).toBe('success')
    ran()
    await executor.run(failing)
    expect(ran()).toEqual(['f'])
  })

  it('reports a node that returns no value for an output', async () => {
    const counting = createCountingRegistry([
      defineNode({ type: 'Forgetful', inputs: {}, outputs: { value: 'INT' }, run: () => ({}) as { value: number } }),
    ])
    const executor = createExecutor({ registry: counting.registry })
    const result = await executor.run({ version: 1, nodes: { f: { type: 'Forgetful', inputs: {} }, out: { type: 'Show', inputs: { value: ['f', 'value'] } } } })
    expect(result.status).toBe('error')
    expect(result.error?.message).toMatch(/no value for output "value"/)
  })

  it('stops mid-run on interrupt and stays usable', async () => {
    const { executor, events, onEvent, release, ran } = setup()
    const workflow = {
      version: 1,
      nodes: {
        n: { type: 'Number', inputs: {} },
        g: { type: 'Gate', inputs: { value: ['n', 'value'] } },
        after: { type: 'Add', inputs: { a: ['g', 'value'], b: ['n', 'value'] } },
        out: { type: 'Show', inputs: { value: ['after', 'sum'] } },
      },
    }
    const controller = new AbortController()
    const running = executor.run(workflow, { signal: controller.signal, onEvent })
    await waitFor(() => events.some((event) => event.type === 'executing' && event.data.node === 'g'))
    controller.abort()
    const result = await running
    expect(result.status).toBe('interrupted')
    expect(events.at(-1)).toMatchObject({ type: 'execution_interrupted', data: { node_id: 'g', node_type: 'Gate', executed: ['n'] } })
    expect(ran()).toEqual(['g', 'n'])

    const again = executor.run(workflow)
    await waitFor(() => ran().includes('g'))
    release()
    const finished = await again
    expect(finished.status).toBe('success')
    expect(finished.outputs).toEqual({ out: { value: [2] } })
  })

  it('does not start when the signal is already aborted', async () => {
    const { executor, ran } = setup()
    const result = await executor.run(graph(), { signal: AbortSignal.abort() })
    expect(result.status).toBe('interrupted')
    expect(ran()).toEqual([])
  })

  it('returns the validation issues and runs nothing for an invalid workflow', async () => {
    const { executor, events, onEvent, ran } = setup()
    const result = await executor.run({ version: 1, nodes: { out: { type: 'Show', inputs: {} } } }, { onEvent })
    expect(result.status).toBe('invalid')
    expect(result.issues).toMatchObject([{ code: 'missing_input', node: 'out', input: 'value' }])
    expect(events).toEqual([])
    expect(ran()).toEqual([])
  })

  it('keeps nothing with NoOutputCache and evicts by bytes with a small LRU', async () => {
    const none = createCountingRegistry()
    const uncached = createExecutor({ registry: none.registry, cache: new NoOutputCache() })
    await uncached.run(graph())
    await uncached.run(graph())
    expect(none.calls.get('a')).toBe(2)

    const small = createCountingRegistry([
      defineNode({ type: 'Big', inputs: { n: int() }, outputs: { data: 'BYTES' }, run: ({ n }) => ({ data: new Uint8Array(1000 + n) }) }),
      defineNode({ type: 'Sink', output: true, inputs: { data: input('BYTES') }, outputs: {}, run: (_inputs, ctx) => (ctx.ui({ ok: [true] }), {}) }),
    ])
    const cache = new LruOutputCache(2500)
    const executor = createExecutor({ registry: small.registry, cache })
    const workflow = (n: number) => ({ version: 1, nodes: { big: { type: 'Big', inputs: { n } }, sink: { type: 'Sink', inputs: { data: ['big', 'data'] } } } })
    for (const n of [1, 2, 3]) await executor.run(workflow(n))
    expect(cache.stats().bytes).toBeLessThanOrEqual(2500)
    expect(cache.stats().evictions).toBeGreaterThan(0)
    // The least recently used (n = 1) is gone; the most recent is still there.
    expect((await executor.run(workflow(1))).executed).toEqual(['big', 'sink'])
    expect((await executor.run(workflow(1))).executed).toEqual([])
  })
})

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now()
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}
