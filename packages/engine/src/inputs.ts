/**
 * Input declarations. A node's inputs are either sockets (linked from another node's output)
 * or widgets (a literal value edited inline: INT, FLOAT, STRING, BOOLEAN, COMBO, SEED).
 * A widget may also be linked from an output of its own kind (e.g. an INT output into a seed).
 */
import type { SocketValue } from './socket-types.js'

export type WidgetKind = 'INT' | 'FLOAT' | 'STRING' | 'BOOLEAN' | 'COMBO' | 'SEED'

interface InputCommon {
  /** An optional input may be left out; `run` then gets `undefined` (or the default). */
  readonly optional?: boolean
  /** Shown on hover in the editor and in `latentflow nodes`. */
  readonly tooltip?: string
}

export interface IntInput extends InputCommon {
  readonly kind: 'INT'
  /** @default min, or 0 */
  readonly default?: number
  readonly min?: number
  readonly max?: number
  /** The editor's step (not validated: use `multipleOf` for a rule). */
  readonly step?: number
  /** Values must be a multiple of this (validated). */
  readonly multipleOf?: number
  readonly display?: 'number' | 'slider'
}

export interface FloatInput extends InputCommon {
  readonly kind: 'FLOAT'
  /** @default min, or 0 */
  readonly default?: number
  readonly min?: number
  readonly max?: number
  readonly step?: number
  readonly display?: 'number' | 'slider'
}

export interface StringInput extends InputCommon {
  readonly kind: 'STRING'
  /** @default "" */
  readonly default?: string
  readonly multiline?: boolean
  readonly maxLength?: number
  readonly placeholder?: string
}

export interface BooleanInput extends InputCommon {
  readonly kind: 'BOOLEAN'
  /** @default false */
  readonly default?: boolean
}

export interface ComboInput<T extends string = string> extends InputCommon {
  readonly kind: 'COMBO'
  /** The allowed values, or a function the host calls to list them (e.g. model folders). */
  readonly options: readonly T[] | (() => readonly T[])
  /** @default the first option */
  readonly default?: T
}

export interface SeedInput extends InputCommon {
  readonly kind: 'SEED'
  /** A safe integer or a decimal string up to 2^64-1. @default 0 */
  readonly default?: number | string
  /** The editor offers "randomize after queue" for seeds. */
  readonly controlAfterGenerate?: boolean
}

export interface SocketInput<T extends string = string> extends InputCommon {
  readonly kind: 'SOCKET'
  /** The socket type name, e.g. `LATENT`. */
  readonly type: T
}

export type WidgetInput = IntInput | FloatInput | StringInput | BooleanInput | ComboInput | SeedInput
export type InputSpec = WidgetInput | SocketInput

type Opts<T> = Omit<T, 'kind'>

/** @example int({ default: 512, min: 64, max: 4096, step: 8 }) */
export const int = <const O extends Opts<IntInput>>(options?: O) => ({ ...options, kind: 'INT' }) as IntInput & O
/** @example float({ default: 7.5, min: 0, max: 30, step: 0.5 }) */
export const float = <const O extends Opts<FloatInput>>(options?: O) => ({ ...options, kind: 'FLOAT' }) as FloatInput & O
/** @example string({ multiline: true }) */
export const string = <const O extends Opts<StringInput>>(options?: O) => ({ ...options, kind: 'STRING' }) as StringInput & O
/** @example boolean({ default: true }) */
export const boolean = <const O extends Opts<BooleanInput>>(options?: O) => ({ ...options, kind: 'BOOLEAN' }) as BooleanInput & O
/** @example combo(['euler', 'ddim'], { default: 'euler' }) */
export const combo = <const T extends string, const O extends Opts<Omit<ComboInput<T>, 'options'>>>(
  options: readonly T[] | (() => readonly T[]),
  rest?: O,
) => ({ ...rest, options, kind: 'COMBO' }) as ComboInput<T> & O
/** @example seed({ default: 0 }) */
export const seed = <const O extends Opts<SeedInput>>(options?: O) => ({ controlAfterGenerate: true, ...options, kind: 'SEED' }) as SeedInput & O
/** An input linked from another node's output of socket type `type`. @example input('LATENT') */
export const input = <const T extends string, const O extends Opts<Omit<SocketInput<T>, 'type'>>>(type: T, options?: O) =>
  ({ ...options, type, kind: 'SOCKET' }) as SocketInput<T> & O

/** The value `run` receives for one declared input. */
export type InputValueOf<S extends InputSpec> = S extends { optional: true } ? BaseValueOf<S> | undefined : BaseValueOf<S>

type BaseValueOf<S extends InputSpec> = S extends SocketInput<infer T>
  ? SocketValue<T>
  : S extends IntInput | FloatInput
    ? number
    : S extends StringInput
      ? string
      : S extends BooleanInput
        ? boolean
        : S extends ComboInput<infer T>
          ? T
          : S extends SeedInput
            ? bigint
            : never

/** The socket types a widget input accepts a link from. */
export function linkTypesForWidget(kind: WidgetKind): readonly string[] {
  switch (kind) {
    case 'SEED':
      return ['SEED', 'INT']
    case 'FLOAT':
      return ['FLOAT', 'INT']
    case 'COMBO':
      return ['STRING']
    default:
      return [kind]
  }
}

export function isWidget(spec: InputSpec): spec is WidgetInput {
  return spec.kind !== 'SOCKET'
}

/** The combo's current options (calls the provider when it is a function). */
export function comboOptions(spec: ComboInput): readonly string[] {
  return typeof spec.options === 'function' ? spec.options() : spec.options
}

/** The value used when a widget is absent from a workflow, or undefined when there is none. */
export function widgetDefault(spec: WidgetInput): unknown {
  switch (spec.kind) {
    case 'INT':
    case 'FLOAT':
      return spec.default ?? spec.min ?? 0
    case 'STRING':
      return spec.default ?? ''
    case 'BOOLEAN':
      return spec.default ?? false
    case 'COMBO':
      return spec.default ?? comboOptions(spec)[0]
    case 'SEED':
      return spec.default ?? 0
  }
}
