/**
 * The forward process `add_noise` (img2img's starting latent) in diffusers' three forms, in
 * float32 like the torch ops they are.
 */
import { assertSameLength, f32, sqrt32, square32 } from './float32.js'

/** DDPM / DDIM / PNDM: `sqrt(a) * x + sqrt(1 - a) * noise` with `a = alphas_cumprod[t]`. */
export function addNoiseByAlphaCumprod(alphaProd: number, original: Float32Array, noise: Float32Array): Float32Array {
  assertSameLength('add_noise', original, noise)
  const sqrtAlpha = sqrt32(alphaProd)
  const sqrtOneMinus = sqrt32(f32(1 - alphaProd))
  const out = new Float32Array(original.length)
  for (let i = 0; i < out.length; i++) out[i] = f32(sqrtAlpha * original[i]!) + f32(sqrtOneMinus * noise[i]!)
  return out
}

/** The Karras-style sigma schedulers: `x + noise * sigma`. */
export function addNoiseBySigma(sigma: number, original: Float32Array, noise: Float32Array): Float32Array {
  assertSameLength('add_noise', original, noise)
  const out = new Float32Array(original.length)
  for (let i = 0; i < out.length; i++) out[i] = original[i]! + f32(noise[i]! * sigma)
  return out
}

/** `alpha_t, sigma_t` of a sigma: `1 / sqrt(sigma^2 + 1)` and `sigma * alpha_t` (float32). */
export function alphaSigmaOf(sigma: number): { readonly alphaT: number; readonly sigmaT: number } {
  const alphaT = f32(1 / sqrt32(f32(square32(sigma) + 1)))
  return { alphaT, sigmaT: f32(sigma * alphaT) }
}

/** DPM-Solver / UniPC: `alpha_t * x + sigma_t * noise` from the step's sigma. */
export function addNoiseByAlphaSigma(sigma: number, original: Float32Array, noise: Float32Array): Float32Array {
  assertSameLength('add_noise', original, noise)
  const { alphaT, sigmaT } = alphaSigmaOf(sigma)
  const out = new Float32Array(original.length)
  for (let i = 0; i < out.length; i++) out[i] = f32(alphaT * original[i]!) + f32(sigmaT * noise[i]!)
  return out
}
