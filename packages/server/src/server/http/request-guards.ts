/**
 * Safe by default: cross-origin writes refused (Origin check, also applied to WebSocket
 * upgrades), DNS rebinding refused on loopback binds (Host check), and a bearer token for
 * remote use (`Authorization: Bearer <t>` or `?token=<t>`).
 */
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { RequestHandler } from 'express'
import { errorBody, sendJson } from './api-error.js'

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/** True for names that reach only this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const name = hostname.toLowerCase()
  return LOOPBACK_NAMES.has(name) || name.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(name)
}

/** The hostname of a Host header (`[::1]:8188` -> `[::1]`). */
function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1)
  return host.split(':')[0] ?? host
}

export interface OriginPolicy {
  /** Origins allowed besides the server's own and localhost ones, e.g. `https://editor.example`. */
  readonly allowedOrigins?: readonly string[]
}

/**
 * Whether a request may act: no Origin (not a browser), the same origin as the Host it was
 * sent to, a localhost origin, or one of `allowedOrigins`.
 */
export function originAllowed(request: IncomingMessage, policy: OriginPolicy = {}): boolean {
  const origin = request.headers.origin
  if (origin === undefined) return true
  if (policy.allowedOrigins?.includes(origin)) return true
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false // includes "null" (sandboxed frames, file://)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
  if (request.headers.host !== undefined && url.host === request.headers.host.toLowerCase()) return true
  return isLoopbackHost(url.hostname)
}

/** Whether the Host header names this machine (against DNS rebinding on loopback binds). */
export function hostAllowed(request: IncomingMessage): boolean {
  const host = request.headers.host
  return host !== undefined && isLoopbackHost(hostnameOf(host))
}

/** Whether the request carries the token (header or `?token=`); true when there is none. */
export function tokenAccepted(request: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) return true
  const header = request.headers.authorization
  let given = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined
  if (given === undefined) {
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token')
    given = query ?? undefined
  }
  if (given === undefined) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export interface GuardOptions extends OriginPolicy {
  readonly token?: string
  /** Check the Host header (loopback binds without a token). */
  readonly checkHost: boolean
}

/** Express middleware applying the three checks, answering 401/403 with a JSON body. */
export function requestGuards(options: GuardOptions): RequestHandler {
  return (req, res, next) => {
    if (options.checkHost && !hostAllowed(req)) {
      sendJson(res, 403, errorBody('forbidden_host', `Host "${req.headers.host ?? ''}" is not this machine; use http://127.0.0.1 or http://localhost (or start the server with --host and --token)`))
      return
    }
    if (!tokenAccepted(req, options.token)) {
      res.setHeader('WWW-Authenticate', 'Bearer')
      sendJson(res, 401, errorBody('unauthorized', 'This server needs its token: send "Authorization: Bearer <token>" or add ?token=<token>'))
      return
    }
    if (!SAFE_METHODS.has(req.method) && !originAllowed(req, options)) {
      sendJson(res, 403, errorBody('forbidden_origin', `Requests from origin "${req.headers.origin ?? ''}" are not allowed`))
      return
    }
    next()
  }
}
