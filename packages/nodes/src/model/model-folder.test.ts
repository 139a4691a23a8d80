import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseLatentRgb, SD15_LATENT_RGB } from './latent-rgb.js'
import { listModelFolders, modelDirectories, BUNDLED_MODELS_DIR } from './model-directories.js'
import { DEFAULT_VAE_SCALING_FACTOR, readModelFolder } from './model-folder.js'

const tiny = path.join(BUNDLED_MODELS_DIR, 'tiny-shapes')

function copyTiny(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'latentflow-folder-'))
  cpSync(tiny, path.join(root, 'm'), { recursive: true })
  return path.join(root, 'm')
}

describe('readModelFolder', () => {
  it('reads the bundled model', async () => {
    const folder = await readModelFolder(tiny)
    expect(folder.name).toBe('tiny-shapes')
    expect(folder.unetPath).toBe(path.join(tiny, 'unet', 'model.onnx'))
  })

  it('names a missing file or folder', async () => {
    await expect(readModelFolder('/nowhere/sd15')).rejects.toThrow('Model folder not found: /nowhere/sd15')
    const dir = copyTiny()
    rmSync(path.join(dir, 'tokenizer', 'merges.txt'))
    await expect(readModelFolder(dir)).rejects.toThrow(/incomplete: missing tokenizer[/\\]merges\.txt/)
  })

  it('names a broken JSON file', async () => {
    const dir = copyTiny()
    writeFileSync(path.join(dir, 'scheduler', 'scheduler_config.json'), '{ nope')
    await expect(readModelFolder(dir)).rejects.toThrow(/scheduler_config\.json is not valid JSON/)
  })

  it("uses SD's defaults where a real export has no Latentflow extras", async () => {
    const dir = copyTiny()
    rmSync(path.join(dir, 'latent_rgb.json'))
    rmSync(path.join(dir, 'vae_decoder', 'config.json'))
    rmSync(path.join(dir, 'vae_encoder'), { recursive: true })
    const folder = await readModelFolder(dir)
    expect(folder.vaeScalingFactor).toBe(DEFAULT_VAE_SCALING_FACTOR)
    expect(folder.latentRgb).toBe(SD15_LATENT_RGB)
    expect(folder.vaeEncoderPath).toBeUndefined()
  })
})

describe('model directories', () => {
  it('lists folders with model_index.json, earlier directories first', () => {
    const a = mkdtempSync(path.join(os.tmpdir(), 'latentflow-a-'))
    mkdirSync(path.join(a, 'tiny-shapes'))
    writeFileSync(path.join(a, 'tiny-shapes', 'model_index.json'), '{}')
    mkdirSync(path.join(a, 'not-a-model'))
    const folders = listModelFolders([a, BUNDLED_MODELS_DIR, '/does/not/exist'])
    expect(folders.get('tiny-shapes')).toBe(path.join(a, 'tiny-shapes'))
    expect(folders.has('not-a-model')).toBe(false)
    expect(folders.has('tiny-shapes-fp16')).toBe(true)
  })

  it('orders --models, then LATENTFLOW_MODELS, then the bundled folder', () => {
    expect(modelDirectories(['/x'], `/y${path.delimiter}/z`)).toEqual(['/x', '/y', '/z', BUNDLED_MODELS_DIR])
  })
})

describe('parseLatentRgb', () => {
  it('names the file when the matrix is malformed', () => {
    expect(() => parseLatentRgb({ matrix: [[1, 2, 3]] }, 'latent_rgb.json')).toThrow(/latent_rgb\.json: expected/)
  })
})
