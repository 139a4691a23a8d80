/**
 * The training noise schedule every scheduler starts from: betas, alphas_cumprod and the
 * training sigmas, computed with the float32 torch ops diffusers uses (`torch.linspace`,
 * `torch.cumprod`, elementwise float32 arithmetic).
 */
import { f32, sqrt32 } from './float32.js'

/** The beta schedules supported by `beta_schedule`. */
export const BETA_SCHEDULES = ['linear', 'scaled_linear', 'squaredcos_cap_v2'] as const
export type BetaSchedule = (typeof BETA_SCHEDULES)[number]

/** What `betas` needs from a scheduler config. */
export interface BetaScheduleOptions {
  readonly numTrainTimesteps: number
  readonly betaStart: number
  readonly betaEnd: number
  readonly betaSchedule: BetaSchedule
  readonly trainedBetas: readonly number[] | null
  readonly rescaleBetasZeroSnr: boolean
}

/**
 * `torch.linspace(start, end, steps, dtype=torch.float32)` on the CPU: the float32 step
 * `(end - start) / (steps - 1)`, the first half counted up from `start`, the second half down
 * from `end`.
 */
export function torchLinspaceF32(start: number, end: number, steps: number): Float32Array {
  const out = new Float32Array(steps)
  if (steps === 0) return out
  const s = f32(start)
  const e = f32(end)
  if (steps === 1) {
    out[0] = s
    return out
  }
  const step = f32(f32(e - s) / (steps - 1))
  const halfway = Math.floor(steps / 2)
  for (let i = 0; i < steps; i++) {
    out[i] = i < halfway ? f32(s + f32(step * i)) : f32(e - f32(step * (steps - i - 1)))
  }
  return out
}

/** diffusers' `betas_for_alpha_bar` with the Glide cosine `alpha_bar` (max_beta 0.999), in float64 then float32. */
export function cosineBetas(numTrainTimesteps: number, maxBeta = 0.999): Float32Array {
  const alphaBar = (t: number) => Math.cos(((t + 0.008) / 1.008) * Math.PI / 2) ** 2
  const out = new Float32Array(numTrainTimesteps)
  for (let i = 0; i < numTrainTimesteps; i++) {
    const t1 = i / numTrainTimesteps
    const t2 = (i + 1) / numTrainTimesteps
    out[i] = Math.min(1 - alphaBar(t2) / alphaBar(t1), maxBeta)
  }
  return out
}

/** `torch.cumprod` of float32 values on the CPU: a float64 running product, each output rounded. */
export function cumprodF32(values: Float32Array): Float32Array {
  const out = new Float32Array(values.length)
  let acc = 1
  for (let i = 0; i < values.length; i++) {
    acc *= values[i]!
    out[i] = acc
  }
  return out
}

/** `1 - x` elementwise in float32. */
function oneMinus(values: Float32Array): Float32Array {
  const out = new Float32Array(values.length)
  for (let i = 0; i < values.length; i++) out[i] = 1 - values[i]!
  return out
}

/**
 * diffusers' `rescale_zero_terminal_snr` (Lin et al. 2023, Algorithm 1) in float32: shift and
 * scale sqrt(alphas_cumprod) so the last one is zero, then back to betas.
 */
export function rescaleZeroTerminalSnr(betas: Float32Array): Float32Array {
  const n = betas.length
  const cumprod = cumprodF32(oneMinus(betas))
  const sqrtBar = new Float32Array(n)
  for (let i = 0; i < n; i++) sqrtBar[i] = Math.sqrt(cumprod[i]!)
  const first = sqrtBar[0]!
  const last = sqrtBar[n - 1]!
  const scale = f32(first / f32(first - last))
  const alphasBar = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    const shifted = f32(sqrtBar[i]! - last)
    const scaled = f32(shifted * scale)
    alphasBar[i] = scaled * scaled
  }
  const alphas = new Float32Array(n)
  alphas[0] = alphasBar[0]!
  for (let i = 1; i < n; i++) alphas[i] = alphasBar[i]! / alphasBar[i - 1]!
  return oneMinus(alphas)
}

/** The betas of a config, as the diffusers scheduler constructors make them. */
export function betasFor(options: BetaScheduleOptions): Float32Array {
  let betas: Float32Array
  if (options.trainedBetas !== null) {
    betas = Float32Array.from(options.trainedBetas)
  } else if (options.betaSchedule === 'linear') {
    betas = torchLinspaceF32(options.betaStart, options.betaEnd, options.numTrainTimesteps)
  } else if (options.betaSchedule === 'scaled_linear') {
    const roots = torchLinspaceF32(Math.sqrt(options.betaStart), Math.sqrt(options.betaEnd), options.numTrainTimesteps)
    betas = new Float32Array(roots.length)
    for (let i = 0; i < roots.length; i++) betas[i] = roots[i]! * roots[i]!
  } else {
    betas = cosineBetas(options.numTrainTimesteps)
  }
  return options.rescaleBetasZeroSnr ? rescaleZeroTerminalSnr(betas) : betas
}

/** `alphas = 1 - betas` and `alphas_cumprod = cumprod(alphas)`, float32. */
export function alphasFor(betas: Float32Array): { readonly alphas: Float32Array; readonly alphasCumprod: Float32Array } {
  const alphas = oneMinus(betas)
  return { alphas, alphasCumprod: cumprodF32(alphas) }
}

/** The training sigmas `((1 - alphas_cumprod) / alphas_cumprod) ** 0.5`, float32, in training order. */
export function trainingSigmas(alphasCumprod: Float32Array): Float32Array {
  const out = new Float32Array(alphasCumprod.length)
  for (let i = 0; i < out.length; i++) {
    const a = alphasCumprod[i]!
    out[i] = sqrt32(f32(f32(1 - a) / a))
  }
  return out
}
