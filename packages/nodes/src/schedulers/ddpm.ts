/** `ddpm`: diffusers' DDPMScheduler (Ho et al. 2020, formulas 6, 7 and 15), ancestral sampling. */
import { AlphaScheduler } from './alpha-scheduler.js'
import { exp32, f32, log32, sqrt32 } from './float32.js'
import { ConfigReader, resolveConfig, type SchedulerConfig } from './scheduler-config.js'
import { integerTimesteps, TIMESTEP_SPACINGS, type TimestepSpacing } from './timestep-spacing.js'
import type { StepOptions, StepOutput } from './types.js'

/** DDPMScheduler's constructor defaults. */
export const DDPM_DEFAULTS: SchedulerConfig = {
  num_train_timesteps: 1000,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
  trained_betas: null,
  variance_type: 'fixed_small',
  clip_sample: true,
  prediction_type: 'epsilon',
  thresholding: false,
  dynamic_thresholding_ratio: 0.995,
  clip_sample_range: 1.0,
  sample_max_value: 1.0,
  timestep_spacing: 'leading',
  steps_offset: 0,
  rescale_betas_zero_snr: false,
}

const VARIANCE_TYPES = ['fixed_small', 'fixed_small_log', 'fixed_large'] as const
const MIN_VARIANCE = Math.fround(1e-20)

export class DdpmScheduler extends AlphaScheduler {
  readonly #prediction: 'epsilon' | 'v_prediction' | 'sample'
  readonly #spacing: TimestepSpacing
  readonly #stepsOffset: number
  readonly #clipRange: number | undefined
  readonly #varianceType: (typeof VARIANCE_TYPES)[number]

  constructor(passed: SchedulerConfig, overrides: SchedulerConfig = {}) {
    const reader = new ConfigReader('DDPMScheduler', resolveConfig(DDPM_DEFAULTS, passed, overrides))
    super('ddpm', 'DDPMScheduler', reader)
    this.#prediction = reader.oneOf('prediction_type', ['epsilon', 'v_prediction', 'sample'])
    this.#spacing = reader.oneOf('timestep_spacing', TIMESTEP_SPACINGS)
    this.#stepsOffset = reader.number('steps_offset', { integer: true })
    reader.only('thresholding', false)
    this.#clipRange = reader.boolean('clip_sample') ? reader.number('clip_sample_range') : undefined
    const variance = reader.config['variance_type']
    if (typeof variance === 'string' && ['fixed_large_log', 'learned', 'learned_range'].includes(variance)) {
      reader.unsupported('variance_type', VARIANCE_TYPES.join(', '))
    }
    this.#varianceType = reader.oneOf('variance_type', VARIANCE_TYPES)
  }

  protected schedule(steps: number): number[] {
    return integerTimesteps(this.#spacing, this.numTrainTimesteps, steps, this.#stepsOffset)
  }

  /** diffusers' `previous_timestep`: the next one in the schedule, -1 after the last. */
  #previousTimestep(t: number): number {
    const timesteps = this.requireTimesteps()
    const index = timesteps.indexOf(t)
    if (index < 0) throw new RangeError(`${this.className}: timestep ${t} is not one of scheduler.timesteps`)
    return index === timesteps.length - 1 ? -1 : timesteps[index + 1]!
  }

  /** Needs `options.generator` for every step with `t > 0`. */
  step(modelOutput: Float32Array, t: number, sample: Float32Array, options?: StepOptions): StepOutput {
    const prevT = this.#previousTimestep(t)
    const alphaProd = this.alphaProd(t)
    const alphaProdPrev = prevT >= 0 ? this.alphaProd(prevT) : 1
    const betaProd = f32(1 - alphaProd)
    const betaProdPrev = f32(1 - alphaProdPrev)
    const currentAlpha = f32(alphaProd / alphaProdPrev)
    const currentBeta = f32(1 - currentAlpha)
    const sqrtAlpha = sqrt32(alphaProd)
    const sqrtBeta = sqrt32(betaProd)
    const n = sample.length
    const pred = new Float32Array(n)
    for (let i = 0; i < n; i++) {
      const x = sample[i]!
      const m = modelOutput[i]!
      if (this.#prediction === 'epsilon') pred[i] = f32(x - f32(sqrtBeta * m)) / sqrtAlpha
      else if (this.#prediction === 'sample') pred[i] = m
      else pred[i] = f32(sqrtAlpha * x) - f32(sqrtBeta * m)
    }
    if (this.#clipRange !== undefined) {
      const range = f32(this.#clipRange)
      for (let i = 0; i < n; i++) pred[i] = Math.min(Math.max(pred[i]!, -range), range)
    }
    const predCoeff = f32(f32(sqrt32(alphaProdPrev) * currentBeta) / betaProd)
    const sampleCoeff = f32(f32(sqrt32(currentAlpha) * betaProdPrev) / betaProd)
    const prev = new Float32Array(n)
    for (let i = 0; i < n; i++) prev[i] = f32(predCoeff * pred[i]!) + f32(sampleCoeff * sample[i]!)
    if (t > 0) {
      const noise = this.drawNoise(options, n)
      let variance = Math.max(f32(f32(betaProdPrev / betaProd) * currentBeta), MIN_VARIANCE)
      if (this.#varianceType === 'fixed_small_log') variance = exp32(f32(0.5 * log32(variance)))
      else if (this.#varianceType === 'fixed_large') variance = currentBeta
      const scale = this.#varianceType === 'fixed_small_log' ? variance : sqrt32(variance)
      for (let i = 0; i < n; i++) prev[i] = prev[i]! + f32(scale * noise[i]!)
    }
    return { prevSample: prev, predOriginalSample: pred }
  }
}
