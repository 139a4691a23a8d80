/**
 * A dropped or opened file -> a workflow: workflow JSON (native or ComfyUI's API format), or a
 * PNG made by Latentflow or ComfyUI (its `workflow` tEXt chunk in the native format, else its
 * `prompt` chunk in ComfyUI's API format).
 */
import { isComfyApiPrompt, type Workflow } from '@latentflow/engine'
import type { NodeCatalog } from '../catalog/node-catalog'
import { isPng, pngTextChunks } from '../png/png-text-chunks'
import { comfyApiToWorkflow } from './comfy-api-import'

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A parsed JSON value as a native workflow; throws with a readable message otherwise. */
export function workflowFromJson(value: unknown, catalog: NodeCatalog): Workflow {
  if (isObject(value) && typeof value.version === 'number' && isObject(value.nodes)) return value as unknown as Workflow
  if (isComfyApiPrompt(value)) return comfyApiToWorkflow(value, catalog)
  if (isObject(value) && Array.isArray(value.nodes) && Array.isArray(value.links)) {
    throw new Error("This is ComfyUI's editor format; in ComfyUI use Workflow > Export (API), then open that file")
  }
  throw new Error('Not a workflow: expected Latentflow JSON (version, nodes) or ComfyUI API JSON')
}

/** The workflow inside file bytes (PNG or JSON). */
export function workflowFromBytes(bytes: Uint8Array, catalog: NodeCatalog): Workflow {
  if (isPng(bytes)) {
    const text = pngTextChunks(bytes)
    const errors: string[] = []
    for (const key of ['workflow', 'prompt']) {
      const chunk = text[key]
      if (chunk === undefined) continue
      try {
        return workflowFromJson(JSON.parse(chunk), catalog)
      } catch (error) {
        errors.push(`${key}: ${(error as Error).message}`)
      }
    }
    throw new Error(errors.length > 0 ? `The PNG's workflow cannot be read (${errors.join('; ')})` : 'This PNG carries no workflow')
  }
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder().decode(bytes))
  } catch {
    throw new Error('The file is neither a PNG nor JSON')
  }
  return workflowFromJson(value, catalog)
}

/** Reads a `File` (drop or file picker). */
export async function readWorkflowFile(file: Blob, catalog: NodeCatalog): Promise<Workflow> {
  return workflowFromBytes(new Uint8Array(await file.arrayBuffer()), catalog)
}
