/**
 * Float32 fused multiply-add, `fmaf(a, b, c)`: `a * b + c` rounded once to float32, as an
 * x86 `vfmadd*ps` lane computes it.
 */

/**
 * `a * b + c` with a single rounding to float32, for float32 inputs (values `Math.fround`
 * returns unchanged). The product of two float32s is exact in a double; the sum is rounded
 * to a double and then to float32, and the only case where that double rounding can go wrong,
 * a double sum exactly halfway between two float32s, is settled by the sum's exact error.
 *
 * @example fmaf(1 + 2 ** -18, 2 ** -24 * (1 - 2 ** -18), 1 + 2 ** -23) // 1 + 2 ** -23 (double then float rounding gives 1 + 2 ** -22)
 */
export function fmaf(a: number, b: number, c: number): number {
  const sum = a * b + c
  const rounded = Math.fround(sum)
  // Reflecting the rounded value about the sum lands on a float32 only when the sum is exact or a tie.
  const reflected = 2 * sum - rounded
  return rounded === sum || Math.fround(reflected) !== reflected ? rounded : breakTie(a * b, c, sum, rounded, reflected)
}

/** The double `sum` of `product + c` is halfway between the float32s `rounded` and `reflected`. */
function breakTie(product: number, c: number, sum: number, rounded: number, reflected: number): number {
  // TwoSum: product + c === sum + error exactly.
  const cPart = sum - product
  const error = product - (sum - cPart) + (c - cPart)
  if (error === 0) return rounded
  return error > 0 ? Math.max(rounded, reflected) : Math.min(rounded, reflected)
}
