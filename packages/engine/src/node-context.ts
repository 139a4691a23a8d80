/** What a node's `run` gets besides its inputs. */
import type { NodeRegistry } from './registry.js'
import type { Workflow } from './workflow.js'

/** A small RGB(A) picture sent with progress events (e.g. a latent preview). */
export interface PreviewImage {
  readonly width: number
  readonly height: number
  /** 3 (RGB) or 4 (RGBA) channels, row-major, 8 bits each. */
  readonly channels: 3 | 4
  readonly data: Uint8Array | Uint8ClampedArray
}

/** What an output node reports for the editor and the history, e.g. `{ images: [...] }`. */
export type UiOutput = Readonly<Record<string, unknown>>

/**
 * Services the host (CLI, server) provides to nodes: ONNX backends, file locations...
 * Packages declare their entries by declaration merging:
 *
 * @example
 * declare module '@latentflow/engine' {
 *   interface HostServices { files: FileLocations }
 * }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface HostServices {}

export interface NodeContext {
  /** The node's id in the workflow. */
  readonly nodeId: string
  readonly promptId: string
  /** Aborted when the run is interrupted: check it in loops and pass it to long calls. */
  readonly signal: AbortSignal
  /** Reports progress (`value` of `max`), optionally with a preview picture. */
  progress(value: number, max: number, preview?: PreviewImage): void
  /** Records what an output node shows (images, text) for the editor and the history. */
  ui(output: UiOutput): void
  /** A log line attributed to this node. */
  log(message: string): void
  /** The host's services, as given to the executor. */
  readonly services: HostServices
  /** The whole workflow being run, e.g. to embed it in a saved image. */
  readonly workflow: Workflow
  /** The registry the workflow runs with (e.g. to convert it to ComfyUI's format). */
  readonly registry: NodeRegistry
}
