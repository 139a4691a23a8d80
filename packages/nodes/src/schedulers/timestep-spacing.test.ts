/** Timesteps checked by hand against diffusers' formulas for 1, 4, 10, 20, 25 and 50 steps. */
import { describe, expect, it } from 'vitest'
import { SD15_SCHEDULER_CONFIG } from './__fixtures__/sd15-config.js'
import { createScheduler } from './create-scheduler.js'
import type { SchedulerName } from './types.js'

const SD15 = SD15_SCHEDULER_CONFIG

function timesteps(name: SchedulerName, steps: number, overrides: Record<string, unknown> = {}): readonly number[] {
  const scheduler = createScheduler(name, { ...SD15, ...overrides })
  scheduler.setTimesteps(steps)
  return scheduler.timesteps
}

describe('timestep spacing', () => {
  it('leading (DDIM, DDPM): k * (1000 // n) + steps_offset', () => {
    expect(timesteps('ddim', 1)).toEqual([1])
    expect(timesteps('ddim', 4)).toEqual([751, 501, 251, 1])
    expect(timesteps('ddim', 10)).toEqual([901, 801, 701, 601, 501, 401, 301, 201, 101, 1])
    expect(timesteps('ddpm', 20)[0]).toBe(951)
    expect(timesteps('ddim', 25).slice(0, 3)).toEqual([961, 921, 881])
    expect(timesteps('ddim', 50).slice(-3)).toEqual([41, 21, 1])
  })

  it('trailing: round(arange(1000, 0, -1000 / n)) - 1, halves to even', () => {
    expect(timesteps('ddim', 1, { timestep_spacing: 'trailing' })).toEqual([999])
    expect(timesteps('ddim', 3, { timestep_spacing: 'trailing' })).toEqual([999, 666, 332])
    expect(timesteps('ddim', 4, { timestep_spacing: 'trailing' })).toEqual([999, 749, 499, 249])
    // 1000 / 16 = 62.5: 937.5 -> 938 and 812.5 -> 812.
    expect(timesteps('ddim', 16, { timestep_spacing: 'trailing' }).slice(0, 4)).toEqual([999, 937, 874, 811])
    expect(timesteps('euler', 25, { timestep_spacing: 'trailing' }).slice(0, 3)).toEqual([999, 959, 919])
  })

  it('linspace: float32 values for the sigma schedulers, rounded for DDIM', () => {
    expect(timesteps('euler', 1)).toEqual([0])
    expect(timesteps('euler', 4)).toEqual([999, 666, 333, 0])
    const twenty = timesteps('euler', 20)
    expect(twenty[1]).toBe(Math.fround(999 - 999 / 19))
    expect(twenty[1]).toBeCloseTo(946.42105, 4)
    expect(timesteps('ddim', 20, { timestep_spacing: 'linspace' })[1]).toBe(946)
    expect(timesteps('lms', 50)[49]).toBe(0)
  })

  it('multistep solvers use n + 1 points and drop the last', () => {
    expect(timesteps('dpmpp_2m', 10)).toEqual([999, 899, 799, 699, 599, 500, 400, 300, 200, 100])
    expect(timesteps('unipc', 4)).toEqual([999, 749, 500, 250])
    expect(timesteps('dpmpp_2m', 10, { timestep_spacing: 'leading' })).toEqual([901, 811, 721, 631, 541, 451, 361, 271, 181, 91])
    expect(timesteps('unipc', 1)).toEqual([999])
  })

  it('PNDM with skip_prk_steps repeats the second timestep', () => {
    expect(timesteps('pndm', 10)).toEqual([901, 801, 801, 701, 601, 501, 401, 301, 201, 101, 1])
    expect(timesteps('pndm', 1)).toEqual([1])
    const prk = timesteps('pndm', 10, { skip_prk_steps: false })
    expect(prk.slice(0, 12)).toEqual([901, 851, 851, 801, 801, 751, 751, 701, 701, 651, 651, 601])
    expect(prk.slice(12)).toEqual([601, 501, 401, 301, 201, 101, 1])
  })

  it("Heun doubles every timestep after the first", () => {
    const heun = timesteps('heun', 4)
    expect(heun).toEqual([999, 666, 666, 333, 333, 0, 0])
  })
})
