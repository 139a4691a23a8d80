/**
 * float32 arithmetic as PyTorch does it on the CPU. Each helper rounds once, like one
 * torch op on a float32 tensor: an op on two float32 values computed in float64 and then
 * rounded is exactly the correctly rounded float32 result (+, -, *, /, sqrt).
 */

/** Rounds a number to float32. */
export const f32 = Math.fround

/** `torch.sqrt` / `x ** 0.5` on a float32 value. */
export function sqrt32(x: number): number {
  return Math.fround(Math.sqrt(x))
}

/** `torch.log` on a float32 value. */
export function log32(x: number): number {
  return Math.fround(Math.log(x))
}

/** `torch.exp` on a float32 value. */
export function exp32(x: number): number {
  return Math.fround(Math.exp(x))
}

/** `torch.expm1` on a float32 value. */
export function expm132(x: number): number {
  return Math.fround(Math.expm1(x))
}

/** `x ** 2` on a float32 value. */
export function square32(x: number): number {
  return Math.fround(x * x)
}

/** The largest value, as `tensor.max()`. */
export function maxOf(values: ArrayLike<number>): number {
  let max = -Infinity
  for (let i = 0; i < values.length; i++) if (values[i]! > max || Number.isNaN(values[i]!)) max = values[i]!
  return max
}

/** Checks that two tensors have the same number of values. */
export function assertSameLength(what: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new RangeError(`${what}: ${a.length} values against ${b.length}; the tensors must have the same shape`)
}
