/**
 * ComfyUI's `sampler_name` and `scheduler` choices, mapped onto Latentflow's diffusers
 * schedulers: the sampler picks the scheduler class, ComfyUI's `karras` schedule is its Karras
 * sigmas. Only the choices that map cleanly are offered.
 */
import { createScheduler, type SchedulerName } from '../schedulers/index.js'
import type { ModelHandle, SchedulerSpec } from '../sd/sd-types.js'

/** ComfyUI sampler name -> Latentflow scheduler name. */
export const COMFY_SAMPLERS = {
  euler: 'euler',
  euler_ancestral: 'euler_ancestral',
  heun: 'heun',
  dpmpp_2m: 'dpmpp_2m',
  lms: 'lms',
  ddim: 'ddim',
  uni_pc: 'unipc',
  ddpm: 'ddpm',
} as const satisfies Record<string, SchedulerName>

export type ComfySamplerName = keyof typeof COMFY_SAMPLERS

export const COMFY_SAMPLER_NAMES = Object.keys(COMFY_SAMPLERS) as ComfySamplerName[]

/** ComfyUI's `scheduler` choices that Latentflow has: `normal` (the model's spacing) and `karras`. */
export const COMFY_SCHEDULER_NAMES = ['normal', 'karras'] as const

export type ComfySchedulerName = (typeof COMFY_SCHEDULER_NAMES)[number]

/** Why this sampler and schedule cannot go together, or undefined when they can. */
export function comfySamplerProblem(sampler: unknown, scheduler: unknown): string | undefined {
  if (scheduler !== 'karras' || typeof sampler !== 'string' || !Object.hasOwn(COMFY_SAMPLERS, sampler)) return undefined
  try {
    createScheduler(COMFY_SAMPLERS[sampler as ComfySamplerName], {}, { karras: true })
    return undefined
  } catch {
    return `sampler "${sampler}" has no Karras schedule in Latentflow: use scheduler "normal"`
  }
}

/** The SCHEDULER a ComfyUI sampler uses: the model's scheduler config under the chosen class. */
export function comfySchedulerSpec(model: ModelHandle, sampler: ComfySamplerName, scheduler: ComfySchedulerName, steps: number): SchedulerSpec {
  const name = COMFY_SAMPLERS[sampler]
  const karras = scheduler === 'karras'
  const config = model.folder.schedulerConfig
  createScheduler(name, config, { karras }).setTimesteps(steps) // fails here, naming the problem, not mid-sampling
  return Object.freeze({ name, steps, karras, config })
}
