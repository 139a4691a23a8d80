import { describe, expect, it } from 'vitest'
import { produce } from 'immer'
import { addNode, connect, disconnect, moveNodes, pasteNodes, removeNodes, setCollapsed, setRandomizeSeed, setWidget } from './change-functions'
import { copyNodes } from './copy-selection'
import type { GraphDocument } from './graph-document'
import { pasteIds, uniqueNodeId } from './node-ids'
import { workflowToDocument } from './workflow-conversion'
import { shippedWorkflow } from './workflow-files.test-support'

const start = (): GraphDocument => workflowToDocument(shippedWorkflow('txt2img'))

describe('change functions', () => {
  it('add, move and remove a node; removing drops the links out of it', () => {
    let doc = produce(start(), (draft) => addNode(draft, 'extra', { type: 'EmptyLatent', inputs: { width: 64, height: 64, batch: 1 }, position: { x: 0, y: 0 } }))
    expect(doc.nodes.extra?.type).toBe('EmptyLatent')
    expect(() => produce(doc, (draft) => addNode(draft, 'extra', doc.nodes.extra!))).toThrow(/taken/)
    doc = produce(doc, (draft) => moveNodes(draft, { extra: { x: 5, y: 7 } }))
    expect(doc.nodes.extra!.position).toEqual({ x: 5, y: 7 })
    doc = produce(doc, (draft) => removeNodes(draft, ['latent']))
    expect(doc.nodes.latent).toBeUndefined()
    expect(doc.nodes.sampler!.inputs.latent).toBeUndefined()
    expect(doc.nodes.sampler!.inputs.unet).toEqual(['model', 'unet'])
  })

  it('sets a widget', () => {
    const doc = produce(start(), (draft) => setWidget(draft, 'latent', 'width', 128))
    expect(doc.nodes.latent!.inputs.width).toBe(128)
  })

  it('connect replaces the link already in that input; disconnect removes it or restores a value', () => {
    let doc = produce(start(), (draft) => addNode(draft, 'latent2', { type: 'EmptyLatent', inputs: {}, position: { x: 0, y: 0 } }))
    doc = produce(doc, (draft) => connect(draft, { source: 'latent2', sourceHandle: 'latent', target: 'sampler', targetHandle: 'latent' }))
    expect(doc.nodes.sampler!.inputs.latent).toEqual(['latent2', 'latent'])
    doc = produce(doc, (draft) => disconnect(draft, 'sampler', 'latent'))
    expect('latent' in doc.nodes.sampler!.inputs).toBe(false)
    doc = produce(doc, (draft) => connect(draft, { source: 'latent2', sourceHandle: 'latent', target: 'sampler', targetHandle: 'seed' }))
    doc = produce(doc, (draft) => disconnect(draft, 'sampler', 'seed', 0))
    expect(doc.nodes.sampler!.inputs.seed).toBe(0)
  })

  it('pastes copies under new ids with the links among them remapped and outside links dropped', () => {
    const doc = start()
    const clipboard = copyNodes(doc, ['positive', 'positive_encoded'])!
    const ids = pasteIds(doc, Object.keys(clipboard.nodes))
    expect(ids).toEqual({ positive: 'positive_2', positive_encoded: 'positive_encoded_2' })
    const next = produce(doc, (draft) => pasteNodes(draft, clipboard, ids, { x: 10, y: 20 }))
    expect(next.nodes.positive_encoded_2!.inputs.tokens).toEqual(['positive_2', 'tokens'])
    expect(next.nodes.positive_encoded_2!.inputs.text_encoder).toBeUndefined()
    expect(next.nodes.positive_2!.inputs.text).toBe(doc.nodes.positive!.inputs.text)
    expect(next.nodes.positive_2!.position).toEqual({ x: doc.nodes.positive!.position.x + 10, y: doc.nodes.positive!.position.y + 20 })
    expect(next.nodes.positive).toEqual(doc.nodes.positive)
  })

  it('makes readable unique ids', () => {
    const doc = start()
    expect(uniqueNodeId(doc, 'EmptyLatent')).toBe('emptylatent')
    expect(uniqueNodeId(doc, 'latent')).toBe('latent_2')
  })

  it('collapses nodes and toggles seed randomizing', () => {
    let doc = produce(start(), (draft) => setCollapsed(draft, ['model'], true))
    expect(doc.nodes.model!.collapsed).toBe(true)
    doc = produce(doc, (draft) => setCollapsed(draft, ['model'], false))
    expect('collapsed' in doc.nodes.model!).toBe(false)
    doc = produce(doc, (draft) => setRandomizeSeed(draft, 'sampler', 'seed', true))
    expect(doc.randomizeSeeds).toEqual(['sampler.seed'])
    doc = produce(doc, (draft) => removeNodes(draft, ['sampler']))
    expect(doc.randomizeSeeds).toEqual([])
  })
})
