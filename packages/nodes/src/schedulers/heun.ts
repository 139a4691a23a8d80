/**
 * `heun`: diffusers' HeunDiscreteScheduler (Karras et al. 2022, algorithm 2 with gamma = 0):
 * every step but the last is two model calls, so the timesteps and sigmas come in pairs and
 * `order` is 2.
 */
import { f32 } from './float32.js'
import { karrasSigmas, logSigmasF32, sigmaToT } from './sigma-conversion.js'
import { ConfigReader, resolveConfig, type SchedulerConfig } from './scheduler-config.js'
import { SigmaScheduler } from './sigma-scheduler.js'
import { float32Timesteps } from './timestep-spacing.js'
import type { StepOutput } from './types.js'

/** HeunDiscreteScheduler's constructor defaults. */
export const HEUN_DEFAULTS: SchedulerConfig = {
  num_train_timesteps: 1000,
  beta_start: 0.00085,
  beta_end: 0.012,
  beta_schedule: 'linear',
  trained_betas: null,
  prediction_type: 'epsilon',
  use_karras_sigmas: false,
  use_exponential_sigmas: false,
  use_beta_sigmas: false,
  clip_sample: false,
  clip_sample_range: 1.0,
  timestep_spacing: 'linspace',
  steps_offset: 0,
}

/** `x[:1] + repeat_interleave(x[1:], 2)`-style pairing of a schedule. */
function duplicateInterior<T>(values: readonly T[], keepLast: boolean): T[] {
  const out: T[] = values.length > 0 ? [values[0]!] : []
  const end = keepLast ? values.length - 1 : values.length
  for (let i = 1; i < end; i++) out.push(values[i]!, values[i]!)
  if (keepLast && values.length > 1) out.push(values[values.length - 1]!)
  return out
}

export class HeunScheduler extends SigmaScheduler {
  override readonly order = 2
  readonly #prediction: 'epsilon' | 'v_prediction' | 'sample'
  readonly #karras: boolean
  readonly #clipRange: number | undefined
  // The first-order half of the current step; undefined means the next call is first order.
  #prevDerivative: Float32Array | undefined
  #dt: number | undefined
  #sample: Float32Array | undefined

  constructor(passed: SchedulerConfig, overrides: SchedulerConfig = {}) {
    const reader = new ConfigReader('HeunDiscreteScheduler', resolveConfig(HEUN_DEFAULTS, passed, overrides))
    super('heun', 'HeunDiscreteScheduler', reader)
    this.#prediction = reader.oneOf('prediction_type', ['epsilon', 'v_prediction', 'sample'])
    this.#karras = reader.boolean('use_karras_sigmas')
    reader.only('use_exponential_sigmas', false)
    reader.only('use_beta_sigmas', false)
    this.#clipRange = reader.boolean('clip_sample') ? reader.number('clip_sample_range') : undefined
  }

  /** True when the next `step` is the first (Euler) half of a step. */
  get stateInFirstOrder(): boolean {
    return this.#dt === undefined
  }

  protected schedule(steps: number): number[] {
    this.#prevDerivative = undefined
    this.#dt = undefined
    this.#sample = undefined
    const train = this.trainingSigmas()
    let timesteps = float32Timesteps(this.spacing, this.numTrainTimesteps, steps, this.stepsOffset)
    let sigmas = this.interpolatedSigmas(timesteps, train)
    if (this.#karras) {
      const logSigmas = logSigmasF32(train)
      sigmas = karrasSigmas(sigmas[sigmas.length - 1]!, sigmas[0]!, steps)
      timesteps = sigmas.map((sigma) => Math.fround(sigmaToT(sigma, logSigmas)))
    }
    this.sigmaList = Float32Array.from(duplicateInterior([...sigmas.map(Math.fround), 0], true))
    return duplicateInterior(timesteps, false)
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array): StepOutput {
    const index = this.currentStepIndex(t)
    const first = this.stateInFirstOrder
    const sigma = first ? this.sigmas[index]! : this.sigmas[index - 1]!
    const sigmaNext = first ? this.sigmas[index + 1]! : this.sigmas[index]!
    const pred = this.predictOriginal(this.#prediction, first ? sigma : sigmaNext, modelOutput, sample)
    if (this.#clipRange !== undefined) {
      const range = f32(this.#clipRange)
      for (let i = 0; i < pred.length; i++) pred[i] = Math.min(Math.max(pred[i]!, -range), range)
    }
    const prev = new Float32Array(sample.length)
    if (first) {
      const derivative = new Float32Array(sample.length)
      for (let i = 0; i < derivative.length; i++) derivative[i] = f32(sample[i]! - pred[i]!) / sigma
      const dt = f32(sigmaNext - sigma)
      for (let i = 0; i < prev.length; i++) prev[i] = sample[i]! + f32(derivative[i]! * dt)
      this.#prevDerivative = derivative
      this.#dt = dt
      this.#sample = sample
    } else {
      const previous = this.#prevDerivative!
      const dt = this.#dt!
      const base = this.#sample!
      for (let i = 0; i < prev.length; i++) {
        const derivative = f32(f32(sample[i]! - pred[i]!) / sigmaNext)
        const averaged = f32(f32(previous[i]! + derivative) / 2)
        prev[i] = base[i]! + f32(averaged * dt)
      }
      this.#prevDerivative = undefined
      this.#dt = undefined
      this.#sample = undefined
    }
    this.stepIndexValue = index + 1
    return { prevSample: prev, predOriginalSample: pred }
  }
}
