/**
 * GET /system_stats (ComfyUI's shape: the host, Latentflow's version as `comfyui_version`, the
 * device), GET /models and /models/<folder> (model folders as ComfyUI's `checkpoints`), and the
 * empty lists ComfyUI's frontend asks for (/embeddings, /extensions).
 */
import os from 'node:os'
import { Router } from 'express'
import { cudaProviderInstalled, listModelFolders } from '@latentflow/nodes'
import { ApiError, sendJson } from '../http/api-error.js'
import type { ServerContext } from '../server-context.js'

/** ComfyUI's model folder types that Latentflow has. */
export const MODEL_FOLDER_TYPES = ['checkpoints'] as const

export function systemStats(context: ServerContext) {
  const ramTotal = os.totalmem()
  const ramFree = os.freemem()
  const opened = context.backend.models()
  const type = opened.length > 0 ? opened[0]!.provider : cudaProviderInstalled() && process.env.LATENTFLOW_DEVICE !== 'cpu' ? 'cuda' : 'cpu'
  return {
    system: {
      os: process.platform,
      python_version: 'n/a',
      embedded_python: false,
      comfyui_version: context.version,
      latentflow_version: context.version,
      node_version: process.version,
      pytorch_version: 'n/a',
      ram_total: ramTotal,
      ram_free: ramFree,
    },
    devices: [
      {
        name: type === 'cuda' ? 'cuda:0 (ONNX Runtime CUDA)' : 'cpu',
        type,
        index: 0,
        // ComfyUI reports system memory for CPU devices; ONNX Runtime does not report GPU memory.
        vram_total: type === 'cpu' ? ramTotal : 0,
        vram_free: type === 'cpu' ? ramFree : 0,
        torch_vram_total: 0,
        torch_vram_free: 0,
      },
    ],
  }
}

export function systemRoutes(context: ServerContext): Router {
  const router = Router()
  router.get('/system_stats', (_req, res) => sendJson(res, 200, systemStats(context)))
  router.get('/models', (_req, res) => sendJson(res, 200, MODEL_FOLDER_TYPES))
  router.get('/models/:folder', (req, res) => {
    if (req.params.folder !== 'checkpoints') throw new ApiError(404, 'not_found', `Unknown model folder type "${req.params.folder}" (Latentflow has: ${MODEL_FOLDER_TYPES.join(', ')})`)
    sendJson(res, 200, [...listModelFolders(context.modelDirs).keys()])
  })
  router.get('/embeddings', (_req, res) => sendJson(res, 200, []))
  router.get('/extensions', (_req, res) => sendJson(res, 200, []))
  return router
}
