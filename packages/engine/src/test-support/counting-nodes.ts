/** Small pure-JS nodes for the engine's tests; each registry counts the calls of every type. */
import { defineNode, type AnyNodeDefinition } from '../define-node.js'
import { combo, float, input, int, seed, string } from '../inputs.js'
import { createRegistry, type NodeRegistry } from '../registry.js'

export interface CountingRegistry {
  readonly registry: NodeRegistry
  /** Calls per node id in the workflow. */
  readonly calls: Map<string, number>
  /** Resolves the promise a `Gate` node waits on. */
  release(): void
}

export function createCountingRegistry(extra: readonly AnyNodeDefinition[] = []): CountingRegistry {
  const calls = new Map<string, number>()
  const count = (id: string) => calls.set(id, (calls.get(id) ?? 0) + 1)
  let release: () => void = () => {}

  const nodes = [
    defineNode({
      type: 'Number',
      category: 'math',
      inputs: { value: int({ default: 1, min: -1000, max: 1000 }) },
      outputs: { value: 'INT' },
      run: ({ value }, ctx) => (count(ctx.nodeId), { value }),
    }),
    defineNode({
      type: 'Add',
      category: 'math',
      inputs: { a: input('INT'), b: input('INT'), offset: int({ default: 0 }) },
      outputs: { sum: 'INT' },
      run: ({ a, b, offset }, ctx) => (count(ctx.nodeId), { sum: a + b + offset }),
    }),
    defineNode({
      type: 'Scale',
      category: 'math',
      inputs: { value: input('INT'), factor: float({ default: 1, min: 0, max: 10 }) },
      outputs: { value: 'FLOAT' },
      run: ({ value, factor }, ctx) => (count(ctx.nodeId), { value: value * factor }),
    }),
    defineNode({
      type: 'Text',
      category: 'text',
      inputs: { text: string({ default: '', maxLength: 100 }), mode: combo(['upper', 'lower'], { default: 'lower' }) },
      outputs: { text: 'STRING' },
      run: ({ text, mode }, ctx) => (count(ctx.nodeId), { text: mode === 'upper' ? text.toUpperCase() : text.toLowerCase() }),
    }),
    defineNode({
      type: 'Seeded',
      category: 'math',
      inputs: { seed: seed({ default: 0 }) },
      outputs: { seed: 'SEED' },
      run: ({ seed }, ctx) => (count(ctx.nodeId), { seed }),
    }),
    defineNode({
      type: 'Show',
      category: 'output',
      output: true,
      inputs: { value: input('*'), label: string({ default: 'value' }) },
      outputs: {},
      run: ({ value, label }, ctx) => {
        count(ctx.nodeId)
        ctx.ui({ [label]: [typeof value === 'bigint' ? value.toString() : value] })
        return {}
      },
    }),
    defineNode({
      type: 'Fail',
      category: 'test',
      inputs: { value: input('INT'), message: string({ default: 'boom' }) },
      outputs: { value: 'INT' },
      run: ({ message }, ctx) => {
        count(ctx.nodeId)
        throw new RangeError(message)
      },
    }),
    defineNode({
      type: 'Volatile',
      category: 'test',
      cacheable: false,
      inputs: { value: input('INT') },
      outputs: { value: 'INT' },
      run: ({ value }, ctx) => (count(ctx.nodeId), { value }),
    }),
    defineNode({
      type: 'Steps',
      category: 'test',
      inputs: { value: input('INT'), steps: int({ default: 5, min: 1, max: 1000 }) },
      outputs: { value: 'INT' },
      async run({ value, steps }, ctx) {
        count(ctx.nodeId)
        for (let step = 1; step <= steps; step++) {
          ctx.signal.throwIfAborted()
          await new Promise((resolve) => setTimeout(resolve, 1))
          ctx.progress(step, steps)
        }
        return { value }
      },
    }),
    defineNode({
      type: 'Gate',
      category: 'test',
      inputs: { value: input('INT') },
      outputs: { value: 'INT' },
      async run({ value }, ctx) {
        count(ctx.nodeId)
        await new Promise<void>((resolve, reject) => {
          release = resolve
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true })
        })
        return { value }
      },
    }),
    ...extra,
  ]
  return { registry: createRegistry(nodes), calls, release: () => release() }
}
