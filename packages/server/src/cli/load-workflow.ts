/**
 * Workflow text (native or ComfyUI API format) plus `--set` overrides -> a validated workflow,
 * or every issue found on the way.
 */
import { applyOverrides, isComfyApiPrompt, readWorkflow, validateWorkflow, type NodeRegistry, type Override, type ValidationIssue, type Workflow, type WorkflowFormat } from '@latentflow/engine'
import { adaptComfyPrompt } from '@latentflow/nodes'

export type LoadWorkflowResult =
  | { readonly ok: true; readonly workflow: Workflow; readonly format: WorkflowFormat }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] }

export function loadWorkflow(text: string, overrides: readonly Override[], registry: NodeRegistry): LoadWorkflowResult {
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // readWorkflow reports the JSON error
  }
  // ComfyUI's input names (VAEDecode `samples`, checkpoint file suffixes...) map onto ours.
  const read = readWorkflow(isComfyApiPrompt(parsed) ? adaptComfyPrompt(parsed) : parsed, registry)
  if (!read.workflow) return { ok: false, issues: read.issues }
  const overridden = applyOverrides(read.workflow, overrides, registry)
  const validation = validateWorkflow(overridden.workflow, registry)
  // Reading already reported some problems (e.g. ComfyUI links to missing outputs) that
  // validation finds again: keep the first report of each.
  const seen = new Set([...read.issues, ...overridden.issues].map(issueKey))
  const issues = [...read.issues, ...overridden.issues, ...validation.issues.filter((issue) => !seen.has(issueKey(issue)))]
  if (!validation.ok || issues.length > 0) return { ok: false, issues }
  return { ok: true, workflow: validation.workflow, format: read.format ?? validation.format }
}

function issueKey(issue: ValidationIssue): string {
  return JSON.stringify([issue.code, issue.node, issue.input ?? null])
}
