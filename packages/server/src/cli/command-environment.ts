/** What CLI commands get from their host: process streams in the CLI, collectors in tests. */
import type { NodeRegistry } from '@latentflow/engine'

/** A text stream: `process.stdout`, or anything with `write` in tests. */
export interface TextSink {
  write(text: string): unknown
  /** True on a terminal: then progress is drawn as bars. */
  readonly isTTY?: boolean
  readonly columns?: number
}

export interface CommandEnvironment {
  /** The node types commands know, e.g. createDefaultRegistry() from @latentflow/nodes. */
  readonly registry: NodeRegistry
  readonly stdout: TextSink
  readonly stderr: TextSink
  /** The folder relative paths are resolved against. */
  readonly cwd: string
  /** Aborted on Ctrl+C: interrupts a running workflow. */
  readonly signal?: AbortSignal
}
