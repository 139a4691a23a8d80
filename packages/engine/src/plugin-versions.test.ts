/** A plugin node's `version` in saved workflows: older versions migrate, or the issue names both versions and the plugin. */
import { describe, expect, it } from 'vitest'
import { defineNode } from './define-node.js'
import { int } from './inputs.js'
import { definePlugin, PLUGIN_API_VERSION } from './plugin.js'
import { createRegistry } from './registry.js'
import { validateWorkflow } from './validate.js'

const Blur = defineNode({
  type: 'Blur',
  version: 2,
  output: true,
  inputs: { radius: int({ default: 1, min: 0 }) },
  outputs: {},
  // Version 1 called the input "size".
  migrate: (inputs, from) => (from === 1 ? { radius: inputs.size } : inputs),
  run: () => ({}),
})
const Sharpen = defineNode({ type: 'Sharpen', version: 2, output: true, inputs: { amount: int({ default: 1 }) }, outputs: {}, run: () => ({}) })

const plugin = definePlugin({ name: 'latentflow-filters', version: '2.0.0', apiVersion: PLUGIN_API_VERSION, nodes: [Blur, Sharpen] })
const registry = createRegistry()
registry.add(plugin.nodes, plugin.name)

describe('plugin node versions', () => {
  it("runs the plugin's migrate on a workflow saved with an older version", () => {
    const result = validateWorkflow({ version: 1, nodes: { blur: { type: 'Blur', version: 1, inputs: { size: 3 } } } }, registry)
    expect(result.ok).toBe(true)
    expect(result.workflow?.nodes.blur).toEqual({ type: 'Blur', version: 2, inputs: { radius: 3 } })
  })

  it('names the node, both versions and the plugin when there is no migration', () => {
    const result = validateWorkflow({ version: 1, nodes: { sharp: { type: 'Sharpen', version: 1, inputs: { amount: 2 } } } }, registry)
    expect(result.ok).toBe(false)
    expect(result.issues).toMatchObject([{ code: 'node_version_mismatch', node: 'sharp', nodeType: 'Sharpen', expected: 2, received: 1 }])
    expect(result.issues[0]?.message).toBe(
      'node "sharp" (Sharpen) was saved with version 1 of the node, but version 2 is installed (plugin latentflow-filters): the node provides no migration from version 1',
    )
  })
})
