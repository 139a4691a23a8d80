/** The scheduler API: diffusers' scheduler semantics on flat float32 tensors. */

/** The scheduler names `createScheduler` takes, each one diffusers class. */
export const SCHEDULER_NAMES = ['ddim', 'pndm', 'lms', 'euler', 'euler_ancestral', 'heun', 'dpmpp_2m', 'unipc', 'ddpm'] as const
export type SchedulerName = (typeof SCHEDULER_NAMES)[number]

/** Draws `torch.randn`-identical float32 noise, e.g. `TorchGenerator`. */
export interface NoiseSource {
  randn(shape: readonly number[]): Float32Array
}

/** Options of one `step` call. */
export interface StepOptions {
  /**
   * The generator for the noise a stochastic step draws (Euler ancestral, DDPM, DDIM with
   * `eta > 0`, SDE DPM-Solver++): diffusers' `generator` argument of `step`.
   */
  readonly generator?: NoiseSource
  /**
   * The sample's shape, passed to `generator.randn`.
   * @default [sample.length] (torch's noise depends only on the number of values)
   */
  readonly shape?: readonly number[]
  /**
   * DDIM's `eta`, the weight of the noise added per step; other schedulers ignore it.
   * @default 0
   */
  readonly eta?: number
}

/** What `step` returns, as diffusers' scheduler output. */
export interface StepOutput {
  /** x_{t-1}: the next sample of the loop. */
  readonly prevSample: Float32Array
  /** The predicted denoised sample x_0, where the scheduler computes one. */
  readonly predOriginalSample?: Float32Array
}

/**
 * A diffusers scheduler. Stateful as in diffusers (step index, multistep history, Heun's
 * first/second-order alternation, PNDM's ets): make a fresh one for every sampling run.
 *
 * @example
 * const scheduler = createScheduler('euler', config)
 * scheduler.setTimesteps(20)
 * let x = noise.map((v) => Math.fround(v * scheduler.initNoiseSigma))
 * for (const t of scheduler.timesteps) {
 *   const eps = model(scheduler.scaleModelInput(x, t), t)
 *   x = scheduler.step(eps, t, x, { generator }).prevSample
 * }
 */
export interface Scheduler {
  /** The name it was created with, e.g. `euler`. */
  readonly name: SchedulerName
  /** The diffusers class it reproduces, e.g. `EulerDiscreteScheduler`. */
  readonly className: string
  /** The full resolved config: the class's defaults with the given keys applied. */
  readonly config: Readonly<Record<string, unknown>>
  /** diffusers' `scheduler.order`: 2 for Heun (two model calls per step), else 1. */
  readonly order: number
  /**
   * Sets the number of denoising steps and resets the scheduler's state (diffusers'
   * `set_timesteps`).
   * @throws RangeError unless `1 <= numInferenceSteps <= num_train_timesteps` (an integer).
   */
  setTimesteps(numInferenceSteps: number): void
  /** `scheduler.timesteps` after `setTimesteps` (integers, or float32 values where diffusers gives floats). */
  readonly timesteps: readonly number[]
  /** `scheduler.sigmas` (float32) for the sigma-based and multistep schedulers. */
  readonly sigmas?: Float32Array
  /** `scheduler.init_noise_sigma`: the initial noise is `randn * initNoiseSigma`. */
  readonly initNoiseSigma: number
  /** The index of the next step once stepping started (`scheduler.step_index`). */
  readonly stepIndex: number | undefined
  /** The index stepping starts from, once set (`scheduler.begin_index`). */
  readonly beginIndex: number | undefined
  /** diffusers' `set_begin_index`: where stepping starts in `timesteps` (img2img). */
  setBeginIndex(beginIndex: number): void
  /**
   * What diffusers' img2img pipeline runs for `strength` in [0, 1]: `init = min(int(n *
   * strength), n)`, `tStart = max(n - init, 0)`, the timesteps from `tStart * order` on, and
   * `set_begin_index(tStart * order)` for the schedulers that have it. Call after `setTimesteps`.
   */
  timestepsForStrength(strength: number): readonly number[]
  /**
   * Scales the model input for timestep `t`: the sigma schedulers divide by `sqrt(sigma^2 + 1)`
   * (a new array); the others return `sample` itself, as diffusers does.
   */
  scaleModelInput(sample: Float32Array, t: number): Float32Array
  /** One denoising step from the model output at timestep `t`. */
  step(modelOutput: Float32Array, t: number, sample: Float32Array, options?: StepOptions): StepOutput
  /** Noises clean samples to timestep `t` (img2img's starting latent), as diffusers' `add_noise`. */
  addNoise(originalSamples: Float32Array, noise: Float32Array, t: number): Float32Array
}
