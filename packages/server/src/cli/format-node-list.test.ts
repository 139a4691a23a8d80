import { combo, createRegistry, defineNode, describeInput, describeRegistry, input, int } from '@latentflow/engine'
import { describe, expect, it } from 'vitest'
import { formatInput, formatNodeList, formatPluginReport } from './format-node-list.js'

describe('formatInput', () => {
  it('shows type, default, range and options', () => {
    expect(formatInput(describeInput('width', int({ default: 512, min: 64, max: 4096, step: 8 })))).toBe('width: INT  (default 512, range 64..4096, step 8)')
    expect(formatInput(describeInput('sampler', combo(['euler', 'ddim'])))).toBe('sampler: COMBO  (one of "euler" | "ddim")')
    expect(formatInput(describeInput('latent', input('LATENT', { optional: true })))).toBe('latent: LATENT  (optional)')
  })
})

describe('formatNodeList', () => {
  it('groups node types by category with their inputs and outputs', () => {
    const Empty = defineNode({ type: 'EmptyLatent', title: 'Empty Latent', category: 'latent', inputs: { width: int({ default: 512 }) }, outputs: { latent: 'LATENT' }, run: () => { throw new Error('not run') } })
    const Save = defineNode({ type: 'Save', category: 'image', output: true, inputs: { latent: input('LATENT') }, outputs: {}, run: () => ({}) })
    expect(formatNodeList(describeRegistry(createRegistry([Empty, Save])))).toBe(
      [
        'image/',
        '  Save [output node]',
        '    in   latent: LATENT',
        'latent/',
        '  EmptyLatent "Empty Latent"',
        '    in   width: INT  (default 512)',
        '    out  latent: LATENT',
        '',
      ].join('\n'),
    )
  })
})

describe('formatPluginReport', () => {
  it('lists loaded plugins with their nodes and failed ones with the reason; nothing without plugins', () => {
    expect(formatPluginReport({ loaded: [], failed: [] })).toBe('')
    const text = formatPluginReport({
      loaded: [{ name: 'latentflow-image-ops', version: '1.0.0', path: '/x/custom_nodes/image-ops', nodes: ['Invert', 'Blur'] }],
      failed: [{ name: 'latentflow-future', path: '/x/custom_nodes/future', error: 'plugin API 2, this Latentflow supports 1' }, { path: '/x/custom_nodes/junk', error: 'no package.json' }],
    })
    expect(text).toBe(
      '\nplugins:\n' +
        '  latentflow-image-ops 1.0.0  /x/custom_nodes/image-ops\n    nodes: Invert, Blur\n' +
        '  FAILED latentflow-future  /x/custom_nodes/future\n    plugin API 2, this Latentflow supports 1\n' +
        '  FAILED (unnamed)  /x/custom_nodes/junk\n    no package.json\n',
    )
  })
})
