/** One validation issue as one line, e.g. `error [out_of_range] node "latent" (EmptyLatent): input "width" must be ...`. */
import type { ValidationIssue } from '@latentflow/engine'

export function formatIssue(issue: ValidationIssue): string {
  return `error [${issue.code}] ${issue.message}`
}
