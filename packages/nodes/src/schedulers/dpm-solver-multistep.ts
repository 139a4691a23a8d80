/**
 * `dpmpp_2m`: diffusers' DPMSolverMultistepScheduler (Lu et al. 2022), by default DPM-Solver++
 * of order 2 with the midpoint update. Also `solver_order` 1-3, `solver_type` "heun" and
 * `algorithm_type` "sde-dpmsolver++" (which draws noise every step).
 */
import { exp32, f32, log32, sqrt32 } from './float32.js'
import { MultistepScheduler } from './multistep-scheduler.js'
import { ConfigReader, resolveConfig, type SchedulerConfig } from './scheduler-config.js'
import type { StepOptions, StepOutput } from './types.js'

/** DPMSolverMultistepScheduler's constructor defaults (`lambda_min_clipped` is -inf). */
export const DPM_SOLVER_DEFAULTS: SchedulerConfig = {
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
  algorithm_type: 'dpmsolver++',
  solver_type: 'midpoint',
  lower_order_final: true,
  euler_at_final: false,
  use_karras_sigmas: false,
  use_exponential_sigmas: false,
  use_beta_sigmas: false,
  use_lu_lambdas: false,
  use_flow_sigmas: false,
  flow_shift: 1.0,
  final_sigmas_type: 'zero',
  lambda_min_clipped: -Infinity,
  variance_type: null,
  timestep_spacing: 'linspace',
  steps_offset: 0,
  rescale_betas_zero_snr: false,
  use_dynamic_shifting: false,
  time_shift_type: 'exponential',
}

/** `sum_k c_k * x_k` over tensors, each product and each partial sum rounded to float32, in order. */
function combine(terms: readonly (readonly [number, Float32Array])[]): Float32Array {
  const out = new Float32Array(terms[0]![1].length)
  for (let i = 0; i < out.length; i++) {
    let acc = f32(terms[0]![0] * terms[0]![1][i]!)
    for (let k = 1; k < terms.length; k++) acc = f32(acc + f32(terms[k]![0] * terms[k]![1][i]!))
    out[i] = acc
  }
  return out
}

/** `c * (a - b)` elementwise in float32. */
function scaledDifference(c: number, a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length)
  for (let i = 0; i < out.length; i++) out[i] = f32(c * f32(a[i]! - b[i]!))
  return out
}

export class DpmSolverMultistepScheduler extends MultistepScheduler {
  readonly #solverOrder: number
  readonly #prediction: 'epsilon' | 'v_prediction' | 'sample'
  readonly #sde: boolean
  readonly #heun: boolean
  readonly #lowerOrderFinal: boolean
  readonly #eulerAtFinal: boolean
  readonly #karras: boolean
  readonly #lastTimestep: number
  #modelOutputs: (Float32Array | undefined)[] = []
  #lowerOrderNums = 0

  constructor(passed: SchedulerConfig, overrides: SchedulerConfig = {}) {
    const reader = new ConfigReader('DPMSolverMultistepScheduler', resolveConfig(DPM_SOLVER_DEFAULTS, passed, overrides))
    super('dpmpp_2m', 'DPMSolverMultistepScheduler', reader)
    this.#solverOrder = reader.number('solver_order', { integer: true, min: 1, max: 3 })
    this.#prediction = reader.oneOf('prediction_type', ['epsilon', 'v_prediction', 'sample'])
    const algorithm = reader.config['algorithm_type']
    if (algorithm === 'dpmsolver' || algorithm === 'sde-dpmsolver') reader.unsupported('algorithm_type', '"dpmsolver++", "sde-dpmsolver++"')
    this.#sde = reader.oneOf('algorithm_type', ['dpmsolver++', 'sde-dpmsolver++', 'deis']) === 'sde-dpmsolver++'
    const solverType = reader.oneOf('solver_type', ['midpoint', 'heun', 'logrho', 'bh1', 'bh2'])
    this.#heun = solverType === 'heun' // diffusers maps logrho, bh1 and bh2 to midpoint
    this.#lowerOrderFinal = reader.boolean('lower_order_final')
    this.#eulerAtFinal = reader.boolean('euler_at_final')
    this.#karras = reader.boolean('use_karras_sigmas')
    reader.only('use_lu_lambdas', false)
    reader.only('variance_type', null)
    this.#lastTimestep = this.numTrainTimesteps - this.#clippedIndex(reader)
  }

