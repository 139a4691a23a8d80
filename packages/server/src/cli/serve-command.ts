/**
 * `latentflow serve [--host] [--port] [--models <dir>]... [--output] [--input] [--temp] [--data] [--token]
 *   [--custom-nodes <dir>]... [--no-plugins]`:
 * the server (editor, ComfyUI-compatible API, WebSocket) until Ctrl+C or SIGTERM (main.ts turns both
 * into `env.signal`): then it stops accepting, interrupts the running prompt (it stays queued),
 * closes the database and exits 0.
 */
import { startServer, ServerConfigError } from '../server/start-server.js'
import { DEFAULT_FOLDERS, DEFAULT_HOST, DEFAULT_PORT } from '../server/server-options.js'
import { limitsOf, type LimitFlags } from './limit-options.js'
import type { CommandEnvironment } from './command-environment.js'
import { EXIT_CODES, type ExitCode } from './exit-codes.js'

export interface ServeCommandOptions extends LimitFlags {
  /** Most prompts waiting in the queue. @default 100 */
  readonly maxQueue?: number
  /** Bytes of node outputs kept between prompts. @default 2 GiB */
  readonly cacheBytes?: number
  /** Largest uploaded image in bytes. @default 50 MiB */
  readonly maxUploadBytes?: number
  /** @default "127.0.0.1" */
  readonly host?: string
  /** @default 8188 */
  readonly port?: string | number
  readonly models?: readonly string[]
  /** @default "output" */
  readonly output?: string
  /** @default "input" */
  readonly input?: string
  /** @default "temp" */
  readonly temp?: string
  /** @default "data" */
  readonly data?: string
  /** @default process.env.LATENTFLOW_TOKEN */
  readonly token?: string
  /** Folders of plugin folders besides ./custom_nodes and <data>/custom_nodes. @default [] */
  readonly customNodes?: readonly string[]
  /** False with `--no-plugins`. @default true */
  readonly plugins?: boolean
}

/** Serves until `env.signal` aborts (SIGINT or SIGTERM); resolves to the exit code. */
export async function serveCommand(options: ServeCommandOptions, env: CommandEnvironment): Promise<ExitCode> {
  const error = (text: string) => env.stderr.write(`${text}\n`)
  const port = Number(options.port ?? DEFAULT_PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    error(`error: --port must be a port number (0 to 65535), got ${JSON.stringify(options.port)}`)
    return EXIT_CODES.invalid
  }
  const token = options.token ?? process.env.LATENTFLOW_TOKEN
  let server
  try {
    server = await startServer({
      host: options.host ?? DEFAULT_HOST,
      port,
      cwd: env.cwd,
      modelDirs: options.models ?? [],
      outputDir: options.output ?? DEFAULT_FOLDERS.output,
      inputDir: options.input ?? DEFAULT_FOLDERS.input,
      tempDir: options.temp ?? DEFAULT_FOLDERS.temp,
      dataDir: options.data ?? DEFAULT_FOLDERS.data,
      ...(token ? { token } : {}),
      customNodesDirs: options.customNodes ?? [],
      plugins: options.plugins !== false,
      ...limitsOf(options),
      ...(options.maxQueue !== undefined ? { maxQueue: options.maxQueue } : {}),
      ...(options.cacheBytes !== undefined ? { cacheBytes: options.cacheBytes } : {}),
      ...(options.maxUploadBytes !== undefined ? { maxUploadBytes: options.maxUploadBytes } : {}),
      ...(env.backend ? { backend: env.backend } : {}),
      log: (line) => error(line),
    })
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code
    if (cause instanceof ServerConfigError) {
      error(`error: ${cause.message}`)
      return EXIT_CODES.invalid
    }
    error(`error: cannot start the server: ${code === 'EADDRINUSE' ? `port ${port} is in use (try --port)` : (cause as Error).message}`)
    return EXIT_CODES.failure
  }
  env.stdout.write(`Latentflow is serving on ${server.url}${server.recovered > 0 ? ` (${server.recovered} prompt(s) resumed from the last run)` : ''}\n`)
  await new Promise<void>((resolve) => {
    if (env.signal?.aborted) return resolve()
    env.signal?.addEventListener('abort', () => resolve(), { once: true })
  })
  await server.close()
  return EXIT_CODES.success
}
