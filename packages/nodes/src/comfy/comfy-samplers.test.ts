import { describe, expect, it } from 'vitest'
import { COMFY_SAMPLER_NAMES, COMFY_SAMPLERS, comfySamplerProblem } from './comfy-samplers.js'
import { strengthForStartStep } from './k-sampler-advanced.js'

describe('ComfyUI samplers', () => {
  it('map onto Latentflow scheduler names', () => {
    expect(COMFY_SAMPLER_NAMES).toEqual(['euler', 'euler_ancestral', 'heun', 'dpmpp_2m', 'lms', 'ddim', 'uni_pc', 'ddpm'])
    expect(COMFY_SAMPLERS.uni_pc).toBe('unipc')
  })

  it('refuse the karras schedule where the scheduler has no Karras sigmas', () => {
    expect(comfySamplerProblem('euler', 'karras')).toBeUndefined()
    expect(comfySamplerProblem('dpmpp_2m', 'karras')).toBeUndefined()
    expect(comfySamplerProblem('ddim', 'normal')).toBeUndefined()
    expect(comfySamplerProblem('ddim', 'karras')).toMatch(/no Karras schedule/)
    expect(comfySamplerProblem('euler_ancestral', 'karras')).toMatch(/no Karras schedule/)
  })
})

describe('strengthForStartStep', () => {
  it('keeps exactly steps - start steps under diffusers truncation', () => {
    for (let steps = 1; steps <= 60; steps++) {
      for (let start = 0; start < steps; start++) {
        expect(Math.trunc(steps * strengthForStartStep(steps, start))).toBe(steps - start)
      }
    }
  })
})
