/** `euler`: diffusers' EulerDiscreteScheduler (Karras et al. 2022, algorithm 2, s_churn = 0). */
import { f32, log32 } from './float32.js'
import { logSigmasF32, karrasSigmas, sigmaToT } from './sigma-conversion.js'
import { ConfigReader, resolveConfig, type SchedulerConfig } from './scheduler-config.js'
import { SigmaScheduler } from './sigma-scheduler.js'
import { float32Timesteps } from './timestep-spacing.js'
import type { StepOutput } from './types.js'

/** EulerDiscreteScheduler's constructor defaults. */
export const EULER_DEFAULTS: SchedulerConfig = {
  num_train_timesteps: 1000,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
  trained_betas: null,
  prediction_type: 'epsilon',
  interpolation_type: 'linear',
  use_karras_sigmas: false,
  use_exponential_sigmas: false,
  use_beta_sigmas: false,
  sigma_min: null,
  sigma_max: null,
  timestep_spacing: 'linspace',
  timestep_type: 'discrete',
  steps_offset: 0,
  rescale_betas_zero_snr: false,
  final_sigmas_type: 'zero',
}

export class EulerScheduler extends SigmaScheduler {
  readonly #prediction: 'epsilon' | 'v_prediction' | 'sample'
  readonly #karras: boolean
  readonly #continuous: boolean

  constructor(passed: SchedulerConfig, overrides: SchedulerConfig = {}) {
    const reader = new ConfigReader('EulerDiscreteScheduler', resolveConfig(EULER_DEFAULTS, passed, overrides))
    super('euler', 'EulerDiscreteScheduler', reader, { zeroSnrCumprod: true })
    const prediction = reader.oneOf('prediction_type', ['epsilon', 'v_prediction', 'sample', 'original_sample'])
    this.#prediction = prediction === 'original_sample' ? 'sample' : prediction
    reader.oneOf('interpolation_type', ['linear'])
    this.#karras = reader.boolean('use_karras_sigmas')
    reader.only('use_exponential_sigmas', false)
    reader.only('use_beta_sigmas', false)
    reader.numberOrNull('sigma_min')
    reader.numberOrNull('sigma_max')
    reader.oneOf('final_sigmas_type', ['zero', 'sigma_min'])
    this.#continuous = reader.oneOf('timestep_type', ['discrete', 'continuous']) === 'continuous' && this.#prediction === 'v_prediction'
  }

  protected schedule(steps: number): number[] {
    const train = this.trainingSigmas()
    let timesteps: number[] = float32Timesteps(this.spacing, this.numTrainTimesteps, steps, this.stepsOffset)
    let sigmas = this.interpolatedSigmas(timesteps, train)
    if (this.#karras) {
      const logSigmas = logSigmasF32(train)
      const sigmaMin = this.reader.numberOrNull('sigma_min') ?? sigmas[sigmas.length - 1]!
      const sigmaMax = this.reader.numberOrNull('sigma_max') ?? sigmas[0]!
      sigmas = karrasSigmas(sigmaMin, sigmaMax, steps)
      timesteps = sigmas.map((sigma) => Math.fround(sigmaToT(sigma, logSigmas)))
    }
    const last = this.config['final_sigmas_type'] === 'sigma_min' ? train[0]! : 0
    this.sigmaList = Float32Array.from([...sigmas, last])
    if (this.#continuous) return Array.from(this.sigmaList.subarray(0, -1), (sigma) => f32(0.25 * log32(sigma)))
    return timesteps
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array): StepOutput {
    const index = this.currentStepIndex(t)
    const sigma = this.sigmas[index]!
    const next = this.sigmas[index + 1]!
    const pred = this.predictOriginal(this.#prediction, sigma, modelOutput, sample)
    const dt = f32(next - sigma)
    const prev = new Float32Array(sample.length)
    for (let i = 0; i < prev.length; i++) {
      const derivative = f32(f32(sample[i]! - pred[i]!) / sigma)
      prev[i] = sample[i]! + f32(derivative * dt)
    }
    this.stepIndexValue = index + 1
    return { prevSample: prev, predOriginalSample: pred }
  }
}
