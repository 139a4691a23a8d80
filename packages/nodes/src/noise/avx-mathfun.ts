/**
 * One lane of `log256_ps` and `sincos256_ps` from PyTorch's `avx_mathfun.h` (Cephes
 * polynomials in float32, after Julien Pommier's sse_mathfun), replayed operation by operation
 * so the results are bit-identical to what PyTorch's AVX2 CPU kernel computes. These are not
 * correctly rounded, and `torch.randn` depends on exactly their errors.
 *
 * PyTorch's AVX2 kernels are built with `-mfma` and GCC's default `-ffp-contract=fast`, so the
 * compiler fuses most `mul` + `add` pairs of the source into one `vfmadd` (one rounding). The
 * fusions below are read from the disassembly of `normal_fill_AVX2` in libtorch_cpu 1.13
 * (the build the reference cases came from; PyTorch 2.x wheels give the same values).
 */
import { fmaf } from './fmaf.js'

const f = Math.fround

const SQRTHF = f(0.707106781186547524)
const LOG_P0 = f(7.0376836292e-2)
const LOG_P1 = f(-1.151461031e-1)
const LOG_P2 = f(1.167699874e-1)
const LOG_P3 = f(-1.2420140846e-1)
const LOG_P4 = f(1.4249322787e-1)
const LOG_P5 = f(-1.6668057665e-1)
const LOG_P6 = f(2.0000714765e-1)
const LOG_P7 = f(-2.4999993993e-1)
const LOG_P8 = f(3.3333331174e-1)
const LOG_Q1 = f(-2.1219444e-4)
const LOG_Q2 = f(0.693359375)

const MINUS_DP1 = f(-0.78515625)
const MINUS_DP2 = f(-2.4187564849853515625e-4)
const MINUS_DP3 = f(-3.77489497744594108e-8)
const SINCOF_P0 = f(-1.9515295891e-4)
const SINCOF_P1 = f(8.3321608736e-3)
const SINCOF_P2 = f(-1.6666654611e-1)
const COSCOF_P0 = f(2.443315711809948e-5)
const COSCOF_P1 = f(-1.388731625493765e-3)
const COSCOF_P2 = f(4.166664568298827e-2)
const FOPI = f(1.27323954473516)

const MIN_NORM_POS = 2 ** -126

// Shared scratch for reinterpreting a float32's bits.
const floatView = new Float32Array(1)
const bitsView = new Uint32Array(floatView.buffer)

/**
 * `log256_ps` lane by lane: `out[i]` = the float32 natural log of `x[i]` as PyTorch's AVX2 path
 * computes it (NaN for x <= 0). Works on whole arrays so hot loops stay allocation-free.
 *
 * @example logPs(Float32Array.of(1, 0.5), out) // out: [0, -0.6931471824645996]
 */
export function logPs(x: Float32Array, out: Float32Array): void {
  for (let i = 0; i < x.length; i++) {
    const value = x[i]!
    floatView[0] = Math.max(value, MIN_NORM_POS)
    const bits = bitsView[0]!
    // Exponent from the raw bits, mantissa rescaled into [0.5, 1).
    let e = (bits >>> 23) - 127 + 1
    bitsView[0] = (bits & ~0x7f800000) | 0x3f000000
    let m = floatView[0]!

    // if (m < SQRTHF) { e -= 1; m = m + m - 1 } else { m = m - 1 }
    const below = m < SQRTHF
    const tmp = below ? m : 0
    m = f(m - 1)
    if (below) e -= 1
    m = f(m + tmp)

    const z = f(m * m)
    let y = LOG_P0
    y = fmaf(y, m, LOG_P1)
    y = fmaf(y, m, LOG_P2)
    y = fmaf(y, m, LOG_P3)
    y = fmaf(y, m, LOG_P4)
    y = fmaf(y, m, LOG_P5)
    y = fmaf(y, m, LOG_P6)
    y = fmaf(y, m, LOG_P7)
    y = fmaf(y, m, LOG_P8)
    y = f(y * m)
    y = fmaf(y, z, f(e * LOG_Q1)) // y * z + e * q1
    y = fmaf(-z, 0.5, y) // y - z * 0.5
    m = f(m + y)
    m = fmaf(e, LOG_Q2, m) // m + e * q2
    out[i] = value > 0 ? m : Number.NaN
  }
}

/**
 * `sincos256_ps` lane by lane: the float32 sine and cosine of `x[i]` (meant for |x| < 8192) as
 * PyTorch's AVX2 path computes them, into `sin[i]` and `cos[i]`.
 *
 * @example sinCosPs(Float32Array.of(0), sin, cos) // sin: [0], cos: [1]
 */
export function sinCosPs(x: Float32Array, sin: Float32Array, cos: Float32Array): void {
  for (let i = 0; i < x.length; i++) {
    const value = x[i]!
    let a = Math.abs(value)

    // j = (int(|x| * 4/pi) + 1) & ~1: the octant, rounded to even.
    const j = ((f(a * FOPI) | 0) + 1) & ~1
    const sinSignSwap = (j & 4) !== 0
    const polyIsCos = (j & 2) === 0
    const cosSignSwap = (~(j - 2) & 4) !== 0

    // Extended-precision reduction: x = ((x - j*DP1) - j*DP2) - j*DP3.
    a = fmaf(j, MINUS_DP1, a)
    a = fmaf(j, MINUS_DP2, a)
    a = fmaf(j, MINUS_DP3, a)

    const z = f(a * a)
    let c = COSCOF_P0
    c = fmaf(c, z, COSCOF_P1)
    c = fmaf(c, z, COSCOF_P2)
    c = f(c * z)
    c = fmaf(c, z, -f(z * 0.5)) // c * z - z * 0.5
    c = f(c + 1)

    let s = SINCOF_P0
    s = fmaf(s, z, SINCOF_P1)
    s = fmaf(s, z, SINCOF_P2)
    s = f(s * z)
    s = fmaf(s, a, a) // s * x + x

    // The vector code selects with masks and adds zeros; `0 + v` matters only for -0.
    const sinValue = polyIsCos ? 0 + s : c + 0
    const cosValue = polyIsCos ? c + 0 : 0 + s
    const negative = value < 0 || Object.is(value, -0)
    sin[i] = negative !== sinSignSwap ? -sinValue : sinValue
    cos[i] = cosSignSwap ? -cosValue : cosValue
  }
}
