/**
 * `pndm`: diffusers' PNDMScheduler (Liu et al. 2022): Runge-Kutta warm-up steps (unless
 * `skip_prk_steps`, as Stable Diffusion's config sets) then linear multistep (PLMS) steps.
 */
import { AlphaScheduler } from './alpha-scheduler.js'
import { f32, sqrt32 } from './float32.js'
import { arange, linspace, roundHalfEven } from './numpy-ops.js'
import { ConfigReader, resolveConfig, type SchedulerConfig } from './scheduler-config.js'
import { TIMESTEP_SPACINGS, type TimestepSpacing } from './timestep-spacing.js'
import type { StepOutput } from './types.js'

/** PNDMScheduler's constructor defaults. */
export const PNDM_DEFAULTS: SchedulerConfig = {
  num_train_timesteps: 1000,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
  trained_betas: null,
  skip_prk_steps: false,
  set_alpha_to_one: false,
  prediction_type: 'epsilon',
  timestep_spacing: 'leading',
  steps_offset: 0,
}

const PNDM_ORDER = 4

/** `a * x` for a float32 scalar and tensor. */
function scaled(a: number, x: Float32Array): Float32Array {
  const out = new Float32Array(x.length)
  for (let i = 0; i < out.length; i++) out[i] = f32(a * x[i]!)
  return out
}

export class PndmScheduler extends AlphaScheduler {
  readonly #prediction: 'epsilon' | 'v_prediction'
  readonly #spacing: TimestepSpacing
  readonly #stepsOffset: number
  readonly #skipPrk: boolean
  readonly #finalAlphaProd: number
  #prkTimesteps: number[] = []
  #ets: Float32Array[] = []
  #counter = 0
  #curModelOutput: Float32Array | undefined
  #curSample: Float32Array | undefined

  constructor(passed: SchedulerConfig, overrides: SchedulerConfig = {}) {
    const reader = new ConfigReader('PNDMScheduler', resolveConfig(PNDM_DEFAULTS, passed, overrides))
    super('pndm', 'PNDMScheduler', reader)
    this.#prediction = reader.oneOf('prediction_type', ['epsilon', 'v_prediction'])
    this.#spacing = reader.oneOf('timestep_spacing', TIMESTEP_SPACINGS)
    this.#stepsOffset = reader.number('steps_offset', { integer: true })
    this.#skipPrk = reader.boolean('skip_prk_steps')
    this.#finalAlphaProd = reader.boolean('set_alpha_to_one') ? 1 : this.alphasCumprod[0]!
  }

