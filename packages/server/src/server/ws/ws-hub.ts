/**
 * The WebSocket side (`/ws?clientId=`, also `/api/ws`): clients by id, JSON messages in
 * ComfyUI's `{type, data}` shape and binary preview frames, to one client or to all. Upgrades
 * pass the same guards as HTTP (Host, token, Origin). A client that goes away mid-run is simply
 * no longer sent to.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { stringifyJson } from '../http/lossless-json.js'

/** Why an upgrade is refused: an HTTP status and a sentence. */
export interface UpgradeRefusal {
  readonly status: number
  readonly message: string
}

export interface WsHubOptions {
  /** The paths that take WebSocket upgrades. @default ['/ws', '/api/ws'] */
  readonly paths?: readonly string[]
  /** Returns why an upgrade must be refused, or undefined to accept it. */
  readonly guard: (request: IncomingMessage) => UpgradeRefusal | undefined
  /** The first message a new client gets (ComfyUI's status with its `sid`). */
  readonly welcome: (sid: string) => unknown
}

export interface WsHub {
  /** Sends a JSON message to a client's sockets, or to every socket when `clientId` is null. */
  send(message: unknown, clientId: string | null): void
  /** Sends a binary frame the same way; skipped for sockets that are behind. */
  sendBinary(frame: Uint8Array, clientId: string | null): void
  /** Whether a message for `clientId` (null: everyone) would reach any socket. */
  hasListeners(clientId: string | null): boolean
  /** Takes an HTTP upgrade (the server's `upgrade` event). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void
  /** How many sockets are open. */
  size(): number
  /** Closes every socket. */
  close(): Promise<void>
}

/** Sockets with this much unsent data get no more previews until they catch up. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024
const CLIENT_ID = /^[A-Za-z0-9_.:-]{1,128}$/

export function createWsHub(options: WsHubOptions): WsHub {
  const paths = new Set(options.paths ?? ['/ws', '/api/ws'])
  const server = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  const clients = new Map<string, Set<WebSocket>>()

  const targets = (clientId: string | null): Iterable<WebSocket> => (clientId === null ? server.clients : (clients.get(clientId) ?? []))
  const deliver = (socket: WebSocket, data: string | Uint8Array) => {
    if (socket.readyState !== socket.OPEN) return
    try {
      socket.send(data)
    } catch {
      // a socket closing under us: nothing to do, its close handler forgets it
    }
  }

  function refuse(socket: Duplex, status: number, message: string): void {
    const body = stringifyJson({ error: { type: 'websocket_refused', message, details: '', extra_info: {} } })
    socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Forbidden'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
  }

  return {
    send(message, clientId) {
      const text = stringifyJson(message)
      for (const socket of targets(clientId)) deliver(socket, text)
    },
    sendBinary(frame, clientId) {
      for (const socket of targets(clientId)) if (socket.bufferedAmount < MAX_BUFFERED_BYTES) deliver(socket, frame)
    },
    hasListeners: (clientId) => (clientId === null ? server.clients.size > 0 : (clients.get(clientId)?.size ?? 0) > 0),
    handleUpgrade(request, socket, head) {
      socket.on('error', () => {})
      const url = new URL(request.url ?? '/', 'http://localhost')
      if (!paths.has(url.pathname)) return refuse(socket, 404, `No WebSocket at ${url.pathname}`)
      const refusal = options.guard(request)
      if (refusal) return refuse(socket, refusal.status, refusal.message)
      const requested = url.searchParams.get('clientId')
      const sid = requested !== null && CLIENT_ID.test(requested) ? requested : randomUUID().replaceAll('-', '')
      server.handleUpgrade(request, socket, head, (ws) => {
        let set = clients.get(sid)
        if (!set) clients.set(sid, (set = new Set()))
        set.add(ws)
        ws.on('error', () => {})
        ws.on('close', () => {
          set.delete(ws)
          if (set.size === 0 && clients.get(sid) === set) clients.delete(sid)
        })
        deliver(ws, stringifyJson(options.welcome(sid)))
      })
    },
    size: () => server.clients.size,
    close() {
      for (const socket of server.clients) socket.terminate()
      clients.clear()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
