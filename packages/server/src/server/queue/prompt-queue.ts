/**
 * The FIFO of prompts over the queue and history tables: enqueue, claim the next, finish (the
 * history entry and the queue row change in one transaction), delete, clear. Listeners hear
 * every change (the server broadcasts ComfyUI's status message); the worker waits for work here.
 */
import { randomUUID } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import type { PromptSubmission } from '../comfy/prompt-request.js'
import { createHistoryRepository, type HistoryRepository, type HistoryRow } from '../db/history-repository.js'
import { createQueueRepository, type QueueRepository, type QueueRow } from '../db/queue-repository.js'
import { ApiError } from '../http/api-error.js'

export interface PromptQueue {
  readonly history: HistoryRepository
  /** Adds a validated prompt; a `prompt_id` already in use is a 400. */
  enqueue(submission: PromptSubmission): { promptId: string; number: number }
  /** Running rows, then pending ones in the order they will run. */
  list(): QueueRow[]
  /** Prompts waiting or running: ComfyUI's `queue_remaining`. */
  remaining(): number
  /** Takes the next pending prompt and marks it running. */
  claim(): QueueRow | undefined
  /** Records the finished prompt in the history and removes it from the queue. */
  finish(promptId: string, entry: HistoryRow): void
  /** Removes pending prompts (running ones are interrupted, not deleted). */
  delete(promptIds: readonly string[]): void
  clear(): void
  /** Puts prompts left running by a crash or a shutdown back at the front. */
  recover(): number
  /** Resolves when there may be work (a prompt was added) or `wake` is called. */
  waitForWork(): Promise<void>
  wake(): void
  /** Calls `listener` after every change of the queue. */
  onChange(listener: () => void): void
}

export function createPromptQueue(db: Database): PromptQueue {
  const queue: QueueRepository = createQueueRepository(db)
  const history = createHistoryRepository(db)
  const listeners: (() => void)[] = []
  let waiting: (() => void) | undefined
  const changed = () => {
    for (const listener of listeners) listener()
  }
  const wake = () => {
    const resolve = waiting
    waiting = undefined
    resolve?.()
  }
  const finish = db.transaction((promptId: string, entry: HistoryRow) => {
    history.insert(entry)
    queue.remove(promptId)
  })

  return {
    history,
    enqueue(submission) {
      const promptId = submission.promptId ?? randomUUID()
      if (queue.get(promptId) || history.has(promptId)) throw new ApiError(400, 'invalid_request', `prompt_id "${promptId}" is already in use`)
      const number = queue.insert({
        promptId,
        ...(submission.number !== undefined ? { number: submission.number } : {}),
        front: submission.front,
        prompt: submission.prompt,
        workflow: submission.workflow,
        clientId: submission.clientId,
        extraData: submission.extraData,
        outputsToExecute: submission.outputsToExecute,
      })
      changed()
      wake()
      return { promptId, number }
    },
    list: () => queue.list(),
    remaining: () => queue.count(),
    claim: () => queue.claimNext(),
    finish(promptId, entry) {
      finish(promptId, entry)
      changed()
    },
    delete(promptIds) {
      if (queue.deletePending(promptIds) > 0) changed()
    },
    clear() {
      if (queue.clearPending() > 0) changed()
    },
    recover: () => queue.requeueRunning(),
    waitForWork: () => new Promise<void>((resolve) => {
      const previous = waiting
      waiting = () => {
        previous?.()
        resolve()
      }
    }),
    wake,
    onChange: (listener) => void listeners.push(listener),
  }
}
