/** eps = eps_uncond + guidance * (eps_cond - eps_uncond), in float32 as diffusers computes it. */
export function combineGuidance(uncond: Float32Array, cond: Float32Array, guidance: number): Float32Array {
  const scale = Math.fround(guidance)
  const out = new Float32Array(cond.length)
  for (let i = 0; i < out.length; i++) {
    const u = uncond[i]!
    out[i] = u + Math.fround(scale * Math.fround(cond[i]! - u))
  }
  return out
}

/** `count` copies of `values` one after another (a batch made of one repeated item). */
export function repeatBatch(values: Float32Array, count: number): Float32Array {
  if (count === 1) return values
  const out = new Float32Array(values.length * count)
  for (let i = 0; i < count; i++) out.set(values, i * values.length)
  return out
}

/** The two halves of a CFG batch: [uncond (first `length`), cond (next `length`)]. */
export function splitBatch(values: Float32Array, length: number): [Float32Array, Float32Array] {
  return [values.subarray(0, length), values.subarray(length, 2 * length)]
}

export function concat(first: Float32Array, second: Float32Array): Float32Array {
  const out = new Float32Array(first.length + second.length)
  out.set(first)
  out.set(second, first.length)
  return out
}
