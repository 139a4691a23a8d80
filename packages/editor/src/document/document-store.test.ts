import { describe, expect, it } from 'vitest'
import { addNode, connect, moveNodes, removeNodes, setWidget } from './change-functions'
import { DocumentStore } from './document-store'
import { documentToWorkflow, workflowToDocument } from './workflow-conversion'
import { shippedWorkflow } from './workflow-files.test-support'

describe('document store: undo and redo from immer patches', () => {
  it('undoes N changes back to the start and redoes them all', () => {
    const initial = workflowToDocument(shippedWorkflow('txt2img'))
    const store = new DocumentStore(initial)
    const changes = [
      (d: typeof initial) => setWidget(d, 'latent', 'width', 128),
      (d: typeof initial) => moveNodes(d, { model: { x: 9, y: 9 } }),
      (d: typeof initial) => addNode(d, 'extra', { type: 'EmptyLatent', inputs: { width: 64 }, position: { x: 1, y: 1 } }),
      (d: typeof initial) => connect(d, { source: 'extra', sourceHandle: 'latent', target: 'sampler', targetHandle: 'latent' }),
      (d: typeof initial) => removeNodes(d, ['negative']),
      () => workflowToDocument(shippedWorkflow('img2img')),
    ]
    const snapshots = [store.getSnapshot()]
    for (const change of changes) {
      expect(store.change(change)).toBe(true)
      snapshots.push(store.getSnapshot())
    }
    for (let i = changes.length - 1; i >= 0; i--) {
      expect(store.undo()).toBe(true)
      expect(store.getSnapshot()).toEqual(snapshots[i])
    }
    expect(store.getSnapshot()).toEqual(initial)
    expect(documentToWorkflow(store.getSnapshot())).toEqual(shippedWorkflow('txt2img'))
    expect(store.undo()).toBe(false)
    while (store.redo());
    expect(store.getSnapshot()).toEqual(snapshots.at(-1))
  })

  it('records a gesture (unrecorded steps) as one undo step from its start', () => {
    const store = new DocumentStore(workflowToDocument(shippedWorkflow('txt2img')))
    const base = store.getSnapshot()
    for (let x = 1; x <= 5; x++) store.change((d) => moveNodes(d, { model: { x, y: 0 } }), { record: false })
    expect(store.canUndo).toBe(false)
    store.changeFrom(base, (d) => moveNodes(d, { model: { x: 5, y: 0 } }))
    expect(store.getSnapshot().nodes.model!.position).toEqual({ x: 5, y: 0 })
    store.undo()
    expect(store.getSnapshot().nodes.model!.position).toEqual(base.nodes.model!.position)
  })

  it('a new change clears redo, and a no-op records nothing', () => {
    const store = new DocumentStore(workflowToDocument(shippedWorkflow('txt2img')))
    store.change((d) => setWidget(d, 'latent', 'width', 128))
    store.undo()
    store.change((d) => setWidget(d, 'latent', 'height', 128))
    expect(store.canRedo).toBe(false)
    expect(store.change((d) => setWidget(d, 'latent', 'height', 128))).toBe(false)
  })

  it('notifies subscribers', () => {
    const store = new DocumentStore(workflowToDocument(shippedWorkflow('txt2img')))
    let calls = 0
    const stop = store.subscribe(() => calls++)
    store.change((d) => setWidget(d, 'latent', 'width', 128))
    store.undo()
    stop()
    store.redo()
    expect(calls).toBe(2)
  })
})
