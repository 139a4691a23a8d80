/** `--max-pixels`, `--max-steps`, `--max-prompt-length` (run and serve) and `--max-queue`, `--max-upload-bytes` (serve). */
import { InvalidArgumentError, type Command } from 'commander'

/** The limits a command line may set; absent ones keep their defaults. */
export interface LimitFlags {
  /** Largest width x height x batch of one latent. @default DEFAULT_LIMITS.maxPixels */
  readonly maxPixels?: number
  /** Most sampler steps. @default DEFAULT_LIMITS.maxSteps */
  readonly maxSteps?: number
  /** Longest prompt text, in characters. @default DEFAULT_LIMITS.maxPromptLength */
  readonly maxPromptLength?: number
}

/** commander's parser for a positive integer flag. */
export function positiveInteger(value: string): number {
  const number = Number(value)
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < 1) throw new InvalidArgumentError('expected a positive integer')
  return number
}

/** Adds the validation-time limit flags shared by `run` and `serve`. */
export function addLimitFlags(command: Command): Command {
  return command
    .option('--max-pixels <n>', 'largest width x height x batch of one latent (default 4194304 = 2048 x 2048)', positiveInteger)
    .option('--max-steps <n>', 'most sampler steps (default 500)', positiveInteger)
    .option('--max-prompt-length <n>', 'longest prompt text in characters (default 10000)', positiveInteger)
}

/** The limits among parsed options, without absent ones. */
export function limitsOf(options: LimitFlags): LimitFlags {
  return {
    ...(options.maxPixels !== undefined ? { maxPixels: options.maxPixels } : {}),
    ...(options.maxSteps !== undefined ? { maxSteps: options.maxSteps } : {}),
    ...(options.maxPromptLength !== undefined ? { maxPromptLength: options.maxPromptLength } : {}),
  }
}
