/** GET /prompt (queue size) and POST /prompt (validate and queue). */
import { Router } from 'express'
import { readPromptRequest } from '../comfy/prompt-request.js'
import { errorBody, sendJson } from '../http/api-error.js'
import { jsonBody } from '../http/json-body.js'
import type { ServerContext } from '../server-context.js'

export function promptRoutes(context: ServerContext): Router {
  const router = Router()
  router.get('/prompt', (_req, res) => {
    sendJson(res, 200, { exec_info: { queue_remaining: context.queue.remaining() } })
  })
  router.post('/prompt', ...jsonBody(context.maxJsonBytes), (req, res) => {
    const waiting = context.queue.remaining()
    if (waiting >= context.maxQueue) {
      sendJson(res, 429, errorBody('queue_full', `The queue is full (${waiting} prompts waiting, the limit is ${context.maxQueue}, --max-queue): try again later`))
      return
    }
    const read = readPromptRequest(req.body, context.registry)
    if (!read.ok) {
      sendJson(res, 400, read.body)
      return
    }
    const { promptId, number } = context.queue.enqueue(read.submission)
    sendJson(res, 200, { prompt_id: promptId, number, node_errors: {} })
  })
  return router
}
