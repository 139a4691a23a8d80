/**
 * Host limits on what one prompt may ask for, checked at validation time so an oversized
 * request is refused with an issue naming node and input instead of running out of memory.
 */
import type { AnyNodeDefinition, NodeValueProblem, WidgetValues } from '@latentflow/engine'

export interface RuntimeLimits {
  /** Largest width x height x batch of one latent. @default 4194304 (2048 x 2048, or 4 x 1024 x 1024) */
  readonly maxPixels: number
  /** Most sampler steps. @default 500 */
  readonly maxSteps: number
  /** Longest prompt text, in characters (CLIP reads 77 tokens; the rest is truncated). @default 10000 */
  readonly maxPromptLength: number
}

/** Some limits; an absent or undefined one keeps its default. */
export type LimitOverrides = { readonly [K in keyof RuntimeLimits]?: RuntimeLimits[K] | undefined }

export const DEFAULT_LIMITS: RuntimeLimits = Object.freeze({ maxPixels: 2048 * 2048, maxSteps: 500, maxPromptLength: 10_000 })

/** The CLI flag that raises each limit, named in the messages. */
const FLAGS = { maxPixels: '--max-pixels', maxSteps: '--max-steps', maxPromptLength: '--max-prompt-length' } as const

type LimitCheck = (widgets: WidgetValues, limits: RuntimeLimits) => NodeValueProblem[]

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : undefined)

function pixels(batchInput: string): LimitCheck {
  return (widgets, limits) => {
    const width = num(widgets.width)
    const height = num(widgets.height)
    const batch = num(widgets[batchInput]) ?? 1
    if (width === undefined || height === undefined) return []
    const total = width * height * batch
    return total > limits.maxPixels
      ? [{ code: 'out_of_range', input: 'width', message: `width x height x ${batchInput} = ${width} x ${height} x ${batch} = ${total} pixels is above the limit of ${limits.maxPixels} (${FLAGS.maxPixels})` }]
      : []
  }
}

const steps: LimitCheck = (widgets, limits) => {
  const value = num(widgets.steps)
  return value !== undefined && value > limits.maxSteps
    ? [{ code: 'out_of_range', input: 'steps', message: `${value} steps is above the limit of ${limits.maxSteps} (${FLAGS.maxSteps})` }]
    : []
}

const promptText: LimitCheck = (widgets, limits) => {
  const text = widgets.text
  return typeof text === 'string' && text.length > limits.maxPromptLength
    ? [{ code: 'out_of_range', input: 'text', message: `the prompt is ${text.length} characters long, above the limit of ${limits.maxPromptLength} (${FLAGS.maxPromptLength})` }]
    : []
}

/** Which built-in (and ComfyUI-named) node types each check applies to. */
const CHECKS: Readonly<Record<string, LimitCheck>> = {
  EmptyLatent: pixels('batch'),
  EmptyLatentImage: pixels('batch_size'),
  Scheduler: steps,
  KSampler: steps,
  KSamplerAdvanced: steps,
  Tokenizer: promptText,
  CLIPTextEncode: promptText,
}

/** The full limits: the defaults with `overrides` on top (undefined entries keep the default). */
export function resolveLimits(overrides: LimitOverrides = {}): RuntimeLimits {
  const pick = (key: keyof RuntimeLimits) => overrides[key] ?? DEFAULT_LIMITS[key]
  return { maxPixels: pick('maxPixels'), maxSteps: pick('maxSteps'), maxPromptLength: pick('maxPromptLength') }
}

/** The definition with the limit checks of its type added to its own `validate` hook. */
export function withLimits(definition: AnyNodeDefinition, limits: RuntimeLimits): AnyNodeDefinition {
  const check = Object.hasOwn(CHECKS, definition.type) ? CHECKS[definition.type] : undefined
  if (!check) return definition
  const own = definition.validate
  return Object.freeze({
    ...definition,
    validate: (widgets: WidgetValues) => [...(own?.(widgets) ?? []), ...check(widgets, limits)],
  })
}
