import { describe, expect, it } from 'vitest'
import { fmaf } from './fmaf.js'

const floatView = new Float32Array(1)
const bitsView = new Uint32Array(floatView.buffer)

/** A finite float32 as `mantissa * 2^exponent` with integer parts. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  floatView[0] = x
  const bits = bitsView[0]!
  const biased = (bits >>> 23) & 0xff
  const fraction = bits & 0x7fffff
  const magnitude = biased === 0 ? fraction : fraction | 0x800000
  const sign = bits >>> 31 ? -1n : 1n
  return { mantissa: sign * BigInt(magnitude), exponent: (biased === 0 ? 1 : biased) - 150 }
}

/** a * b + c exactly, rounded once to float32 (half to even); normal results only. */
function exactFmaf(a: number, b: number, c: number): number {
  const da = decompose(a)
  const db = decompose(b)
  const dc = decompose(c)
  const productExponent = da.exponent + db.exponent
  const low = Math.min(productExponent, dc.exponent)
  const sum = ((da.mantissa * db.mantissa) << BigInt(productExponent - low)) + (dc.mantissa << BigInt(dc.exponent - low))
  if (sum === 0n) return 0
  const negative = sum < 0n
  let magnitude = negative ? -sum : sum
  const shift = Math.max(0, magnitude.toString(2).length - 24)
  if (shift > 0) {
    const quotient = magnitude >> BigInt(shift)
    const remainder = magnitude - (quotient << BigInt(shift))
    const half = 1n << BigInt(shift - 1)
    magnitude = remainder > half || (remainder === half && (quotient & 1n) === 1n) ? quotient + 1n : quotient
  }
  const value = Number(magnitude) * 2 ** (low + shift)
  return negative ? -value : value
}

/** A deterministic stream of float32s with varied exponents (xorshift32). */
function* randomFloats(seed: number, count: number): Generator<number> {
  let state = seed
  for (let i = 0; i < count; i++) {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    floatView[0] = 0
    bitsView[0] = ((state >>> 0) & 0x807fffff) | ((112 + ((state >>> 23) & 31)) << 23)
    yield floatView[0]!
  }
}

describe('fmaf', () => {
  it('rounds once where double-then-float rounding would round twice', () => {
    const a = 1 + 2 ** -18
    const b = 2 ** -24 * (1 - 2 ** -18)
    const c = 1 + 2 ** -23
    expect(Math.fround(a * b + c)).toBe(1 + 2 ** -22)
    expect(fmaf(a, b, c)).toBe(1 + 2 ** -23)
    expect(fmaf(-a, b, -c)).toBe(-(1 + 2 ** -23))
    // A double tie that the exact sum leaves above the midpoint: rounds up, not to even.
    expect(fmaf(1 + 2 ** -18, 2 ** -24 * (1 + 2 ** -18), 1)).toBe(exactFmaf(1 + 2 ** -18, 2 ** -24 * (1 + 2 ** -18), 1))
  })

  it('matches an exact big-integer reference on random float32 triples', () => {
    const as = [...randomFloats(1, 5_000)]
    const bs = [...randomFloats(2, 5_000)]
    const cs = [...randomFloats(3, 5_000)]
    for (let i = 0; i < as.length; i++) {
      const [a, b, c] = [as[i]!, bs[i]!, cs[i]!]
      // Scale c next to a*b so the sums cancel and round in interesting places.
      const near = Math.fround(-(a * b) * (1 + 2 ** -20 * (i % 7)))
      for (const addend of [c, near]) expect(fmaf(a, b, addend), `${a} * ${b} + ${addend}`).toBe(exactFmaf(a, b, addend))
    }
  })

  it('finds the ties that a double sum hides', () => {
    // Products of (1 + x)(1 - x) sit just below a power of two; offsets put the sum on a float32 midpoint.
    for (let k = 12; k <= 23; k++) {
      for (const sign of [1, -1]) {
        const a = 1 + 2 ** -k
        const b = sign * 2 ** -24 * (1 - 2 ** -k)
        for (const c of [1, 1 + 2 ** -23, 1 + 2 ** -22, 3 + 2 ** -22]) expect(fmaf(a, b, c)).toBe(exactFmaf(a, b, c))
      }
    }
  })
})
