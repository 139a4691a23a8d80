import { describe, expect, it } from 'vitest'
import { TorchGenerator } from '../../noise/index.js'
import { createScheduler } from '../../schedulers/index.js'
import type { Conditioning, Latent } from '../sd-types.js'
import { combineGuidance } from './classifier-free-guidance.js'
import { sampleLatents, type DenoiseFunction } from './sample-latents.js'

const SD15 = { beta_schedule: 'scaled_linear', beta_start: 0.00085, beta_end: 0.012, num_train_timesteps: 1000, steps_offset: 1 }
const conditioning = (value: number): Conditioning => ({ batch: 1, tokens: 2, width: 3, hidden: new Float32Array(6).fill(value) })
const emptyLatent = (batch = 1): Latent => ({ batch, channels: 4, height: 2, width: 2, samples: new Float32Array(batch * 16), empty: true })

function recorder() {
  const calls: { batch: number; hidden: number[] }[] = []
  const denoise: DenoiseFunction = async (sample, batch, _t, hidden) => {
    calls.push({ batch, hidden: [...hidden] })
    return sample.map((value) => value * 0.1)
  }
  return { calls, denoise }
}

const options = (denoise: DenoiseFunction, overrides: Partial<Parameters<typeof sampleLatents>[0]> = {}) => ({
  denoise,
  scheduler: createScheduler('euler', SD15),
  steps: 5,
  latent: emptyLatent(),
  positive: conditioning(1),
  negative: conditioning(-1),
  guidance: 7.5,
  strength: 1,
  generator: new TorchGenerator(0),
  ...overrides,
})

describe('sampleLatents', () => {
  it('makes one batched call per step for guidance != 1: uncond first, then cond', async () => {
    const { calls, denoise } = recorder()
    await sampleLatents(options(denoise, { latent: emptyLatent(2) }))
    expect(calls).toHaveLength(5)
    expect(calls[0]!.batch).toBe(4)
    expect(calls[0]!.hidden).toEqual([...Array(12).fill(-1), ...Array(12).fill(1)])
  })

  it('makes one unbatched call per step for guidance == 1, with the positive prompt', async () => {
    const { calls, denoise } = recorder()
    await sampleLatents(options(denoise, { guidance: 1 }))
    expect(calls.map((call) => call.batch)).toEqual([1, 1, 1, 1, 1])
    expect(calls[0]!.hidden).toEqual(Array(6).fill(1))
  })

  it('starts from randn(seed) * init_noise_sigma, so the same seed gives the same result', async () => {
    const run = (seed: number) => sampleLatents(options(recorder().denoise, { generator: new TorchGenerator(seed) }))
    expect(await run(3)).toEqual(await run(3))
    expect(await run(3)).not.toEqual(await run(4))
  })

  it('runs only the last steps for img2img (denoise < 1) and starts from the given latent', async () => {
    const { calls, denoise } = recorder()
    const latent: Latent = { ...emptyLatent(), samples: new Float32Array(16).fill(0.5), empty: false }
    await sampleLatents(options(denoise, { latent, steps: 10, strength: 0.3 }))
    expect(calls).toHaveLength(3)
  })

  it('refuses a denoise that leaves no step', async () => {
    const latent: Latent = { ...emptyLatent(), empty: false }
    await expect(sampleLatents(options(recorder().denoise, { latent, steps: 4, strength: 0.1 }))).rejects.toThrow(/leaves no step/)
  })

  it('stops within one step when interrupted', async () => {
    const controller = new AbortController()
    const { calls, denoise } = recorder()
    const run = sampleLatents(options(denoise, { steps: 20, signal: controller.signal, onStep: (step) => step === 2 && controller.abort() }))
    await expect(run).rejects.toThrow()
    expect(calls).toHaveLength(2)
  })

  it('refuses conditioning of different shapes', async () => {
    const other: Conditioning = { batch: 1, tokens: 3, width: 3, hidden: new Float32Array(9) }
    await expect(sampleLatents(options(recorder().denoise, { negative: other }))).rejects.toThrow(/differ/)
  })
})

describe('combineGuidance', () => {
  it('computes uncond + g (cond - uncond) in float32', () => {
    expect([...combineGuidance(Float32Array.of(1, 0), Float32Array.of(2, 1), 7.5)]).toEqual([8.5, 7.5])
  })
})
