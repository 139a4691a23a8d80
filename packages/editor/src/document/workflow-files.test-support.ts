/** The shipped workflows, read for the editor's tests. */
import { readFileSync } from 'node:fs'
import type { Workflow } from '@latentflow/engine'

export function shippedWorkflow(name: 'txt2img' | 'img2img'): Workflow {
  return JSON.parse(readFileSync(new URL(`../../../../workflows/${name}.json`, import.meta.url), 'utf8')) as Workflow
}
