/** `lms`: diffusers' LMSDiscreteScheduler (linear multistep over the last 4 derivatives). */
import { f32 } from './float32.js'
import { lmsCoefficient } from './lms-coefficient.js'
import { karrasSigmas, logSigmasF32, sigmaToT } from './sigma-conversion.js'
import { ConfigReader, resolveConfig, type SchedulerConfig } from './scheduler-config.js'
import { SigmaScheduler } from './sigma-scheduler.js'
import { float32Timesteps } from './timestep-spacing.js'
import type { StepOutput } from './types.js'

/** LMSDiscreteScheduler's constructor defaults. */
export const LMS_DEFAULTS: SchedulerConfig = {
  num_train_timesteps: 1000,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
  trained_betas: null,
  use_karras_sigmas: false,
  use_exponential_sigmas: false,
  use_beta_sigmas: false,
  prediction_type: 'epsilon',
  timestep_spacing: 'linspace',
  steps_offset: 0,
}

/** diffusers' default `order` argument of `LMSDiscreteScheduler.step`. */
const LMS_ORDER = 4

export class LmsScheduler extends SigmaScheduler {
  readonly #prediction: 'epsilon' | 'v_prediction' | 'sample'
  readonly #karras: boolean
  #derivatives: Float32Array[] = []

  constructor(passed: SchedulerConfig, overrides: SchedulerConfig = {}) {
    const reader = new ConfigReader('LMSDiscreteScheduler', resolveConfig(LMS_DEFAULTS, passed, overrides))
    super('lms', 'LMSDiscreteScheduler', reader)
    this.#prediction = reader.oneOf('prediction_type', ['epsilon', 'v_prediction', 'sample'])
    this.#karras = reader.boolean('use_karras_sigmas')
    reader.only('use_exponential_sigmas', false)
    reader.only('use_beta_sigmas', false)
  }

  protected schedule(steps: number): number[] {
    this.#derivatives = []
    const train = this.trainingSigmas()
    let timesteps = float32Timesteps(this.spacing, this.numTrainTimesteps, steps, this.stepsOffset)
    let sigmas = this.interpolatedSigmas(timesteps, train)
    if (this.#karras) {
      const logSigmas = logSigmasF32(train)
      sigmas = karrasSigmas(sigmas[sigmas.length - 1]!, sigmas[0]!, steps)
      timesteps = sigmas.map((sigma) => Math.fround(sigmaToT(sigma, logSigmas)))
    }
    this.sigmaList = Float32Array.from([...sigmas, 0])
    return timesteps
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array): StepOutput {
    const index = this.currentStepIndex(t)
    const sigmas = this.sigmas
    const sigma = sigmas[index]!
    const pred = this.predictOriginal(this.#prediction, sigma, modelOutput, sample)
    const derivative = new Float32Array(sample.length)
    for (let i = 0; i < derivative.length; i++) derivative[i] = f32(sample[i]! - pred[i]!) / sigma
    this.#derivatives.push(derivative)
    if (this.#derivatives.length > LMS_ORDER) this.#derivatives.shift()

    const order = Math.min(index + 1, LMS_ORDER)
    // Python's sum() over coeff * derivative, newest derivative first, then sample + sum.
    const newestFirst = [...this.#derivatives].reverse()
    // zip() stops at the shorter list: after a begin index there are fewer derivatives than `order`.
    const terms = Math.min(order, newestFirst.length)
    const sum = new Float32Array(sample.length)
    for (let j = 0; j < terms; j++) {
      const coefficient = f32(lmsCoefficient(sigmas, order, index, j))
      const d = newestFirst[j]!
      for (let i = 0; i < sum.length; i++) sum[i] = j === 0 ? f32(coefficient * d[i]!) : sum[i]! + f32(coefficient * d[i]!)
    }
    const prev = new Float32Array(sample.length)
    for (let i = 0; i < prev.length; i++) prev[i] = sample[i]! + sum[i]!
    this.stepIndexValue = index + 1
    return { prevSample: prev, predOriginalSample: pred }
  }
}
