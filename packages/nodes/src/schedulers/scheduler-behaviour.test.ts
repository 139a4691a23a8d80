/** Properties every scheduler must have, beyond the reference trajectories. */
import { describe, expect, it } from 'vitest'
import { TorchGenerator } from '../noise/torch-generator.js'
import { SD15_SCHEDULER_CONFIG } from './__fixtures__/sd15-config.js'
import { createScheduler } from './create-scheduler.js'
import { SCHEDULER_NAMES, type Scheduler, type SchedulerName } from './types.js'

const SD15 = SD15_SCHEDULER_CONFIG
const SHAPE = [1, 4, 8, 8]

/** Runs the loop with a stand-in model; returns the final sample. */
function sample(scheduler: Scheduler, steps: number, seed = 7): Float32Array {
  scheduler.setTimesteps(steps)
  const sigma = scheduler.initNoiseSigma
  let x: Float32Array = new TorchGenerator(0).randn(SHAPE).map((v) => Math.fround(v * sigma))
  for (const t of scheduler.timesteps) {
    const xin = scheduler.scaleModelInput(x, t)
    const eps = xin.map((v) => Math.fround(0.3 * v + 0.01))
    x = scheduler.step(eps, t, x, { generator: new TorchGenerator(seed), shape: SHAPE }).prevSample
  }
  return x
}

describe('every scheduler', () => {
  for (const name of SCHEDULER_NAMES) {
    it(`${name}: finite trajectories for 1, 4, 10, 20, 25 and 50 steps`, () => {
      for (const steps of [1, 4, 10, 20, 25, 50]) {
        const x = sample(createScheduler(name, SD15), steps)
        expect(x.every(Number.isFinite), `${name} ${steps} steps`).toBe(true)
      }
    })
  }

  it('throws when stepping before setTimesteps', () => {
    for (const name of SCHEDULER_NAMES) {
      const scheduler = createScheduler(name, SD15)
      expect(() => scheduler.step(new Float32Array(4), 999, new Float32Array(4))).toThrow(/setTimesteps/)
    }
  })
})

describe('stochastic steps', () => {
  it.each<SchedulerName>(['euler_ancestral', 'ddpm'])('%s draws its noise from the generator', (name) => {
    const a = sample(createScheduler(name, SD15), 10, 7)
    const b = sample(createScheduler(name, SD15), 10, 7)
    const c = sample(createScheduler(name, SD15), 10, 8)
    expect(b).toEqual(a)
    expect(c).not.toEqual(a)
    const scheduler = createScheduler(name, SD15)
    scheduler.setTimesteps(4)
    const t = scheduler.timesteps[0]!
    expect(() => scheduler.step(new Float32Array(256), t, new Float32Array(256))).toThrow(/generator/)
  })

  it.each<SchedulerName>(['ddim', 'euler', 'dpmpp_2m', 'unipc', 'lms', 'heun', 'pndm'])('%s ignores the generator', (name) => {
    expect(sample(createScheduler(name, SD15), 10, 8)).toEqual(sample(createScheduler(name, SD15), 10, 7))
  })
})

describe('sigmas', () => {
  it('Karras sigmas run from the largest to the smallest training sigma, then the final sigma', () => {
    const plain = createScheduler('euler', SD15)
    plain.setTimesteps(10)
    for (const name of ['euler', 'lms', 'dpmpp_2m', 'unipc'] as const) {
      const karras = createScheduler(name, SD15, { karras: true })
      karras.setTimesteps(10)
      const sigmas = karras.sigmas!
      expect(sigmas.length).toBe(11)
      expect(sigmas[0]).toBe(plain.sigmas![0])
      expect(sigmas[9]).toBe(plain.sigmas![9])
      expect(sigmas[10]).toBe(0)
      for (let i = 1; i < sigmas.length; i++) expect(sigmas[i]!).toBeLessThan(sigmas[i - 1]!)
    }
  })

  it('Heun pairs its sigmas and timesteps and has order 2', () => {
    const heun = createScheduler('heun', SD15)
    heun.setTimesteps(10)
    expect(heun.order).toBe(2)
    expect(heun.timesteps.length).toBe(19)
    expect(heun.sigmas!.length).toBe(20)
    expect(heun.timesteps[1]).toBe(heun.timesteps[2])
    expect(heun.sigmas![1]).toBe(heun.sigmas![2])
    expect(heun.sigmas![19]).toBe(0)
  })

  it('init_noise_sigma is the largest sigma, or sqrt(max^2 + 1) with leading spacing', () => {
    const linspace = createScheduler('euler', SD15)
    linspace.setTimesteps(10)
    expect(linspace.initNoiseSigma).toBe(linspace.sigmas![0])
    const leading = createScheduler('euler', { ...SD15, timestep_spacing: 'leading' })
    leading.setTimesteps(10)
    const max = leading.sigmas![0]!
    expect(leading.initNoiseSigma).toBe(Math.fround(Math.sqrt(Math.fround(Math.fround(max * max) + 1))))
    expect(createScheduler('ddim', SD15).initNoiseSigma).toBe(1)
  })
})

describe('img2img', () => {
  it('cuts the timesteps by strength as diffusers img2img does', () => {
    const euler = createScheduler('euler', SD15)
    euler.setTimesteps(10)
    const all = euler.timesteps
    expect(euler.timestepsForStrength(0.65)).toEqual(all.slice(4)) // int(6.5) = 6 steps
    expect(euler.beginIndex).toBe(4)
    expect(euler.timestepsForStrength(1)).toEqual(all)
    expect(euler.timestepsForStrength(0)).toEqual([])
    expect(() => euler.timestepsForStrength(1.5)).toThrow(RangeError)

    const heun = createScheduler('heun', SD15)
    heun.setTimesteps(10)
    expect(heun.timestepsForStrength(0.5)).toEqual(heun.timesteps.slice(10))
    expect(heun.beginIndex).toBe(10)

    const ddim = createScheduler('ddim', SD15)
    ddim.setTimesteps(10)
    expect(ddim.timestepsForStrength(0.3)).toEqual([201, 101, 1]) // int(10 * 0.3) = 3
    expect(ddim.beginIndex).toBeUndefined()
  })

  it('adds noise at the first kept timestep', () => {
    const clean = new Float32Array(256).fill(0.5)
    const noise = new TorchGenerator(0).randn(SHAPE)
    const euler = createScheduler('euler', SD15)
    euler.setTimesteps(10)
    const timesteps = euler.timestepsForStrength(0.65)
    const noisy = euler.addNoise(clean, noise, timesteps[0]!)
    const sigma = euler.sigmas![4]!
    expect(noisy[0]).toBe(Math.fround(0.5 + Math.fround(noise[0]! * sigma)))
    const ddim = createScheduler('ddim', SD15)
    ddim.setTimesteps(10)
    expect(() => ddim.addNoise(clean, noise, 1000)).toThrow(RangeError)
    expect(() => euler.addNoise(clean, noise.subarray(1), timesteps[0]!)).toThrow(RangeError)
  })
})
