/**
 * A CPU `torch.Generator` for `torch.randn`: same seed, same float32 values, value for value,
 * including the generator state carried from one call to the next.
 */
import { logPs, sinCosPs } from './avx-mathfun.js'
import { Mt19937 } from './mt19937.js'

const f = Math.fround
const UINT64_MAX = (1n << 64n) - 1n
const INT64_MIN = -(1n << 63n)
/** Below this many values torch uses the scalar Box-Muller path, from this many up the 16-wide fill. */
const VECTOR_MIN = 16
const TWO_PI_F = f(2 * Math.PI)
const TWO_POW_24 = 2 ** 24
const TWO_POW_32 = 2 ** 32
const TWO_POW_53 = 2 ** 53

/** A seed as `torch.Generator.manual_seed` takes it: an integer in [-2^63, 2^64 - 1]. */
export type TorchSeed = bigint | number | string

/**
 * Seeded normal noise identical to PyTorch's CPU generator.
 *
 * - numel < 16: the scalar path, `at::normal_distribution<double>` (Box-Muller on two 53-bit
 *   uniforms, the second normal of each pair kept in the generator for the next value, then
 *   rounded to float32).
 * - numel >= 16: `normal_fill_AVX2`: one 24-bit float uniform per value, Box-Muller on each
 *   block of 16 (`log256_ps`/`sincos256_ps`), and when numel % 16 != 0 the last 16 values are
 *   drawn again and recomputed.
 *
 * The 16-wide path reproduces PyTorch's AVX2 kernel (x86-64 builds on AVX2 CPUs, what diffusers
 * and ComfyUI run on almost everywhere); torch's non-AVX2 fallback (`std::log`/`cos`/`sin`) and
 * its ARM builds give slightly different float32 values for the same seed.
 *
 * @example
 * const noise = new TorchGenerator(42).randn([1, 4, 64, 64]) // == torch.randn(..., generator=torch.Generator().manual_seed(42))
 */
export class TorchGenerator {
  readonly #seed: bigint
  readonly #engine: Mt19937
  /** The cached second normal of the scalar path (`next_double_normal_sample`). */
  #nextNormal: number | undefined

  /** @param seed what `manual_seed` takes; negative seeds wrap to 64 bits as in torch. */
  constructor(seed: TorchSeed) {
    this.#seed = normalizeSeed(seed)
    // PyTorch's CPU mt19937 keeps only the low 32 bits of the 64-bit seed.
    this.#engine = new Mt19937(Number(this.#seed & 0xffffffffn))
  }

  /** The 64-bit seed, as `Generator.initial_seed()` reports it. */
  get seed(): bigint {
    return this.#seed
  }

  /**
   * `torch.randn(shape, generator=this, dtype=torch.float32)`, flattened in row-major order.
   *
   * @param shape non-negative integer sizes; `[]` is a scalar (one value).
   */
  randn(shape: readonly number[]): Float32Array {
    const numel = shapeNumel(shape)
    const out = new Float32Array(numel)
    if (numel >= VECTOR_MIN) this.#fillVectorised(out)
    else for (let i = 0; i < numel; i++) out[i] = this.#nextDoubleNormal()
    return out
  }

  /** A 24-bit float uniform in [0, 1): `uniform_real_distribution<float>`. */
  #uniformFloat(): number {
    return (this.#engine.nextUint32() & 0xffffff) / TWO_POW_24
  }

  /** A 53-bit double uniform in [0, 1): `uniform_real_distribution<double>` on `random64()`. */
  #uniformDouble(): number {
    const high = this.#engine.nextUint32()
    const low = this.#engine.nextUint32()
    return ((high & 0x1fffff) * TWO_POW_32 + low) / TWO_POW_53
  }

  /** `at::normal_distribution<double>(0, 1)` with the generator's cached second sample. */
  #nextDoubleNormal(): number {
    const cached = this.#nextNormal
    if (cached !== undefined) {
      this.#nextNormal = undefined
      return cached
    }
    const u1 = this.#uniformDouble()
    const u2 = this.#uniformDouble()
    const radius = Math.sqrt(-2 * Math.log(1 - u2)) // 1 - u2 is exact
    const theta = 2 * Math.PI * u1
    this.#nextNormal = radius * Math.sin(theta)
    return radius * Math.cos(theta)
  }

  #fillVectorised(out: Float32Array): void {
    const numel = out.length
    for (let i = 0; i < numel; i++) out[i] = this.#uniformFloat()
    for (let i = 0; i + VECTOR_MIN <= numel; i += VECTOR_MIN) this.#boxMuller16(out, i)
    if (numel % VECTOR_MIN !== 0) {
      const start = numel - VECTOR_MIN
      for (let i = start; i < numel; i++) out[i] = this.#uniformFloat()
      this.#boxMuller16(out, start)
    }
  }

  /** `normal_fill_16_AVX2`: uniforms at [start, start+16) become normals in place. */
  #boxMuller16(data: Float32Array, start: number): void {
    const { u1, theta, log, sin, cos } = lanes
    for (let j = 0; j < 8; j++) {
      u1[j] = 1 - data[start + j]! // exact: [0, 1) -> (0, 1]
      theta[j] = f(TWO_PI_F * data[start + 8 + j]!)
    }
    logPs(u1, log)
    sinCosPs(theta, sin, cos)
    for (let j = 0; j < 8; j++) {
      const radius = f(Math.sqrt(f(-2 * log[j]!)))
      // fmadd(n, std = 1, mean = 0) is n + 0.
      data[start + j] = f(radius * cos[j]!) + 0
      data[start + 8 + j] = f(radius * sin[j]!) + 0
    }
  }
}

/** Scratch registers: the eight float32 lanes of one `__m256` each. */
const lanes = {
  u1: new Float32Array(8),
  theta: new Float32Array(8),
  log: new Float32Array(8),
  sin: new Float32Array(8),
  cos: new Float32Array(8),
}

function normalizeSeed(seed: TorchSeed): bigint {
  let value: bigint
  if (typeof seed === 'number') {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`A seed must be a safe integer, got ${seed}; pass larger seeds as a bigint or string`)
    value = BigInt(seed)
  } else if (typeof seed === 'string') {
    if (!/^\s*-?\d+\s*$/.test(seed)) throw new RangeError(`A seed string must be a decimal integer, got "${seed}"`)
    value = BigInt(seed.trim())
  } else {
    value = seed
  }
  if (value < INT64_MIN || value > UINT64_MAX) throw new RangeError(`A seed must be in [-2^63, 2^64 - 1], got ${value}`)
  return value & UINT64_MAX
}

function shapeNumel(shape: readonly number[]): number {
  let numel = 1
  for (const size of shape) {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`A shape holds non-negative integers, got [${shape.join(', ')}]`)
    numel *= size
  }
  if (numel > 2 ** 31 - 1) throw new RangeError(`randn of [${shape.join(', ')}] is too large (${numel} values)`)
  return numel
}
