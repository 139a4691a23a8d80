/**
 * Request bodies as JSON whatever their Content-Type (ComfyUI's clients often send none, or
 * urllib's form type), size-limited, parsed losslessly. An empty body reads as `{}`.
 */
import express, { type RequestHandler } from 'express'
import { ApiError } from './api-error.js'
import { parseJson } from './lossless-json.js'

/** 10 MiB: far above any workflow, far below what would hurt. */
export const DEFAULT_MAX_JSON_BYTES = 10 * 1024 * 1024

export function jsonBody(limit: number = DEFAULT_MAX_JSON_BYTES): RequestHandler[] {
  return [
    express.text({ type: () => true, limit }),
    (req, _res, next) => {
      const text: unknown = req.body
      if (typeof text !== 'string' || text.trim() === '') {
        req.body = {}
        next()
        return
      }
      try {
        req.body = parseJson(text)
      } catch (error) {
        next(new ApiError(400, 'invalid_json', `The request body is not valid JSON: ${(error as Error).message}`))
        return
      }
      next()
    },
  ]
}

/** The body as an object, or a 400 naming what was expected. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>
  throw new ApiError(400, 'invalid_request', 'The request body must be a JSON object')
}
