/** Fast, model-free nodes for server tests: a slow text source that reports progress with previews. */
import { boolean, createRegistry, defineNode, int, seed, string, type NodeRegistry } from '@latentflow/engine'
import { SaveText } from '@latentflow/nodes'

/** Waits `ms` in `steps` steps (each with a 2x2 preview), honouring interrupts; fails when `fail`. */
export const SlowText = defineNode({
  type: 'SlowText',
  category: 'test',
  inputs: {
    text: string({ default: 'hello' }),
    ms: int({ default: 50, min: 0, max: 60_000 }),
    steps: int({ default: 2, min: 1, max: 1000 }),
    fail: boolean({ default: false }),
    seed: seed({ default: 0 }),
  },
  outputs: { text: 'STRING' },
  async run({ text, ms, steps, fail, seed }, ctx) {
    for (let step = 1; step <= steps; step++) {
      await new Promise((resolve) => setTimeout(resolve, ms / steps))
      ctx.signal.throwIfAborted()
      ctx.progress(step, steps, { width: 2, height: 2, channels: 3, data: new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]) })
    }
    if (fail) throw new Error(`SlowText failed on purpose (${text})`)
    return { text: `${text} ${seed}` }
  },
})

export function slowRegistry(): NodeRegistry {
  return createRegistry([SlowText, SaveText])
}

/** A native workflow: SlowText -> SaveText. */
export function slowWorkflow(inputs: { text?: string; ms?: number; steps?: number; fail?: boolean; seed?: number | string } = {}) {
  return {
    version: 1,
    nodes: {
      slow: { type: 'SlowText', inputs: { text: 'hello', ms: 50, steps: 2, ...inputs } },
      save: { type: 'SaveText', inputs: { text: ['slow', 'text'], filename_prefix: 'slow' } },
    },
  }
}
