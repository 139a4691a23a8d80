import { describe, expect, it } from 'vitest'
import { comfyApiToWorkflow } from './comfy-api-import'
import { testCatalog } from './test-catalog'

describe('ComfyUI API format import', () => {
  it('names outputs by index, renames VAEDecode samples, drops checkpoint suffixes and restores _meta', () => {
    const workflow = comfyApiToWorkflow(
      {
        '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'tiny-shapes.safetensors' } },
        '5': { class_type: 'EmptyLatent', inputs: { width: 64, height: 64, batch: 1 }, _meta: { title: 'Size', latentflow_version: 1, latentflow_ui: { x: 10, y: 20 } } },
        '8': { class_type: 'VAEDecode', inputs: { samples: ['5', 0], vae: ['4', 2] } },
      },
      testCatalog(),
    )
    expect(workflow.nodes['4']!.inputs.ckpt_name).toBe('tiny-shapes')
    expect(workflow.nodes['8']!.inputs).toEqual({ latent: ['5', 'latent'], vae: ['4', 'vae'] })
    expect(workflow.nodes['5']).toEqual({ type: 'EmptyLatent', version: 1, title: 'Size', inputs: { width: 64, height: 64, batch: 1 } })
    expect(workflow.ui?.nodes?.['5']).toEqual({ x: 10, y: 20 })
  })
})
