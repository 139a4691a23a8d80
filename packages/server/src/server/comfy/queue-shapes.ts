/** Queue rows and history rows in ComfyUI's JSON shapes (stored JSON read back losslessly). */
import type { HistoryRow } from '../db/history-repository.js'
import type { QueueRow } from '../db/queue-repository.js'
import { parseJson } from '../http/lossless-json.js'

/** `[number, prompt_id, prompt, extra_data, outputs_to_execute]`, as in ComfyUI's /queue and /history. */
export type ComfyQueueItem = readonly [number, string, unknown, unknown, unknown]

export interface ComfyHistoryEntry {
  readonly prompt: ComfyQueueItem
  readonly outputs: unknown
  readonly status: { readonly status_str: 'success' | 'error'; readonly completed: boolean; readonly messages: unknown }
  readonly meta: Record<string, unknown>
}

export function queueItem(row: QueueRow): ComfyQueueItem {
  return [row.number, row.promptId, parseJson(row.prompt), parseJson(row.extraData), parseJson(row.outputsToExecute)]
}

export function historyEntry(row: HistoryRow): ComfyHistoryEntry {
  const outputs = parseJson(row.outputs) as Record<string, unknown>
  // ComfyUI's meta: which node each output came from.
  const meta = Object.fromEntries(Object.keys(outputs).map((id) => [id, { node_id: id, display_node: id }]))
  return {
    prompt: [row.number, row.promptId, parseJson(row.prompt), parseJson(row.extraData), parseJson(row.outputsToExecute)],
    outputs,
    status: { status_str: row.statusStr, completed: row.completed, messages: parseJson(row.messages) },
    meta,
  }
}

/** ComfyUI's status message; `sid` only in the one a client gets on connecting. */
export function statusMessage(queueRemaining: number, sid?: string) {
  return { type: 'status', data: { status: { exec_info: { queue_remaining: queueRemaining } }, ...(sid !== undefined ? { sid } : {}) } }
}