  /** `searchsorted(flip(lambda_t), lambda_min_clipped)`: training steps cut off at the clean end. */
  #clippedIndex(reader: ConfigReader): number {
    const value = reader.config['lambda_min_clipped']
    if (value === -Infinity || value === null) return 0
    const clip = reader.number('lambda_min_clipped')
    let index = 0
    for (let i = this.alphasCumprod.length - 1; i >= 0; i--, index++) {
      const a = this.alphasCumprod[i]!
      if (f32(log32(sqrt32(a)) - log32(sqrt32(f32(1 - a)))) >= clip) break
    }
    return index
  }

  protected schedule(steps: number): number[] {
    this.#modelOutputs = new Array(this.#solverOrder).fill(undefined)
    this.#lowerOrderNums = 0
    return this.buildSchedule(steps, {
      lastTimestep: this.#lastTimestep,
      karras: this.#karras,
      roundKarrasTimesteps: this.config['beta_schedule'] !== 'squaredcos_cap_v2',
      sigmaMin: null,
      sigmaMax: null,
      karrasFinalIsLastKarras: false,
    })
  }

  /** The data prediction x_0 that DPM-Solver++ integrates. */
  #convert(modelOutput: Float32Array, sample: Float32Array, index: number): Float32Array {
    if (this.#prediction === 'sample') return modelOutput
    const { alphaT, sigmaT } = this.stateAt(index)
    const out = new Float32Array(sample.length)
    for (let i = 0; i < out.length; i++) {
      out[i] = this.#prediction === 'epsilon'
        ? f32(sample[i]! - f32(sigmaT * modelOutput[i]!)) / alphaT
        : f32(alphaT * sample[i]!) - f32(sigmaT * modelOutput[i]!)
    }
    return out
  }

  /** Needs `options.generator` when `algorithm_type` is "sde-dpmsolver++". */
  step(modelOutput: Float32Array, t: number, sample: Float32Array, options?: StepOptions): StepOutput {
    const timesteps = this.requireTimesteps()
    const index = this.currentStepIndex(t)
    const count = timesteps.length
    const lowerOrderFinal = index === count - 1 && (this.#eulerAtFinal || (this.#lowerOrderFinal && count < 15) || this.finalSigmasType === 'zero')
    const lowerOrderSecond = index === count - 2 && this.#lowerOrderFinal && count < 15
    const converted = this.#convert(modelOutput, sample, index)
    this.#modelOutputs.shift()
    this.#modelOutputs.push(converted)
    const noise = this.#sde ? this.drawNoise(options, sample.length) : undefined

    let prev: Float32Array
    if (this.#solverOrder === 1 || this.#lowerOrderNums < 1 || lowerOrderFinal) prev = this.#firstOrder(converted, sample, index, noise)
    else if (this.#solverOrder === 2 || this.#lowerOrderNums < 2 || lowerOrderSecond) prev = this.#secondOrder(sample, index, noise)
    else prev = this.#thirdOrder(sample, index, noise)

    if (this.#lowerOrderNums < this.#solverOrder) this.#lowerOrderNums++
    this.stepIndexValue = index + 1
    return { prevSample: prev, predOriginalSample: converted }
  }

  #output(k: number): Float32Array {
    return this.#modelOutputs[this.#modelOutputs.length - k]!
  }

  /** The SDE variant's noise term `sigma_t * sqrt(1 - exp(-2h)) * noise`, if any. */
  #noiseTerm(sigmaT: number, h: number, noise: Float32Array | undefined): (readonly [number, Float32Array])[] {
    if (noise === undefined) return []
    return [[f32(sigmaT * sqrt32(f32(1 - exp32(f32(-2 * h))))), noise]]
  }

  #firstOrder(m0: Float32Array, sample: Float32Array, index: number, noise: Float32Array | undefined): Float32Array {
    const t = this.stateAt(index + 1)
    const s = this.stateAt(index)
    const h = f32(t.lambda - s.lambda)
    if (!this.#sde) {
      return combine([[f32(t.sigmaT / s.sigmaT), sample], [-f32(t.alphaT * f32(exp32(-h) - 1)), m0]])
    }
    return combine([
      [f32(f32(t.sigmaT / s.sigmaT) * exp32(-h)), sample],
      [f32(t.alphaT * f32(1 - exp32(f32(-2 * h)))), m0],
      ...this.#noiseTerm(t.sigmaT, h, noise),
    ])
  }

  #secondOrder(sample: Float32Array, index: number, noise: Float32Array | undefined): Float32Array {
    const t = this.stateAt(index + 1)
    const s0 = this.stateAt(index)
    const s1 = this.stateAt(index - 1)
    const m0 = this.#output(1)
    const m1 = this.#output(2)
    const h = f32(t.lambda - s0.lambda)
    const r0 = f32(f32(s0.lambda - s1.lambda) / h)
    const d1 = scaledDifference(f32(1 / r0), m0, m1)
    if (!this.#sde) {
      const c0 = f32(t.alphaT * f32(exp32(-h) - 1))
      const c1 = this.#heun ? -f32(t.alphaT * f32(f32(f32(exp32(-h) - 1) / h) + 1)) : f32(0.5 * c0)
      return combine([[f32(t.sigmaT / s0.sigmaT), sample], [-c0, m0], [-c1, d1]])
    }
    const c0 = f32(t.alphaT * f32(1 - exp32(f32(-2 * h))))
    const c1 = this.#heun ? f32(t.alphaT * f32(f32(f32(1 - exp32(f32(-2 * h))) / f32(-2 * h)) + 1)) : f32(0.5 * c0)
    return combine([[f32(f32(t.sigmaT / s0.sigmaT) * exp32(-h)), sample], [c0, m0], [c1, d1], ...this.#noiseTerm(t.sigmaT, h, noise)])
  }

  #thirdOrder(sample: Float32Array, index: number, noise: Float32Array | undefined): Float32Array {
    const t = this.stateAt(index + 1)
    const s0 = this.stateAt(index)
    const s1 = this.stateAt(index - 1)
    const s2 = this.stateAt(index - 2)
    const [m0, m1, m2] = [this.#output(1), this.#output(2), this.#output(3)]
    const h = f32(t.lambda - s0.lambda)
    const r0 = f32(f32(s0.lambda - s1.lambda) / h)
    const r1 = f32(f32(s1.lambda - s2.lambda) / h)
    const d10 = scaledDifference(f32(1 / r0), m0, m1)
    const d11 = scaledDifference(f32(1 / r1), m1, m2)
    const sum = f32(r0 + r1)
    const ratio = f32(r0 / sum)
    const inverse = f32(1 / sum)
    const d1 = new Float32Array(sample.length)
    const d2 = new Float32Array(sample.length)
    for (let i = 0; i < d1.length; i++) {
      const diff = f32(d10[i]! - d11[i]!)
      d1[i] = d10[i]! + f32(ratio * diff)
      d2[i] = f32(inverse * diff)
    }
    if (!this.#sde) {
      const em1 = f32(exp32(-h) - 1)
      const c0 = f32(t.alphaT * em1)
      const c1 = f32(t.alphaT * f32(f32(em1 / h) + 1))
      const c2 = f32(t.alphaT * f32(f32(f32(em1 + h) / f32(h * h)) - 0.5))
      return combine([[f32(t.sigmaT / s0.sigmaT), sample], [-c0, m0], [c1, d1], [-c2, d2]])
    }
    const om = f32(1 - exp32(f32(-2 * h)))
    const c0 = f32(t.alphaT * om)
    const c1 = f32(t.alphaT * f32(f32(om / f32(-2 * h)) + 1))
    const twoH = f32(2 * h)
    const c2 = f32(t.alphaT * f32(f32(f32(om - twoH) / f32(twoH * twoH)) - 0.5))
    return combine([[f32(f32(t.sigmaT / s0.sigmaT) * exp32(-h)), sample], [c0, m0], [c1, d1], [c2, d2], ...this.#noiseTerm(t.sigmaT, h, noise)])
  }
}
