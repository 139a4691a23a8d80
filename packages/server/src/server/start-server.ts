/**
 * `startServer`: one process serving the editor, ComfyUI's HTTP API and the WebSocket, with
 * one worker running queued prompts on the executor. Queue and history live in SQLite in the
 * data folder: prompts queued (or running) when the server stopped run after the next start.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createExecutor, DEFAULT_CACHE_BYTES, LruOutputCache } from '@latentflow/engine'
import { createDefaultRegistry, createOnnxBackend, modelDirectories } from '@latentflow/nodes'
import { formatPluginFailures, loadPlugins } from '../plugins/load-plugins.js'
import { EMPTY_PLUGIN_REPORT } from '../plugins/plugin-report.js'
import { pluginSources } from '../plugins/plugin-sources.js'
import { statusMessage } from './comfy/queue-shapes.js'
import { createApp } from './create-app.js'
import { DataDirInUseError } from './db/data-dir-lock.js'
import { openDatabase } from './db/open-database.js'
import { DEFAULT_MAX_JSON_BYTES } from './http/json-body.js'
import { hostAllowed, isLoopbackHost, originAllowed, tokenAccepted } from './http/request-guards.js'
import { createPromptQueue } from './queue/prompt-queue.js'
import { createPromptWorker } from './queue/prompt-worker.js'
import { DEFAULT_MAX_UPLOAD_BYTES } from './routes/file-routes.js'
import type { PluginReport } from '../plugins/plugin-report.js'
import type { ServerContext } from './server-context.js'
import { DEFAULT_HOST, DEFAULT_MAX_QUEUE, DEFAULT_PORT, serverFolders, type ServerOptions } from './server-options.js'
import { createWsHub } from './ws/ws-hub.js'

export interface RunningServer {
  /** e.g. `http://127.0.0.1:8188` */
  readonly url: string
  readonly host: string
  readonly port: number
  /** Prompts recovered from the last run (queued or cut off) when the server started. */
  readonly recovered: number
  /** The plugins loaded at start and those that failed. */
  readonly plugins: PluginReport
  /** Stops listening, interrupts the running prompt (it stays queued) and closes the database. */
  close(): Promise<void>
}

/** Thrown when the options are unsafe or contradictory (e.g. a remote host without a token). */
export class ServerConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ServerConfigError'
  }
}

/**
 * Starts the server and resolves once it listens.
 *
 * @example
 * const server = await startServer({ port: 0, dataDir: '/tmp/lf-data' })
 * await fetch(`${server.url}/system_stats`)
 * await server.close()
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST
  const port = options.port ?? DEFAULT_PORT
  const token = options.token === '' ? undefined : options.token
  const loopback = isLoopbackHost(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host)
  if (!loopback && token === undefined) {
    throw new ServerConfigError(`Listening on ${host} exposes the server beyond this machine: give a token (--token or LATENTFLOW_TOKEN), or use --host 127.0.0.1`)
  }
  const log = options.log ?? ((line: string) => console.error(line))
  const folders = serverFolders(options)
  for (const dir of [folders.outputDir, folders.inputDir, folders.tempDir]) mkdirSync(dir, { recursive: true })
  const modelDirs = modelDirectories(folders.modelDirs)
  const files = { outputDir: folders.outputDir, inputDir: folders.inputDir, tempDir: folders.tempDir }
  const limits = { maxPixels: options.maxPixels, maxSteps: options.maxSteps, maxPromptLength: options.maxPromptLength }
  const registry = options.registry ?? createDefaultRegistry({ modelDirs, inputDir: files.inputDir, comfyNodes: true, limits })
  const plugins = options.plugins === false
    ? EMPTY_PLUGIN_REPORT
    : await loadPlugins(registry, pluginSources({ cwd: options.cwd ?? process.cwd(), dataDir: folders.dataDir, customNodes: folders.customNodesDirs }))
  for (const plugin of plugins.loaded) log(`Loaded plugin ${plugin.name} ${plugin.version} (${plugin.nodes.join(', ') || 'no nodes'}) from ${plugin.path}`)
  for (const line of formatPluginFailures(plugins)) log(line)
  const backend = options.backend ?? createOnnxBackend({ log })
  const cache = new LruOutputCache(options.cacheBytes ?? DEFAULT_CACHE_BYTES)
  const executor = createExecutor({ registry, cache, services: { files, backend } })

  let store
  try {
    store = openDatabase(folders.dataDir)
  } catch (error) {
    if (error instanceof DataDirInUseError) throw new ServerConfigError(error.message)
    throw error
  }
  const queue = createPromptQueue(store.db)
  queue.recover()
  const recovered = queue.remaining()

  const guards = { checkHost: loopback && token === undefined, ...(token !== undefined ? { token } : {}), allowedOrigins: options.allowedOrigins ?? [] }
  const hub = createWsHub({
    guard(request) {
      if (guards.checkHost && !hostAllowed(request)) return { status: 403, message: 'This Host is not this machine' }
      if (!tokenAccepted(request, token)) return { status: 401, message: 'This server needs its token: add ?token=<token>' }
      if (!originAllowed(request, guards)) return { status: 403, message: `WebSocket connections from origin "${request.headers.origin ?? ''}" are not allowed` }
      return undefined
    },
    welcome: (sid) => statusMessage(queue.remaining(), sid),
  })
  queue.onChange(() => hub.send(statusMessage(queue.remaining()), null))
  const worker = createPromptWorker({ queue, executor, hub, log })

  const context: ServerContext = {
    registry,
    queue,
    worker,
    files,
    modelDirs,
    backend,
    version: packageVersion(),
    maxJsonBytes: options.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES,
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    maxQueue: options.maxQueue ?? DEFAULT_MAX_QUEUE,
    plugins,
  }
  const app = createApp(context, { guards, log, ...(options.editorDir !== undefined ? { editorDir: options.editorDir } : {}) })
  const server = createServer(app)
  server.on('upgrade', (request, socket, head) => hub.handleUpgrade(request, socket, head))

  const shutdown = async () => {
    await worker.stop()
    store.close()
    if (!options.backend) await backend.release()
  }
  try {
    await listen(server, host, port)
  } catch (error) {
    await hub.close()
    await shutdown()
    throw error
  }
  worker.start() // only now: a server that cannot listen must not take prompts from the queue
  const address = server.address() as AddressInfo
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  let closing: Promise<void> | undefined
  return {
    url: `http://${shownHost}:${address.port}`,
    host: address.address,
    port: address.port,
    recovered,
    plugins,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeAllConnections()
        await hub.close()
        await closed
        await shutdown()
      })()
      return closing
    },
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  return manifest.version
}
