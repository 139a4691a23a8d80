/**
 * The base of diffusers' multistep solvers (DPMSolverMultistepScheduler, UniPCMultistepScheduler):
 * integer timesteps over `num_inference_steps + 1` points, float32 sigmas with a final sigma,
 * unit initial noise, `add_noise` as `alpha_t * x + sigma_t * noise`.
 */
import { addNoiseByAlphaSigma, alphaSigmaOf } from './add-noise.js'
import { f32, log32 } from './float32.js'
import { trainingSigmas } from './noise-schedule.js'
import { arange, interpOnIndexGrid, linspace, roundHalfEven } from './numpy-ops.js'
import { SchedulerBase } from './scheduler-base.js'
import type { ConfigReader } from './scheduler-config.js'
import { karrasSigmas, logSigmasF32, sigmaToT } from './sigma-conversion.js'
import { TIMESTEP_SPACINGS, type TimestepSpacing } from './timestep-spacing.js'
import type { SchedulerName } from './types.js'

/** How a multistep solver builds its schedule from the shared pieces. */
export interface MultistepScheduleOptions {
  /** The timestep schedules end at `lastTimestep - 1` (DPM-Solver's `lambda_min_clipped`). */
  readonly lastTimestep: number
  readonly karras: boolean
  /** Round the Karras timesteps (else they are truncated to integers). */
  readonly roundKarrasTimesteps: boolean
  /** `sigma_min` / `sigma_max` config overrides of the Karras range (UniPC). */
  readonly sigmaMin: number | null
  readonly sigmaMax: number | null
  /** `final_sigmas_type` "sigma_min" with Karras sigmas: the last Karras sigma (UniPC) or the first training sigma. */
  readonly karrasFinalIsLastKarras: boolean
}

/** `lambda = log(alpha_t) - log(sigma_t)` in float32. */
export function lambdaOf(alphaT: number, sigmaT: number): number {
  return f32(log32(alphaT) - log32(sigmaT))
}

export abstract class MultistepScheduler extends SchedulerBase {
  readonly initNoiseSigma: number = 1
  protected readonly spacing: TimestepSpacing
  protected readonly stepsOffset: number
  protected readonly finalSigmasType: 'zero' | 'sigma_min'
  protected sigmaList: Float32Array | undefined

  constructor(name: SchedulerName, className: string, reader: ConfigReader) {
    super(name, className, reader)
    this.spacing = reader.oneOf('timestep_spacing', TIMESTEP_SPACINGS)
    this.stepsOffset = reader.number('steps_offset', { integer: true })
    this.finalSigmasType = reader.oneOf('final_sigmas_type', ['zero', 'sigma_min'])
    reader.only('use_exponential_sigmas', false)
    reader.only('use_beta_sigmas', false)
    reader.only('use_flow_sigmas', false)
    reader.only('use_dynamic_shifting', false)
    reader.only('thresholding', false)
    if (reader.config['rescale_betas_zero_snr'] === true) this.alphasCumprod[this.alphasCumprod.length - 1] = 2 ** -24
  }

  get sigmas(): Float32Array {
    if (this.sigmaList === undefined) throw new Error(`${this.className}: call setTimesteps(steps) before using the sigmas`)
    return this.sigmaList
  }

  /** Timesteps and sigmas as both solvers' `set_timesteps` compute them. */
  protected buildSchedule(steps: number, options: MultistepScheduleOptions): number[] {
    const numTrain = this.numTrainTimesteps
    const last = options.lastTimestep
    let raw: number[]
    if (this.spacing === 'linspace') {
      raw = linspace(0, last - 1, steps + 1).map(roundHalfEven).reverse().slice(0, -1)
    } else if (this.spacing === 'leading') {
      const ratio = Math.floor(last / (steps + 1))
      raw = []
      for (let k = steps; k >= 1; k--) raw.push(k * ratio + this.stepsOffset)
    } else {
      raw = arange(last, 0, -numTrain / steps).map((t) => roundHalfEven(t) - 1)
    }
    const train = trainingSigmas(this.alphasCumprod)
    let sigmas: number[]
    let finalSigma = this.finalSigmasType === 'zero' ? 0 : train[0]!
    if (options.karras) {
      const logSigmas = logSigmasF32(train)
      sigmas = karrasSigmas(options.sigmaMin ?? train[0]!, options.sigmaMax ?? train[train.length - 1]!, steps)
      raw = sigmas.map((sigma) => {
        const t = sigmaToT(sigma, logSigmas)
        return options.roundKarrasTimesteps ? roundHalfEven(t) : Math.trunc(t)
      })
      if (this.finalSigmasType === 'sigma_min' && options.karrasFinalIsLastKarras) finalSigma = sigmas[sigmas.length - 1]!
    } else {
      sigmas = raw.map((t) => interpOnIndexGrid(t, train))
    }
    this.sigmaList = Float32Array.from([...sigmas, finalSigma])
    return raw
  }

  /** diffusers' multistep `index_for_timestep`: the last step when absent, the second of several matches. */
  protected indexForTimestep(t: number): number {
    const timesteps = this.requireTimesteps()
    const matches: number[] = []
    for (let i = 0; i < timesteps.length && matches.length < 2; i++) if (timesteps[i] === t) matches.push(i)
    if (matches.length === 0) return timesteps.length - 1
    return matches.length > 1 ? matches[1]! : matches[0]!
  }

  protected currentStepIndex(t: number): number {
    if (this.stepIndexValue === undefined) {
      this.stepIndexValue = this.beginIndexValue === undefined ? this.indexForTimestep(t) : this.beginIndexValue
    }
    return this.stepIndexValue
  }

  /** `alpha_t`, `sigma_t` and `lambda_t` of the sigma at a schedule index. */
  protected stateAt(index: number): { readonly alphaT: number; readonly sigmaT: number; readonly lambda: number } {
    const { alphaT, sigmaT } = alphaSigmaOf(this.sigmas[index]!)
    return { alphaT, sigmaT, lambda: lambdaOf(alphaT, sigmaT) }
  }

  /** Returns the sample unchanged, as diffusers does. */
  scaleModelInput(sample: Float32Array, _t: number): Float32Array {
    return sample
  }

  addNoise(originalSamples: Float32Array, noise: Float32Array, t: number): Float32Array {
    const index = this.beginIndexValue === undefined ? this.indexForTimestep(t) : (this.stepIndexValue ?? this.beginIndexValue)
    return addNoiseByAlphaSigma(this.sigmas[index]!, originalSamples, noise)
  }
}
