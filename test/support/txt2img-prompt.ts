/** The shipped txt2img workflow as plain JSON, with inputs changed the way `latentflow run --set` does. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { REPO_ROOT } from '../repo-paths.js'

export interface WorkflowJson {
  version: number
  nodes: Record<string, { type: string; inputs: Record<string, unknown> }>
}

const shipped = JSON.parse(readFileSync(path.join(REPO_ROOT, 'workflows', 'txt2img.json'), 'utf8')) as WorkflowJson

/**
 * txt2img with `node.input` keys set; 4 steps and a random seed unless given.
 *
 * @example txt2img({ 'scheduler.steps': 300, 'model.model': 'broken' })
 */
export function txt2img(set: Record<string, unknown> = {}): WorkflowJson {
  const workflow = structuredClone(shipped)
  const defaults = { 'scheduler.steps': 4, 'sampler.seed': Math.floor(Math.random() * 1e9) }
  for (const [key, value] of Object.entries({ ...defaults, ...set })) {
    const [node, input] = key.split('.') as [string, string]
    const target = workflow.nodes[node]
    if (!target) throw new Error(`txt2img has no node "${node}"`)
    target.inputs[input] = value
  }
  return workflow
}
