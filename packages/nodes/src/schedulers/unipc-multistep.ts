/**
 * `unipc`: diffusers' UniPCMultistepScheduler (Zhao et al. 2023): a UniP predictor every step
 * and a UniC corrector from the second step on, with the B(h) variants bh1 / bh2.
 */
import { expm132, f32 } from './float32.js'
import { MultistepScheduler } from './multistep-scheduler.js'
import { ConfigReader, resolveConfig, type SchedulerConfig } from './scheduler-config.js'
import { solveFloat32 } from './small-linear-solve.js'
import type { StepOutput } from './types.js'

/** UniPCMultistepScheduler's constructor defaults. */
export const UNIPC_DEFAULTS: SchedulerConfig = {
  num_train_timesteps: 1000,
  beta_start: 0.0001,
  beta_end: 0.02,
  beta_schedule: 'linear',
  trained_betas: null,
  solver_order: 2,
  prediction_type: 'epsilon',
  thresholding: false,
  dynamic_thresholding_ratio: 0.995,
  sample_max_value: 1.0,
  predict_x0: true,
  solver_type: 'bh2',
  lower_order_final: true,
  disable_corrector: [],
  solver_p: null,
  use_karras_sigmas: false,
  use_exponential_sigmas: false,
  use_beta_sigmas: false,
  use_flow_sigmas: false,
  flow_shift: 1.0,
  timestep_spacing: 'linspace',
  steps_offset: 0,
  final_sigmas_type: 'zero',
  rescale_betas_zero_snr: false,
  use_dynamic_shifting: false,
  time_shift_type: 'exponential',
  sigma_min: null,
  sigma_max: null,
  shift_terminal: null,
}

/** The B(h) coefficient pieces shared by the predictor and the corrector. */
interface UniCoefficients {
  readonly hPhi1: number
  readonly bH: number
  /** The powers-of-r matrix R (rows r^0, r^1, ...) and the right-hand side b. */
  readonly r: number[][]
  readonly b: number[]
}

export class UniPcMultistepScheduler extends MultistepScheduler {
  readonly #solverOrder: number
  readonly #prediction: 'epsilon' | 'v_prediction' | 'sample'
  readonly #predictX0: boolean
  readonly #bh1: boolean
  readonly #lowerOrderFinal: boolean
  readonly #disableCorrector: readonly number[]
  readonly #karras: boolean
  #modelOutputs: (Float32Array | undefined)[] = []
  #lowerOrderNums = 0
  #lastSample: Float32Array | undefined
  #thisOrder = 1

  constructor(passed: SchedulerConfig, overrides: SchedulerConfig = {}) {
    const reader = new ConfigReader('UniPCMultistepScheduler', resolveConfig(UNIPC_DEFAULTS, passed, overrides))
    super('unipc', 'UniPCMultistepScheduler', reader)
    this.#solverOrder = reader.number('solver_order', { integer: true, min: 1, max: 3 })
    this.#prediction = reader.oneOf('prediction_type', ['epsilon', 'v_prediction', 'sample'])
    this.#predictX0 = reader.boolean('predict_x0')
    // diffusers maps the DPM-Solver types midpoint, heun and logrho to bh2.
    this.#bh1 = reader.oneOf('solver_type', ['bh1', 'bh2', 'midpoint', 'heun', 'logrho']) === 'bh1'
    this.#lowerOrderFinal = reader.boolean('lower_order_final')
    const disable = reader.config['disable_corrector']
    if (!Array.isArray(disable) || !disable.every((v) => Number.isInteger(v))) reader.fail('disable_corrector', 'an array of step indices')
    this.#disableCorrector = disable as number[]
    reader.only('solver_p', null)
    reader.only('shift_terminal', null)
    reader.numberOrNull('sigma_min')
    reader.numberOrNull('sigma_max')
    this.#karras = reader.boolean('use_karras_sigmas')
  }

  protected schedule(steps: number): number[] {
    this.#modelOutputs = new Array(this.#solverOrder).fill(undefined)
    this.#lowerOrderNums = 0
    this.#lastSample = undefined
    this.#thisOrder = 1
    return this.buildSchedule(steps, {
      lastTimestep: this.numTrainTimesteps,
      karras: this.#karras,
      roundKarrasTimesteps: true,
      sigmaMin: this.reader.numberOrNull('sigma_min'),
      sigmaMax: this.reader.numberOrNull('sigma_max'),
      karrasFinalIsLastKarras: true,
    })
  }

