/**
 * diffusers-exact schedulers: DDIM, PNDM, LMS, Euler, Euler ancestral, Heun, DPM-Solver++ 2M,
 * UniPC and DDPM, with diffusers' timesteps, sigmas and float32 step arithmetic.
 */
export { createScheduler, isSchedulerName, schedulerClassName } from './create-scheduler.js'
export type { CreateSchedulerOptions } from './create-scheduler.js'
export { SCHEDULER_NAMES } from './types.js'
export type { NoiseSource, Scheduler, SchedulerName, StepOptions, StepOutput } from './types.js'
export { SchedulerConfigError } from './scheduler-config.js'
export type { SchedulerConfig } from './scheduler-config.js'
