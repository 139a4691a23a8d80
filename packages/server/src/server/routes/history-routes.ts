/** GET /history[?max_items&offset], GET /history/<prompt_id>, POST /history ({clear} / {delete}). */
import { Router } from 'express'
import { historyEntry } from '../comfy/queue-shapes.js'
import { ApiError, sendJson } from '../http/api-error.js'
import { bodyObject, jsonBody } from '../http/json-body.js'
import type { ServerContext } from '../server-context.js'
import { idList } from './queue-routes.js'

function integerParameter(value: unknown, name: string): number | undefined {
  if (value === undefined || value === '') return undefined
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(number)) throw new ApiError(400, 'invalid_request', `${name} must be an integer`)
  return number
}

export function historyRoutes(context: ServerContext): Router {
  const router = Router()
  const { history } = context.queue
  router.get('/history', (req, res) => {
    const maxItems = integerParameter(req.query.max_items, 'max_items')
    const offset = integerParameter(req.query.offset, 'offset')
    if (maxItems !== undefined && maxItems < 0) throw new ApiError(400, 'invalid_request', 'max_items must not be negative')
    const rows = history.list(maxItems, offset)
    sendJson(res, 200, Object.fromEntries(rows.map((row) => [row.promptId, historyEntry(row)])))
  })
  router.get('/history/:promptId', (req, res) => {
    const row = history.get(req.params.promptId)
    sendJson(res, 200, row ? { [row.promptId]: historyEntry(row) } : {})
  })
  router.post('/history', ...jsonBody(context.maxJsonBytes), (req, res) => {
    const body = bodyObject(req.body)
    if (body.clear === true) history.clear()
    if (body.delete !== undefined) history.delete(idList(body.delete, 'delete'))
    sendJson(res, 200, {})
  })
  return router
}
