/**
 * JSON without losing integers: ComfyUI clients send seeds up to 2^64-1 as plain JSON numbers,
 * which `JSON.parse` would round. Integers beyond 2^53 are read as bigint, sent to the engine
 * as decimal strings (which its SEED inputs take) and written back as the same digits.
 */
import { isInteger, isSafeNumber, parse, stringify } from 'lossless-json'

/** Parses JSON text; integers that a double cannot hold become bigint. @throws SyntaxError */
export function parseJson(text: string): unknown {
  return parse(text, null, (value) => (isInteger(value) && !isSafeNumber(value) ? BigInt(value) : Number.parseFloat(value)))
}

/** JSON text of a value that may hold bigints (written as plain JSON numbers). */
export function stringifyJson(value: unknown): string {
  return stringify(value) ?? 'null'
}

/** A copy with every bigint as its decimal string: what the engine's validator accepts. */
export function bigintsToStrings(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(bigintsToStrings)
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, key, { value: bigintsToStrings(item), enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  return value
}
