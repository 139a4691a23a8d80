/**
 * Sigma schedules and the sigma -> timestep map that diffusers' Karras-sigma schedulers use
 * (`_convert_to_karras`, `_sigma_to_t`), with NumPy's float32/float64 promotion reproduced.
 */
import { numpyLogF32 } from './numpy-float32-log.js'
import { linspace } from './numpy-ops.js'

/** `np.log` of the float32 training sigmas: NumPy's float32 log, kept as numbers. */
export function logSigmasF32(sigmas: Float32Array): Float64Array {
  const out = new Float64Array(sigmas.length)
  for (let i = 0; i < sigmas.length; i++) out[i] = numpyLogF32(sigmas[i]!)
  return out
}

/**
 * The Karras et al. (2022) schedule with rho = 7 from `sigmaMax` down to `sigmaMin`, in float64:
 * `(max^(1/rho) + ramp * (min^(1/rho) - max^(1/rho))) ^ rho`.
 */
export function karrasSigmas(sigmaMin: number, sigmaMax: number, steps: number): number[] {
  const rho = 7
  const ramp = linspace(0, 1, steps)
  const minInvRho = sigmaMin ** (1 / rho)
  const maxInvRho = sigmaMax ** (1 / rho)
  const span = minInvRho - maxInvRho
  return ramp.map((r) => (maxInvRho + r * span) ** rho)
}

/**
 * diffusers' `_sigma_to_t`: the fractional training timestep whose log-sigma matches, by linear
 * interpolation between the two neighbouring float32 log-sigmas.
 *
 * @param logSigmas float32 log training sigmas, ascending (training order).
 */
export function sigmaToT(sigma: number, logSigmas: Float64Array): number {
  const logSigma = Math.log(Math.max(sigma, 1e-10))
  // The last index whose log-sigma is <= logSigma (0 when none is), at most len - 2.
  let low = 0
  for (let i = 0; i < logSigmas.length; i++) if (logSigma - logSigmas[i]! >= 0) low = i
  low = Math.min(low, logSigmas.length - 2)
  const high = low + 1
  const lowLog = logSigmas[low]!
  const highLog = logSigmas[high]!
  // (float32 - float64) is float64, (float32 - float32) stays float32 (NumPy 2 promotion).
  let w = (lowLog - logSigma) / Math.fround(lowLog - highLog)
  w = Math.min(Math.max(w, 0), 1)
  return (1 - w) * low + w * high
}
