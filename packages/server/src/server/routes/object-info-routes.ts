/** GET /object_info and /object_info/<type>: ComfyUI's node schema (`{}` for an unknown type, as ComfyUI). */
import { Router } from 'express'
import { comfyNodeInfo, comfyObjectInfo } from '../comfy/object-info.js'
import { sendJson } from '../http/api-error.js'
import type { ServerContext } from '../server-context.js'

export function objectInfoRoutes(context: ServerContext): Router {
  const router = Router()
  router.get('/object_info', (_req, res) => {
    sendJson(res, 200, comfyObjectInfo(context.registry))
  })
  router.get('/object_info/:type', (req, res) => {
    const definition = context.registry.get(req.params.type)
    sendJson(res, 200, definition ? { [definition.type]: comfyNodeInfo(definition) } : {})
  })
  return router
}
