import { describe, expect, it } from 'vitest'
import { numpyLogF32 } from './numpy-float32-log.js'

const fromBits = (u: number): number => new Float32Array(new Uint32Array([u]).buffer)[0]!

describe('numpyLogF32', () => {
  it('handles the special values like np.log', () => {
    expect(numpyLogF32(0)).toBe(-Infinity)
    expect(numpyLogF32(Infinity)).toBe(Infinity)
    expect(numpyLogF32(-1)).toBeNaN()
    expect(numpyLogF32(Number.NaN)).toBeNaN()
    expect(numpyLogF32(1)).toBe(0)
  })

  it('stays within 4 ulp of the true log', () => {
    for (let i = 1; i < 2000; i++) {
      const x = Math.fround(Math.exp((i - 1000) / 37))
      const y = numpyLogF32(x)
      const ulp = Math.abs(fromBits(new Uint32Array(new Float32Array([y]).buffer)[0]! + 1) - y)
      expect(Math.abs(y - Math.log(x))).toBeLessThanOrEqual(4 * ulp)
    }
  })
})
