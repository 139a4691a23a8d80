/**
 * A received value as issue messages show it: JSON, bigints as digits, cut to a readable length.
 * Never throws: values nested too deep for JSON.stringify (or cyclic) are named, not shown.
 */

/** Longest shown value, in characters. */
export const MAX_SHOWN_LENGTH = 200

export function showValue(value: unknown): string {
  let text: string | undefined
  try {
    text = JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? Number(item) : item))
  } catch {
    return `a ${Array.isArray(value) ? 'list' : typeof value} too deeply nested to show`
  }
  if (text === undefined) return typeof value
  return text.length > MAX_SHOWN_LENGTH ? `${text.slice(0, MAX_SHOWN_LENGTH)}... (${text.length} characters)` : text
}