  #convert(modelOutput: Float32Array, sample: Float32Array, index: number): Float32Array {
    const { alphaT, sigmaT } = this.stateAt(index)
    const p = this.#prediction
    if (this.#predictX0 ? p === 'sample' : p === 'epsilon') return modelOutput
    const out = new Float32Array(sample.length)
    for (let i = 0; i < out.length; i++) {
      const x = sample[i]!
      const m = modelOutput[i]!
      if (this.#predictX0) out[i] = p === 'epsilon' ? f32(x - f32(sigmaT * m)) / alphaT : f32(alphaT * x) - f32(sigmaT * m)
      else out[i] = p === 'sample' ? f32(x - f32(alphaT * m)) / sigmaT : f32(alphaT * m) + f32(sigmaT * x)
    }
    return out
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array): StepOutput {
    const timesteps = this.requireTimesteps()
    const index = this.currentStepIndex(t)
    const useCorrector = index > 0 && !this.#disableCorrector.includes(index - 1) && this.#lastSample !== undefined
    const converted = this.#convert(modelOutput, sample, index)
    let x = sample
    if (useCorrector) x = this.#corrector(converted, this.#lastSample!, sample, index, this.#thisOrder)
    this.#modelOutputs.shift()
    this.#modelOutputs.push(converted)
    const order = this.#lowerOrderFinal ? Math.min(this.#solverOrder, timesteps.length - index) : this.#solverOrder
    this.#thisOrder = Math.min(order, this.#lowerOrderNums + 1)
    this.#lastSample = x
    const prev = this.#predictor(x, index, this.#thisOrder)
    if (this.#lowerOrderNums < this.#solverOrder) this.#lowerOrderNums++
    this.stepIndexValue = index + 1
    return { prevSample: prev, predOriginalSample: converted }
  }

  #output(k: number): Float32Array {
    return this.#modelOutputs[this.#modelOutputs.length - k]!
  }

  /**
   * The r_k, D1_k and B(h) terms from the step `t` (index `tIndex`) back from `s0`, with
   * the older outputs at schedule indices `olderIndex(k)`.
   */
  #terms(tIndex: number, s0Index: number, order: number, olderIndex: (k: number) => number) {
    const t = this.stateAt(tIndex)
    const s0 = this.stateAt(s0Index)
    const h = f32(t.lambda - s0.lambda)
    const m0 = this.#output(1)
    const rks: number[] = []
    const d1s: Float32Array[] = []
    for (let k = 1; k < order; k++) {
      const mk = this.#output(k + 1)
      const rk = f32(f32(this.stateAt(olderIndex(k)).lambda - s0.lambda) / h)
      rks.push(rk)
      const d = new Float32Array(m0.length)
      for (let i = 0; i < d.length; i++) d[i] = f32(mk[i]! - m0[i]!) / rk
      d1s.push(d)
    }
    rks.push(1)
    const hh = this.#predictX0 ? -h : h
    const hPhi1 = expm132(hh)
    let hPhiK = f32(f32(hPhi1 / hh) - 1)
    let factorial = 1
    const bH = this.#bh1 ? hh : expm132(hh)
    const r: number[][] = []
    const b: number[] = []
    for (let k = 1; k <= order; k++) {
      r.push(rks.map((v) => (k === 1 ? 1 : k === 2 ? v : f32(v ** (k - 1)))))
      b.push(f32(f32(hPhiK * factorial) / bH))
      factorial *= k + 1
      hPhiK = f32(f32(hPhiK / hh) - f32(1 / factorial))
    }
    const coefficients: UniCoefficients = { hPhi1, bH, r, b }
    return { t, s0, m0, d1s, coefficients }
  }

  /** `x_t_`: the first-order part shared by both updates. */
  #base(x: Float32Array, m0: Float32Array, t: { alphaT: number; sigmaT: number }, s0: { alphaT: number; sigmaT: number }, hPhi1: number): Float32Array {
    const out = new Float32Array(x.length)
    const c1 = this.#predictX0 ? f32(t.sigmaT / s0.sigmaT) : f32(t.alphaT / s0.alphaT)
    const c2 = f32((this.#predictX0 ? t.alphaT : t.sigmaT) * hPhi1)
    for (let i = 0; i < out.length; i++) out[i] = f32(c1 * x[i]!) - f32(c2 * m0[i]!)
    return out
  }

  /** `sum_k rhos[k] * D1s[k]` (torch.einsum), in order, float32. */
  #weighted(rhos: readonly number[], d1s: readonly Float32Array[], length: number): Float32Array | undefined {
    if (d1s.length === 0) return undefined
    const out = new Float32Array(length)
    for (let i = 0; i < length; i++) {
      let acc = f32(rhos[0]! * d1s[0]![i]!)
      for (let k = 1; k < d1s.length; k++) acc = f32(acc + f32(rhos[k]! * d1s[k]![i]!))
      out[i] = acc
    }
    return out
  }

  /** UniP: the B(h) predictor to the next sigma. */
  #predictor(x: Float32Array, index: number, order: number): Float32Array {
    const { t, s0, m0, d1s, coefficients } = this.#terms(index + 1, index, order, (k) => index - k)
    const { hPhi1, bH, r, b } = coefficients
    const base = this.#base(x, m0, t, s0, hPhi1)
    const scale = f32((this.#predictX0 ? t.alphaT : t.sigmaT) * bH)
    let rhos: number[] = []
    if (d1s.length > 0) rhos = order === 2 ? [0.5] : solveFloat32(r.slice(0, -1).map((row) => row.slice(0, -1)), b.slice(0, -1))
    const res = this.#weighted(rhos, d1s, x.length)
    const out = new Float32Array(x.length)
    if (res === undefined) {
      const zero = scale * 0
      for (let i = 0; i < out.length; i++) out[i] = base[i]! - zero
    } else {
      for (let i = 0; i < out.length; i++) out[i] = base[i]! - f32(scale * res[i]!)
    }
    return out
  }

  /** UniC: corrects the sample the last predictor made, with this step's model output. */
  #corrector(modelT: Float32Array, lastSample: Float32Array, thisSample: Float32Array, index: number, order: number): Float32Array {
    const { t, s0, m0, d1s, coefficients } = this.#terms(index, index - 1, order, (k) => index - (k + 1))
    const { hPhi1, bH, r, b } = coefficients
    const base = this.#base(lastSample, m0, t, s0, hPhi1)
    const scale = f32((this.#predictX0 ? t.alphaT : t.sigmaT) * bH)
    const rhos = order === 1 ? [0.5] : solveFloat32(r, b)
    const res = this.#weighted(rhos, d1s, thisSample.length)
    const last = f32(rhos[rhos.length - 1]!)
    const out = new Float32Array(thisSample.length)
    for (let i = 0; i < out.length; i++) {
      const d1t = f32(modelT[i]! - m0[i]!)
      const correction = res === undefined ? f32(last * d1t) : f32(res[i]! + f32(last * d1t))
      out[i] = base[i]! - f32(scale * correction)
    }
    return out
  }
}
