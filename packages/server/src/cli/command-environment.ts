/** What CLI commands get from their host: process streams in the CLI, collectors in tests. */
import type { NodeRegistry } from '@latentflow/engine'
import type { LimitOverrides, OnnxBackend } from '@latentflow/nodes'

/** A text stream: `process.stdout`, or anything with `write` in tests. */
export interface TextSink {
  write(text: string): unknown
  /** True on a terminal: then progress is drawn as bars. */
  readonly isTTY?: boolean
  readonly columns?: number
}

export interface CommandEnvironment {
  /**
   * The node types commands know: a registry, or a factory given the command's folders
   * (`--models`, the input folder), e.g. `(folders) => createDefaultRegistry(folders)`.
   */
  readonly registry: NodeRegistry | ((folders: RegistryFolders) => NodeRegistry)
  /** ONNX sessions for the pipeline nodes. @default a new backend per `run`, released at its end */
  readonly backend?: OnnxBackend
  readonly stdout: TextSink
  readonly stderr: TextSink
  /** The folder relative paths are resolved against. */
  readonly cwd: string
  /** Aborted on Ctrl+C: interrupts a running workflow. */
  readonly signal?: AbortSignal
}

/** The folders a registry factory gets. */
export interface RegistryFolders {
  /** Model directories in search order (--models, LATENTFLOW_MODELS, the bundled models/). */
  readonly modelDirs: readonly string[]
  /** The folder LoadImage reads. */
  readonly inputDir: string
  /** `--max-pixels`, `--max-steps`, `--max-prompt-length`: pass them to createDefaultRegistry. */
  readonly limits?: LimitOverrides
}

/** The registry for these folders. */
export function resolveRegistry(env: CommandEnvironment, folders: RegistryFolders): NodeRegistry {
  return typeof env.registry === 'function' ? env.registry(folders) : env.registry
}
