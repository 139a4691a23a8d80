/**
 * The base of diffusers' Karras-style discrete schedulers (Euler, Euler ancestral, LMS, Heun):
 * a sigma per timestep, the model input divided by `sqrt(sigma^2 + 1)`, a step index found
 * from the first timestep (or the begin index), `add_noise` as `x + noise * sigma`.
 */
import { addNoiseBySigma } from './add-noise.js'
import { f32, maxOf, sqrt32, square32 } from './float32.js'
import { trainingSigmas } from './noise-schedule.js'
import { interpOnIndexGrid } from './numpy-ops.js'
import { SchedulerBase } from './scheduler-base.js'
import type { ConfigReader } from './scheduler-config.js'
import { TIMESTEP_SPACINGS, type TimestepSpacing } from './timestep-spacing.js'
import type { SchedulerName } from './types.js'

export abstract class SigmaScheduler extends SchedulerBase {
  protected readonly spacing: TimestepSpacing
  protected readonly stepsOffset: number
  protected sigmaList: Float32Array | undefined

  constructor(name: SchedulerName, className: string, reader: ConfigReader, options: { readonly zeroSnrCumprod?: boolean } = {}) {
    super(name, className, reader)
    this.spacing = reader.oneOf('timestep_spacing', TIMESTEP_SPACINGS)
    this.stepsOffset = reader.number('steps_offset', { integer: true })
    if (options.zeroSnrCumprod && reader.config['rescale_betas_zero_snr'] === true) {
      // diffusers: close to 0 without being 0, so the first sigma is not inf.
      this.alphasCumprod[this.alphasCumprod.length - 1] = 2 ** -24
    }
  }

  /** `scheduler.sigmas` (float32), one more than the sigma timesteps: the last is the final sigma. */
  get sigmas(): Float32Array {
    if (this.sigmaList === undefined) throw new Error(`${this.className}: call setTimesteps(steps) before using the sigmas`)
    return this.sigmaList
  }

  get initNoiseSigma(): number {
    const max = maxOf(this.sigmas)
    if (this.spacing === 'linspace' || this.spacing === 'trailing') return max
    return sqrt32(f32(square32(max) + 1))
  }

  /** The float32 training sigmas, in training order. */
  protected trainingSigmas(): Float32Array {
    return trainingSigmas(this.alphasCumprod)
  }

  /** `np.interp(timesteps, arange(len), training sigmas)`: float64 sigmas at the timesteps. */
  protected interpolatedSigmas(timesteps: readonly number[], train: Float32Array): number[] {
    return timesteps.map((t) => interpOnIndexGrid(t, train))
  }

  /** diffusers' `index_for_timestep`: the second match when there are several, else the only one. */
  protected indexForTimestep(t: number): number {
    const timesteps = this.requireTimesteps()
    const value = Math.fround(t)
    const matches: number[] = []
    for (let i = 0; i < timesteps.length && matches.length < 2; i++) if (timesteps[i] === value) matches.push(i)
    if (matches.length === 0) throw new RangeError(`${this.className}: timestep ${t} is not one of scheduler.timesteps`)
    return matches.length > 1 ? matches[1]! : matches[0]!
  }

  /** The current step index, initialised from `t` (or the begin index) on first use. */
  protected currentStepIndex(t: number): number {
    if (this.stepIndexValue === undefined) {
      this.stepIndexValue = this.beginIndexValue === undefined ? this.indexForTimestep(t) : this.beginIndexValue
    }
    return this.stepIndexValue
  }

  scaleModelInput(sample: Float32Array, t: number): Float32Array {
    const sigma = this.sigmas[this.currentStepIndex(t)]!
    const denominator = sqrt32(f32(square32(sigma) + 1))
    const out = new Float32Array(sample.length)
    for (let i = 0; i < out.length; i++) out[i] = sample[i]! / denominator
    return out
  }

  addNoise(originalSamples: Float32Array, noise: Float32Array, t: number): Float32Array {
    const index = this.beginIndexValue === undefined ? this.indexForTimestep(t) : (this.stepIndexValue ?? this.beginIndexValue)
    return addNoiseBySigma(this.sigmas[index]!, originalSamples, noise)
  }

  /** The sigma-from-model-output prediction of x_0 shared by these schedulers (`epsilon`, `v_prediction`, `sample`). */
  protected predictOriginal(prediction: 'epsilon' | 'v_prediction' | 'sample', sigma: number, modelOutput: Float32Array, sample: Float32Array): Float32Array {
    const out = new Float32Array(sample.length)
    if (prediction === 'epsilon') {
      for (let i = 0; i < out.length; i++) out[i] = sample[i]! - f32(sigma * modelOutput[i]!)
    } else if (prediction === 'v_prediction') {
      const s2p1 = f32(square32(sigma) + 1)
      const cOut = f32(-sigma / sqrt32(s2p1))
      for (let i = 0; i < out.length; i++) out[i] = f32(modelOutput[i]! * cOut) + f32(sample[i]! / s2p1)
    } else {
      out.set(modelOutput)
    }
    return out
  }
}
