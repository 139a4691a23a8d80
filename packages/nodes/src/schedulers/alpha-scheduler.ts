/**
 * The base of diffusers' integer-timestep schedulers indexed by `alphas_cumprod[t]` (DDIM,
 * DDPM, PNDM): unit initial noise, an unscaled model input, `add_noise` by alphas_cumprod, and
 * no begin index (their `step` works from the timestep itself).
 */
import { addNoiseByAlphaCumprod } from './add-noise.js'
import { SchedulerBase } from './scheduler-base.js'

export abstract class AlphaScheduler extends SchedulerBase {
  protected override readonly hasBeginIndex: boolean = false
  readonly initNoiseSigma: number = 1

  /** `alphas_cumprod[t]` for a training timestep. */
  protected alphaProd(t: number): number {
    if (!Number.isInteger(t) || t < 0 || t >= this.alphasCumprod.length) {
      throw new RangeError(`${this.className}: timestep ${t} is not an integer training timestep in [0, ${this.alphasCumprod.length - 1}]`)
    }
    return this.alphasCumprod[t]!
  }

  /** Returns the sample unchanged, as diffusers does. */
  scaleModelInput(sample: Float32Array, _t: number): Float32Array {
    return sample
  }

  addNoise(originalSamples: Float32Array, noise: Float32Array, t: number): Float32Array {
    return addNoiseByAlphaCumprod(this.alphaProd(t), originalSamples, noise)
  }
}
