/**
 * Execution events: one discriminated union, in ComfyUI's WebSocket message shape
 * (`{type, data}` with snake_case fields), used by the executor, the server and the editor
 * alike, so ComfyUI clients understand them unchanged.
 */
import type { PreviewImage, UiOutput } from './node-context.js'

export interface ExecutionStartEvent {
  readonly type: 'execution_start'
  readonly data: { readonly prompt_id: string; readonly timestamp: number }
}

/** The nodes whose outputs came from the cache (they do not run). */
export interface ExecutionCachedEvent {
  readonly type: 'execution_cached'
  readonly data: { readonly prompt_id: string; readonly nodes: readonly string[]; readonly timestamp: number }
}

/** A node starts running (`node: null` marks the end of a prompt, sent by the server). */
export interface ExecutingEvent {
  readonly type: 'executing'
  readonly data: { readonly prompt_id: string; readonly node: string | null; readonly display_node?: string | null }
}

export interface ProgressEvent {
  readonly type: 'progress'
  readonly data: { readonly prompt_id: string; readonly node: string; readonly value: number; readonly max: number }
  /** A live preview; the server sends it as a binary frame, not in the JSON. */
  readonly preview?: PreviewImage
}

/** A node finished; `output` is what it reported for the UI (e.g. saved images), or null. */
export interface ExecutedEvent {
  readonly type: 'executed'
  readonly data: { readonly prompt_id: string; readonly node: string; readonly display_node: string; readonly output: UiOutput | null }
}

export interface ExecutionSuccessEvent {
  readonly type: 'execution_success'
  readonly data: { readonly prompt_id: string; readonly timestamp: number }
}

export interface ExecutionErrorEvent {
  readonly type: 'execution_error'
  readonly data: {
    readonly prompt_id: string
    readonly node_id: string
    readonly node_type: string
    /** The plugin that provides the node, when it is not built in. */
    readonly plugin?: string
    readonly executed: readonly string[]
    readonly exception_message: string
    readonly exception_type: string
    readonly traceback: readonly string[]
    readonly timestamp: number
  }
}

export interface ExecutionInterruptedEvent {
  readonly type: 'execution_interrupted'
  readonly data: {
    readonly prompt_id: string
    readonly node_id: string | null
    readonly node_type: string | null
    readonly executed: readonly string[]
    readonly timestamp: number
  }
}

/** A log line from a node (`ctx.log`). Not a ComfyUI message; ComfyUI clients ignore it. */
export interface NodeLogEvent {
  readonly type: 'node_log'
  readonly data: { readonly prompt_id: string; readonly node: string; readonly message: string }
}

export type ExecutionEvent =
  | ExecutionStartEvent
  | ExecutionCachedEvent
  | ExecutingEvent
  | ProgressEvent
  | ExecutedEvent
  | ExecutionSuccessEvent
  | ExecutionErrorEvent
  | ExecutionInterruptedEvent
  | NodeLogEvent

export type ExecutionEventType = ExecutionEvent['type']

/** Narrows an event by its type. @example if (isEvent(e, 'progress')) e.data.value */
export function isEvent<T extends ExecutionEventType>(event: ExecutionEvent, type: T): event is Extract<ExecutionEvent, { type: T }> {
  return event.type === type
}