  /** The base timesteps, ascending (PNDM's `_timesteps`). */
  #baseTimesteps(steps: number): number[] {
    const numTrain = this.numTrainTimesteps
    if (this.#spacing === 'linspace') return linspace(0, numTrain - 1, steps).map(roundHalfEven)
    if (this.#spacing === 'leading') {
      const ratio = Math.floor(numTrain / steps)
      return Array.from({ length: steps }, (_, k) => k * ratio + this.#stepsOffset)
    }
    return arange(numTrain, 0, -numTrain / steps).map(roundHalfEven).reverse().map((t) => t - 1)
  }

  protected schedule(steps: number): number[] {
    this.#ets = []
    this.#counter = 0
    this.#curModelOutput = undefined
    this.#curSample = undefined
    const base = this.#baseTimesteps(steps)
    let plms: number[]
    if (this.#skipPrk) {
      this.#prkTimesteps = []
      plms = [...base.slice(0, -1), ...base.slice(-2, -1), ...base.slice(-1)].reverse()
    } else {
      const last = base.slice(-PNDM_ORDER)
      if (last.length < PNDM_ORDER) {
        throw new RangeError(`${this.className}: Runge-Kutta warm-up (skip_prk_steps false) needs at least ${PNDM_ORDER} steps, got ${steps}`)
      }
      const half = Math.floor(Math.floor(this.numTrainTimesteps / steps) / 2)
      const paired = last.flatMap((t) => [t, t + half])
      const repeated = paired.slice(0, -1).flatMap((t) => [t, t])
      this.#prkTimesteps = repeated.slice(1, -1).reverse()
      plms = base.slice(0, -3).reverse()
    }
    return [...this.#prkTimesteps, ...plms]
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array): StepOutput {
    this.requireTimesteps()
    if (this.#counter < this.#prkTimesteps.length && !this.#skipPrk) return this.#stepPrk(modelOutput, t, sample)
    return this.#stepPlms(modelOutput, t, sample)
  }

  #stepRatio(): number {
    return Math.floor(this.numTrainTimesteps / this.numInferenceSteps!)
  }

  #stepPrk(modelOutput: Float32Array, t: number, sample: Float32Array): StepOutput {
    const diffToPrev = this.#counter % 2 ? 0 : Math.floor(this.#stepRatio() / 2)
    const prevT = t - diffToPrev
    const timestep = this.#prkTimesteps[Math.floor(this.#counter / 4) * 4]!
    let output = modelOutput
    const phase = this.#counter % 4
    if (phase === 0) {
      this.#curModelOutput = scaled(f32(1 / 6), modelOutput)
      this.#ets.push(modelOutput)
      this.#curSample = sample
    } else if (phase === 1 || phase === 2) {
      const third = scaled(f32(1 / 3), modelOutput)
      const current = this.#curModelOutput!
      for (let i = 0; i < current.length; i++) current[i] = current[i]! + third[i]!
    } else {
      const sixth = scaled(f32(1 / 6), modelOutput)
      const current = this.#curModelOutput!
      output = new Float32Array(current.length)
      for (let i = 0; i < output.length; i++) output[i] = current[i]! + sixth[i]!
      this.#curModelOutput = undefined
    }
    const prev = this.#prevSample(this.#curSample ?? sample, timestep, prevT, output)
    this.#counter++
    return { prevSample: prev }
  }

  #stepPlms(modelOutput: Float32Array, t: number, sample: Float32Array): StepOutput {
    if (!this.#skipPrk && this.#ets.length < 3) throw new Error(`${this.className}: PLMS steps need the Runge-Kutta warm-up first`)
    let timestep = t
    let prevT = t - this.#stepRatio()
    if (this.#counter !== 1) {
      this.#ets = this.#ets.slice(-3)
      this.#ets.push(modelOutput)
    } else {
      prevT = t
      timestep = t + this.#stepRatio()
    }
    const ets = this.#ets
    const e = (k: number) => ets[ets.length - k]!
    const n = modelOutput.length
    let output: Float32Array
    let x = sample
    if (ets.length === 1 && this.#counter === 0) {
      output = modelOutput
      this.#curSample = sample
    } else if (ets.length === 1 && this.#counter === 1) {
      output = new Float32Array(n)
      for (let i = 0; i < n; i++) output[i] = f32(modelOutput[i]! + e(1)[i]!) / 2
      x = this.#curSample!
      this.#curSample = undefined
    } else if (ets.length === 2) {
      output = new Float32Array(n)
      for (let i = 0; i < n; i++) output[i] = f32(f32(3 * e(1)[i]!) - e(2)[i]!) / 2
    } else if (ets.length === 3) {
      output = new Float32Array(n)
      for (let i = 0; i < n; i++) {
        output[i] = f32(f32(f32(23 * e(1)[i]!) - f32(16 * e(2)[i]!)) + f32(5 * e(3)[i]!)) / 12
      }
    } else {
      output = new Float32Array(n)
      const c = f32(1 / 24)
      for (let i = 0; i < n; i++) {
        const sum = f32(f32(f32(f32(55 * e(1)[i]!) - f32(59 * e(2)[i]!)) + f32(37 * e(3)[i]!)) - f32(9 * e(4)[i]!))
        output[i] = c * sum
      }
    }
    const prev = this.#prevSample(x, timestep, prevT, output)
    this.#counter++
    return { prevSample: prev }
  }

  /** Formula (9) of the PNDM paper: x_{t-delta} from x_t and the (combined) model output. */
  #prevSample(sample: Float32Array, t: number, prevT: number, modelOutput: Float32Array): Float32Array {
    const alphaProd = this.alphaProd(t)
    const alphaProdPrev = prevT >= 0 ? this.alphaProd(prevT) : this.#finalAlphaProd
    const betaProd = f32(1 - alphaProd)
    const betaProdPrev = f32(1 - alphaProdPrev)
    const n = sample.length
    let output = modelOutput
    if (this.#prediction === 'v_prediction') {
      const sqrtAlpha = sqrt32(alphaProd)
      const sqrtBeta = sqrt32(betaProd)
      output = new Float32Array(n)
      for (let i = 0; i < n; i++) output[i] = f32(sqrtAlpha * modelOutput[i]!) + f32(sqrtBeta * sample[i]!)
    }
    const sampleCoeff = sqrt32(f32(alphaProdPrev / alphaProd))
    const denominator = f32(f32(alphaProd * sqrt32(betaProdPrev)) + sqrt32(f32(f32(alphaProd * betaProd) * alphaProdPrev)))
    const alphaDiff = f32(alphaProdPrev - alphaProd)
    const prev = new Float32Array(n)
    for (let i = 0; i < n; i++) prev[i] = f32(sampleCoeff * sample[i]!) - f32(f32(alphaDiff * output[i]!) / denominator)
    return prev
  }
}
