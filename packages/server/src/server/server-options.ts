/** `startServer`'s options and their defaults (folders under the working directory). */
import path from 'node:path'
import type { NodeRegistry } from '@latentflow/engine'
import type { OnnxBackend } from '@latentflow/nodes'

export interface ServerOptions {
  /** The address to listen on. Anything but loopback needs `token`. @default "127.0.0.1" */
  readonly host?: string
  /** 0 picks a free port. @default 8188 */
  readonly port?: number
  /** Model directories searched first (then LATENTFLOW_MODELS and the bundled models/). @default [] */
  readonly modelDirs?: readonly string[]
  /** Where SaveImage writes. @default "<cwd>/output" */
  readonly outputDir?: string
  /** Where LoadImage reads and uploads go. @default "<cwd>/input" */
  readonly inputDir?: string
  /** Where PreviewImage writes. @default "<cwd>/temp" */
  readonly tempDir?: string
  /** Where the database (queue and history) lives. @default "<cwd>/data" */
  readonly dataDir?: string
  /** Required for remote use: HTTP needs `Authorization: Bearer <token>` or `?token=`, WebSockets `?token=`. */
  readonly token?: string
  /** What relative folders resolve against. @default process.cwd() */
  readonly cwd?: string
  /** The node types; plugins are added to it. @default createDefaultRegistry({ modelDirs, inputDir, comfyNodes: true }) */
  readonly registry?: NodeRegistry
  /** Folders of plugin folders besides `<cwd>/custom_nodes` and `<data>/custom_nodes` (`--custom-nodes`). @default [] */
  readonly customNodesDirs?: readonly string[]
  /**
   * Load plugins from the custom-nodes folders and the packages that `latentflow.config.json` in
   * cwd or the data folder lists. False with `--no-plugins`. @default true
   */
  readonly plugins?: boolean
  /** ONNX sessions. @default a new backend, released on close */
  readonly backend?: OnnxBackend
  /** Origins allowed to POST and open WebSockets besides the server's own and localhost ones. @default [] */
  readonly allowedOrigins?: readonly string[]
  /** Largest JSON request body in bytes. @default 10 MiB */
  readonly maxJsonBytes?: number
  /** Largest uploaded image in bytes. @default 50 MiB */
  readonly maxUploadBytes?: number
  /** Most prompts waiting in the queue; POST /prompt answers 429 `queue_full` beyond. @default 100 */
  readonly maxQueue?: number
  /** Memory the executor may keep node outputs in between prompts (`--cache-bytes`). @default DEFAULT_CACHE_BYTES (2 GiB) */
  readonly cacheBytes?: number
  /** Largest width x height x batch of one latent (`--max-pixels`). @default DEFAULT_LIMITS.maxPixels (2048 x 2048) */
  readonly maxPixels?: number
  /** Most sampler steps (`--max-steps`). @default DEFAULT_LIMITS.maxSteps (500) */
  readonly maxSteps?: number
  /** Longest prompt text in characters (`--max-prompt-length`). @default DEFAULT_LIMITS.maxPromptLength (10000) */
  readonly maxPromptLength?: number
  /** The editor's static build. @default packages/editor/dist */
  readonly editorDir?: string
  /** Log lines (the ONNX provider, unexpected errors). @default console.error */
  readonly log?: (line: string) => void
}

/** The default folders, relative to the working directory. */
export const DEFAULT_FOLDERS = { output: 'output', input: 'input', temp: 'temp', data: 'data' } as const
export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_PORT = 8188
/** Prompts waiting in the queue before POST /prompt answers 429. */
export const DEFAULT_MAX_QUEUE = 100

/** The absolute folders of these options. */
export function serverFolders(options: ServerOptions) {
  const cwd = options.cwd ?? process.cwd()
  return {
    outputDir: path.resolve(cwd, options.outputDir ?? DEFAULT_FOLDERS.output),
    inputDir: path.resolve(cwd, options.inputDir ?? DEFAULT_FOLDERS.input),
    tempDir: path.resolve(cwd, options.tempDir ?? DEFAULT_FOLDERS.temp),
    dataDir: path.resolve(cwd, options.dataDir ?? DEFAULT_FOLDERS.data),
    modelDirs: (options.modelDirs ?? []).map((dir) => path.resolve(cwd, dir)),
    customNodesDirs: (options.customNodesDirs ?? []).map((dir) => path.resolve(cwd, dir)),
  }
}
