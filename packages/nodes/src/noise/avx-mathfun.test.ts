import { describe, expect, it } from 'vitest'
import { logPs, sinCosPs } from './avx-mathfun.js'

const ulp = (x: number): number => 2 ** (Math.floor(Math.log2(Math.abs(x))) - 23)

describe('logPs', () => {
  it('is exact at powers of two and NaN for x <= 0', () => {
    const out = new Float32Array(5)
    logPs(Float32Array.of(1, 0.5, 0.25, 0, -1), out)
    expect(out[0]).toBe(0)
    expect(out[1]).toBe(Math.fround(-Math.LN2))
    expect(out[2]).toBe(Math.fround(-2 * Math.LN2))
    expect(out[3]).toBeNaN()
    expect(out[4]).toBeNaN()
  })

  it('stays within a few float32 ulps of the true log over (0, 1]', () => {
    const x = new Float32Array(4096).map((_, i) => Math.fround((i + 1) / 4096) ** 3)
    const out = new Float32Array(x.length)
    logPs(x, out)
    x.forEach((value, i) => expect(Math.abs(out[i]! - Math.log(value))).toBeLessThanOrEqual(2 * ulp(Math.log(value))))
  })
})

describe('sinCosPs', () => {
  it('stays within a few float32 ulps of the true sine and cosine over [0, 2pi)', () => {
    const x = new Float32Array(4096).map((_, i) => Math.fround((i * 2 * Math.PI) / 4096))
    const sin = new Float32Array(x.length)
    const cos = new Float32Array(x.length)
    sinCosPs(x, sin, cos)
    expect([sin[0], cos[0]]).toEqual([0, 1])
    x.forEach((value, i) => {
      expect(Math.abs(sin[i]! - Math.sin(value))).toBeLessThan(2 ** -23)
      expect(Math.abs(cos[i]! - Math.cos(value))).toBeLessThan(2 ** -23)
    })
  })

  it('is odd in sine and even in cosine', () => {
    const sin = new Float32Array(2)
    const cos = new Float32Array(2)
    sinCosPs(Float32Array.of(1.25, -1.25), sin, cos)
    expect(sin[1]).toBe(-sin[0]!)
    expect(cos[1]).toBe(cos[0])
  })
})
