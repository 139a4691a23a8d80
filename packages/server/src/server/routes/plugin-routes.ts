/** `GET /plugins`: the plugins loaded at start (name, version, folder, node types) and those that failed, with the reason. */
import { Router } from 'express'
import { sendJson } from '../http/api-error.js'
import type { ServerContext } from '../server-context.js'

export function pluginRoutes(context: ServerContext): Router {
  const router = Router()
  router.get('/plugins', (_req, res) => {
    sendJson(res, 200, context.plugins)
  })
  return router
}
