/**
 * diffusers trajectories under the deterministic fake UNet of the shared reference cases
 * (`../shared/reference/scheduler_cases_public.json`) and of the cases made with
 * `__fixtures__/make_fixtures.py` (a torch port of diffusers' schedulers).
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { TorchGenerator } from '../noise/torch-generator.js'
import { createScheduler } from './create-scheduler.js'
import type { Scheduler, SchedulerName } from './types.js'

interface ReferenceStep {
  readonly t: number
  readonly xin_sum: number
  /** null where the fixture leaves a step's x out. */
  readonly x: readonly number[] | null
}
interface ReferenceCase {
  readonly id: string
  readonly scheduler: string
  readonly num_inference_steps: number
  /** img2img: the loop runs `timestepsForStrength(strength)` from `add_noise(0.5 * randn(seed 3), randn(seed 0), first)`. */
  readonly strength?: number
  readonly config_passed: Record<string, unknown>
  readonly config?: Record<string, unknown>
  readonly timesteps: readonly number[]
  readonly sigmas: readonly number[] | null
  readonly init_noise_sigma: number
  readonly x_init: readonly number[]
  readonly generator_passed_to_step: boolean
  readonly steps: readonly ReferenceStep[]
}

const NAMES: Record<string, SchedulerName> = {
  DDIMScheduler: 'ddim',
  PNDMScheduler: 'pndm',
  LMSDiscreteScheduler: 'lms',
  EulerDiscreteScheduler: 'euler',
  EulerAncestralDiscreteScheduler: 'euler_ancestral',
  HeunDiscreteScheduler: 'heun',
  DPMSolverMultistepScheduler: 'dpmpp_2m',
  UniPCMultistepScheduler: 'unipc',
  DDPMScheduler: 'ddpm',
}

const f = Math.fround
const C_SCALE = f(0.05)
const X_SCALE = f(0.3)

/** The reference's fake UNet: `((0.3 * xin) + c) + ramp`, c = 0.05 * sin(float32(t) / 100), float32 throughout. */
function fakeModel(xin: Float32Array, t: number): Float32Array {
  const c = f(C_SCALE * f(Math.sin(f(f(t) / 100))))
  const out = new Float32Array(xin.length)
  for (let k = 0; k < out.length; k++) out[k] = f(f(X_SCALE * xin[k]!) + c) + f(f(f(0.01) * k) / 256)
  return out
}

/** Exactly rounded sum (Python's math.fsum) of float32 values: a float64 sum with compensation. */
function fsum(values: Float32Array): number {
  let sum = 0
  let compensation = 0
  for (const v of values) {
    const y = v - compensation
    const t = sum + y
    compensation = t - sum - y
    sum = t
  }
  return sum
}

/** Largest difference relative to the largest magnitude of the expected values. */
function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let maxAbs = 0
  let maxDiff = 0
  for (let i = 0; i < expected.length; i++) {
    maxAbs = Math.max(maxAbs, Math.abs(expected[i]!))
    maxDiff = Math.max(maxDiff, Math.abs(actual[i]! - expected[i]!))
  }
  return maxAbs === 0 ? maxDiff : maxDiff / maxAbs
}

function runLoop(scheduler: Scheduler, timesteps: readonly number[], xInit: Float32Array, withGenerator: boolean, onStep: (index: number, t: number, xin: Float32Array, x: Float32Array) => void): void {
  let x = xInit
  timesteps.forEach((t, index) => {
    const xin = scheduler.scaleModelInput(x, t)
    const eps = fakeModel(xin, t)
    x = scheduler.step(eps, t, x, withGenerator ? { generator: new TorchGenerator(7), shape: [1, 4, 8, 8] } : {}).prevSample
    onStep(index, t, xin, x)
  })
}

function loadCases(path: string): ReferenceCase[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { cases: ReferenceCase[] }).cases
}

/** Checks one case and returns the worst relative error of its steps. */
function checkCase(c: ReferenceCase, tolerance: { readonly x: number; readonly sigma: number }): number {
  const name = NAMES[c.scheduler]
  if (name === undefined) throw new Error(`no scheduler for ${c.scheduler}`)
  const scheduler = createScheduler(name, c.config_passed)
  scheduler.setTimesteps(c.num_inference_steps)
  expect(scheduler.timesteps.length).toBe(c.timesteps.length)
  scheduler.timesteps.forEach((t, i) => expect(Math.abs(t - c.timesteps[i]!)).toBeLessThanOrEqual(Math.abs(c.timesteps[i]!) * 1e-6))
  if (c.sigmas !== null) {
    expect(scheduler.sigmas!.length).toBe(c.sigmas.length)
    expect(relativeError(scheduler.sigmas!, c.sigmas)).toBeLessThanOrEqual(tolerance.sigma)
  }
  expect(Math.abs(scheduler.initNoiseSigma - c.init_noise_sigma)).toBeLessThanOrEqual(c.init_noise_sigma * tolerance.sigma)
  let worst = 0
  let timesteps = scheduler.timesteps
  let xInit: Float32Array = Float32Array.from(c.x_init)
  if (c.strength !== undefined) {
    timesteps = scheduler.timestepsForStrength(c.strength)
    const clean = new TorchGenerator(3).randn([1, 4, 8, 8]).map((v) => f(v * 0.5))
    xInit = scheduler.addNoise(clean, new TorchGenerator(0).randn([1, 4, 8, 8]), timesteps[0]!)
    expect(relativeError(xInit, c.x_init)).toBeLessThanOrEqual(tolerance.x)
  }
  runLoop(scheduler, timesteps, xInit, c.generator_passed_to_step, (index, t, xin, x) => {
    const step = c.steps[index]!
    // Karras timesteps inherit the betas' last bits, which differ between torch versions.
    expect(Math.abs(t - step.t)).toBeLessThanOrEqual(Math.abs(step.t) * tolerance.sigma)
    // The sum of 256 values, each within the x tolerance of the largest one.
    const sumAbs = xin.reduce((acc, v) => acc + Math.abs(v), 0)
    expect(Math.abs(fsum(xin) - step.xin_sum)).toBeLessThanOrEqual(tolerance.x * sumAbs)
    if (step.x === null) return
    const error = relativeError(x, step.x)
    worst = Math.max(worst, error)
    expect(error, `${c.id} step ${index} (t=${t})`).toBeLessThanOrEqual(tolerance.x)
  })
  expect(c.steps.length).toBe(timesteps.length)
  return worst
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const PUBLIC = here('../../../../../shared/reference/scheduler_cases_public.json')
const PORT = process.env['SCHEDULER_PORT_CASES'] ?? here('./__fixtures__/diffusers-port-cases.json')

describe.runIf(existsSync(PUBLIC))('public diffusers reference cases', () => {
  for (const c of existsSync(PUBLIC) ? loadCases(PUBLIC) : []) {
    it(`${c.id}: timesteps, sigmas and every step's x within 1e-5`, () => {
      const worst = checkCase(c, { x: 1e-5, sigma: 5e-7 })
      if (process.env['SCHEDULER_ERRORS']) console.log(`${c.id}: max relative x error ${worst.toExponential(2)}`)
    })
  }
})

describe.runIf(existsSync(PORT))('torch port of diffusers (fixtures)', () => {
  for (const c of existsSync(PORT) ? loadCases(PORT) : []) {
    it(`${c.id}`, () => {
      const worst = checkCase(c, { x: 2e-6, sigma: 3e-7 })
      if (process.env['SCHEDULER_ERRORS']) console.log(`${c.id}: max relative x error ${worst.toExponential(2)}`)
    })
  }
})
