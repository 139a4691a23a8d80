/**
 * `timestep_spacing` (Lin et al. 2023, table 2) as diffusers' schedulers compute it, before each
 * scheduler's own casting: all lists run from noisy to clean (descending).
 */
import { arange, linspace, roundHalfEven } from './numpy-ops.js'

export const TIMESTEP_SPACINGS = ['linspace', 'leading', 'trailing'] as const
export type TimestepSpacing = (typeof TIMESTEP_SPACINGS)[number]

/** `np.linspace(0, numTrain - 1, steps)[::-1]`: float64, not rounded. */
export function linspaceTimesteps(numTrain: number, steps: number): number[] {
  return linspace(0, numTrain - 1, steps).reverse()
}

/** `(np.arange(0, steps) * (numTrain // steps)).round()[::-1] + stepsOffset`. */
export function leadingTimesteps(numTrain: number, steps: number, stepsOffset: number): number[] {
  const ratio = Math.floor(numTrain / steps)
  const out: number[] = []
  for (let k = steps - 1; k >= 0; k--) out.push(k * ratio + stepsOffset)
  return out
}

/** `np.round(np.arange(numTrain, 0, -numTrain / steps)) - 1`. */
export function trailingTimesteps(numTrain: number, steps: number): number[] {
  return arange(numTrain, 0, -numTrain / steps).map((t) => roundHalfEven(t) - 1)
}

/**
 * The integer timesteps of DDIMScheduler and DDPMScheduler (`int64`): linspace rounded half to
 * even, leading with `steps_offset`, or trailing.
 */
export function integerTimesteps(spacing: TimestepSpacing, numTrain: number, steps: number, stepsOffset: number): number[] {
  if (spacing === 'linspace') return linspaceTimesteps(numTrain, steps).map(roundHalfEven)
  if (spacing === 'leading') return leadingTimesteps(numTrain, steps, stepsOffset)
  return trailingTimesteps(numTrain, steps)
}

/**
 * The float32 timesteps of the sigma schedulers (Euler, Euler ancestral, LMS, Heun): linspace
 * values rounded to float32, or the integer leading / trailing ones.
 */
export function float32Timesteps(spacing: TimestepSpacing, numTrain: number, steps: number, stepsOffset: number): number[] {
  if (spacing === 'linspace') return linspaceTimesteps(numTrain, steps).map(Math.fround)
  if (spacing === 'leading') return leadingTimesteps(numTrain, steps, stepsOffset).map(Math.fround)
  return trailingTimesteps(numTrain, steps).map(Math.fround)
}
