/**
 * The linear multistep coefficients of LMSDiscreteScheduler: the integral over one sigma
 * interval of a Lagrange basis polynomial through the last `order` sigmas. diffusers
 * integrates it with `scipy.integrate.quad`; the integrand is a polynomial of degree < 4,
 * so a 3-point Gauss-Legendre rule (exact to degree 5) gives the integral to float64 rounding.
 */

const NODES = [-Math.sqrt(3 / 5), 0, Math.sqrt(3 / 5)] as const
const WEIGHTS = [5 / 9, 8 / 9, 5 / 9] as const

/**
 * `get_lms_coefficient(order, t, current_order)`.
 *
 * @param sigmas the schedule's sigmas; `t` indexes the current one and the interval is
 *   `[sigmas[t], sigmas[t + 1]]`, the basis nodes `sigmas[t - k]` for `k < order`.
 */
export function lmsCoefficient(sigmas: ArrayLike<number>, order: number, t: number, currentOrder: number): number {
  const basis = (tau: number): number => {
    let product = 1
    for (let k = 0; k < order; k++) {
      if (k === currentOrder) continue
      product *= (tau - sigmas[t - k]!) / (sigmas[t - currentOrder]! - sigmas[t - k]!)
    }
    return product
  }
  const a = sigmas[t]!
  const b = sigmas[t + 1]!
  const center = (a + b) / 2
  const half = (b - a) / 2
  let sum = 0
  for (let i = 0; i < NODES.length; i++) sum += WEIGHTS[i]! * basis(center + half * NODES[i]!)
  return half * sum
}
