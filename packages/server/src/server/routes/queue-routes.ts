/** GET /queue, POST /queue ({clear} / {delete: [ids]}) and POST /interrupt ({prompt_id?}). */
import { Router } from 'express'
import { queueItem } from '../comfy/queue-shapes.js'
import { ApiError, sendJson } from '../http/api-error.js'
import { bodyObject, jsonBody } from '../http/json-body.js'
import type { ServerContext } from '../server-context.js'

/** `{delete: [...]}`'s ids, or a 400. */
export function idList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) throw new ApiError(400, 'invalid_request', `${what} must be a list of prompt ids`)
  return value as string[]
}

export function queueRoutes(context: ServerContext): Router {
  const router = Router()
  router.get('/queue', (_req, res) => {
    const rows = context.queue.list()
    sendJson(res, 200, {
      queue_running: rows.filter((row) => row.state === 'running').map(queueItem),
      queue_pending: rows.filter((row) => row.state === 'pending').map(queueItem),
    })
  })
  router.post('/queue', ...jsonBody(context.maxJsonBytes), (req, res) => {
    const body = bodyObject(req.body)
    if (body.clear === true) context.queue.clear()
    if (body.delete !== undefined) context.queue.delete(idList(body.delete, 'delete'))
    sendJson(res, 200, {})
  })
  router.post('/interrupt', ...jsonBody(context.maxJsonBytes), (req, res) => {
    const body = bodyObject(req.body)
    const promptId = body.prompt_id
    if (promptId !== undefined && typeof promptId !== 'string') throw new ApiError(400, 'invalid_request', 'prompt_id must be a string')
    const interrupted = context.worker.interrupt(promptId)
    sendJson(res, 200, { interrupted })
  })
  return router
}
