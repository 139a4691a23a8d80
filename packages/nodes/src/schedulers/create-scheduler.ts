/** `createScheduler(name, config)`: a diffusers scheduler by name over a `scheduler_config.json` object. */
import { DdimScheduler } from './ddim.js'
import { DdpmScheduler } from './ddpm.js'
import { DpmSolverMultistepScheduler } from './dpm-solver-multistep.js'
import { EulerAncestralScheduler } from './euler-ancestral.js'
import { EulerScheduler } from './euler.js'
import { HeunScheduler } from './heun.js'
import { LmsScheduler } from './lms.js'
import { PndmScheduler } from './pndm.js'
import { type SchedulerConfig, SchedulerConfigError } from './scheduler-config.js'
import { SCHEDULER_NAMES, type Scheduler, type SchedulerName } from './types.js'
import { UniPcMultistepScheduler } from './unipc-multistep.js'

/** Options of `createScheduler` that override the config. */
export interface CreateSchedulerOptions {
  /**
   * Karras sigmas: sets `use_karras_sigmas` for the schedulers that have it (lms, euler, heun,
   * dpmpp_2m, unipc). `true` for another scheduler is an error; `false` is always accepted.
   * @default the config's `use_karras_sigmas`
   */
  readonly karras?: boolean
  /** Config keys that override `config`, e.g. `{ timestep_spacing: 'trailing' }`. */
  readonly overrides?: SchedulerConfig
}

type SchedulerConstructor = new (passed: SchedulerConfig, overrides?: SchedulerConfig) => Scheduler

const CLASSES: Record<SchedulerName, { readonly make: SchedulerConstructor; readonly className: string; readonly karras: boolean }> = {
  ddim: { make: DdimScheduler, className: 'DDIMScheduler', karras: false },
  pndm: { make: PndmScheduler, className: 'PNDMScheduler', karras: false },
  lms: { make: LmsScheduler, className: 'LMSDiscreteScheduler', karras: true },
  euler: { make: EulerScheduler, className: 'EulerDiscreteScheduler', karras: true },
  euler_ancestral: { make: EulerAncestralScheduler, className: 'EulerAncestralDiscreteScheduler', karras: false },
  heun: { make: HeunScheduler, className: 'HeunDiscreteScheduler', karras: true },
  dpmpp_2m: { make: DpmSolverMultistepScheduler, className: 'DPMSolverMultistepScheduler', karras: true },
  unipc: { make: UniPcMultistepScheduler, className: 'UniPCMultistepScheduler', karras: true },
  ddpm: { make: DdpmScheduler, className: 'DDPMScheduler', karras: false },
}

/** Whether `name` is one of `SCHEDULER_NAMES`. */
export function isSchedulerName(name: unknown): name is SchedulerName {
  return typeof name === 'string' && (SCHEDULER_NAMES as readonly string[]).includes(name)
}

/** The diffusers class a scheduler name stands for, e.g. `euler` -> `EulerDiscreteScheduler`. */
export function schedulerClassName(name: SchedulerName): string {
  return CLASSES[name].className
}

/**
 * Makes a fresh scheduler. Keys of `config` the class does not take are ignored (as diffusers'
 * `from_config`), absent keys take the class's defaults.
 *
 * @throws SchedulerConfigError for an unknown name or a config value that is invalid or not supported.
 * @example
 * const scheduler = createScheduler('dpmpp_2m', modelFolder.schedulerConfig, { karras: true })
 * scheduler.setTimesteps(25)
 */
export function createScheduler(name: string, config: SchedulerConfig = {}, options: CreateSchedulerOptions = {}): Scheduler {
  if (!isSchedulerName(name)) {
    throw new SchedulerConfigError(`Unknown scheduler "${name}": expected one of ${SCHEDULER_NAMES.join(', ')}`)
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new SchedulerConfigError(`${CLASSES[name].className}: the config must be an object`)
  }
  const entry = CLASSES[name]
  const overrides: Record<string, unknown> = { ...options.overrides }
  if (options.karras !== undefined) {
    if (entry.karras) overrides['use_karras_sigmas'] = options.karras
    else if (options.karras) throw new SchedulerConfigError(`${entry.className} (${name}) has no Karras sigmas; use karras: false`)
  }
  return new entry.make(config, overrides)
}
