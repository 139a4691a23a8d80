/** `ddim`: diffusers' DDIMScheduler (Song et al. 2020, formulas 12 and 16). */
import { AlphaScheduler } from './alpha-scheduler.js'
import { f32, sqrt32, square32 } from './float32.js'
import { ConfigReader, resolveConfig, type SchedulerConfig } from './scheduler-config.js'
import { integerTimesteps, TIMESTEP_SPACINGS, type TimestepSpacing } from './timestep-spacing.js'
import type { StepOptions, StepOutput } from './types.js'

/** DDIMScheduler's constructor defaults. */
export const DDIM_DEFAULTS: SchedulerConfig = {
  num_train_timesteps: 1000,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
  trained_betas: null,
  clip_sample: true,
  set_alpha_to_one: true,
  steps_offset: 0,
  prediction_type: 'epsilon',
  thresholding: false,
  dynamic_thresholding_ratio: 0.995,
  clip_sample_range: 1.0,
  sample_max_value: 1.0,
  timestep_spacing: 'leading',
  rescale_betas_zero_snr: false,
}

export class DdimScheduler extends AlphaScheduler {
  readonly #prediction: 'epsilon' | 'v_prediction' | 'sample'
  readonly #spacing: TimestepSpacing
  readonly #stepsOffset: number
  readonly #clipRange: number | undefined
  readonly #finalAlphaProd: number

  constructor(passed: SchedulerConfig, overrides: SchedulerConfig = {}) {
    const reader = new ConfigReader('DDIMScheduler', resolveConfig(DDIM_DEFAULTS, passed, overrides))
    super('ddim', 'DDIMScheduler', reader)
    this.#prediction = reader.oneOf('prediction_type', ['epsilon', 'v_prediction', 'sample'])
    this.#spacing = reader.oneOf('timestep_spacing', TIMESTEP_SPACINGS)
    this.#stepsOffset = reader.number('steps_offset', { integer: true })
    reader.only('thresholding', false)
    this.#clipRange = reader.boolean('clip_sample') ? reader.number('clip_sample_range') : undefined
    this.#finalAlphaProd = reader.boolean('set_alpha_to_one') ? 1 : this.alphasCumprod[0]!
  }

  protected schedule(steps: number): number[] {
    return integerTimesteps(this.#spacing, this.numTrainTimesteps, steps, this.#stepsOffset)
  }

  /** Deterministic unless `options.eta > 0`, which draws noise from `options.generator`. */
  step(modelOutput: Float32Array, t: number, sample: Float32Array, options?: StepOptions): StepOutput {
    this.requireTimesteps()
    const prevT = t - Math.floor(this.numTrainTimesteps / this.numInferenceSteps!)
    const alphaProd = this.alphaProd(t)
    const alphaProdPrev = prevT >= 0 ? this.alphaProd(prevT) : this.#finalAlphaProd
    const betaProd = f32(1 - alphaProd)
    const sqrtAlpha = sqrt32(alphaProd)
    const sqrtBeta = sqrt32(betaProd)
    const n = sample.length
    const pred = new Float32Array(n)
    const eps = new Float32Array(n)
    for (let i = 0; i < n; i++) {
      const x = sample[i]!
      const m = modelOutput[i]!
      if (this.#prediction === 'epsilon') {
        pred[i] = f32(x - f32(sqrtBeta * m)) / sqrtAlpha
        eps[i] = m
      } else if (this.#prediction === 'sample') {
        pred[i] = m
        eps[i] = f32(x - f32(sqrtAlpha * m)) / sqrtBeta
      } else {
        pred[i] = f32(sqrtAlpha * x) - f32(sqrtBeta * m)
        eps[i] = f32(sqrtAlpha * m) + f32(sqrtBeta * x)
      }
    }
    if (this.#clipRange !== undefined) {
      const range = f32(this.#clipRange)
      for (let i = 0; i < n; i++) pred[i] = Math.min(Math.max(pred[i]!, -range), range)
    }
    const eta = options?.eta ?? 0
    const variance = f32(f32(f32(1 - alphaProdPrev) / betaProd) * f32(1 - f32(alphaProd / alphaProdPrev)))
    const stdDev = f32(f32(eta) * sqrt32(variance))
    const directionCoeff = sqrt32(f32(f32(1 - alphaProdPrev) - square32(stdDev)))
    const sqrtAlphaPrev = sqrt32(alphaProdPrev)
    const prev = new Float32Array(n)
    for (let i = 0; i < n; i++) prev[i] = f32(sqrtAlphaPrev * pred[i]!) + f32(directionCoeff * eps[i]!)
    if (eta > 0) {
      const noise = this.drawNoise(options, n)
      for (let i = 0; i < n; i++) prev[i] = prev[i]! + f32(stdDev * noise[i]!)
    }
    return { prevSample: prev, predOriginalSample: pred }
  }
}
