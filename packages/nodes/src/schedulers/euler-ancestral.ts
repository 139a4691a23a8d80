/** `euler_ancestral`: diffusers' EulerAncestralDiscreteScheduler (Euler steps plus fresh noise each step). */
import { f32, sqrt32, square32 } from './float32.js'
import { ConfigReader, resolveConfig, type SchedulerConfig } from './scheduler-config.js'
import { SigmaScheduler } from './sigma-scheduler.js'
import { float32Timesteps } from './timestep-spacing.js'
import type { StepOptions, StepOutput } from './types.js'

/** EulerAncestralDiscreteScheduler's constructor defaults. */
export const EULER_ANCESTRAL_DEFAULTS: SchedulerConfig = {
  num_train_timesteps: 1000,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
  trained_betas: null,
  prediction_type: 'epsilon',
  timestep_spacing: 'linspace',
  steps_offset: 0,
  rescale_betas_zero_snr: false,
}

export class EulerAncestralScheduler extends SigmaScheduler {
  readonly #prediction: 'epsilon' | 'v_prediction'

  constructor(passed: SchedulerConfig, overrides: SchedulerConfig = {}) {
    const reader = new ConfigReader('EulerAncestralDiscreteScheduler', resolveConfig(EULER_ANCESTRAL_DEFAULTS, passed, overrides))
    super('euler_ancestral', 'EulerAncestralDiscreteScheduler', reader, { zeroSnrCumprod: true })
    // diffusers raises NotImplementedError for prediction_type "sample" here.
    this.#prediction = reader.oneOf('prediction_type', ['epsilon', 'v_prediction'])
  }

  protected schedule(steps: number): number[] {
    const timesteps = float32Timesteps(this.spacing, this.numTrainTimesteps, steps, this.stepsOffset)
    this.sigmaList = Float32Array.from([...this.interpolatedSigmas(timesteps, this.trainingSigmas()), 0])
    return timesteps
  }

  /** Needs `options.generator`: every step adds `noise * sigma_up`. */
  step(modelOutput: Float32Array, t: number, sample: Float32Array, options?: StepOptions): StepOutput {
    const index = this.currentStepIndex(t)
    const sigma = this.sigmas[index]!
    const sigmaTo = this.sigmas[index + 1]!
    const pred = this.predictOriginal(this.#prediction, sigma, modelOutput, sample)
    const from2 = square32(sigma)
    const to2 = square32(sigmaTo)
    const sigmaUp = sqrt32(f32(f32(to2 * f32(from2 - to2)) / from2))
    const sigmaDown = sqrt32(f32(to2 - square32(sigmaUp)))
    const dt = f32(sigmaDown - sigma)
    const noise = this.drawNoise(options, sample.length)
    const prev = new Float32Array(sample.length)
    for (let i = 0; i < prev.length; i++) {
      const derivative = f32(f32(sample[i]! - pred[i]!) / sigma)
      const euler = f32(sample[i]! + f32(derivative * dt))
      prev[i] = euler + f32(noise[i]! * sigmaUp)
    }
    this.stepIndexValue = index + 1
    return { prevSample: prev, predOriginalSample: pred }
  }
}
