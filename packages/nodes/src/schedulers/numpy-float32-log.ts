/**
 * `np.log` on float32 arrays as NumPy computes it on x86 with AVX2/AVX512F (and in its
 * universal-intrinsics kernel): not libm's `logf` but a P5/Q5 rational approximation with
 * fused multiply-adds, up to 3.83 ulp from the correctly rounded log. diffusers takes the log
 * of its float32 training sigmas this way, and the Karras timesteps inherit those last bits.
 */
import { fmaf } from '../noise/fmaf.js'

const bits = new DataView(new ArrayBuffer(4))
const fromBits = (u: number): number => {
  bits.setUint32(0, u)
  return bits.getFloat32(0)
}

const P = [0x00000000, 0x3f800000, 0x4007361c, 0x3fbd70a9, 0x3ec30333, 0x3cd42bcd].map(fromBits)
const Q = [0x3f800000, 0x4027361c, 0x401cfe0d, 0x3f7c8ae4, 0x3e1e5bf3, 0x3bc083df].map(fromBits)
const SQRT1_2 = fromBits(0x3f3504f3)
const LN2 = fromBits(0x3f317218)

/** NumPy's float32 `log` of one float32 value (normal, zero, negative, inf, NaN). */
export function numpyLogF32(x: number): number {
  const value = Math.fround(x)
  if (Number.isNaN(value)) return value
  if (value < 0) return Number.NaN
  if (value === 0) return -Infinity
  if (value === Infinity) return Infinity
  bits.setFloat32(0, value)
  let raw = bits.getUint32(0)
  let exponentBias = 126
  if (raw < 0x00800000) {
    // Subnormal: scale by 2^100 first, as the AVX kernels do.
    bits.setFloat32(0, value * 2 ** 100)
    raw = bits.getUint32(0)
    exponentBias += 100
  }
  let e = (raw >>> 23) - exponentBias
  bits.setUint32(0, (raw & 0x007fffff) | 0x3f000000)
  let m = bits.getFloat32(0)
  if (m <= SQRT1_2) {
    m = m + m
    e = e - 1
  }
  const y = Math.fround(m - 1)
  let num = fmaf(P[5]!, y, P[4]!)
  for (let k = 3; k >= 0; k--) num = fmaf(num, y, P[k]!)
  let den = fmaf(Q[5]!, y, Q[4]!)
  for (let k = 3; k >= 0; k--) den = fmaf(den, y, Q[k]!)
  const poly = Math.fround(num / den)
  return fmaf(e, LN2, poly)
}
