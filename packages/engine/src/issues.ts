/** Structured validation issues: every problem at once, each naming its node and input. */

export const ISSUE_CODES = [
  /** The text is not JSON. */
  'invalid_json',
  /** The JSON is not a workflow (wrong shape, bad node entry, bad id). */
  'invalid_shape',
  /** A format version this release cannot read. */
  'unsupported_version',
  /** No node of this type is registered. */
  'unknown_node_type',
  /** The node was saved with another definition version and no migration applies. */
  'node_version_mismatch',
  /** A required input has no value or link. */
  'missing_input',
  /** An input the node does not declare. */
  'unknown_input',
  /** A link names a node that is not in the workflow. */
  'missing_node',
  /** A link names an output the source node does not have. */
  'missing_output',
  /** A link joins sockets of different types. */
  'socket_type_mismatch',
  /** A literal of the wrong kind (text for a number, a literal for a socket...). */
  'invalid_value',
  /** A number outside its min/max, not a multiple of its step, or text too long. */
  'out_of_range',
  /** A combo value that is not among the options. */
  'value_not_in_options',
  /** The node is part of a cycle. */
  'cycle',
  /** The workflow has no output node, so nothing would run. */
  'no_output_node',
] as const

export type IssueCode = (typeof ISSUE_CODES)[number]

export interface ValidationIssue {
  readonly code: IssueCode
  /** The node id, or null for workflow-level problems. */
  readonly node: string | null
  /** The node's type, when known. */
  readonly nodeType?: string
  readonly input?: string
  /** What was expected (a socket type, a range, the options). */
  readonly expected?: unknown
  /** What was found. */
  readonly received?: unknown
  /** A sentence naming the node and the input. */
  readonly message: string
}

/** Thrown by APIs that need a valid workflow (e.g. the ComfyUI converter) when given a bad one. */
export class WorkflowValidationError extends Error {
  readonly issues: readonly ValidationIssue[]
  constructor(issues: readonly ValidationIssue[]) {
    super(formatIssues(issues))
    this.name = 'WorkflowValidationError'
    this.issues = issues
  }
}

/** One line per issue, for logs and the CLI. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `[${issue.code}] ${issue.message}`).join('\n')
}

/** `node "id" (Type)` or `node "id"`, for messages. */
export function describeNode(id: string, type?: string): string {
  return type ? `node "${id}" (${type})` : `node "${id}"`
}
