/**
 * Errors as JSON, in ComfyUI's `{error: {type, message, details, extra_info}}` shape, for every
 * failure of every route: clients never get an HTML error page.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express'
import { stringifyJson } from './lossless-json.js'

/** An error a handler throws to answer with `status` and a ComfyUI-shaped JSON body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly details = '',
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Sends a JSON body (bigints as plain numbers). */
export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).type('application/json').send(stringifyJson(body))
}

export function errorBody(type: string, message: string, details = '', extra: Readonly<Record<string, unknown>> = {}) {
  return { error: { type, message, details, extra_info: extra } }
}

/** 404 for any path no route took. */
export const notFound: RequestHandler = (req, res) => {
  sendJson(res, 404, errorBody('not_found', `No route for ${req.method} ${req.path}`))
}

/** The last handler: ApiErrors as they say, body-parser and multer errors by their status, the rest 500. */
export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    if (res.headersSent) {
      res.destroy()
      return
    }
    if (error instanceof ApiError) {
      sendJson(res, error.status, errorBody(error.type, error.message, error.details, error.extra))
      return
    }
    const status = typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 500
    if (status >= 400 && status < 500) {
      const type = (error as { type?: unknown }).type
      sendJson(res, status, errorBody(typeof type === 'string' ? type : 'bad_request', (error as Error).message))
      return
    }
    log(`latentflow server: unexpected error: ${(error as Error).stack ?? String(error)}`)
    sendJson(res, 500, errorBody('internal_error', 'Internal server error'))
  }
}
