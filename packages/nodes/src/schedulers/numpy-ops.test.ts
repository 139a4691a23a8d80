import { describe, expect, it } from 'vitest'
import { arange, interpOnIndexGrid, linspace, roundHalfEven } from './numpy-ops.js'

describe('NumPy float64 routines', () => {
  it('rounds halves to even like np.round', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 937.5, 812.5, 2.4999, 2.5001].map(roundHalfEven)).toEqual([0, 2, 2, -0, -2, 938, 812, 2, 3])
  })

  it('linspace ends exactly on stop and has one value for num = 1', () => {
    expect(linspace(0, 999, 4)).toEqual([0, 333, 666, 999])
    expect(linspace(0, 999, 1)).toEqual([0])
    expect(linspace(0, 1, 3)).toEqual([0, 0.5, 1])
  })

  it('float arange uses ceil((stop - start) / step) values', () => {
    expect(arange(1000, 0, -250)).toEqual([1000, 750, 500, 250])
    expect(arange(1000, 0, -1000 / 3).length).toBe(3)
    expect(arange(0, 0, 1)).toEqual([])
  })

  it('interpolates on the index grid, exact at grid points and clamped outside', () => {
    const fp = Float32Array.from([1, 2, 4])
    expect(interpOnIndexGrid(0, fp)).toBe(1)
    expect(interpOnIndexGrid(1.5, fp)).toBe(3)
    expect(interpOnIndexGrid(2, fp)).toBe(4)
    expect(interpOnIndexGrid(-3, fp)).toBe(1)
    expect(interpOnIndexGrid(7, fp)).toBe(4)
  })
})
