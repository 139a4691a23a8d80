import { describe, expect, it } from 'vitest'
import { checkpointFolderName } from './checkpoint-name.js'
import { adaptComfyPrompt } from './comfy-prompt-adapter.js'

describe('adaptComfyPrompt', () => {
  it("renames ComfyUI's VAE inputs and strips checkpoint suffixes, leaving the rest alone", () => {
    const prompt = {
      '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'tiny-shapes.safetensors' } },
      '8': { class_type: 'VAEDecode', inputs: { samples: ['3', 0], vae: ['4', 2] } },
      '10': { class_type: 'VAEEncode', inputs: { pixels: ['11', 0], vae: ['4', 2] }, _meta: { title: 'enc' } },
      '9': { class_type: 'SaveImage', inputs: { images: ['8', 0], filename_prefix: 'ComfyUI' } },
    }
    const before = structuredClone(prompt)
    expect(adaptComfyPrompt(prompt)).toEqual({
      '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'tiny-shapes' } },
      '8': { class_type: 'VAEDecode', inputs: { latent: ['3', 0], vae: ['4', 2] } },
      '10': { class_type: 'VAEEncode', inputs: { image: ['11', 0], vae: ['4', 2] }, _meta: { title: 'enc' } },
      '9': prompt['9'],
    })
    expect(prompt).toEqual(before)
  })

  it('keeps inputs already under the native name, and both names when both are given', () => {
    expect(adaptComfyPrompt({ a: { class_type: 'VAEDecode', inputs: { latent: ['x', 0] } } })).toEqual({ a: { class_type: 'VAEDecode', inputs: { latent: ['x', 0] } } })
    expect(adaptComfyPrompt({ a: { class_type: 'VAEDecode', inputs: { samples: ['x', 0], latent: ['y', 0] } } })).toEqual({
      a: { class_type: 'VAEDecode', inputs: { samples: ['x', 0], latent: ['y', 0] } },
    })
  })
})

describe('checkpointFolderName', () => {
  it('drops checkpoint file suffixes only', () => {
    expect(checkpointFolderName('tiny-shapes.safetensors')).toBe('tiny-shapes')
    expect(checkpointFolderName('sd15.CKPT')).toBe('sd15')
    expect(checkpointFolderName('tiny-shapes')).toBe('tiny-shapes')
    expect(checkpointFolderName('.safetensors')).toBe('.safetensors')
  })
})
