/**
 * ComfyUI's API format (`{"3": {"class_type": "KSampler", "inputs": {"model": ["4", 0]}}}`)
 * -> the native workflow, in the browser: output indexes become output names by the catalog,
 * and the input renames the server applies to API-format prompts (VAEDecode `samples`,
 * VAEEncode `pixels`, checkpoint suffixes) are applied here too. Titles, versions and layout
 * come back from `_meta` (where Latentflow writes them).
 */
import { WORKFLOW_FORMAT_VERSION, type ComfyApiPrompt, type InputValue, type NodeLayout, type Workflow, type WorkflowNode } from '@latentflow/engine'
import type { NodeCatalog } from '../catalog/node-catalog'

const INPUT_RENAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  VAEDecode: { samples: 'latent' },
  VAEEncode: { pixels: 'image' },
}

const CHECKPOINT_SUFFIX = /\.(safetensors|ckpt|pt|pth|bin)$/i

export function comfyApiToWorkflow(prompt: ComfyApiPrompt, catalog: NodeCatalog): Workflow {
  const nodes: Record<string, WorkflowNode> = {}
  const layout: Record<string, NodeLayout> = {}
  for (const [id, node] of Object.entries(prompt)) {
    const renames = INPUT_RENAMES[node.class_type] ?? {}
    const inputs: Record<string, InputValue> = {}
    for (const [rawName, value] of Object.entries(node.inputs ?? {})) {
      const name = renames[rawName] ?? rawName
      if (Array.isArray(value)) {
        const sourceId = String(value[0])
        const sourceType = prompt[sourceId]?.class_type
        const output = sourceType ? catalog.byType.get(sourceType)?.outputs[value[1] as number]?.name : undefined
        inputs[name] = [sourceId, output ?? String(value[1])]
      } else if (node.class_type === 'CheckpointLoaderSimple' && name === 'ckpt_name' && typeof value === 'string') {
        inputs[name] = value.replace(CHECKPOINT_SUFFIX, '')
      } else {
        inputs[name] = value as InputValue
      }
    }
    const meta = node._meta
    nodes[id] = {
      type: node.class_type,
      ...(meta?.latentflow_version !== undefined ? { version: meta.latentflow_version } : {}),
      ...(meta?.title !== undefined && meta.title !== node.class_type && meta.title !== catalog.byType.get(node.class_type)?.title ? { title: meta.title } : {}),
      inputs,
    }
    if (meta?.latentflow_ui) layout[id] = meta.latentflow_ui
  }
  return { version: WORKFLOW_FORMAT_VERSION, nodes, ...(Object.keys(layout).length > 0 ? { ui: { nodes: layout } } : {}) }
}
