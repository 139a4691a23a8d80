/**
 * `--json` output: one JSON value per line. Events keep ComfyUI's `{type, data}` shape, less
 * the binary `preview` of progress events; the last line is `{"type":"result", ...}`.
 */
import type { ExecutionEvent, RunResult, ValidationIssue } from '@latentflow/engine'
import type { TextSink } from './command-environment.js'

/** The last line of `latentflow run --json`. */
export interface RunResultLine {
  readonly type: 'result'
  readonly status: RunResult['status']
  readonly prompt_id: string | null
  /** What output nodes reported, by node id. */
  readonly outputs: RunResult['outputs']
  readonly executed: readonly string[]
  readonly cached: readonly string[]
  /** Absolute paths of the files the run wrote. */
  readonly files: readonly string[]
  /** Why the workflow did not run (status `invalid`). */
  readonly issues: readonly ValidationIssue[]
  /** The node that failed (status `error`). */
  readonly error?: { readonly node: string; readonly node_type: string; readonly message: string; readonly exception_type: string }
}

export function writeJsonLine(sink: TextSink, value: unknown): void {
  sink.write(`${JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item))}\n`)
}

/** The event as sent on the wire: progress previews are binary and stay out. */
export function eventForJson(event: ExecutionEvent): ExecutionEvent {
  if (event.type !== 'progress' || event.preview === undefined) return event
  const { preview: _preview, ...rest } = event
  return rest
}

export function resultLine(result: RunResult, files: readonly string[]): RunResultLine {
  return {
    type: 'result',
    status: result.status,
    prompt_id: result.promptId,
    outputs: result.outputs,
    executed: result.executed,
    cached: result.cached,
    files,
    issues: result.issues,
    ...(result.error
      ? { error: { node: result.error.node, node_type: result.error.nodeType, message: result.error.message, exception_type: result.error.exceptionType } }
      : {}),
  }
}

/** The result line of a workflow that did not get to run. */
export function invalidResultLine(issues: readonly ValidationIssue[]): RunResultLine {
  return { type: 'result', status: 'invalid', prompt_id: null, outputs: {}, executed: [], cached: [], files: [], issues }
}
