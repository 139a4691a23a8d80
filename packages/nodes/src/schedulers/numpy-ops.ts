/**
 * The few NumPy float64 routines diffusers builds timesteps and sigmas with, reproduced to the
 * last bit: `np.linspace`, float `np.arange`, `np.round` (half to even) and `np.interp` on an
 * integer grid.
 */

/** `np.linspace(start, stop, num)` in float64: `i * step + start`, the last value exactly `stop`. */
export function linspace(start: number, stop: number, num: number): number[] {
  if (num <= 0) return []
  if (num === 1) return [start]
  const step = (stop - start) / (num - 1)
  const out = new Array<number>(num)
  for (let i = 0; i < num; i++) out[i] = i * step + start
  out[num - 1] = stop
  return out
}

/**
 * `np.arange(start, stop, step)` with a float step: `ceil((stop - start) / step)` values,
 * `a[1] = start + step`, then `start + i * (a[1] - start)` as NumPy's fill loop does.
 */
export function arange(start: number, stop: number, step: number): number[] {
  const length = Math.ceil((stop - start) / step)
  if (!(length > 0)) return []
  const out = new Array<number>(length)
  out[0] = start
  if (length === 1) return out
  const second = start + step
  out[1] = second
  const delta = second - start
  for (let i = 2; i < length; i++) out[i] = start + i * delta
  return out
}

/** `np.round` / `np.rint`: to the nearest integer, halves to even. */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x
  const floor = Math.floor(x)
  const diff = x - floor
  const rounded = diff > 0.5 ? floor + 1 : diff < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1
  // rint keeps the sign of a negative value that rounds to zero.
  return rounded === 0 && x < 0 ? -0 : rounded
}

/**
 * `np.interp(x, np.arange(len(fp)), fp)`: linear interpolation on the integer grid
 * 0..len-1, clamped to the end values, exact at grid points.
 */
export function interpOnIndexGrid(x: number, fp: ArrayLike<number>): number {
  const last = fp.length - 1
  if (Number.isNaN(x)) return x
  if (x <= 0) return fp[0]!
  if (x >= last) return fp[last]!
  const j = Math.floor(x)
  if (j === x) return fp[j]!
  const slope = (fp[j + 1]! - fp[j]!) / 1
  return slope * (x - j) + fp[j]!
}
