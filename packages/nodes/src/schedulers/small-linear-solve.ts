/**
 * `torch.linalg.solve` for the tiny float32 systems of UniPC's coefficients, as LAPACK's
 * `sgesv` does it: LU with partial pivoting (the pivot column scaled by the pivot's
 * reciprocal), then forward and back substitution, every operation rounded to float32.
 */
import { f32 } from './float32.js'

/**
 * Solves `a x = b` for a square float32 matrix given as rows.
 * @throws Error when the matrix is singular.
 */
export function solveFloat32(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length
  const lu = a.map((row) => row.map(f32))
  const x = b.map(f32)
  for (let col = 0; col < n; col++) {
    let pivot = col
    for (let row = col + 1; row < n; row++) if (Math.abs(lu[row]![col]!) > Math.abs(lu[pivot]![col]!)) pivot = row
    if (lu[pivot]![col] === 0) throw new Error('torch.linalg.solve: the matrix is singular')
    if (pivot !== col) {
      ;[lu[pivot], lu[col]] = [lu[col]!, lu[pivot]!]
      ;[x[pivot], x[col]] = [x[col]!, x[pivot]!]
    }
    const top = lu[col]!
    const reciprocal = f32(1 / top[col]!)
    for (let row = col + 1; row < n; row++) {
      const r = lu[row]!
      r[col] = f32(r[col]! * reciprocal)
      for (let k = col + 1; k < n; k++) r[k] = f32(r[k]! - f32(r[col]! * top[k]!))
    }
  }
  for (let row = 0; row < n; row++) {
    for (let k = 0; k < row; k++) x[row] = f32(x[row]! - f32(lu[row]![k]! * x[k]!))
  }
  for (let row = n - 1; row >= 0; row--) {
    for (let k = row + 1; k < n; k++) x[row] = f32(x[row]! - f32(lu[row]![k]! * x[k]!))
    x[row] = f32(x[row]! / lu[row]![row]!)
  }
  return x
}
