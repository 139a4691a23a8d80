/**
 * The embedded tiny model: every ONNX file loads in onnxruntime-node with the diffusers ONNX
 * layout's names, dtypes and dynamic axes, and the folder reads as a model folder.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { OnnxModel } from '../packages/nodes/src/onnx/onnx-model.js'
import { readModelFolder } from '../packages/nodes/src/model/model-folder.js'
import { MODELS_DIR } from './repo-paths.js'

const FOLDERS = [
  { name: 'tiny-shapes', float: 'float32' },
  { name: 'tiny-shapes-fp16', float: 'float16' },
] as const

const isDynamic = (dim: number | string | undefined) => typeof dim === 'string'

describe.each(FOLDERS)('models/$name', ({ name, float }) => {
  const dir = path.join(MODELS_DIR, name)

  it('reads as a diffusers ONNX model folder', async () => {
    const folder = await readModelFolder(dir)
    expect(folder.vaeScalingFactor).toBeGreaterThan(0)
    expect(folder.schedulerConfig).toMatchObject({ beta_schedule: 'scaled_linear', beta_start: 0.00085, beta_end: 0.012, num_train_timesteps: 1000 })
    expect(folder.latentRgb.matrix).toHaveLength(4)
    expect(folder.vaeEncoderPath).toBeDefined()
  })

  it('has a CLIP-format byte-level BPE vocabulary with the special tokens last', async () => {
    const vocab = JSON.parse(await readFile(path.join(dir, 'tokenizer', 'vocab.json'), 'utf8')) as Record<string, number>
    const size = Object.keys(vocab).length
    expect(vocab['<|startoftext|>']).toBe(size - 2)
    expect(vocab['<|endoftext|>']).toBe(size - 1)
    expect(vocab['a</w>']).toBeDefined()
    expect(vocab['circle</w>']).toBeDefined()
    const merges = (await readFile(path.join(dir, 'tokenizer', 'merges.txt'), 'utf8')).split('\n')
    expect(merges[0]).toMatch(/^#version/)
  })

  it('text encoder: int32 input_ids [batch,77] -> last_hidden_state, pooler_output', async () => {
    const model = await OnnxModel.open(path.join(dir, 'text_encoder', 'model.onnx'))
    const ids = model.input('input_ids')
    expect(ids.type).toBe('int32')
    expect(isDynamic(ids.shape[0])).toBe(true)
    expect(ids.shape[1]).toBe(77)
    expect(model.output('last_hidden_state').type).toBe(float)
    expect(model.output('pooler_output').type).toBe(float)
    const tokens = Array.from({ length: 2 * 77 }, (_, i) => (i % 77 === 0 ? 1 : 2))
    const hidden = await model.runForFloat({ input_ids: { data: tokens, dims: [2, 77] } }, 'last_hidden_state')
    expect(hidden.length % (2 * 77)).toBe(0)
    expect(hidden.every(Number.isFinite)).toBe(true)
  })

  it('UNet: sample [batch,4,h,w], timestep, encoder_hidden_states -> out_sample, batch and spatial axes dynamic', async () => {
    const model = await OnnxModel.open(path.join(dir, 'unet', 'model.onnx'))
    const sample = model.input('sample')
    expect(sample.type).toBe(float)
    expect([isDynamic(sample.shape[0]), sample.shape[1], isDynamic(sample.shape[2]), isDynamic(sample.shape[3])]).toEqual([true, 4, true, true])
    expect(model.input('encoder_hidden_states').type).toBe(float)
    expect(['float32', 'float16', 'int64']).toContain(model.input('timestep').type)
    const width = model.input('encoder_hidden_states').shape[2] as number
    for (const [batch, size, timesteps] of [[1, 8, 1], [2, 8, 1], [2, 16, 2]] as const) {
      const out = await model.runForFloat(
        {
          sample: { data: new Float32Array(batch * 4 * size * size).fill(0.1), dims: [batch, 4, size, size] },
          timestep: { data: new Array(timesteps).fill(500), dims: [timesteps] },
          encoder_hidden_states: { data: new Float32Array(batch * 77 * width).fill(0.01), dims: [batch, 77, width] },
        },
        'out_sample',
      )
      expect(out.length).toBe(batch * 4 * size * size)
      expect(out.every(Number.isFinite)).toBe(true)
    }
  })

  it('VAE decoder and encoder: 8x down-sampling, 4 latent channels, decoder output in [-1,1]', async () => {
    const decoder = await OnnxModel.open(path.join(dir, 'vae_decoder', 'model.onnx'))
    const image = await decoder.runForFloat({ latent_sample: { data: new Float32Array(2 * 4 * 8 * 8).fill(0.5), dims: [2, 4, 8, 8] } }, 'sample')
    expect(image.length).toBe(2 * 3 * 64 * 64)
    expect(Math.max(...image)).toBeLessThanOrEqual(1.0001)
    expect(Math.min(...image)).toBeGreaterThanOrEqual(-1.0001)
    const encoder = await OnnxModel.open(path.join(dir, 'vae_encoder', 'model.onnx'))
    const latent = await encoder.runForFloat({ sample: { data: new Float32Array(3 * 64 * 64).fill(0.2), dims: [1, 3, 64, 64] } }, 'latent_sample')
    expect(latent.length).toBe(4 * 8 * 8)
  })
})

describe('the shipped model files', () => {
  it('are at most 30 MB together', async () => {
    let total = 0
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name)
        if (entry.isDirectory()) await walk(full)
        else total += (await stat(full)).size
      }
    }
    for (const { name } of FOLDERS) await walk(path.join(MODELS_DIR, name))
    expect(total).toBeLessThanOrEqual(30 * 1024 * 1024)
  })

  it('give the same UNet output in fp16 as in fp32, within half precision', async () => {
    const run = async (name: string) => {
      const model = await OnnxModel.open(path.join(MODELS_DIR, name, 'unet', 'model.onnx'))
      const sample = Float32Array.from({ length: 4 * 64 }, (_, i) => Math.sin(i))
      const hidden = Float32Array.from({ length: 77 * 128 }, (_, i) => Math.cos(i) * 0.5)
      return model.runForFloat(
        { sample: { data: sample, dims: [1, 4, 8, 8] }, timestep: { data: [321], dims: [1] }, encoder_hidden_states: { data: hidden, dims: [1, 77, 128] } },
        'out_sample',
      )
    }
    const [full, half] = await Promise.all([run('tiny-shapes'), run('tiny-shapes-fp16')])
    const scale = Math.max(...full.map(Math.abs))
    const worst = Math.max(...full.map((value, i) => Math.abs(value - half[i]!)))
    expect(worst / scale).toBeLessThan(0.02)
  })
})
