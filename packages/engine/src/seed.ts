/** The largest seed, 2^64 - 1, as ComfyUI allows. */
export const MAX_SEED = (1n << 64n) - 1n

/**
 * Parses a seed given as a JSON number (a safe integer) or a decimal string, without losing
 * precision. Returns undefined for anything else or a value outside [0, 2^64-1].
 */
export function parseSeed(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value >= 0n && value <= MAX_SEED ? value : undefined
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) return undefined
    return BigInt(value)
  }
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) {
    const seed = BigInt(value)
    return seed <= MAX_SEED ? seed : undefined
  }
  return undefined
}

/**
 * The JSON form of a seed: a number while it is a safe integer, else a decimal string,
 * so saved workflows stay readable and lossless.
 */
export function seedToJson(seed: bigint): number | string {
  return seed <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(seed) : seed.toString()
}
