/**
 * Workflow text (native or ComfyUI API format) plus `--set` overrides -> a validated workflow,
 * or every issue found on the way.
 */
import { applyOverrides, readWorkflow, validateWorkflow, type NodeRegistry, type Override, type ValidationIssue, type Workflow, type WorkflowFormat } from '@latentflow/engine'

export type LoadWorkflowResult =
  | { readonly ok: true; readonly workflow: Workflow; readonly format: WorkflowFormat }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] }

export function loadWorkflow(text: string, overrides: readonly Override[], registry: NodeRegistry): LoadWorkflowResult {
  const read = readWorkflow(text, registry)
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
