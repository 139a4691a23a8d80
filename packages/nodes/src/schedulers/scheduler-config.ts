/**
 * Scheduler configs: diffusers' `scheduler_config.json` objects (snake_case keys) resolved
 * against one scheduler class's constructor defaults, as `from_config` does (keys the class
 * does not take are dropped), and read back with checked types.
 */

/** A config as JSON gives it. */
export type SchedulerConfig = Readonly<Record<string, unknown>>

/** A config that names a value the scheduler cannot use. */
export class SchedulerConfigError extends Error {
  override readonly name = 'SchedulerConfigError'
}

/**
 * The class's defaults, overridden by the keys of `passed` the class takes and then by
 * `overrides`. Keys the class does not take (`_class_name`, `_diffusers_version`, other
 * schedulers' options) are ignored.
 */
export function resolveConfig(defaults: SchedulerConfig, passed: SchedulerConfig, overrides: SchedulerConfig = {}): Record<string, unknown> {
  const resolved: Record<string, unknown> = {}
  for (const key of Object.keys(defaults)) {
    if (Object.hasOwn(overrides, key) && overrides[key] !== undefined) resolved[key] = overrides[key]
    else if (Object.hasOwn(passed, key) && passed[key] !== undefined) resolved[key] = passed[key]
    else resolved[key] = defaults[key]
  }
  return resolved
}

const describe = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value))

/** Typed, checked access to a resolved config; errors name the class and the key. */
export class ConfigReader {
  constructor(
    readonly className: string,
    readonly config: Readonly<Record<string, unknown>>,
  ) {}

  fail(key: string, expected: string): never {
    throw new SchedulerConfigError(`${this.className}: config "${key}" must be ${expected}, got ${describe(this.config[key])}`)
  }

  /** Throws that `key`'s value is valid for diffusers but not supported here. */
  unsupported(key: string, supported: string): never {
    throw new SchedulerConfigError(`${this.className}: config "${key}" = ${describe(this.config[key])} is not supported (supported: ${supported})`)
  }

  number(key: string, options: { readonly integer?: boolean; readonly min?: number; readonly max?: number } = {}): number {
    const value = this.config[key]
    const kind = options.integer ? 'an integer' : 'a number'
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(key, kind)
    if (options.integer && !Number.isInteger(value)) this.fail(key, kind)
    if (options.min !== undefined && value < options.min) this.fail(key, `${kind} >= ${options.min}`)
    if (options.max !== undefined && value > options.max) this.fail(key, `${kind} <= ${options.max}`)
    return value
  }

  numberOrNull(key: string): number | null {
    const value = this.config[key]
    if (value === null) return null
    if (typeof value !== 'number' || Number.isNaN(value)) this.fail(key, 'a number or null')
    return value
  }

  boolean(key: string): boolean {
    const value = this.config[key]
    if (typeof value !== 'boolean') this.fail(key, 'true or false')
    return value
  }

  oneOf<const T extends string>(key: string, options: readonly T[]): T {
    const value = this.config[key]
    if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
      this.fail(key, `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`)
    }
    return value as T
  }

  numberArrayOrNull(key: string): readonly number[] | null {
    const value = this.config[key]
    if (value === null) return null
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) this.fail(key, 'an array of numbers or null')
    return value as number[]
  }

  /** Requires the key to hold `expected` (an option diffusers has that is not implemented here). */
  only(key: string, expected: unknown): void {
    const value = this.config[key]
    if (value !== expected) this.unsupported(key, describe(expected))
  }
}
