/** Guards for reading untrusted JSON without touching Object.prototype. */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `object[key]` only when it is the object's own property (never `__proto__` and friends). */
export function getOwn<T>(object: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return object !== undefined && Object.hasOwn(object, key) ? object[key] : undefined
}
