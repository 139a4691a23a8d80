/**
 * The one worker: takes prompts from the queue in order and runs them through the executor,
 * streaming its events to the prompt's client (or every client), then records the history.
 * A failed or interrupted prompt is recorded and the next one runs; a prompt cut off by a
 * shutdown stays in the queue and runs again, first, after the next start.
 */
import { formatIssues, type ExecutionEvent, type Executor, type RunResult } from '@latentflow/engine'
import type { QueueRow } from '../db/queue-repository.js'
import { stringifyJson } from '../http/lossless-json.js'
import { encodePreviewFrame } from '../ws/preview-frame.js'
import type { WsHub } from '../ws/ws-hub.js'
import type { PromptQueue } from './prompt-queue.js'

export interface PromptWorker {
  /** Starts taking prompts from the queue (once). */
  start(): void
  /** Interrupts the running prompt (only if it is `promptId`, when given). Returns whether one was. */
  interrupt(promptId?: string): boolean
  /** The id of the prompt running now. */
  running(): string | undefined
  /** Stops taking prompts; interrupts the running one, which stays queued. */
  stop(): Promise<void>
}

export interface PromptWorkerOptions {
  readonly queue: PromptQueue
  readonly executor: Executor
  readonly hub: WsHub
  readonly log: (line: string) => void
}

/** The events ComfyUI keeps in a history entry's `status.messages`. */
const RECORDED_EVENTS = new Set(['execution_start', 'execution_cached', 'execution_success', 'execution_error', 'execution_interrupted'])

export function createPromptWorker({ queue, executor, hub, log }: PromptWorkerOptions): PromptWorker {
  let stopping = false
  let current: { row: QueueRow; controller: AbortController } | undefined

  async function runRow(row: QueueRow): Promise<void> {
    const controller = new AbortController()
    current = { row, controller }
    const clientId = row.clientId
    const messages: [string, unknown][] = []
    const emit = (event: ExecutionEvent) => {
      if (event.type === 'progress' && event.preview && hub.hasListeners(clientId)) {
        try {
          hub.sendBinary(encodePreviewFrame(event.preview), clientId)
        } catch (error) {
          log(`latentflow server: cannot send a preview: ${(error as Error).message}`)
        }
      }
      const { preview: _preview, ...wire } = event as ExecutionEvent & { preview?: unknown }
      if (RECORDED_EVENTS.has(event.type)) messages.push([event.type, wire.data])
      hub.send(wire, clientId)
    }

    let result: RunResult
    try {
      result = await executor.run(JSON.parse(row.workflow), { promptId: row.promptId, signal: controller.signal, onEvent: emit })
    } catch (error) {
      result = { promptId: row.promptId, status: 'error', outputs: {}, executed: [], cached: [], issues: [], error: { node: '', nodeType: '', message: (error as Error).message, exceptionType: (error as Error).name ?? 'Error' } }
      emit(errorEvent(row.promptId, '', '', (error as Error).message, (error as Error).name ?? 'Error'))
    }
    current = undefined
    if (stopping && result.status === 'interrupted') return // stays queued, runs first after the next start
    if (result.status === 'invalid') {
      // Valid when queued, no longer now (e.g. a model folder removed before a restart).
      const issue = result.issues[0]
      emit(errorEvent(row.promptId, issue?.node ?? '', issue?.nodeType ?? '', formatIssues(result.issues), 'ValidationError'))
    }
    queue.finish(row.promptId, {
      promptId: row.promptId,
      number: row.number,
      prompt: row.prompt,
      extraData: row.extraData,
      outputsToExecute: row.outputsToExecute,
      outputs: stringifyJson(result.outputs),
      statusStr: result.status === 'success' ? 'success' : 'error',
      completed: result.status === 'success',
      messages: stringifyJson(messages),
      completedAt: Date.now(),
    })
    // After the history is written, so a client that hears it can read the history.
    hub.send({ type: 'executing', data: { node: null, display_node: null, prompt_id: row.promptId } }, clientId)
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      let row: QueueRow | undefined
      try {
        row = queue.claim()
        if (!row) {
          await queue.waitForWork()
          continue
        }
        await runRow(row)
      } catch (error) {
        current = undefined
        log(`latentflow server: the worker failed on prompt ${row?.promptId ?? '?'}: ${(error as Error).stack ?? String(error)}`)
        await new Promise((resolve) => setTimeout(resolve, 1000)) // do not spin on a broken database
      }
    }
  }
  let looping: Promise<void> | undefined

  return {
    interrupt(promptId) {
      if (!current || (promptId !== undefined && current.row.promptId !== promptId)) return false
      current.controller.abort()
      return true
    },
    start() {
      looping ??= loop()
    },
    running: () => current?.row.promptId,
    async stop() {
      stopping = true
      current?.controller.abort()
      queue.wake()
      await looping
    },
  }
}

function errorEvent(promptId: string, node: string, nodeType: string, message: string, type: string): ExecutionEvent {
  return {
    type: 'execution_error',
    data: { prompt_id: promptId, node_id: node, node_type: nodeType, executed: [], exception_message: message, exception_type: type, traceback: [], timestamp: Date.now() },
  }
}
