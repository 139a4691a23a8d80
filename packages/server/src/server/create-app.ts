/**
 * The express app: guards first, then ComfyUI's API under `/` and `/api/`, then the editor,
 * then JSON 404s and JSON errors.
 */
import express, { type Express } from 'express'
import { errorHandler, notFound } from './http/api-error.js'
import { requestGuards, type GuardOptions } from './http/request-guards.js'
import { editorRoute } from './routes/editor-route.js'
import { fileRoutes } from './routes/file-routes.js'
import { historyRoutes } from './routes/history-routes.js'
import { latentflowRoutes } from './routes/latentflow-routes.js'
import { objectInfoRoutes } from './routes/object-info-routes.js'
import { pluginRoutes } from './routes/plugin-routes.js'
import { promptRoutes } from './routes/prompt-routes.js'
import { queueRoutes } from './routes/queue-routes.js'
import { systemRoutes } from './routes/system-routes.js'
import type { ServerContext } from './server-context.js'

export interface AppOptions {
  readonly guards: GuardOptions
  /** @default packages/editor/dist */
  readonly editorDir?: string
  readonly log: (line: string) => void
}

export function createApp(context: ServerContext, options: AppOptions): Express {
  const app = express()
  app.disable('x-powered-by')
  app.set('query parser', 'simple')
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Cache-Control', 'no-store')
    next()
  })
  app.use(requestGuards(options.guards))
  const api = express.Router()
  for (const routes of [promptRoutes, queueRoutes, historyRoutes, objectInfoRoutes, fileRoutes, systemRoutes, latentflowRoutes, pluginRoutes]) api.use(routes(context))
  app.use('/api', api)
  app.use(api)
  app.use(editorRoute(options.editorDir))
  app.use(notFound)
  app.use(errorHandler(options.log))
  return app
}
