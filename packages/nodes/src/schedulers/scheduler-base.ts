/**
 * What every scheduler shares: the resolved config, the training noise schedule, the
 * timesteps lifecycle, begin index and img2img's strength cut, noise drawing.
 */
import { alphasFor, BETA_SCHEDULES, betasFor } from './noise-schedule.js'
import type { ConfigReader } from './scheduler-config.js'
import type { NoiseSource, Scheduler, SchedulerName, StepOptions, StepOutput } from './types.js'

/** The noise schedule read from a config (every diffusers scheduler has these keys). */
export function readNoiseSchedule(reader: ConfigReader): { betas: Float32Array; alphas: Float32Array; alphasCumprod: Float32Array; numTrainTimesteps: number } {
  const numTrainTimesteps = reader.number('num_train_timesteps', { integer: true, min: 2 })
  const trainedBetas = reader.numberArrayOrNull('trained_betas')
  if (trainedBetas !== null && trainedBetas.length !== numTrainTimesteps) {
    reader.fail('trained_betas', `an array of num_train_timesteps (${numTrainTimesteps}) numbers`)
  }
  const betas = betasFor({
    numTrainTimesteps,
    betaStart: reader.number('beta_start'),
    betaEnd: reader.number('beta_end'),
    betaSchedule: reader.oneOf('beta_schedule', BETA_SCHEDULES),
    trainedBetas,
    rescaleBetasZeroSnr: 'rescale_betas_zero_snr' in reader.config ? reader.boolean('rescale_betas_zero_snr') : false,
  })
  return { betas, ...alphasFor(betas), numTrainTimesteps }
}

export abstract class SchedulerBase implements Scheduler {
  readonly order: number = 1
  readonly config: Readonly<Record<string, unknown>>
  protected readonly numTrainTimesteps: number
  protected readonly betas: Float32Array
  protected readonly alphas: Float32Array
  protected readonly alphasCumprod: Float32Array
  /** The steps given to `setTimesteps`, undefined before. */
  protected numInferenceSteps: number | undefined
  protected timestepList: number[] | undefined
  protected stepIndexValue: number | undefined
  protected beginIndexValue: number | undefined
  /** Whether the diffusers class has `set_begin_index` (the img2img pipeline calls it then). */
  protected readonly hasBeginIndex: boolean = true

  constructor(
    readonly name: SchedulerName,
    readonly className: string,
    protected readonly reader: ConfigReader,
  ) {
    this.config = Object.freeze({ ...reader.config })
    const schedule = readNoiseSchedule(reader)
    this.numTrainTimesteps = schedule.numTrainTimesteps
    this.betas = schedule.betas
    this.alphas = schedule.alphas
    this.alphasCumprod = schedule.alphasCumprod
  }

  abstract readonly initNoiseSigma: number
  abstract scaleModelInput(sample: Float32Array, t: number): Float32Array
  abstract step(modelOutput: Float32Array, t: number, sample: Float32Array, options?: StepOptions): StepOutput
  abstract addNoise(originalSamples: Float32Array, noise: Float32Array, t: number): Float32Array
  /** Computes the timesteps (and sigmas) for `steps` and resets the stepping state. */
  protected abstract schedule(steps: number): number[]

  setTimesteps(numInferenceSteps: number): void {
    if (!Number.isInteger(numInferenceSteps) || numInferenceSteps < 1 || numInferenceSteps > this.numTrainTimesteps) {
      throw new RangeError(`${this.className}: steps must be an integer from 1 to num_train_timesteps (${this.numTrainTimesteps}), got ${numInferenceSteps}`)
    }
    this.numInferenceSteps = numInferenceSteps
    this.stepIndexValue = undefined
    this.beginIndexValue = undefined
    this.timestepList = this.schedule(numInferenceSteps)
  }

  get timesteps(): readonly number[] {
    return this.requireTimesteps()
  }

  get stepIndex(): number | undefined {
    return this.stepIndexValue
  }

  get beginIndex(): number | undefined {
    return this.beginIndexValue
  }

  setBeginIndex(beginIndex: number): void {
    if (!Number.isInteger(beginIndex) || beginIndex < 0) throw new RangeError(`${this.className}: begin index must be a non-negative integer, got ${beginIndex}`)
    this.beginIndexValue = beginIndex
  }

  timestepsForStrength(strength: number): readonly number[] {
    const timesteps = this.requireTimesteps()
    if (!(strength >= 0 && strength <= 1)) throw new RangeError(`strength must be in [0, 1], got ${strength}`)
    const steps = this.numInferenceSteps!
    const initTimestep = Math.min(Math.trunc(steps * strength), steps)
    const start = Math.max(steps - initTimestep, 0) * this.order
    if (this.hasBeginIndex) this.setBeginIndex(start)
    return timesteps.slice(start)
  }

  protected requireTimesteps(): number[] {
    if (this.timestepList === undefined) throw new Error(`${this.className}: call setTimesteps(steps) before using the timesteps`)
    return this.timestepList
  }

  /** Draws the step's noise from `options.generator`, which the step requires. */
  protected drawNoise(options: StepOptions | undefined, length: number): Float32Array {
    const generator: NoiseSource | undefined = options?.generator
    if (generator === undefined) throw new Error(`${this.className}: this step draws noise; pass step(..., { generator })`)
    const noise = generator.randn(options?.shape ?? [length])
    if (noise.length !== length) throw new RangeError(`${this.className}: the generator gave ${noise.length} values for a sample of ${length}`)
    return noise
  }
}

