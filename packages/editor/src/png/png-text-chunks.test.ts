import { encode } from 'fast-png'
import { describe, expect, it } from 'vitest'
import { testCatalog } from '../document/test-catalog'
import { workflowFromBytes } from '../document/read-workflow-file'
import { shippedWorkflow } from '../document/workflow-files.test-support'
import { isPng, pngTextChunks } from './png-text-chunks'

const png = (text: Record<string, string>) => encode({ width: 2, height: 2, channels: 3, depth: 8, data: new Uint8Array(12), text })

describe('PNG text chunks', () => {
  it('reads tEXt chunks', () => {
    const bytes = png({ workflow: '{"version":1}', prompt: '{}' })
    expect(isPng(bytes)).toBe(true)
    expect(pngTextChunks(bytes)).toEqual({ workflow: '{"version":1}', prompt: '{}' })
  })

  it('refuses bytes that are not a PNG', () => {
    expect(isPng(new TextEncoder().encode('{"a":1}'))).toBe(false)
    expect(() => pngTextChunks(new Uint8Array([1, 2, 3]))).toThrow(/Not a PNG/)
  })

  it('loads the native workflow chunk of a Latentflow PNG', () => {
    const workflow = shippedWorkflow('txt2img')
    expect(workflowFromBytes(png({ workflow: JSON.stringify(workflow), prompt: '{}' }), testCatalog())).toEqual(workflow)
  })

  it("falls back to ComfyUI's prompt chunk", () => {
    const prompt = { '5': { class_type: 'EmptyLatent', inputs: { width: 64, height: 64, batch: 1 } } }
    const workflow = workflowFromBytes(png({ prompt: JSON.stringify(prompt) }), testCatalog())
    expect(workflow.nodes['5']).toEqual({ type: 'EmptyLatent', inputs: { width: 64, height: 64, batch: 1 } })
  })

  it('says so for a PNG without a workflow, and for ComfyUI editor JSON', () => {
    expect(() => workflowFromBytes(png({}), testCatalog())).toThrow(/no workflow/)
    expect(() => workflowFromBytes(new TextEncoder().encode('{"nodes":[],"links":[]}'), testCatalog())).toThrow(/Export \(API\)/)
  })
})
