import { describe, expect, it } from 'vitest'
import { produce } from 'immer'
import { setWidget } from '../document/change-functions'
import { testCatalog } from '../document/test-catalog'
import { workflowToDocument } from '../document/workflow-conversion'
import { shippedWorkflow } from '../document/workflow-files.test-support'
import { deriveEdges, deriveNodes } from './derive-flow'

describe('React Flow nodes and edges derived from the document', () => {
  const doc = workflowToDocument(shippedWorkflow('txt2img'))

  it('gives one node per document node, with the workflow ids and positions', () => {
    const nodes = deriveNodes(doc, new Set(['sampler']), new Map())
    expect(nodes.map((node) => node.id)).toEqual(Object.keys(doc.nodes))
    expect(nodes.find((node) => node.id === 'sampler')).toMatchObject({ selected: true, position: doc.nodes.sampler!.position })
  })

  it('keeps unchanged nodes as the same objects', () => {
    const first = deriveNodes(doc, new Set(), new Map())
    const next = produce(doc, (draft) => setWidget(draft, 'latent', 'width', 128))
    const second = deriveNodes(next, new Set(), new Map(), new Map(first.map((node) => [node.id, node])))
    expect(second.find((node) => node.id === 'model')).toBe(first.find((node) => node.id === 'model'))
    expect(second.find((node) => node.id === 'latent')).not.toBe(first.find((node) => node.id === 'latent'))
  })

  it('gives one edge per link, handles named by output and input, coloured by socket type', () => {
    const catalog = testCatalog()
    const edges = deriveEdges(doc, catalog, new Set())
    expect(edges).toHaveLength(15)
    const latent = edges.find((edge) => edge.id === 'sampler.latent')!
    expect(latent).toMatchObject({ source: 'latent', sourceHandle: 'latent', target: 'sampler', targetHandle: 'latent' })
    expect(latent.style?.stroke).toBe(catalog.colors.get('LATENT'))
  })
})
