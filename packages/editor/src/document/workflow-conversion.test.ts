import type { Workflow } from '@latentflow/engine'
import { describe, expect, it } from 'vitest'
import { documentToWorkflow, EDITOR_META_KEY, workflowToDocument } from './workflow-conversion'
import { shippedWorkflow } from './workflow-files.test-support'

describe('workflow <-> document', () => {
  it.each(['txt2img', 'img2img'] as const)('round-trips workflows/%s.json losslessly, layout included', (name) => {
    const workflow = shippedWorkflow(name)
    const document = workflowToDocument(workflow)
    expect(document.nodes.model!.position).toEqual(workflow.ui!.nodes!.model)
    expect(documentToWorkflow(document)).toEqual(workflow)
  })

  it('keeps titles, versions, sizes, collapsed state, viewport and metadata', () => {
    const workflow: Workflow = {
      version: 1,
      meta: { name: 'x', author: 'me' },
      nodes: { a: { type: 'PrimitiveInt', version: 2, title: 'Width', inputs: { value: 8 } } },
      ui: { nodes: { a: { x: 1, y: 2, width: 300, height: 120, collapsed: true } }, viewport: { x: 5, y: 6, zoom: 0.5 } },
    }
    expect(documentToWorkflow(workflowToDocument(workflow))).toEqual(workflow)
  })

  it('lays out nodes without a saved position, left to right along the links', () => {
    const document = workflowToDocument({
      version: 1,
      nodes: { a: { type: 'PrimitiveInt', inputs: { value: 1 } }, b: { type: 'SaveText', inputs: { text: ['a', 'value'] } } },
    })
    expect(document.nodes.b!.position.x).toBeGreaterThan(document.nodes.a!.position.x)
  })

  it('keeps "randomize after queue" in the workflow meta', () => {
    const document = workflowToDocument(shippedWorkflow('txt2img'))
    document.randomizeSeeds.push('sampler.seed')
    const saved = documentToWorkflow(document)
    expect(saved.meta?.[EDITOR_META_KEY]).toEqual({ randomizeSeeds: ['sampler.seed'] })
    expect(workflowToDocument(saved).randomizeSeeds).toEqual(['sampler.seed'])
    expect(workflowToDocument(saved).meta).toEqual(shippedWorkflow('txt2img').meta)
  })
})
