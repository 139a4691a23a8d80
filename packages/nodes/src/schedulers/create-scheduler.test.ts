import { describe, expect, it } from 'vitest'
import { createScheduler, isSchedulerName, schedulerClassName } from './create-scheduler.js'
import { SD15_SCHEDULER_CONFIG } from './__fixtures__/sd15-config.js'
import { SchedulerConfigError } from './scheduler-config.js'
import { SCHEDULER_NAMES } from './types.js'

const SD15 = {
  _class_name: 'PNDMScheduler',
  _diffusers_version: '0.6.0',
  ...SD15_SCHEDULER_CONFIG,
  trained_betas: null,
}

describe('createScheduler', () => {
  it('makes every named scheduler from the SD 1.5 scheduler_config.json', () => {
    for (const name of SCHEDULER_NAMES) {
      const scheduler = createScheduler(name, SD15)
      expect(scheduler.name).toBe(name)
      expect(scheduler.className).toBe(schedulerClassName(name))
      expect(isSchedulerName(name)).toBe(true)
    }
  })

  it('resolves the full config: the class defaults, the keys it takes, nothing else', () => {
    const euler = createScheduler('euler', SD15)
    expect(euler.config).toMatchObject({ beta_schedule: 'scaled_linear', steps_offset: 1, timestep_spacing: 'linspace', final_sigmas_type: 'zero' })
    expect(euler.config).not.toHaveProperty('_class_name')
    expect(euler.config).not.toHaveProperty('skip_prk_steps')
    expect(createScheduler('ddim', {}).config).toMatchObject({ beta_schedule: 'linear', clip_sample: true, set_alpha_to_one: true, timestep_spacing: 'leading' })
    expect(createScheduler('heun', {}).config).toMatchObject({ beta_start: 0.00085, beta_end: 0.012, beta_schedule: 'linear' })
    expect(createScheduler('dpmpp_2m', {}).config).toMatchObject({ algorithm_type: 'dpmsolver++', solver_order: 2, lower_order_final: true })
  })

  it('maps karras to use_karras_sigmas, and overrides to config keys', () => {
    expect(createScheduler('dpmpp_2m', SD15, { karras: true }).config['use_karras_sigmas']).toBe(true)
    expect(createScheduler('euler', { ...SD15, use_karras_sigmas: true }, { karras: false }).config['use_karras_sigmas']).toBe(false)
    expect(createScheduler('ddim', SD15, { karras: false }).config).not.toHaveProperty('use_karras_sigmas')
    expect(() => createScheduler('euler_ancestral', SD15, { karras: true })).toThrow(/no Karras sigmas/)
    expect(createScheduler('euler', SD15, { overrides: { timestep_spacing: 'trailing' } }).config['timestep_spacing']).toBe('trailing')
  })

  it('rejects unknown names and bad or unsupported values with clear errors', () => {
    expect(() => createScheduler('k_euler', SD15)).toThrow(/Unknown scheduler "k_euler": expected one of ddim, pndm/)
    expect(() => createScheduler('euler', { ...SD15, beta_schedule: 'cosine' })).toThrow(SchedulerConfigError)
    expect(() => createScheduler('euler', { ...SD15, beta_schedule: 'cosine' })).toThrow(/EulerDiscreteScheduler: config "beta_schedule" must be one of "linear", "scaled_linear", "squaredcos_cap_v2", got "cosine"/)
    expect(() => createScheduler('ddim', { ...SD15, timestep_spacing: 'even' })).toThrow(/timestep_spacing/)
    expect(() => createScheduler('ddim', { ...SD15, steps_offset: 0.5 })).toThrow(/steps_offset" must be an integer/)
    expect(() => createScheduler('euler_ancestral', { ...SD15, prediction_type: 'sample' })).toThrow(/prediction_type/)
    expect(() => createScheduler('euler', { ...SD15, use_exponential_sigmas: true })).toThrow(/not supported/)
    expect(() => createScheduler('dpmpp_2m', { ...SD15, algorithm_type: 'dpmsolver' })).toThrow(/not supported/)
    expect(() => createScheduler('ddpm', { ...SD15, variance_type: 'learned_range' })).toThrow(/not supported/)
    expect(() => createScheduler('ddim', { ...SD15, thresholding: true })).toThrow(/not supported/)
    expect(() => createScheduler('euler', { ...SD15, trained_betas: [0.1, 0.2] })).toThrow(/trained_betas/)
  })

  it('checks the step count', () => {
    const scheduler = createScheduler('euler', SD15)
    expect(() => scheduler.timesteps).toThrow(/setTimesteps/)
    for (const bad of [0, -1, 1.5, 1001, Number.NaN]) expect(() => scheduler.setTimesteps(bad)).toThrow(RangeError)
    scheduler.setTimesteps(1000)
    expect(scheduler.timesteps.length).toBe(1000)
  })
})
