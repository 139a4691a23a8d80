/**
 * What the canvas shows about runs: the running node and its progress, the live preview,
 * each output node's images, and errors per node and input. A pure reducer over the
 * server's WebSocket events (the engine's `ExecutionEvent` union) and the editor's own actions.
 */
import type { ExecutionEvent } from '@latentflow/engine'
import type { ImageRef, PromptErrorBody } from '../server/server-api'

export interface NodeError {
  /** The input the error is about, when it is about one. */
  readonly input?: string
  readonly message: string
}

export interface RunState {
  /** The prompt whose events are shown. */
  readonly promptId: string | null
  readonly runningNode: string | null
  readonly progress: { readonly node: string; readonly value: number; readonly max: number } | null
  /** A blob URL of the latest preview frame. */
  readonly preview: string | null
  readonly outputs: Readonly<Record<string, readonly ImageRef[]>>
  readonly errors: Readonly<Record<string, readonly NodeError[]>>
  /** A problem not tied to a node (e.g. no output node, server unreachable). */
  readonly message: string | null
  readonly queueRemaining: number
  /** Whether the WebSocket to the server is open. */
  readonly connected: boolean
  /** Bumped when the queue or the history may have changed (the history panel refetches). */
  readonly queueRevision: number
}

export const INITIAL_RUN_STATE: RunState = { promptId: null, runningNode: null, progress: null, preview: null, outputs: {}, errors: {}, message: null, queueRemaining: 0, connected: false, queueRevision: 0 }

export type RunAction =
  | ExecutionEvent
  | { readonly type: 'status'; readonly data: { readonly status?: { readonly exec_info?: { readonly queue_remaining?: number } } } }
  | { readonly type: 'preview'; readonly url: string }
  | { readonly type: 'queued'; readonly promptId: string }
  | { readonly type: 'rejected'; readonly body: PromptErrorBody }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'dismiss' }
  | { readonly type: 'socket'; readonly connected: boolean }

/** Node errors from POST /prompt's 400 body (the server's sentence, with the input named). */
export function nodeErrorsFromBody(body: PromptErrorBody): Record<string, NodeError[]> {
  const errors: Record<string, NodeError[]> = {}
  for (const [node, entry] of Object.entries(body.node_errors ?? {})) {
    errors[node] = entry.errors.map((error) => ({
      ...(error.extra_info?.input_name ? { input: error.extra_info.input_name } : {}),
      message: error.details || error.message,
    }))
  }
  return errors
}

const QUEUE_EVENTS: ReadonlySet<string> = new Set(['status', 'queued', 'execution_start', 'execution_success', 'execution_error', 'execution_interrupted'])

export function runReducer(state: RunState, action: RunAction): RunState {
  const next = reduce(state, action)
  const finished = action.type === 'executing' && action.data.node === null
  return QUEUE_EVENTS.has(action.type) || finished ? { ...next, queueRevision: state.queueRevision + 1 } : next
}

function reduce(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'status':
      return { ...state, queueRemaining: action.data.status?.exec_info?.queue_remaining ?? state.queueRemaining }
    case 'queued':
      return { ...state, errors: {}, message: null }
    case 'rejected': {
      const errors = nodeErrorsFromBody(action.body)
      const message = Object.keys(errors).length > 0 ? null : (action.body.error?.details || action.body.error?.message || 'The server refused the workflow')
      return { ...state, errors, message }
    }
    case 'failed':
      return { ...state, message: action.message }
    case 'socket':
      return { ...state, connected: action.connected }
    case 'dismiss':
      return { ...state, message: null }
    case 'preview':
      return { ...state, preview: action.url }
    case 'execution_start':
      return { ...state, promptId: action.data.prompt_id, runningNode: null, progress: null, preview: null, errors: {}, message: null }
    case 'executing':
      if (action.data.node === null) return { ...state, runningNode: null, progress: null, preview: null }
      return { ...state, promptId: action.data.prompt_id, runningNode: action.data.node, progress: null }
    case 'progress':
      return { ...state, runningNode: action.data.node, progress: { node: action.data.node, value: action.data.value, max: action.data.max } }
    case 'executed': {
      const images = (action.data.output as { images?: ImageRef[] } | null)?.images
      if (!images) return state
      return { ...state, outputs: { ...state.outputs, [action.data.display_node ?? action.data.node]: images } }
    }
    case 'execution_error':
      return {
        ...state,
        runningNode: null,
        progress: null,
        preview: null,
        errors: { ...state.errors, [action.data.node_id]: [{ message: action.data.exception_message }] },
      }
    case 'execution_interrupted':
      return { ...state, runningNode: null, progress: null, preview: null, message: 'Interrupted' }
    case 'execution_success':
      return { ...state, runningNode: null, progress: null, preview: null }
    default:
      return state
  }
}
