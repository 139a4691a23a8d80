/** What the route modules share: the registry, the queue and worker, the folders, the limits. */
import type { NodeRegistry } from '@latentflow/engine'
import type { FileLocations, OnnxBackend } from '@latentflow/nodes'
import type { PluginReport } from '../plugins/plugin-report.js'
import type { PromptQueue } from './queue/prompt-queue.js'
import type { PromptWorker } from './queue/prompt-worker.js'

export interface ServerContext {
  readonly registry: NodeRegistry
  readonly queue: PromptQueue
  readonly worker: PromptWorker
  readonly files: FileLocations
  readonly modelDirs: readonly string[]
  readonly backend: OnnxBackend
  /** Latentflow's version (`comfyui_version` in /system_stats). */
  readonly version: string
  readonly maxJsonBytes: number
  readonly maxUploadBytes: number
  /** Most prompts waiting in the queue. */
  readonly maxQueue: number
  /** The plugins loaded at start and those that failed (`GET /plugins`). */
  readonly plugins: PluginReport
}
