/**
 * Latentflow's own routes for its editor, beside ComfyUI's API:
 * - `GET /latentflow/nodes`: the registry's native description (`describeRegistry`): socket
 *   types with their colours, widget kinds, ranges and output names, which `/object_info`'s
 *   ComfyUI shape loses.
 * - `GET /latentflow/workflows/<name>`: a workflow that ships in `workflows/` (e.g. `txt2img`,
 *   the editor's first graph).
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describeRegistry } from '@latentflow/engine'
import { Router } from 'express'
import { ApiError, sendJson } from '../http/api-error.js'
import type { ServerContext } from '../server-context.js'

/** The repository's `workflows/` folder, at the same depth from src/ and dist/. */
export const WORKFLOWS_DIR = fileURLToPath(new URL('../../../../../workflows', import.meta.url))

const WORKFLOW_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/

export function latentflowRoutes(context: ServerContext, workflowsDir: string = WORKFLOWS_DIR): Router {
  const router = Router()
  router.get('/latentflow/nodes', (_req, res) => {
    sendJson(res, 200, describeRegistry(context.registry))
  })
  router.get('/latentflow/workflows/:name', async (req, res) => {
    const name = req.params.name
    if (!WORKFLOW_NAME.test(name)) throw new ApiError(400, 'invalid_request', `Bad workflow name "${name}"`)
    let text: string
    try {
      text = await readFile(path.join(workflowsDir, `${name}.json`), 'utf8')
    } catch {
      throw new ApiError(404, 'not_found', `No shipped workflow "${name}"`)
    }
    res.status(200).type('application/json').send(text)
  })
  return router
}
