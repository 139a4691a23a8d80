/**
 * An estimate of the memory a node output holds, for the cache's byte budget. Typed arrays
 * and buffers count exactly; plain data is walked a few levels deep; an object may state its
 * own size with a `[APPROXIMATE_BYTES]` property (e.g. a tensor wrapper or a model handle).
 */
export const APPROXIMATE_BYTES: unique symbol = Symbol.for('latentflow.approximateBytes')

const MAX_DEPTH = 6
const MAX_ITEMS_WALKED = 10_000

export function approximateBytes(value: unknown): number {
  return measure(value, 0, new Set())
}

function measure(value: unknown, depth: number, seen: Set<object>): number {
  switch (typeof value) {
    case 'string':
      return 16 + value.length * 2
    case 'number':
    case 'boolean':
    case 'undefined':
      return 8
    case 'bigint':
      return 16
    case 'object':
      break
    default:
      return 16
  }
  if (value === null) return 8
  if (seen.has(value)) return 0
  seen.add(value)
  const stated = (value as { [APPROXIMATE_BYTES]?: unknown })[APPROXIMATE_BYTES]
  if (typeof stated === 'number') return stated
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return 64 + value.byteLength
  if (depth >= MAX_DEPTH) return 64
  let total = 64
  let walked = 0
  const items = Array.isArray(value) ? value : value instanceof Map ? [...value.entries()] : Object.entries(value)
  for (const item of items) {
    if (++walked > MAX_ITEMS_WALKED) {
      // Extrapolate from what was walked instead of touching every element.
      return Math.round((total * items.length) / MAX_ITEMS_WALKED)
    }
    total += 8 + measure(item, depth + 1, seen)
  }
  return total
}
