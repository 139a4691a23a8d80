/** Starts the real server on a free port with temporary folders, and talks to it, for tests. */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import WebSocket from 'ws'
import { parseJson } from '../http/lossless-json.js'
import type { ServerOptions } from '../server-options.js'
import { startServer, type RunningServer } from '../start-server.js'

export interface TestFolders {
  readonly root: string
  readonly outputDir: string
  readonly inputDir: string
  readonly tempDir: string
  readonly dataDir: string
}

export interface TestServer extends RunningServer {
  readonly folders: TestFolders
  /** fetch relative to the server; the body parsed losslessly (big integers as bigint). */
  api(pathname: string, init?: RequestInit): Promise<ApiResponse>
  /** POSTs JSON (a string is sent as it is). */
  post(pathname: string, body: unknown, headers?: Record<string, string>): Promise<ApiResponse>
}

export interface ApiResponse {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: any
}

/** Temporary folders for a server (reuse `root` to restart on the same data). */
export async function makeFolders(root?: string): Promise<TestFolders> {
  const base = root ?? (await mkdtemp(path.join(os.tmpdir(), 'latentflow-server-')))
  return { root: base, outputDir: path.join(base, 'output'), inputDir: path.join(base, 'input'), tempDir: path.join(base, 'temp'), dataDir: path.join(base, 'data') }
}

export async function startTestServer(options: ServerOptions = {}, folders?: TestFolders): Promise<TestServer> {
  const dirs = folders ?? (await makeFolders())
  const server = await startServer({ port: 0, log: () => {}, ...dirs, ...options })
  const api = async (pathname: string, init?: RequestInit): Promise<ApiResponse> => {
    const response = await fetch(`${server.url}${pathname}`, init)
    const text = await response.text()
    let json: unknown
    try {
      json = text === '' ? undefined : parseJson(text)
    } catch {
      json = undefined
    }
    return { status: response.status, headers: response.headers, text, json }
  }
  return {
    url: server.url,
    host: server.host,
    port: server.port,
    recovered: server.recovered,
    plugins: server.plugins,
    close: () => server.close(),
    folders: dirs,
    api,
    post: (pathname, body, headers = {}) =>
      api(pathname, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
  }
}

export async function removeFolders(folders: TestFolders): Promise<void> {
  await rm(folders.root, { recursive: true, force: true })
}

export interface WsMessage {
  readonly type: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly data: any
}

export interface TestSocket {
  readonly messages: WsMessage[]
  readonly binary: Buffer[]
  /** Resolves with the first message (already received or coming) that matches. */
  waitFor(predicate: (message: WsMessage) => boolean, timeoutMs?: number): Promise<WsMessage>
  close(): void
}

/** Opens `/ws?clientId=` and records what arrives. */
export function openSocket(serverUrl: string, clientId: string, options: { origin?: string; query?: string } = {}): Promise<TestSocket> {
  const url = `${serverUrl.replace(/^http/, 'ws')}/ws?clientId=${encodeURIComponent(clientId)}${options.query ?? ''}`
  const ws = new WebSocket(url, options.origin ? { origin: options.origin } : {})
  const messages: WsMessage[] = []
  const binary: Buffer[] = []
  const waiters = new Set<() => void>()
  ws.on('message', (data, isBinary) => {
    if (isBinary) binary.push(Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer))
    else messages.push(JSON.parse(String(data)) as WsMessage)
    for (const waiter of [...waiters]) waiter()
  })
  const socket: TestSocket = {
    messages,
    binary,
    waitFor(predicate, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate)
          if (!found) return false
          waiters.delete(check)
          clearTimeout(timer)
          resolve(found)
          return true
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`timed out waiting for a WebSocket message; got ${JSON.stringify(messages.map((m) => m.type))}`))
        }, timeoutMs)
        if (!check()) waiters.add(check)
      })
    },
    close: () => ws.close(),
  }
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(socket))
    ws.once('unexpected-response', (_request, response) => reject(Object.assign(new Error(`upgrade refused: ${response.statusCode}`), { status: response.statusCode })))
    ws.once('error', reject)
  })
}

/** Waits until `/history/<id>` has the prompt; returns its entry. */
export async function waitForHistory(server: TestServer, promptId: string, timeoutMs = 30_000) {
  const started = Date.now()
  for (;;) {
    const response = await server.api(`/history/${promptId}`)
    if (response.json?.[promptId]) return response.json[promptId]
    if (Date.now() - started > timeoutMs) throw new Error(`prompt ${promptId} did not finish in ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
